package lint

import (
	"fmt"

	"github.com/dilint/dilint/taskcontent"
)

var _ = register(&Rule{
	Name:  "src-table-selected",
	Group: "mapping",
	Doc: `A table mapping and the reader's table selection disagree: a tableRule maps a source table the reader does not select (or selects with "enable": false), or the reader selects a table that no tableRule maps.

A rule for a table the reader does not read moves no data, and the destination table stays empty; a selected table without a rule is read but written nowhere. The first is an error; the second a warning, since DataWorks may fill in a default mapping when it regenerates the task.

Tables are matched by srcDbName and srcTable against selectedTables[].dbName and its tableInfos[].table, or, for a reader that lists plain connection[].table names, by srcTable alone. A srcDbName the reader does not select at all is left to src-db.

Fix: select the table in the reader, or delete the rule; add a rule for each selected table, or unselect it.`,
	Bad: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "mysql", "name": "reader", "category": "reader",
   "parameter": {"connection": [{"datasource": "inv_db", "selectedTables": [{"dbName": "inv", "schema": [{"tableInfos": [{"enable": true, "table": "sku"}]}]}]}]}},
  {"stepType": "holo", "name": "writer", "category": "writer",
   "parameter": {"datasource": "inv_holo", "writeMode": "replay", "tableMappingRule": {"totalTableMapping": 1,
    "datasource": [{"srcDatasourceName": "inv_db", "tableRule": [{"srcDbName": "inv", "srcTable": "skus", "dstTable": "inv.skus"}]}]}}}],
 "order": {"hops": [{"from": "reader", "to": "writer"}]}}`,
	Good: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "mysql", "name": "reader", "category": "reader",
   "parameter": {"connection": [{"datasource": "inv_db", "selectedTables": [{"dbName": "inv", "schema": [{"tableInfos": [{"enable": true, "table": "sku"}]}]}]}]}},
  {"stepType": "holo", "name": "writer", "category": "writer",
   "parameter": {"datasource": "inv_holo", "writeMode": "replay", "tableMappingRule": {"totalTableMapping": 1,
    "datasource": [{"srcDatasourceName": "inv_db", "tableRule": [{"srcDbName": "inv", "srcTable": "sku", "dstTable": "inv.sku"}]}]}}}],
 "order": {"hops": [{"from": "reader", "to": "writer"}]}}`,
	URL:             docURL("src-table-selected"),
	DefaultSeverity: SeverityError,
	Run: func(pass *Pass) {
		if !hasSteps(pass.Doc) || len(pass.mappingWriters()) == 0 {
			return
		}
		src := pass.sources()
		if !src.hasDBs && !src.hasLists {
			return // the reader's selection is not in the document
		}
		mappings := pass.mappings()
		// mapped marks, per selected database, the tables some tableRule
		// maps, by their id in the database's index.
		mapped := make(map[*sourceDB][]bool, len(src.dbs))
		for _, d := range src.dbs {
			mapped[d] = make([]bool, len(d.tables))
		}
		var mappedTables map[string]bool // for plain table lists, which name no database
		if !src.hasDBs {
			mappedTables = make(map[string]bool, len(mappings))
		}
		for _, m := range mappings {
			db, table := m.rule.Value.Get("srcDbName").StrBytes(), m.rule.Value.Get("srcTable").StrBytes()
			if d, ok := src.dbs[string(db)]; ok {
				if id, ok := d.find(table); ok {
					mapped[d][id] = true
				}
			}
			if mappedTables != nil {
				mappedTables[string(table)] = true
			}
			checkRuleSelected(pass, src, m.rule, db, table)
		}
		for _, name := range src.dbSet.names {
			d := src.dbs[name]
			for i, ti := range d.tables {
				if ti.Enabled() && !mapped[d][i] {
					r := At(ti.Value, fmt.Sprintf("the reader selects table %s.%s but no tableRule maps it: it is read and written nowhere", name, tableName(ti)))
					r.Severity = atMost(pass, SeverityWarning)
					pass.Report(r)
				}
			}
		}
		if !src.hasDBs {
			for _, v := range src.listedAt {
				if !mappedTables[v.Str()] {
					r := At(v, fmt.Sprintf("the reader selects table %q but no tableRule maps it: it is read and written nowhere", v.Str()))
					r.Severity = atMost(pass, SeverityWarning)
					pass.Report(r)
				}
			}
		}
	},
})

// checkRuleSelected reports a tableRule whose source table the reader does
// not select; dbName and table are its srcDbName and srcTable, as bytes
// that become strings only in a report.
func checkRuleSelected(pass *Pass, src *sourceIndex, rule taskcontent.TableRule, dbName, table []byte) {
	at := rule.Value.Get("srcTable")
	if !at.Exists() {
		return // a missing srcTable is the schema's finding
	}
	if db, ok := src.dbs[string(dbName)]; ok {
		ti, selected := db.table(table)
		switch {
		case !selected:
			pass.Reportf(at, "srcTable %q is not among the tables the reader selects in database %q, so the rule moves no data%s",
				table, dbName, didYouMean(db.suggest(string(table))))
		case !ti.Enabled():
			d := At(at, fmt.Sprintf("srcTable %q is selected with \"enable\": false: the reader does not read it, so the rule moves no data", table))
			d.Related = []Related{related(ti.Value, "the table is disabled here")}
			pass.Report(d)
		}
		return
	}
	if src.hasLists && !src.hasDBs && !src.listed.has(string(table)) {
		pass.Reportf(at, "srcTable %q is not among the tables the reader lists, so the rule moves no data%s", table, didYouMean(src.listed.suggest(string(table))))
	}
}
