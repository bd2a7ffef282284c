package lint

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/dilint/dilint/internal/corpus"
	"github.com/dilint/dilint/taskcontent"
)

// Benchmark documents: ~10 KB, ~1 MB and ~12 MB (20,000 table mappings)
// realtime solutions, compact as the API returns them.
var lintBenchSizes = []struct {
	name   string
	tables int
}{{"10KB", 16}, {"1MB", 1700}, {"12MB-20000tables", 20000}}

// BenchmarkLint parses and lints with the whole rule set. MB/s stays flat
// across sizes when every rule is linear.
func BenchmarkLint(b *testing.B) {
	l := &Linter{}
	for _, s := range lintBenchSizes {
		src := corpus.Solution(corpus.Options{Tables: s.tables, Seed: 7})
		b.Run(s.name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				l.LintFile("bench.json", src)
			}
		})
	}
}

// BenchmarkRule lints 2,000 and 20,000 tables with one rule at a time:
// ns/table of a linear rule is the same at both sizes, so a rule that is
// quadratic in tables or columns stands out by a factor of ten.
func BenchmarkRule(b *testing.B) {
	docs := map[int]*taskcontent.Document{}
	for _, tables := range []int{2000, 20000} {
		doc, err := taskcontent.Parse(corpus.Solution(corpus.Options{Tables: tables, Columns: 4, Seed: 7}))
		if err != nil {
			b.Fatal(err)
		}
		docs[tables] = doc
	}
	for _, r := range All() {
		for _, tables := range []int{2000, 20000} {
			l := &Linter{Rules: []*Rule{r}}
			b.Run(fmt.Sprintf("%s/tables=%d", r.Name, tables), func(b *testing.B) {
				for b.Loop() {
					l.Lint(docs[tables])
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(tables), "ns/table")
			})
		}
	}
}

// BenchmarkDriver lints 200 batch jobs through the driver's worker pool.
func BenchmarkDriver(b *testing.B) {
	files := map[string][]byte{}
	var names []string
	for i := range 200 {
		name := fmt.Sprintf("job%03d.json", i)
		files[name] = corpus.Batch(i, true)
		names = append(names, name)
	}
	l := &Driver{ReadFile: func(name string) ([]byte, error) { return files[name], nil }}
	for b.Loop() {
		for range l.RunFiles(names...) {
		}
	}
}

// BenchmarkFixFile fixes a ~1 MB solution with a comment and a trailing
// comma in every table: thousands of fixes applied in one pass.
func BenchmarkFixFile(b *testing.B) {
	src := corpus.Solution(corpus.Options{Tables: 1000, Seed: 7, Indent: true})
	src = bytes.ReplaceAll(src, []byte(`"enable": true,`), []byte(`"enable": true, // selected`))
	src = bytes.ReplaceAll(src, []byte(`"type": "pk"`), []byte(`"type": "pk",`))
	l := &Linter{}
	if res := l.FixFile("bench.json", src); len(res.Applied) < 2000 || res.Rounds != 1 {
		b.Fatalf("%d fixes in %d rounds", len(res.Applied), res.Rounds)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		l.FixFile("bench.json", src)
	}
}

// BenchmarkRuleBatch runs each rule alone over 200 parsed batch jobs, the
// per-document cost that dominates a run over thousands of small files.
func BenchmarkRuleBatch(b *testing.B) {
	docs := batchDocs(b)
	for _, r := range All() {
		l := &Linter{Rules: []*Rule{r}}
		b.Run(r.Name, func(b *testing.B) {
			for b.Loop() {
				for _, d := range docs {
					l.Lint(d)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(docs)), "ns/doc")
		})
	}
}

// BenchmarkLintBatch runs every rule over 200 parsed batch jobs: the
// per-document cost of a run over thousands of small files, without
// reading or parsing.
func BenchmarkLintBatch(b *testing.B) {
	docs := batchDocs(b)
	l := &Linter{}
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			l.Lint(d)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(docs)), "ns/doc")
}

// batchDocs parses 200 generated batch jobs.
func batchDocs(b *testing.B) []*taskcontent.Document {
	b.Helper()
	var docs []*taskcontent.Document
	for i := range 200 {
		doc, err := taskcontent.Parse(corpus.Batch(i, true))
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc)
	}
	return docs
}
