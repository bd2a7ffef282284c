package main

import (
	"fmt"
	"testing"

	"github.com/dilint/dilint/internal/corpus"
	"github.com/dilint/dilint/lint"
)

// TestCorpusIsClean keeps the generated corpus free of findings, so that
// benchmarks measure clean documents and injected defects are the only ones.
func TestCorpusIsClean(t *testing.T) {
	l := &lint.Linter{}
	docs := map[string][]byte{"solution": corpus.Solution(corpus.Options{Tables: 60, Seed: 2})}
	for i := range 18 {
		docs[fmt.Sprintf("batch-%d", i)] = corpus.Batch(i, i%2 == 1)
	}
	for name, src := range docs {
		_, diags := l.LintFile(name, src)
		for _, d := range diags {
			t.Errorf("%s:%s: %s [%s]", name, d.Start, d.Message, d.Rule)
		}
	}
}

func TestInjectedDefectsAreFound(t *testing.T) {
	src, err := Inject(corpus.Solution(corpus.Options{Tables: 5}), Defects()...)
	if err != nil {
		t.Fatal(err)
	}
	_, diags := (&lint.Linter{}).LintFile("solution.json", src)
	found := map[string]bool{}
	for _, d := range diags {
		found[d.Rule] = true
	}
	for _, rule := range []string{"hop-unknown-step", "concurrent-range", "plaintext-secret", "total-table-mapping", "dst-table-format"} {
		if !found[rule] {
			t.Errorf("no %s finding; got %v", rule, found)
		}
	}
}
