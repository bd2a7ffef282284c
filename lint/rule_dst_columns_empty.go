package lint

import "github.com/dilint/dilint/taskcontent"

var _ = register(&Rule{
	Name:  "dst-columns-empty",
	Group: "mapping",
	Doc: `A table mapping's dstCreateTableInfo.dataColumn is an empty list.

dstCreateTableInfo describes the destination table that the real-time task or solution creates; with no columns there is nothing to create a table from, and no column for the source's rows to go to. Generate writes every column of the source table here; an empty list is usually a hand edit or a tool that lost the columns.

Fix: list the destination columns (name, index, type, primaryKey), or remove dstCreateTableInfo when the destination table already exists.`,
	Bad: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "mysql", "name": "reader", "category": "reader",
   "parameter": {"connection": [{"datasource": "inv_db", "selectedTables": [{"dbName": "inv", "schema": [{"tableInfos": [{"enable": true, "table": "sku"}]}]}]}]}},
  {"stepType": "holo", "name": "writer", "category": "writer",
   "parameter": {"datasource": "inv_holo", "writeMode": "replay", "tableMappingRule": {"totalTableMapping": 1,
    "datasource": [{"srcDatasourceName": "inv_db", "tableRule": [{"srcDbName": "inv", "srcTable": "sku", "dstTable": "inv.sku",
     "primaryKeyInfo": {"column": [], "type": "pk"},
     "dstCreateTableInfo": {"schemaName": "inv", "tableName": "sku", "dataColumn": []}}]}]}}}],
 "order": {"hops": [{"from": "reader", "to": "writer"}]}}`,
	Good: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "mysql", "name": "reader", "category": "reader",
   "parameter": {"connection": [{"datasource": "inv_db", "selectedTables": [{"dbName": "inv", "schema": [{"tableInfos": [{"enable": true, "table": "sku"}]}]}]}]}},
  {"stepType": "holo", "name": "writer", "category": "writer",
   "parameter": {"datasource": "inv_holo", "writeMode": "replay", "tableMappingRule": {"totalTableMapping": 1,
    "datasource": [{"srcDatasourceName": "inv_db", "tableRule": [{"srcDbName": "inv", "srcTable": "sku", "dstTable": "inv.sku",
     "primaryKeyInfo": {"column": ["id"], "type": "pk"},
     "dstCreateTableInfo": {"schemaName": "inv", "tableName": "sku", "dataColumn": [
       {"name": "id", "index": 0, "type": "int8", "primaryKey": true}]}}]}]}}}],
 "order": {"hops": [{"from": "reader", "to": "writer"}]}}`,
	URL: docURL("dst-columns-empty"),
	// A warning: whether DataWorks refuses the mapping or creates nothing
	// is not documented.
	DefaultSeverity: SeverityWarning,
	Run: func(pass *Pass) {
		for _, m := range pass.mappings() {
			cols := m.info.Value.Get("dataColumn")
			if cols.Type() == taskcontent.TypeArray && cols.Len() == 0 {
				pass.Reportf(cols, "table %q maps to a destination table with no columns (dataColumn is empty)", m.rule.SrcTable())
			}
		}
	},
})
