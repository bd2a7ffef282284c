package lint

import (
	"bytes"
	"fmt"

	"github.com/dilint/dilint/taskcontent"
)

var _ = register(&Rule{
	Name:  "dst-table-format",
	Group: "mapping",
	Doc: `A table mapping's dstTable is not "schemaName.tableName" of its dstCreateTableInfo. DataWorks creates the table that dstCreateTableInfo describes and writes to dstTable; when they differ, the data goes to another table than the one created (or to none), silently.

Without a dstCreateTableInfo, dstTable must still have the form schema.table where the destination has schemas (Hologres, PostgreSQL; a warning: DataWorks may fall back to the writer's default schema). A Kafka or DataHub topic, a two-level MaxCompute table, an Elasticsearch index and a StarRocks or AnalyticDB table are named without one, and are not checked.

Fix: --fix sets dstTable to schemaName.tableName. If the created table is the wrong one, change dstCreateTableInfo instead and run the fix again.`,
	Bad: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "mysql", "name": "reader", "category": "reader",
   "parameter": {"connection": [{"datasource": "inv_db", "selectedTables": [{"dbName": "inv", "schema": [{"tableInfos": [{"enable": true, "table": "sku"}]}]}]}]}},
  {"stepType": "holo", "name": "writer", "category": "writer",
   "parameter": {"datasource": "inv_holo", "writeMode": "replay", "tableMappingRule": {"totalTableMapping": 1,
    "datasource": [{"srcDatasourceName": "inv_db", "tableRule": [{"srcDbName": "inv", "srcTable": "sku", "dstTable": "public.sku",
     "dstCreateTableInfo": {"schemaName": "ods", "tableName": "sku", "dataColumn": [{"name": "id", "index": 0, "type": "int8", "primaryKey": true}]}}]}]}}}],
 "order": {"hops": [{"from": "reader", "to": "writer"}]}}`,
	Good: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "mysql", "name": "reader", "category": "reader",
   "parameter": {"connection": [{"datasource": "inv_db", "selectedTables": [{"dbName": "inv", "schema": [{"tableInfos": [{"enable": true, "table": "sku"}]}]}]}]}},
  {"stepType": "holo", "name": "writer", "category": "writer",
   "parameter": {"datasource": "inv_holo", "writeMode": "replay", "tableMappingRule": {"totalTableMapping": 1,
    "datasource": [{"srcDatasourceName": "inv_db", "tableRule": [{"srcDbName": "inv", "srcTable": "sku", "dstTable": "ods.sku",
     "dstCreateTableInfo": {"schemaName": "ods", "tableName": "sku", "dataColumn": [{"name": "id", "index": 0, "type": "int8", "primaryKey": true}]}}]}]}}}],
 "order": {"hops": [{"from": "reader", "to": "writer"}]}}`,
	URL:             docURL("dst-table-format"),
	DefaultSeverity: SeverityError,
	Fixable:         true,
	Run: func(pass *Pass) {
		var c dstTableChecker
		for _, m := range pass.mappings() {
			c.check(pass, m)
		}
	},
})

// dstTableChecker keeps the buffer of the expected dstTable from table to
// table: the name becomes a string only in a report.
type dstTableChecker struct{ want []byte }

func (c *dstTableChecker) check(pass *Pass, m mappingRule) {
	rule, dst, info := m.rule, m.dst, m.info
	c.want = appendQualifiedTable(c.want[:0], info)
	if len(c.want) == 0 {
		if isPostgresWriter(m.writer) && dst.Type() == taskcontent.TypeString && !isSchemaTable(dst.StrBytes()) {
			d := At(dst, fmt.Sprintf("dstTable %q is not of the form schema.table", dst.Str()))
			d.Severity = atMost(pass, SeverityWarning)
			pass.Report(d)
		}
		return
	}
	if dst.Type() == taskcontent.TypeString && bytes.Equal(dst.StrBytes(), c.want) {
		return
	}
	want := string(c.want)
	fix := SuggestedFix{Message: "set dstTable to " + want}
	var d Diagnostic
	if !dst.Exists() {
		edit, err := pass.Doc.InsertChild(rule.Value, "dstTable", jsonString(want))
		if err != nil {
			return
		}
		d = At(rule.Value, fmt.Sprintf("the tableRule has no dstTable; the table it creates is %s", want))
		d.End = pass.Doc.Position(d.Start.Offset + 1) // the opening brace
		fix.Edits = []taskcontent.TextEdit{edit}
	} else {
		d = At(dst, fmt.Sprintf("dstTable %s does not match the table dstCreateTableInfo creates, %s: the data would go to another table", string(dst.Raw()), want))
		fix.Edits = []taskcontent.TextEdit{pass.Doc.ReplaceValue(dst, jsonString(want))}
	}
	d.Related = []Related{related(info.Value, "dstCreateTableInfo is here")}
	d.Fixes = []SuggestedFix{fix}
	pass.Report(d)
}

// isSchemaTable reports whether a name has the form schema.table.
func isSchemaTable(s []byte) bool {
	schema, table, ok := bytes.Cut(s, []byte("."))
	return ok && len(schema) > 0 && len(table) > 0 && !bytes.Contains(table, []byte("."))
}
