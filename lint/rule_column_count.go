package lint

import (
	"fmt"

	"github.com/dilint/dilint/taskcontent"
)

var _ = register(&Rule{
	Name:  "column-count",
	Group: "steps",
	Doc: `A reader and the writer it feeds list different numbers of columns. Values are matched by position, not by name, so the lists must have the same length: DataWorks fails the job when they differ.

Only explicit lists are compared: a reader with a querySql or either list with "*" is skipped. Reader and writer are paired by order.hops (a hop from a reader straight to a writer), or, when no hop pairs them, as the job's only reader and only writer.

Fix: add the missing columns, or remove the extra ones, so that the n-th reader column feeds the n-th writer column.`,
	Bad: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "postgresql", "name": "Reader", "category": "reader", "parameter": {"datasource": "pg_sales", "table": "public.orders", "column": ["id", "amount", "placed_at"]}},
  {"stepType": "odps", "name": "Writer", "category": "writer", "parameter": {"datasource": "odps_dw", "table": "ods_orders", "column": ["id", "amount"], "truncate": true}}],
 "order": {"hops": [{"from": "Reader", "to": "Writer"}]}}`,
	Good: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "postgresql", "name": "Reader", "category": "reader", "parameter": {"datasource": "pg_sales", "table": "public.orders", "column": ["id", "amount", "placed_at"]}},
  {"stepType": "odps", "name": "Writer", "category": "writer", "parameter": {"datasource": "odps_dw", "table": "ods_orders", "column": ["id", "amount", "placed_at"], "truncate": true}}],
 "order": {"hops": [{"from": "Reader", "to": "Writer"}]}}`,
	URL:             docURL("column-count"),
	DefaultSeverity: SeverityError,
	Run: func(pass *Pass) {
		if !hasSteps(pass.Doc) {
			return
		}
		for _, p := range readerWriterPairs(pass.Doc.Job()) {
			rc, ok1 := explicitColumns(p.reader)
			wc, ok2 := explicitColumns(p.writer)
			if !ok1 || !ok2 || rc.Len() == wc.Len() {
				continue
			}
			d := At(wc, fmt.Sprintf("writer %q has a column count of %d but reader %q has %d: values are matched by position, so the counts must be equal",
				p.writer.Name(), wc.Len(), p.reader.Name(), rc.Len()))
			d.Related = []Related{related(rc, "the reader's columns")}
			pass.Report(d)
		}
	},
})

type stepPair struct{ reader, writer taskcontent.Step }

// readerWriterPairs pairs readers with the writers that hops lead them to
// directly; a job whose hops pair nothing but that has one reader and one
// writer pairs those two.
func readerWriterPairs(job taskcontent.Job) []stepPair {
	steps := job.StepList()
	byName := make(map[string]taskcontent.Step, len(steps))
	var readers, writers []taskcontent.Step
	for _, s := range steps {
		byName[s.Name()] = s // the last step of a name wins, as for hops
		switch {
		case isCategory(s, "reader"):
			readers = append(readers, s)
		case isCategory(s, "writer"):
			writers = append(writers, s)
		}
	}
	var pairs []stepPair
	seen := map[[2]string]bool{}
	for _, hop := range job.Hops() {
		r, ok1 := byName[hop.From()]
		w, ok2 := byName[hop.To()]
		key := [2]string{hop.From(), hop.To()}
		if ok1 && ok2 && isCategory(r, "reader") && isCategory(w, "writer") && !seen[key] {
			seen[key] = true
			pairs = append(pairs, stepPair{r, w})
		}
	}
	if len(pairs) == 0 && len(readers) == 1 && len(writers) == 1 {
		pairs = append(pairs, stepPair{readers[0], writers[0]})
	}
	return pairs
}
