package lint

import (
	"fmt"
	"strconv"

	"github.com/dilint/dilint/taskcontent"
)

var _ = register(&Rule{
	Name:  "total-table-mapping",
	Group: "mapping",
	Doc: `A writer's tableMappingRule.totalTableMapping is not the number of tableRule entries it holds. DataWorks writes the count when it generates the mapping; a hand-edited mapping (a table added or removed) often leaves the old count behind, and what reads the count then disagrees with the rules.

Fix: --fix writes the number of tableRule entries.`,
	Bad: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "mysql", "name": "reader", "category": "reader",
   "parameter": {"connection": [{"datasource": "inv_db", "selectedTables": [{"dbName": "inv", "schema": [{"tableInfos": [{"enable": true, "table": "sku"}]}]}]}]}},
  {"stepType": "holo", "name": "writer", "category": "writer",
   "parameter": {"datasource": "inv_holo", "writeMode": "replay", "tableMappingRule": {"totalTableMapping": 2,
    "datasource": [{"srcDatasourceName": "inv_db", "tableRule": [{"srcDbName": "inv", "srcTable": "sku", "dstTable": "inv.sku"}]}]}}}],
 "order": {"hops": [{"from": "reader", "to": "writer"}]}}`,
	Good: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "mysql", "name": "reader", "category": "reader",
   "parameter": {"connection": [{"datasource": "inv_db", "selectedTables": [{"dbName": "inv", "schema": [{"tableInfos": [{"enable": true, "table": "sku"}]}]}]}]}},
  {"stepType": "holo", "name": "writer", "category": "writer",
   "parameter": {"datasource": "inv_holo", "writeMode": "replay", "tableMappingRule": {"totalTableMapping": 1,
    "datasource": [{"srcDatasourceName": "inv_db", "tableRule": [{"srcDbName": "inv", "srcTable": "sku", "dstTable": "inv.sku"}]}]}}}],
 "order": {"hops": [{"from": "reader", "to": "writer"}]}}`,
	URL:             docURL("total-table-mapping"),
	DefaultSeverity: SeverityWarning,
	Fixable:         true,
	Run: func(pass *Pass) {
		if !hasSteps(pass.Doc) {
			return
		}
		for _, w := range pass.mappingWriters() {
			m := w.TableMappingRule()
			total := m.TotalTableMapping()
			if total.Spelling == taskcontent.SpellingAbsent {
				continue
			}
			count := m.RuleCount()
			if n, ok := total.Int(); ok && n == int64(count) {
				continue
			}
			want := strconv.Itoa(count)
			d := At(total.Value, fmt.Sprintf("totalTableMapping is %s but the mapping has %d tableRule entries", describe(total), count))
			d.Fixes = []SuggestedFix{{
				Message: "set totalTableMapping to " + want,
				Edits:   []taskcontent.TextEdit{pass.Doc.ReplaceValue(total.Value, []byte(want))},
			}}
			pass.Report(d)
		}
	},
})
