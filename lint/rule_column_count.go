package lint

import (
	"fmt"

	"github.com/dilint/dilint/taskcontent"
)

var _ = register(&Rule{
	Name:  "column-count",
	Group: "steps",
	Doc: `A reader and the writer it feeds list different numbers of columns. Values are matched by position, not by name, so the lists must have the same length: DataWorks fails the job when they differ.

Only explicit lists are compared: a reader with a querySql or either list with "*" is skipped. Plugins whose records are not their column list are counted by their shape: an HBase reader in multiVersionFixedColumn mode yields 4 fields (rowkey, family:qualifier, timestamp, value); a Tablestore (ots) writer takes its primaryKey columns followed by its column list (in multiVersion mode, the primaryKey columns, column name, timestamp and value). Where the configuration does not tell the count, nothing is reported: a Tablestore reader in multiVersion mode or a Tablestore Stream (otsstream) reader, and writers that pick fields by position (HBase, Redis, a Kafka writer with valueIndex or keyIndex) or ignore their column list (a Kafka writer in text mode). Reader and writer are paired by order.hops (a hop from a reader straight to a writer), or, when no hop pairs them, as the job's only reader and only writer.

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
			rw, ok1 := readerWidth(p.reader)
			ww, ok2 := writerWidth(p.writer)
			if !ok1 || !ok2 || rw.n == ww.n {
				continue
			}
			pass.Report(columnCountDiagnostic(p, rw, ww))
		}
	},
})

type stepPair struct{ reader, writer taskcontent.Step }

// readerWriterPairs pairs readers with the writers that hops lead them to
// directly; a job whose hops pair nothing but that has one reader and one
// writer pairs those two.
func readerWriterPairs(job taskcontent.Job) []stepPair {
	byName := map[string]taskcontent.Step{}
	var readers, writers []taskcontent.Step
	for _, s := range job.Steps() {
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

// columnCountDiagnostic reports a writer whose record width differs from
// its reader's, saying how a plugin's shape gives either count.
func columnCountDiagnostic(p stepPair, rw, ww recordWidth) Diagnostic {
	writerCount := fmt.Sprintf("a column count of %d", ww.n)
	if ww.shape != "" {
		writerCount = fmt.Sprintf("records of %d fields (%s)", ww.n, ww.shape)
	}
	readerCount := fmt.Sprintf("%d", rw.n)
	if rw.shape != "" {
		readerCount = fmt.Sprintf("%d fields per record (%s)", rw.n, rw.shape)
	}
	d := At(ww.at, fmt.Sprintf("writer %q has %s but reader %q has %s: values are matched by position, so the counts must be equal",
		p.writer.Name(), writerCount, p.reader.Name(), readerCount))
	what := "the reader's columns"
	if rw.shape != "" {
		what = "what gives the reader's record its shape"
	}
	d.Related = []Related{related(rw.at, what)}
	return d
}
