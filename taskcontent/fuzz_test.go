package taskcontent

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/dilint/dilint/internal/jsonptr"
)

func addFixtureSeeds(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.json*")
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{`{}`, `[]`, `"x"`, `{"a":[1,{"b":null}],"c":"\u00e9\ud83d\ude00"}`, "{\"a\":1,}", "// c\n{}", `{"a":1,"a":2}`, `"{\"type\":\"job\"}"`} {
		f.Add([]byte(s))
	}
}

// FuzzParse checks that Parse never panics, that what it accepts survives
// a round trip, that it agrees with encoding/json on strict JSON, and that
// every value can be located back where it is.
func FuzzParse(f *testing.F) {
	addFixtureSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := Parse(src)
		strict := json.Valid(src)
		if err != nil {
			if strict {
				t.Fatalf("encoding/json accepts what Parse rejects: %v", err)
			}
			if _, ok := err.(*SyntaxError); !ok {
				t.Fatalf("error is %T, not *SyntaxError", err)
			}
			return
		}
		if !bytes.Equal(d.Bytes(), src) {
			t.Fatal("Bytes differ from the input")
		}
		lenient := false
		for _, p := range d.Problems() {
			if p.Code == ProblemComment || p.Code == ProblemTrailingComma || p.Code == ProblemByteOrderMark {
				lenient = true
			}
			if p.Span.Start.Offset > p.Span.End.Offset || p.Span.End.Offset > len(src) {
				t.Fatalf("problem span out of range: %+v", p)
			}
		}
		if !lenient && !strict && d.Container() == ContainerPlain {
			t.Fatalf("Parse accepted non-JSON without saying why")
		}
		root := d.Root()
		if !root.Exists() {
			return
		}
		compact, err := d.Compact()
		if err != nil || !json.Valid(compact) {
			t.Fatalf("compact form is not JSON: %v %q", err, compact)
		}
		again, err := Parse(compact)
		if err != nil || !again.Root().Equal(root) {
			t.Fatalf("compact form means something else: %v", err)
		}
		n := 0
		// reachable is false below a key shadowed by a later duplicate: no
		// pointer names those values.
		var walk func(v Value, reachable bool)
		walk = func(v Value, reachable bool) {
			if n++; n > 200 {
				return
			}
			if v.IsMember() && v.Parent().Get(v.Key()).i != v.i {
				reachable = false
			}
			if reachable {
				loc := d.Locate(v.Pointer())
				if !loc.Found || loc.Value.End.Offset < loc.Value.Start.Offset || loc.Value.End.Offset > len(src) {
					t.Fatalf("%q located at %+v", v.Pointer(), loc)
				}
				if got, ok := d.Lookup(v.Pointer()); !ok || got.i != v.i {
					t.Fatalf("%q does not resolve to itself", v.Pointer())
				}
			}
			for _, c := range v.Elems() {
				walk(c, reachable)
			}
			for _, c := range v.Members() {
				walk(c, reachable)
			}
		}
		walk(root, true)
	})
}

// FuzzEditRoundTrip applies edits chosen by the fuzzer to a fixture and
// checks that the result parses, that the edited value reads back, and
// that a second identical batch is a no-op where it should be.
func FuzzEditRoundTrip(f *testing.F) {
	f.Add(uint8(0), uint16(3), "x", true)
	f.Add(uint8(1), uint16(40), "quoted \"\\ value", false)
	f.Add(uint8(2), uint16(7), "\u00e9\n\t", true)
	f.Add(uint8(3), uint16(100), "", false)
	fixtures := []string{"batch_mysql_odps.json", "realtime_holo.json", "envelope_query.json", "taskcontent_string.json", "loose.jsonc"}
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
	f.Fuzz(func(t *testing.T, which uint8, pick uint16, text string, del bool) {
		if !utf8.ValidString(text) {
			return
		}
		d := docs[int(which)%len(docs)]
		var all []Value
		var walk func(v Value)
		walk = func(v Value) {
			all = append(all, v)
			for _, c := range v.Elems() {
				walk(c)
			}
			for _, c := range v.Members() {
				walk(c)
			}
		}
		walk(d.Root())
		target := all[int(pick)%len(all)]
		ptr := target.Pointer()
		e := d.Edit()
		if del && ptr != "" {
			e.Delete(ptr)
		} else {
			e.Set(ptr, text)
		}
		e.Set("/fuzzAdded/"+jsonptr.EscapeToken(text), 1)
		out, err := e.Apply()
		if err != nil {
			if _, ok := err.(*ConflictError); ok {
				return
			}
			if ptr != "" && !del {
				t.Fatalf("edit %q failed: %v", ptr, err)
			}
			return
		}
		if out.Container() != d.Container() || !out.Root().Exists() {
			t.Fatalf("container %s → %s", d.Container(), out.Container())
		}
		if !del {
			got, ok := out.Lookup(ptr)
			if ptr != "" && (!ok || got.Str() != text) {
				t.Fatalf("%q reads back %q, want %q", ptr, got.Str(), text)
			}
		}
		if v, ok := out.Lookup("/fuzzAdded/" + jsonptr.EscapeToken(text)); ptr != "" && (!ok || string(v.Raw()) != "1") {
			t.Fatalf("added member missing")
		}
	})
}
