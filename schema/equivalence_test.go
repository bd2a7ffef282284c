package schema

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dilint/dilint/internal/corpus"
)

// equivalenceDocs decodes every JSON fixture of the repository and
// generated solutions and batch jobs.
func equivalenceDocs(t testing.TB) map[string]any {
	t.Helper()
	docs := make(map[string]any)
	for _, dir := range []string{"testdata", "../testdata", "../taskcontent/testdata", "../lint/testdata"} {
		err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() || strings.Contains(path, "/fuzz/") || !strings.HasSuffix(path, ".json") || strings.HasSuffix(path, "expect.json") {
				return err
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if v, err := decodeJSON(bytes.NewReader(src)); err == nil {
				docs[path] = v
			}
			return nil
		})
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	add := func(label string, src []byte) {
		v, err := decodeJSON(bytes.NewReader(src))
		if err != nil {
			t.Fatalf("%s: %v", label, err)
		}
		docs[label] = v
	}
	for seed := range uint64(4) {
		for _, tables := range []int{1, 3, 40} {
			add(fmt.Sprintf("solution seed %d tables %d", seed, tables),
				corpus.Solution(corpus.Options{Tables: tables, Columns: 1 + int(seed), Seed: seed, Indent: seed%2 == 1}))
		}
	}
	for i := range 48 {
		add(fmt.Sprintf("batch %d", i), corpus.Batch(i, i%3 == 0))
	}
	return docs
}

// compareWithOracle checks that Validate gives exactly the violations of
// the jsonschema v6 path. It reports the number of violations, or -1 when
// jsonschema v6 has no verdict (a number beyond math/big at a bound).
func compareWithOracle(t testing.TB, label string, name Name, doc any) int {
	t.Helper()
	got, err := Validate(name, doc)
	if err != nil {
		t.Fatalf("%s as %s: Validate: %v", label, name, err)
	}
	want, werr := oracleValidate(name, doc)
	if werr != nil {
		// The deliberate difference: jsonschema v6 panics on such a
		// number; Validate reports the bound as violated.
		if !slices.ContainsFunc(got, func(v Violation) bool {
			return v.Keyword == "minimum" || v.Keyword == "maximum" || v.Keyword == "multipleOf"
		}) {
			t.Errorf("%s as %s: jsonschema v6 fails (%v) but Validate has no bound violation: %v", label, name, werr, got)
		}
		return -1
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s as %s: violations differ from jsonschema v6 (-v6 +new):\n%s", label, name, diff)
	}
	return len(got)
}

// TestValidateMatchesV6 compares the violations of every fixture and
// generated document against every schema (not only the one for its kind,
// so that most keywords fail somewhere).
func TestValidateMatchesV6(t *testing.T) {
	docs := equivalenceDocs(t)
	total, invalid := 0, 0
	for label, doc := range docs {
		for _, name := range Names() {
			n := compareWithOracle(t, label, name, doc)
			total += max(n, 0)
			if n != 0 {
				invalid++
			}
		}
	}
	t.Logf("%d documents: %d invalid verdicts, %d violations", len(docs), invalid, total)
	if len(docs) < 150 || invalid < 100 || total < 1000 {
		t.Errorf("the comparison exercises too little: %d documents, %d invalid, %d violations", len(docs), invalid, total)
	}
}

// editReplacements are the values TestValidateMatchesV6Edits puts in place
// of each value of a document.
var editReplacements = []string{`"x"`, `""`, `" a"`, `"2.0"`, `"0"`, `"33"`, `"Upadte"`, `"MYSQL"`, `0`, `1`, `1.0`, `1e2`, `-1`, `33`, `0.5`, `0.7`, `1.5e1`,
	`true`, `false`, `null`, `{}`, `[]`, `[{}]`, `{"x":1}`, `{" x":1}`, `"reader"`, `"writer"`, `"migration_holo"`}

// editFixtures are documents of each schema that TestValidateMatchesV6Edits
// mutates.
var editFixtures = []string{
	"../taskcontent/testdata/batch_mysql_odps.json", "../taskcontent/testdata/realtime_holo.json",
	"../taskcontent/testdata/taskparam_create.json", "../taskcontent/testdata/taskparam_realtime.json",
	"../taskcontent/testdata/taskparam_update.json", "testdata/cases/solution-reader-concurrent.json",
}

// valuePaths lists the location of every value of a decoded document.
func valuePaths(v any, at []string, out *[][]string) {
	*out = append(*out, slices.Clone(at))
	switch v := v.(type) {
	case map[string]any:
		for _, k := range slices.Sorted(mapsKeys(v)) {
			valuePaths(v[k], append(at, k), out)
		}
	case []any:
		for i, e := range v {
			valuePaths(e, append(at, fmt.Sprint(i)), out)
		}
	}
}

