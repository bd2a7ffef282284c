package lint

var _ = register(&Rule{
	Name:  "src-db",
	Group: "mapping",
	Doc: `A table mapping's srcDbName is not a database the reader selects (selectedTables[].dbName). None of the rule's changes are read, so its destination table stays empty.

Only readers that select tables per database are checked; a reader with a plain connection[].table list names no database.

Fix: set srcDbName to the selected database, or select the database in the reader.`,
	Bad: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "mysql", "name": "reader", "category": "reader",
   "parameter": {"connection": [{"datasource": "inv_db", "selectedTables": [{"dbName": "inventory", "schema": [{"tableInfos": [{"enable": true, "table": "sku"}]}]}]}]}},
  {"stepType": "holo", "name": "writer", "category": "writer",
   "parameter": {"datasource": "inv_holo", "writeMode": "replay", "tableMappingRule": {"totalTableMapping": 1,
    "datasource": [{"srcDatasourceName": "inv_db", "tableRule": [{"srcDbName": "inventroy", "srcTable": "sku", "dstTable": "inventory.sku"}]}]}}}],
 "order": {"hops": [{"from": "reader", "to": "writer"}]}}`,
	Good: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "mysql", "name": "reader", "category": "reader",
   "parameter": {"connection": [{"datasource": "inv_db", "selectedTables": [{"dbName": "inventory", "schema": [{"tableInfos": [{"enable": true, "table": "sku"}]}]}]}]}},
  {"stepType": "holo", "name": "writer", "category": "writer",
   "parameter": {"datasource": "inv_holo", "writeMode": "replay", "tableMappingRule": {"totalTableMapping": 1,
    "datasource": [{"srcDatasourceName": "inv_db", "tableRule": [{"srcDbName": "inventory", "srcTable": "sku", "dstTable": "inventory.sku"}]}]}}}],
 "order": {"hops": [{"from": "reader", "to": "writer"}]}}`,
	URL:             docURL("src-db"),
	DefaultSeverity: SeverityError,
	Run: func(pass *Pass) {
		if !hasSteps(pass.Doc) || len(pass.mappingWriters()) == 0 {
			return
		}
		src := pass.sources()
		if !src.hasDBs {
			return
		}
		for _, m := range pass.mappings() {
			v := m.rule.Value.Get("srcDbName")
			if !v.Exists() {
				continue
			}
			if _, ok := src.dbs[string(v.StrBytes())]; !ok {
				pass.Reportf(v, "srcDbName %q is not a database the reader selects (%s)%s",
					v.Str(), listNames(src.dbSet.names), didYouMean(src.dbSet.suggest(v.Str())))
			}
		}
	},
})
