package taskcontent

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dilint/dilint/internal/corpus"
	"github.com/dilint/dilint/schema"
)

// compareVerdicts checks that schema.Valid and schema.ValidateNode over the
// parsed tree agree with schema.Validate over the decoded content (which
// the schema package compares with jsonschema v6), for the named schema:
// the same verdict and exactly the same violations. It reports whether
// the content is valid.
func compareVerdicts(t testing.TB, label string, d *Document, name schema.Name) bool {
	t.Helper()
	fast, err := schema.Valid(name, newSchemaNode(d.Root()))
	if err != nil {
		t.Fatalf("%s: Valid: %v", label, err)
	}
	vs, err := schema.Validate(name, d.Root().Interface())
	if err != nil {
		t.Fatalf("%s: Validate: %v", label, err)
	}
	if slow := len(vs) == 0; fast != slow {
		t.Errorf("%s as %s: Valid %v, Validate %v %v", label, name, fast, slow, vs)
	}
	got, err := schema.ValidateNode(name, newSchemaNode(d.Root()))
	if err != nil {
		t.Fatalf("%s: ValidateNode: %v", label, err)
	}
	if diff := cmp.Diff(vs, got); diff != "" {
		t.Errorf("%s as %s: ValidateNode differs from Validate (-decoded +tree):\n%s", label, name, diff)
	}
	return fast
}

// equivalenceDocs parses every fixture of the repository that has content
// and generated solutions and batch jobs.
func equivalenceDocs(t testing.TB) map[string]*Document {
	t.Helper()
	docs := make(map[string]*Document)
	for _, dir := range []string{"testdata", "../testdata", "../schema/testdata", "../lint/testdata"} {
		err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() || strings.Contains(path, "/fuzz/") || strings.HasSuffix(path, "expect.json") {
				return err
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if d, err := ParseFile(path, src); err == nil && d.Root().Exists() {
				docs[path] = d
			}
			return nil
		})
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	for seed := range uint64(4) {
		for _, tables := range []int{1, 3, 40} {
			src := corpus.Solution(corpus.Options{Tables: tables, Columns: 1 + int(seed), Seed: seed, Indent: seed%2 == 1})
			docs[fmt.Sprintf("solution seed %d tables %d", seed, tables)] = parseOrFail(t, src)
		}
	}
	for i := range 48 {
		docs[fmt.Sprintf("batch %d", i)] = parseOrFail(t, corpus.Batch(i, i%3 == 0))
	}
	return docs
}

