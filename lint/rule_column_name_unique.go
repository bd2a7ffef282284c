package lint

import (
	"fmt"

	"github.com/dilint/dilint/taskcontent"
)

var _ = register(&Rule{
	Name:  "column-name-unique",
	Group: "mapping",
	Doc: `A destination table's dataColumn list defines a column name twice. Creating the table fails, or, when the second definition wins, one source column's values are lost.

Names that differ only in case (id and ID) are reported as a warning: Hologres folds unquoted names to lower case, so they collide unless DataWorks quotes them.

Fix: rename or remove one of the columns (and renumber with column-index's fix).`,
	Bad: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "mysql", "name": "reader", "category": "reader",
   "parameter": {"connection": [{"datasource": "inv_db", "selectedTables": [{"dbName": "inv", "schema": [{"tableInfos": [{"enable": true, "table": "sku"}]}]}]}]}},
  {"stepType": "holo", "name": "writer", "category": "writer",
   "parameter": {"datasource": "inv_holo", "writeMode": "replay", "tableMappingRule": {"totalTableMapping": 1,
    "datasource": [{"srcDatasourceName": "inv_db", "tableRule": [{"srcDbName": "inv", "srcTable": "sku", "dstTable": "inv.sku",
     "dstCreateTableInfo": {"schemaName": "inv", "tableName": "sku", "dataColumn": [
       {"name": "id", "index": 0, "type": "int8"},
       {"name": "title", "index": 1, "type": "text"},
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
       {"name": "title", "index": 1, "type": "text"},
       {"name": "subtitle", "index": 2, "type": "text"}]}}]}]}}}],
 "order": {"hops": [{"from": "reader", "to": "writer"}]}}`,
	URL:             docURL("column-name-unique"),
	DefaultSeverity: SeverityError,
	Run: func(pass *Pass) {
		// One index of lower-cased names serves every table, emptied
		// between tables, so that names are not strings.
		var (
			keys  nameIndex
			first []taskcontent.DataColumn // by id in keys
			key   []byte
		)
		for _, m := range pass.mappings() {
			info := m.info
			keys.reset()
			first = first[:0]
			for _, c := range info.Columns() {
				name := c.Value.Get("name")
				raw := name.StrBytes()
				if name.Type() != taskcontent.TypeString || len(raw) == 0 {
					continue
				}
				key = appendLower(key[:0], raw)
				id, added := keys.add(key)
				if added {
					first = append(first, c)
					continue
				}
				prev := first[id]
				d := At(name, fmt.Sprintf("column %q is defined twice in %s", name.Str(), tableLabel(m)))
				if prev.Name() != name.Str() {
					d.Message = fmt.Sprintf("columns %q and %q of %s differ only in case: Hologres folds unquoted names to lower case, so they collide", prev.Name(), name.Str(), tableLabel(m))
					d.Severity = atMost(pass, SeverityWarning)
				}
				d.Related = []Related{related(prev.Value.Get("name"), "first defined here")}
				pass.Report(d)
			}
		}
	},
})