func mapsKeys(m map[string]any) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// edited returns a copy of v with the value at path replaced by repl, or
// deleted when del is set (an array element is removed).
func edited(v any, path []string, repl any, del bool) any {
	if len(path) == 0 {
		return repl
	}
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = e
		}
		if len(path) == 1 && del {
			delete(out, path[0])
		} else {
			out[path[0]] = edited(v[path[0]], path[1:], repl, del)
		}
		return out
	case []any:
		i := 0
		fmt.Sscan(path[0], &i)
		out := slices.Clone(v)
		if len(path) == 1 && del {
			return slices.Delete(out, i, i+1)
		}
		out[i] = edited(v[i], path[1:], repl, del)
		return out
	}
	return v
}

func loadFixture(t testing.TB, path string) (Name, any) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := decodeJSON(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range Names() {
		if vs, err := Validate(name, doc); err == nil && len(vs) == 0 {
			return name, doc
		}
	}
	// An invalid fixture: the schema with the fewest violations.
	best, fewest := Job, -1
	for _, name := range Names() {
		vs, _ := Validate(name, doc)
		if fewest < 0 || len(vs) < fewest {
			best, fewest = name, len(vs)
		}
	}
	return best, doc
}

// TestValidateMatchesV6Edits sets each value of some documents to values of
// other types and spellings, deletes it, and compares the violations of
// every result with jsonschema v6's.
func TestValidateMatchesV6Edits(t *testing.T) {
	if testing.Short() {
		t.Skip("thousands of edits")
	}
	var repls []any
	for _, raw := range editReplacements {
		v, err := decodeJSON(strings.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		repls = append(repls, v)
	}
	for _, f := range editFixtures {
		name, doc := loadFixture(t, f)
		var paths [][]string
		valuePaths(doc, nil, &paths)
		edits, invalid := 0, 0
		for _, p := range paths {
			label := f + " at " + pointer(p)
			for _, r := range repls {
				edits++
				if compareWithOracle(t, label, name, edited(doc, p, r, false)) != 0 {
					invalid++
				}
			}
			if len(p) > 0 {
				edits++
				if compareWithOracle(t, label+" deleted", name, edited(doc, p, nil, true)) != 0 {
					invalid++
				}
			}
		}
		t.Logf("%s as %s: %d edits, %d invalid", f, name, edits, invalid)
		if invalid == 0 || invalid == edits {
			t.Errorf("%s: %d of %d edits invalid: the comparison exercises too little", f, invalid, edits)
		}
	}
}

// FuzzValidateMatchesV6 compares Validate with jsonschema v6 on arbitrary
// JSON against every schema.
func FuzzValidateMatchesV6(f *testing.F) {
	for _, p := range editFixtures {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src)
		}
	}
	for _, s := range []string{`{}`, `[]`, `{"type":"job","version":"2.0","steps":[{"stepType":"mysql"}]}`,
		`{"FileFolderPath":"x","ResourceGroup":"y","Cu":0.7}`, `{"steps":[{"stepType":"holo","parameter":{"writeMode":"Upadte"}}]}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := decodeJSON(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, name := range Names() {
			compareWithOracle(t, "input", name, doc)
		}
	})
}

// FuzzValidateMatchesV6Edits replaces (or deletes, for an empty raw) one
// value of a fixture with arbitrary JSON and compares Validate with
// jsonschema v6 on the result.
func FuzzValidateMatchesV6Edits(f *testing.F) {
	type base struct {
		name  Name
		doc   any
		paths [][]string
	}
	var bases []base
	for _, p := range editFixtures {
		name, doc := loadFixture(f, p)
		var paths [][]string
		valuePaths(doc, nil, &paths)
		bases = append(bases, base{name, doc, paths})
	}
	for i := range bases {
		for _, raw := range []string{``, `"x"`, `1e2`, `{"a":1}`, `[{}]`, `null`} {
			f.Add(uint8(i), uint16(i*7), raw)
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, at uint16, raw string) {
		b := bases[int(which)%len(bases)]
		p := b.paths[int(at)%len(b.paths)]
		var doc any
		if raw == "" {
			if len(p) == 0 {
				return
			}
			doc = edited(b.doc, p, nil, true)
		} else {
			r, err := decodeJSON(strings.NewReader(raw))
			if err != nil {
				return
			}
			doc = edited(b.doc, p, r, false)
		}
		compareWithOracle(t, pointer(p), b.name, doc)
	})
}
