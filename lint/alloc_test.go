package lint

import (
	"testing"

	"github.com/dilint/dilint/internal/corpus"
	"github.com/dilint/dilint/taskcontent"
)

// maxAllocsPerRule bounds the allocations of one rule on a document with
// thousands of tables: a rule that allocates per table (a string per name,
// a slice per rule) exceeds it by an order of magnitude.
const maxAllocsPerRule = 200

// TestRulesDoNotAllocatePerTable lints a 2,000-table solution with one rule
// at a time, each on a fresh document so that the per-document state the
// rule builds is counted.
func TestRulesDoNotAllocatePerTable(t *testing.T) {
	if testing.Short() {
		t.Skip("lints a 1 MB document once per rule")
	}
	src := corpus.Solution(corpus.Options{Tables: 2000, Columns: 4, Seed: 7})
	for _, r := range All() {
		l := &Linter{Rules: []*Rule{r}}
		docs := make([]*taskcontent.Document, 3)
		for i := range docs {
			doc, err := taskcontent.Parse(src)
			if err != nil {
				t.Fatal(err)
			}
			docs[i] = doc
		}
		n := 0
		allocs := testing.AllocsPerRun(len(docs)-1, func() {
			l.Lint(docs[n])
			n++
		})
		if allocs >= maxAllocsPerRule {
			t.Errorf("%s: %.0f allocations on 2,000 tables, want < %d", r.Name, allocs, maxAllocsPerRule)
		} else {
			t.Logf("%s: %.0f allocations", r.Name, allocs)
		}
	}
}
