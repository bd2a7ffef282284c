package semdiff

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dilint/dilint/internal/corpus"
	"github.com/dilint/dilint/taskcontent"
)

// The go-cmp walk that Compare replaced, kept as the test oracle (go-cmp's
// package init cost every run of the binary ~0.6 ms).

// oracleCompare is the Compare that go-cmp backed: the differences from old to new, section by section and
// sorted within each. Documents without content (not JSON, or an API
// response without a job) compare as empty.
func oracleCompare(old, new *taskcontent.Document) []Change {
	r := &oracleReporter{}
	secrets := secretLeaves{}
	cmp.Equal(newModel(old, secrets), newModel(new, secrets), cmp.Reporter(r))
	return secrets.redact(r.changes, old, new)
}

// oracleReporter turns go-cmp's report of each unequal leaf, or each map entry
// present on one side only, into a Change.
type oracleReporter struct {
	path    cmp.Path
	changes []Change
}

func (r *oracleReporter) PushStep(ps cmp.PathStep) { r.path = append(r.path, ps) }
func (r *oracleReporter) PopStep()                 { r.path = r.path[:len(r.path)-1] }

func (r *oracleReporter) Report(rs cmp.Result) {
	if rs.Equal() {
		return
	}
	vx, vy := r.path.Last().Values()
	c := Change{Op: Changed}
	switch {
	case !vx.IsValid():
		c.Op = Added
	case !vy.IsValid():
		c.Op = Removed
	}
	var keys []string
	var field string
	for _, ps := range r.path[1:] {
		switch s := ps.(type) {
		case cmp.StructField:
			keys = append(keys, s.Name())
		case cmp.MapIndex:
			keys = append(keys, s.Key().String())
		}
	}
	if len(keys) == 0 {
		return
	}
	switch keys[0] {
	case "Fields":
		c.Section = SectionJob
		field = strings.Join(keys[1:], "")
	case "Setting":
		c.Section = SectionSettings
		field = strings.Join(keys[1:], "")
	case "TotalTableMapping":
		c.Section, field = SectionTables, "totalTableMapping"
		// An empty string is the model's "absent".
		if vx.String() == "" {
			c.Op = Added
		} else if vy.String() == "" {
			c.Op = Removed
		}
	case "Hops":
		c.Section, c.Subject = SectionHops, keys[1]
	case "Steps":
		c.Section, c.Subject = SectionSteps, keys[1]
		switch {
		case len(keys) == 3:
			field = lowerFirst(keys[2])
		case len(keys) > 3:
			field = "parameter." + strings.Join(keys[3:], "")
		}
	case "Tables":
		c.Section, c.Subject = SectionTables, keys[1]
		field = strings.Join(keys[2:], "")
	}
	c.Field = field
	if c.Field != "" || c.Section == SectionJob || c.Section == SectionSettings {
		c.Old, c.New = oracleLeaf(vx, c.Op != Added), oracleLeaf(vy, c.Op != Removed)
	}
	r.changes = append(r.changes, c)
}

// oracleLeaf returns a string leaf's value, or "" for the side where it is
// absent.
func oracleLeaf(v reflect.Value, present bool) string {
	if !present || !v.IsValid() || v.Kind() != reflect.String {
		return ""
	}
	return v.String()
}

func oracleDocs(t *testing.T) map[string]*taskcontent.Document {
	t.Helper()
	docs := map[string]*taskcontent.Document{}
	files, _ := filepath.Glob("../../taskcontent/testdata/*.json")
	more, _ := filepath.Glob("../../testdata/published/*.json")
	for _, f := range append(files, more...) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if d, err := taskcontent.ParseFile(f, src); err == nil {
			docs[f] = d
		}
	}
	for i := range 12 {
		d, err := taskcontent.Parse(corpus.Batch(i, false))
		if err != nil {
			t.Fatal(err)
		}
		docs[fmt.Sprint("batch ", i)] = d
	}
	for seed := range uint64(3) {
		d, err := taskcontent.Parse(corpus.Solution(corpus.Options{Tables: 5, Columns: 2, Seed: seed}))
		if err != nil {
			t.Fatal(err)
		}
		docs[fmt.Sprint("solution ", seed)] = d
	}
	return docs
}

// TestCompareMatchesCmp compares Compare with the go-cmp walk on every pair
// of fixtures and generated jobs, and on every document against edits of
// each of its values.
func TestCompareMatchesCmp(t *testing.T) {
	docs := oracleDocs(t)
	pairs, changes := 0, 0
	check := func(label string, a, b *taskcontent.Document) {
		got, want := Compare(a, b), oracleCompare(a, b)
		pairs++
		changes += len(want)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: Compare differs from go-cmp (-cmp +new):\n%s", label, diff)
		}
	}
	for la, a := range docs {
		for lb, b := range docs {
			check(la+" vs "+lb, a, b)
		}
	}
	repls := []string{`"x"`, `1`, `"1"`, `null`, `{}`, `[]`, `[{"name":"n"}]`, `{"a":{"b":1}}`}
	for label, d := range docs {
		if !strings.Contains(label, "batch 1") && !strings.Contains(label, "solution 0") && !strings.HasSuffix(label, "realtime_holo.json") {
			continue
		}
		var ptrs []string
		var walk func(v taskcontent.Value)
		walk = func(v taskcontent.Value) {
			ptrs = append(ptrs, v.Pointer())
			for _, c := range v.Elems() {
				walk(c)
			}
			for _, c := range v.Members() {
				walk(c)
			}
		}
		walk(d.Root())
		for _, p := range ptrs {
			for _, r := range repls {
				if e, err := d.Edit().SetRaw(p, []byte(r)).Apply(); err == nil {
					check(label+" set "+p+" = "+r, d, e)
					check(label+" set "+p+" = "+r+" (reversed)", e, d)
				}
			}
			if p != "" {
				if e, err := d.Edit().Delete(p).Apply(); err == nil {
					check(label+" delete "+p, d, e)
				}
			}
		}
	}
	t.Logf("%d pairs, %d changes", pairs, changes)
	if pairs < 1000 || changes < 1000 {
		t.Errorf("the comparison exercises too little: %d pairs, %d changes", pairs, changes)
	}
}
