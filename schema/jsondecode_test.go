package schema

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// decodeSame requires decodeBytes to give what decodeJSON gives: the same
// value, or an error exactly when decodeJSON fails.
func decodeSame(t *testing.T, label string, data []byte) {
	t.Helper()
	got, err := decodeBytes(data)
	want, werr := decodeJSON(bytes.NewReader(data))
	if (err != nil) != (werr != nil) {
		t.Fatalf("%s: decodeBytes error %v, decodeJSON error %v", label, err, werr)
	}
	if err != nil {
		if err.Error() != werr.Error() {
			t.Errorf("%s: error %q, want %q", label, err, werr)
		}
		return
	}
	if !reflect.DeepEqual(want, got) {
		t.Errorf("%s: decodeBytes gives %#v, encoding/json %#v", label, got, want)
	}
}

// TestDecodeBytesMatchesJSON decodes every embedded schema, the
// configuration schema and the JSON fixtures both ways.
func TestDecodeBytesMatchesJSON(t *testing.T) {
	n := 0
	err := fs.WalkDir(files, "schemas", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := files.ReadFile(path)
		if err != nil {
			return err
		}
		decodeSame(t, path, data)
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"testdata", "../testdata", "../taskcontent/testdata", "../lint"} {
		_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			decodeSame(t, path, data)
			n++
			return nil
		})
	}
	if n < 100 {
		t.Errorf("only %d files decoded", n)
	}
}

func TestDecodeBytesEdgeCases(t *testing.T) {
	for _, s := range []string{
		``, ` `, `{}`, `[]`, ` {"a" : [1, -0, 0.5, -1.5e+3, 2E-2, true, false, null, "x"] } `,
		`{"a":1,"a":2}`, `"\u00e9\ud83d\ude00\n\"\\\/"`, `"é"`, "\"\xff\"", "\"a\tb\"", `"\x"`,
		`01`, `-`, `1.`, `1e`, `.5`, `+1`, `[1,]`, `{"a":1,}`, `{"a"}`, `{1:2}`, `[1 2]`, `truex`, `nul`,
		`{} {}`, `[`, `{"a":`, `"abc`, strings.Repeat("[", 1200) + strings.Repeat("]", 1200),
	} {
		decodeSame(t, s, []byte(s))
	}
}

func FuzzDecodeBytes(f *testing.F) {
	for _, s := range []string{`{"a":[1,2.5e3,"x\u0041",true,null]}`, `[]`, `"é"`, `-0.0e-0`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		decodeSame(t, "input", data)
	})
}

// BenchmarkDecodeSchemas decodes all embedded schema files (~150 KB), as
// every run does once, with encoding/json and with decodeBytes.
func BenchmarkDecodeSchemas(b *testing.B) {
	var all [][]byte
	_ = fs.WalkDir(files, "schemas", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := files.ReadFile(path)
			all = append(all, data)
		}
		return err
	})
	for _, dec := range []struct {
		name   string
		decode func([]byte) (any, error)
	}{
		{"encoding-json", func(data []byte) (any, error) { return decodeJSON(bytes.NewReader(data)) }},
		{"bytes", decodeBytes},
	} {
		b.Run(dec.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, data := range all {
					if _, err := dec.decode(data); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
