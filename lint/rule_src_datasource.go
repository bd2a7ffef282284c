package lint

import "fmt"

var _ = register(&Rule{
	Name:  "src-datasource",
	Group: "mapping",
	Doc: `A table mapping's srcDatasourceName is not a data source the reader reads. The mapping applies to the changes read from that data source, so rules under a name the reader does not use never apply and their tables are not synchronized.

The reader's data sources are its parameter.datasource and connection[].datasource names; names are compared exactly, as DataWorks does.

Fix: set srcDatasourceName to the reader's data source.`,
	Bad: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "mysql", "name": "reader", "category": "reader",
   "parameter": {"connection": [{"datasource": "inv_db", "selectedTables": [{"dbName": "inv", "schema": [{"tableInfos": [{"enable": true, "table": "sku"}]}]}]}]}},
  {"stepType": "holo", "name": "writer", "category": "writer",
   "parameter": {"datasource": "inv_holo", "writeMode": "replay", "tableMappingRule": {"totalTableMapping": 1,
    "datasource": [{"srcDatasourceName": "inv_dbs", "tableRule": [{"srcDbName": "inv", "srcTable": "sku", "dstTable": "inv.sku"}]}]}}}],
 "order": {"hops": [{"from": "reader", "to": "writer"}]}}`,
	Good: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "mysql", "name": "reader", "category": "reader",
   "parameter": {"connection": [{"datasource": "inv_db", "selectedTables": [{"dbName": "inv", "schema": [{"tableInfos": [{"enable": true, "table": "sku"}]}]}]}]}},
  {"stepType": "holo", "name": "writer", "category": "writer",
   "parameter": {"datasource": "inv_holo", "writeMode": "replay", "tableMappingRule": {"totalTableMapping": 1,
    "datasource": [{"srcDatasourceName": "inv_db", "tableRule": [{"srcDbName": "inv", "srcTable": "sku", "dstTable": "inv.sku"}]}]}}}],
 "order": {"hops": [{"from": "reader", "to": "writer"}]}}`,
	URL:             docURL("src-datasource"),
	DefaultSeverity: SeverityError,
	Run: func(pass *Pass) {
		if !hasSteps(pass.Doc) {
			return
		}
		writers := pass.mappingWriters()
		if len(writers) == 0 {
			return
		}
		src := pass.sources()
		if len(src.datasources.names) == 0 {
			return // the reader names no data source: nothing to compare with
		}
		first := src.datasourceAt[src.datasources.names[0]]
		for _, w := range writers {
			for _, ds := range w.TableMappingRule().Datasources() {
				v := ds.Value.Get("srcDatasourceName")
				if !v.Exists() || src.datasources.has(v.Str()) {
					continue
				}
				d := At(v, fmt.Sprintf("srcDatasourceName %q is not a data source the reader reads (%s), so its rules never apply%s",
					v.Str(), listNames(src.datasources.names), didYouMean(src.datasources.suggest(v.Str()))))
				d.Related = []Related{related(first, "the reader's data source is named here")}
				pass.Report(d)
			}
		}
	},
})
