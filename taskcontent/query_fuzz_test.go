package taskcontent

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/tidwall/sjson"
)

// FuzzSetPaths checks that SetPaths never panics, that every result parses
// with its content intact (an envelope stays an envelope), and that the
// content is exactly what sjson makes of the original content: the
// byte-minimal regions lose nothing. Query on the result finds what was
// set.
func FuzzSetPaths(f *testing.F) {
	f.Add(uint8(0), "setting.speed.concurrent", "8", "steps.0.name", `"r"`)
	f.Add(uint8(2), "steps.1.parameter.truncate", "false", "steps.-1", `{"a":"中文\"x"}`)
	f.Add(uint8(3), "extend.resourceGroup", `"S_res_group_1"`, "order.hops.0.from", `"\u00e9"`)
	fixtures := []string{"batch_mysql_odps.json", "realtime_holo.json", "envelope_query.json", "taskcontent_string.json"}
	docs := make([]*Document, len(fixtures))
	for i, name := range fixtures {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		if docs[i], err = ParseFile(name, b); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, path1, value1, path2, value2 string) {
		if !utf8.ValidString(value1) || !utf8.ValidString(value2) {
			return
		}
		d := docs[int(which)%len(docs)]
		edits := []PathEdit{{Path: path1, Raw: []byte(value1)}, {Path: path2, Raw: []byte(value2)}}
		out, err := d.SetPaths(edits...)
		if err != nil {
			return
		}
		if out.Container() != d.Container() {
			t.Fatalf("container %v became %v", d.Container(), out.Container())
		}
		want := d.Content()
		for _, e := range edits {
			if want, err = sjson.SetRawBytes(want, e.Path, e.Raw); err != nil {
				t.Fatalf("SetPaths succeeded where sjson fails: %v", err)
			}
		}
		if !bytes.Equal(out.Content(), want) {
			t.Fatalf("content\n got %s\nwant %s", out.Content(), want)
		}
		if _, err := out.Query(path2); err != nil && CheckPath(path2) == nil {
			t.Fatalf("Query(%q): %v", path2, err)
		}
	})
}

// FuzzQuery checks that CheckPath and Query never panic on any path and
// that every match tied to a value is that value's bytes.
func FuzzQuery(f *testing.F) {
	for _, p := range []string{`steps.#(category=="writer")#.parameter`, "steps.#.parameter.column.#", "@this", "[a,b]", `steps.#(name%"R*")`, "steps.@reverse|0", `\`, "{a:b}"} {
		f.Add(uint8(0), p)
	}
	var docs []*Document
	for _, name := range []string{"batch_mysql_odps.json", "envelope_query.json", "loose.jsonc", "taskparam_create.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		d, err := ParseFile(name, b)
		if err != nil {
			f.Fatal(err)
		}
		docs = append(docs, d)
	}
	f.Fuzz(func(t *testing.T, which uint8, path string) {
		d := docs[int(which)%len(docs)]
		ms, err := d.Query(path)
		if err != nil {
			return
		}
		for _, m := range ms {
			if m.Value.Exists() && !bytes.Equal(m.Value.Raw(), m.Raw) {
				t.Fatalf("match %s is tied to %s", m.Raw, m.Value.Raw())
			}
		}
	})
}