func parseOrFail(t testing.TB, src []byte) *Document {
	t.Helper()
	d, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestFastMatchesV6 compares the verdicts on every fixture and generated
// document, against every schema (not only the one for the kind), so that
// both the passing and the failing branches are exercised.
func TestFastMatchesV6(t *testing.T) {
	docs := equivalenceDocs(t)
	counts := make(map[bool]int)
	for label, d := range docs {
		for _, name := range schema.Names() {
			counts[compareVerdicts(t, label, d, name)]++
		}
	}
	t.Logf("%d documents: %d valid and %d invalid verdicts", len(docs), counts[true], counts[false])
	if len(docs) < 150 || counts[true] < 60 || counts[false] < 60 {
		t.Errorf("too few documents or verdicts of one kind: %d documents, %v", len(docs), counts)
	}
}

// TestFastMatchesV6Edits sets each value of some valid documents to values
// of other types and spellings, deletes it, and compares the verdicts of
// every result.
func TestFastMatchesV6Edits(t *testing.T) {
	if testing.Short() {
		t.Skip("thousands of edits")
	}
	replacements := []string{`"x"`, `""`, `" a"`, `"2.0"`, `"0"`, `"33"`, `0`, `1`, `1.0`, `1e2`, `-1`, `33`, `0.5`, `1.5e1`, `true`, `false`, `null`, `{}`, `[]`, `[{}]`, `{"x":1}`, `"reader"`, `"writer"`, `"migration_holo"`}
	fixtures := []string{"testdata/batch_mysql_odps.json", "testdata/realtime_holo.json", "testdata/taskparam_create.json", "testdata/taskparam_realtime.json", "testdata/taskparam_update.json", "testdata/envelope_query.json"}
	for _, f := range fixtures {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d := parseOrFail(t, src)
		name, ok := d.SchemaName()
		if !ok {
			t.Fatalf("%s has no schema", f)
		}
		var ptrs []string
		var walk func(v Value)
		walk = func(v Value) {
			ptrs = append(ptrs, v.Pointer())
			for _, c := range v.Elems() {
				walk(c)
			}
			for _, c := range v.Members() {
				walk(c)
			}
		}
		walk(d.Root())
		edits, valid := 0, 0
		for _, ptr := range ptrs {
			var outs []*Document
			for _, raw := range replacements {
				if out, err := d.Edit().SetRaw(ptr, []byte(raw)).Apply(); err == nil {
					outs = append(outs, out)
				}
			}
			if ptr != "" {
				if out, err := d.Edit().Delete(ptr).Apply(); err == nil {
					outs = append(outs, out)
				}
			}
			for _, out := range outs {
				edits++
				if compareVerdicts(t, f+" edited at "+ptr, out, name) {
					valid++
				}
			}
		}
		t.Logf("%s: %d edits, %d still valid", f, edits, valid)
	}
}

// TestFastDuplicateKeys: decoders keep the last of duplicate keys, and so
// must the fast path.
func TestFastDuplicateKeys(t *testing.T) {
	base := `{"type":"job","steps":[{"stepType":"stream","name":"r","category":"reader","parameter":{}},{"stepType":"stream","name":"w","category":"writer","parameter":{}}],%s}`
	for _, tc := range []struct {
		members string
		valid   bool
	}{
		{`"version":"2.0","setting":{"speed":{"concurrent":0,"concurrent":2}}`, true},
		{`"version":"2.0","setting":{"speed":{"concurrent":2,"concurrent":0}}`, false},
		{`"version":"2.0","setting":{"speed":{"concurrent":"x","concurrent":0,"concurrent":3}}`, true},
		{`"version":"2.0","transform":1,"transform":false`, true},
		{`"version":"2.0","transform":false,"transform":1`, false},
		{`"version":"1.0","version":"2.0"`, true},
		{`"version":"2.0","order":{"hops":[{"from":"r","to":"w","from":"r"}]}`, true},
		{`"version":"2.0","order":{"hops":[{"from":1,"to":"w","from":"r"}]}`, true},
		{`"version":"2.0","order":{"hops":[{"from":"r","to":"w","from":1}]}`, false},
	} {
		src := fmt.Sprintf(base, tc.members)
		d := parseOrFail(t, []byte(src))
		if got := compareVerdicts(t, src, d, schema.Job); got != tc.valid {
			t.Errorf("%s: valid %v, want %v", src, got, tc.valid)
		}
	}
}

// TestFastDuplicateDiscriminators: the plugin of a step is chosen by the
// last of duplicate stepType and category keys, escaped or not, as decoders
// keep them.
func TestFastDuplicateDiscriminators(t *testing.T) {
	base := `{"type":"job","version":"2.0","steps":[{%s,"name":"r","parameter":{}},{"stepType":"stream","name":"w","category":"writer","parameter":{}}]}`
	for _, tc := range []struct {
		members string
		valid   bool
	}{
		{`"stepType":"stream","category":"reader"`, true},
		{`"stepType":"mysql","category":"reader"`, false},
		{`"stepType":"mysql","stepType":"stream","category":"reader"`, true},
		{`"stepType":"stream","stepType":"mysql","category":"reader"`, false},
		{`"stepType":"stream","step\u0054ype":"mysql","category":"reader"`, false},
		{`"step\u0054ype":"mysql","stepType":"stream","category":"reader"`, true},
		{`"stepType":"mysql","category":"reader","category":"writer"`, false},
		{`"stepType":"stream","category":"writer","category":"reader"`, true},
		{`"stepType":"mysql","category":"processor","category":"reader"`, false},
		{`"stepType":"mysql","category":"processor","c\u0061tegory":"reader"`, false},
		{`"stepType":"stream","stepType":1,"category":"reader"`, false},
		{`"stepType":1,"stepType":"stream","category":"reader"`, true},
	} {
		src := fmt.Sprintf(base, tc.members)
		d := parseOrFail(t, []byte(src))
		if got := compareVerdicts(t, src, d, schema.Job); got != tc.valid {
			t.Errorf("%s: valid %v, want %v", src, got, tc.valid)
		}
	}
}

// TestValidateFallsBack: Document.Validate returns exactly the violations
// of schema.Validate over the decoded content, each located in the file.
func TestValidateFallsBack(t *testing.T) {
	for label, d := range equivalenceDocs(t) {
		name, ok := d.SchemaName()
		if !ok {
			continue
		}
		got, err := d.Validate()
		want, werr := schema.Validate(name, d.Root().Interface())
		if err != nil || werr != nil {
			t.Fatalf("%s: Validate %v, schema.Validate %v", label, err, werr)
		}
		var plain []schema.Violation
		for _, v := range got {
			plain = append(plain, v.Violation)
			if loc := d.Locate(v.Pointer); v.Location != loc {
				t.Errorf("%s: %s located at %v, want %v", label, v.Pointer, v.Location, loc)
			}
		}
		if diff := cmp.Diff(want, plain); diff != "" {
			t.Errorf("%s: violations (-schema.Validate +Document.Validate):\n%s", label, diff)
		}
	}
}

func addVerdictSeeds(f *testing.F) {
	for _, dir := range []string{"testdata", "../testdata/published", "../schema/testdata/cases"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.json*"))
		for _, file := range files {
			if strings.HasSuffix(file, "expect.json") {
				continue
			}
			b, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	f.Add(corpus.Solution(corpus.Options{Tables: 2, Seed: 1}))
	f.Add(corpus.Batch(3, false))
}

// FuzzFastMatchesV6 mutates the bytes of fixtures; whatever still parses
// into content with a schema must get the same verdict on both paths.
func FuzzFastMatchesV6(f *testing.F) {
	addVerdictSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := Parse(src)
		if err != nil {
			return
		}
		if name, ok := d.SchemaName(); ok {
			compareVerdicts(t, "input", d, name)
		}
	})
}

// FuzzFastMatchesV6Edits replaces or deletes one value of a fixture with
// JSON the fuzzer writes, then compares the verdicts.
func FuzzFastMatchesV6Edits(f *testing.F) {
	f.Add(uint8(0), uint16(10), `"x"`, false)
	f.Add(uint8(1), uint16(3), `1.0`, false)
	f.Add(uint8(2), uint16(2), `{"a":[1,2]}`, true)
	f.Add(uint8(3), uint16(40), `"0"`, false)
	f.Add(uint8(4), uint16(7), `1e400`, false)
	f.Add(uint8(5), uint16(1), `null`, false)
	fixtures := []string{"batch_mysql_odps.json", "realtime_holo.json", "taskparam_create.json", "taskparam_realtime.json", "taskparam_update.json", "envelope_query.json"}
	docs := make([]*Document, len(fixtures))
	pointers := make([][]string, len(fixtures))
	for i, name := range fixtures {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		docs[i] = parseOrFail(f, b)
		var walk func(v Value)
		walk = func(v Value) {
			pointers[i] = append(pointers[i], v.Pointer())
			for _, c := range v.Elems() {
				walk(c)
			}
			for _, c := range v.Members() {
				walk(c)
			}
		}
		walk(docs[i].Root())
	}
	f.Fuzz(func(t *testing.T, which uint8, pick uint16, raw string, del bool) {
		i := int(which) % len(docs)
		ptr := pointers[i][int(pick)%len(pointers[i])]
		e := docs[i].Edit()
		if del && ptr != "" {
			e.Delete(ptr)
		} else {
			if !json.Valid([]byte(raw)) {
				return
			}
			e.SetRaw(ptr, []byte(raw))
		}
		out, err := e.Apply()
		if err != nil {
			return
		}
		name, ok := out.SchemaName()
		if !ok {
			return
		}
		compareVerdicts(t, ptr, out, name)
	})
}

// BenchmarkFastValid measures the verdict alone: schema.Valid walking the
// parsed tree of a valid solution, with no decoding and no violations.
func BenchmarkFastValid(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			d, _ := Parse(benchDoc(b, s.name))
			if ok, err := schema.Valid(schema.Job, newSchemaNode(d.Root())); !ok || err != nil {
				b.Fatalf("generated solution is not valid: %v", err)
			}
			b.SetBytes(int64(len(d.Bytes())))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := schema.Valid(schema.Job, newSchemaNode(d.Root())); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkValidateInvalid measures Document.Validate on a solution with
// one defect (a step name that is a number): the fast verdict, then the
// walk over the parsed tree that explains the violation.
func BenchmarkValidateInvalid(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			d, err := parseOrFail(b, benchDoc(b, s.name)).Edit().Set("/steps/0/name", 1).Apply()
			if err != nil {
				b.Fatal(err)
			}
			if vs, err := d.Validate(); len(vs) != 1 || err != nil {
				b.Fatalf("want one violation: %v %v", vs, err)
			}
			b.SetBytes(int64(len(d.Bytes())))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := d.Validate(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFastValidBatch measures the verdict over small batch jobs, one
// per plugin pair of the corpus generator (corpus.Batch 0 to 17): the case
// of linting many job files, where each step dispatches its parameter
// schema on stepType and category. One op validates all 18 jobs.
func BenchmarkFastValidBatch(b *testing.B) {
	var nodes []schemaNode
	size := 0
	for i := range 18 {
		d := parseOrFail(b, corpus.Batch(i, false))
		n := newSchemaNode(d.Root())
		if ok, err := schema.Valid(schema.Job, n); !ok || err != nil {
			b.Fatalf("batch %d is not valid: %v", i, err)
		}
		nodes = append(nodes, n)
		size += len(d.Bytes())
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, n := range nodes {
			if _, err := schema.Valid(schema.Job, n); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestSchemaNodeMembers checks the member lookups of schemaNode against
// Value: Key is the decoded key, Has and Member find what Get finds (the
// last of duplicates, escaped keys decoded), and scalars have no members.
func TestSchemaNodeMembers(t *testing.T) {
	src := `{"a":1,"b\u0063":2,"a":3,"":4,"` + strings.Repeat("k", 300) + `":5,"x"  :  6,"\"q\"":7,"arr":[1,{"a":8}]}`
	d := parseOrFail(t, []byte(src))
	root := d.Root()
	n := newSchemaNode(root)
	keys := []string{"a", "bc", "b\\u0063", "", strings.Repeat("k", 300), "x", `"q"`, "arr", "missing", "A"}
	check := func(label string, v Value, n schemaNode) {
		for _, key := range keys {
			want := v.Get(key)
			if got := n.Has(key); got != want.Exists() {
				t.Errorf("%s: Has(%q) = %v, want %v", label, key, got, want.Exists())
			}
			m, ok := n.Member(key)
			if ok != want.Exists() || ok && m.i != want.i {
				t.Errorf("%s: Member(%q) = %d, %v; want %d, %v", label, key, m.i, ok, want.i, want.Exists())
			}
		}
	}
	check("root", root, n)
	for i := range n.Len() {
		m := n.Index(i)
		if want := (Value{t: m.t, i: m.i}).Key(); string(m.Key()) != want {
			t.Errorf("member %d: Key %q, want %q", i, m.Key(), want)
		}
		check(fmt.Sprintf("member %d", i), Value{t: m.t, i: m.i}, m)
	}
	arr := root.Get("arr")
	check("arr", arr, newSchemaNode(arr))
}
