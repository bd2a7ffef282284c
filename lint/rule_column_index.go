package lint

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

	"github.com/dilint/dilint/taskcontent"
)

var _ = register(&Rule{
	Name:  "column-index",
	Group: "mapping",
	Doc: `The index fields of a destination table's dataColumn list are not 0, 1, …, n-1, each once: an index is missing, not a whole number, repeated, or leaves a gap.

The index is the column's position in the table DataWorks creates and the slot a replayed change fills; a repeated index writes two columns into one slot, and a gap leaves a slot no column fills. Hand-edited mappings (a column removed or copied) are the usual cause. The order of the list itself does not matter.

Fix: --fix renumbers the columns from 0, keeping the order their indexes give (columns without a usable index go last, in list order).`,
	Bad: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "mysql", "name": "reader", "category": "reader",
   "parameter": {"connection": [{"datasource": "inv_db", "selectedTables": [{"dbName": "inv", "schema": [{"tableInfos": [{"enable": true, "table": "sku"}]}]}]}]}},
  {"stepType": "holo", "name": "writer", "category": "writer",
   "parameter": {"datasource": "inv_holo", "writeMode": "replay", "tableMappingRule": {"totalTableMapping": 1,
    "datasource": [{"srcDatasourceName": "inv_db", "tableRule": [{"srcDbName": "inv", "srcTable": "sku", "dstTable": "inv.sku",
     "dstCreateTableInfo": {"schemaName": "inv", "tableName": "sku", "dataColumn": [
       {"name": "id", "index": 0, "type": "int8"},
       {"name": "title", "index": 2, "type": "text"}]}}]}]}}}],
 "order": {"hops": [{"from": "reader", "to": "writer"}]}}`,
	Good: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "mysql", "name": "reader", "category": "reader",
   "parameter": {"connection": [{"datasource": "inv_db", "selectedTables": [{"dbName": "inv", "schema": [{"tableInfos": [{"enable": true, "table": "sku"}]}]}]}]}},
  {"stepType": "holo", "name": "writer", "category": "writer",
   "parameter": {"datasource": "inv_holo", "writeMode": "replay", "tableMappingRule": {"totalTableMapping": 1,
    "datasource": [{"srcDatasourceName": "inv_db", "tableRule": [{"srcDbName": "inv", "srcTable": "sku", "dstTable": "inv.sku",
     "dstCreateTableInfo": {"schemaName": "inv", "tableName": "sku", "dataColumn": [
       {"name": "id", "index": 0, "type": "int8"},
       {"name": "title", "index": 1, "type": "text"}]}}]}]}}}],
 "order": {"hops": [{"from": "reader", "to": "writer"}]}}`,
	URL:             docURL("column-index"),
	DefaultSeverity: SeverityError,
	Fixable:         true,
	Run: func(pass *Pass) {
		var scratch columnScratch
		for _, m := range pass.mappings() {
			checkColumnIndexes(pass, m, &scratch)
		}
	},
})

// indexedColumn is one dataColumn with its index, when it has a usable one.
type indexedColumn struct {
	col   taskcontent.DataColumn
	index int64
	ok    bool
}

// columnScratch holds the buffers of checkColumnIndexes, reused from one
// table to the next.
type columnScratch struct {
	cols []indexedColumn
	// owner[i] is 1 + the position in cols of the first column with index
	// i, or 0.
	owner []int32
}

func checkColumnIndexes(pass *Pass, m mappingRule, s *columnScratch) {
	info := m.info
	cols := s.cols[:0]
	for _, c := range info.Columns() {
		if c.Value.Type() != taskcontent.TypeObject {
			continue
		}
		n, ok := c.Index().Int()
		cols = append(cols, indexedColumn{col: c, index: n, ok: ok})
	}
	s.cols = cols
	if cap(s.owner) < len(cols) {
		s.owner = make([]int32, len(cols))
	}
	owner := s.owner[:len(cols)]
	clear(owner)
	var d *Diagnostic
	for i, c := range cols {
		var msg string
		var rel []Related
		var prev taskcontent.DataColumn
		dup := false
		if c.ok && c.index >= 0 && c.index < int64(len(cols)) && owner[c.index] > 0 {
			prev, dup = cols[owner[c.index]-1].col, true
		}
		switch {
		case !c.ok && c.col.Index().Spelling == taskcontent.SpellingAbsent:
			msg = fmt.Sprintf("column %q has no index", c.col.Name())
		case !c.ok:
			msg = fmt.Sprintf("index %s of column %q is not a whole number", describe(c.col.Index()), c.col.Name())
		case c.index < 0 || c.index >= int64(len(cols)):
			msg = fmt.Sprintf("index %d of column %q is outside 0..%d", c.index, c.col.Name(), len(cols)-1)
		case dup:
			msg = fmt.Sprintf("index %d of column %q is also the index of column %q", c.index, c.col.Name(), prev.Name())
			rel = []Related{related(prev.Value.Get("index"), "the other column with this index")}
		default:
			owner[c.index] = int32(i + 1)
			continue
		}
		if d == nil {
			at := c.col.Value.Get("index")
			if !at.Exists() {
				at = c.col.Value
			}
			first := At(at, fmt.Sprintf("the dataColumn indexes of %s must be 0..%d, each once: %s", tableLabel(m), len(cols)-1, msg))
			first.Related = rel
			d = &first
		}
	}
	if d == nil {
		return
	}
	if edits := renumber(pass.Doc, cols); len(edits) > 0 {
		d.Fixes = []SuggestedFix{{Message: "renumber the columns from 0", Edits: edits}}
	}
	pass.Report(*d)
}

// renumber returns the edits that give the columns the indexes 0..n-1 in
// the order of their current indexes; columns without one go last.
func renumber(doc *taskcontent.Document, cols []indexedColumn) []taskcontent.TextEdit {
	order := make([]int, len(cols))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		ca, cb := cols[a], cols[b]
		if ca.ok != cb.ok {
			if ca.ok {
				return -1
			}
			return 1
		}
		return cmp.Compare(ca.index, cb.index)
	})
	var edits []taskcontent.TextEdit
	for rank, i := range order {
		c := cols[i]
		v := c.col.Value.Get("index")
		want := strconv.Itoa(rank)
		switch {
		case !v.Exists():
			e, err := doc.InsertChild(c.col.Value, "index", []byte(want))
			if err != nil {
				return nil
			}
			edits = append(edits, e)
		case c.ok && c.index == int64(rank):
		default:
			edits = append(edits, doc.ReplaceValue(v, []byte(want)))
		}
	}
	return edits
}

// tableLabel names a tableRule's destination table for messages.
func tableLabel(m mappingRule) string {
	rule := m.rule
	if _, name := destination(m); name != "" {
		return name
	}
	return fmt.Sprintf("%s.%s", rule.SrcDB(), rule.SrcTable())
}
