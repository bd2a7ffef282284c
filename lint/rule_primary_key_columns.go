package lint

import (
	"fmt"

	"github.com/dilint/dilint/taskcontent"
)

var _ = register(&Rule{
	Name:  "primary-key-columns",
	Group: "mapping",
	Doc: `A table mapping's primary key (primaryKeyInfo.column) names a column that dstCreateTableInfo.dataColumn does not define, names one twice, or disagrees with the columns marked "primaryKey": true.

The destination table is created from dataColumn, and real-time replay applies updates and deletes by the primary key: a key column that does not exist fails the table creation, and a key that differs from the marked columns leaves it unclear which key the table gets, so changes may apply to the wrong rows.

Fix: list in primaryKeyInfo.column exactly the dataColumn names marked "primaryKey": true.`,
	Bad: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "mysql", "name": "reader", "category": "reader",
   "parameter": {"connection": [{"datasource": "inv_db", "selectedTables": [{"dbName": "inv", "schema": [{"tableInfos": [{"enable": true, "table": "sku"}]}]}]}]}},
  {"stepType": "holo", "name": "writer", "category": "writer",
   "parameter": {"datasource": "inv_holo", "writeMode": "replay", "tableMappingRule": {"totalTableMapping": 1,
    "datasource": [{"srcDatasourceName": "inv_db", "tableRule": [{"srcDbName": "inv", "srcTable": "sku", "dstTable": "inv.sku",
     "primaryKeyInfo": {"column": ["sku_id"], "type": "pk"},
     "dstCreateTableInfo": {"schemaName": "inv", "tableName": "sku", "dataColumn": [
       {"name": "id", "index": 0, "type": "int8", "primaryKey": true},
       {"name": "title", "index": 1, "type": "text", "primaryKey": false}]}}]}]}}}],
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
       {"name": "id", "index": 0, "type": "int8", "primaryKey": true},
       {"name": "title", "index": 1, "type": "text", "primaryKey": false}]}}]}]}}}],
 "order": {"hops": [{"from": "reader", "to": "writer"}]}}`,
	URL:             docURL("primary-key-columns"),
	DefaultSeverity: SeverityError,
	Run: func(pass *Pass) {
		var c pkChecker
		for _, m := range pass.mappings() {
			c.check(pass, m)
		}
	},
})

// pkChecker holds the indexes of one table's names, kept from table to
// table so that checking thousands of tables allocates nothing per table.
type pkChecker struct {
	byName nameIndex                // dataColumn names
	cols   []taskcontent.DataColumn // the first column of each name, by id
	inKey  nameIndex                // primaryKeyInfo.column names
	keys   []taskcontent.Value      // the first entry of each name, by id
}

func (p *pkChecker) check(pass *Pass, m mappingRule) {
	rule, info := m.rule, m.info
	if info.Value.Get("dataColumn").Type() != taskcontent.TypeArray {
		return // nothing to compare with
	}
	p.byName.reset()
	p.cols = p.cols[:0]
	for _, c := range info.Columns() {
		if _, added := p.byName.add(c.Value.Get("name").StrBytes()); added {
			p.cols = append(p.cols, c)
		}
	}
	pk := rule.PrimaryKeyColumns()
	p.inKey.reset()
	p.keys = p.keys[:0]
	for _, e := range pk.Elems() {
		if e.Type() != taskcontent.TypeString {
			continue
		}
		name := e.StrBytes()
		if id, added := p.inKey.add(name); !added {
			d := At(e, fmt.Sprintf("primary key column %q is listed twice", name))
			d.Related = []Related{related(p.keys[id], "first listed here")}
			pass.Report(d)
			continue
		}
		p.keys = append(p.keys, e)
		id, defined := p.byName.find(name)
		switch {
		case !defined:
			columns := newNameSet()
			for _, c := range info.Columns() {
				columns.add(c.Name())
			}
			pass.Reportf(e, "primary key column %q is not a dataColumn of the destination table%s", name, didYouMean(columns.suggest(string(name))))
		case !p.cols[id].PrimaryKey():
			d := At(e, fmt.Sprintf("primary key column %q is not marked \"primaryKey\": true in dataColumn", name))
			d.Related = []Related{related(p.cols[id].Value, "the column is defined here")}
			pass.Report(d)
		}
	}
	for _, c := range info.Columns() {
		if !c.PrimaryKey() {
			continue
		}
		if p.inKey.has(c.Value.Get("name").StrBytes()) {
			continue
		}
		where := "primaryKeyInfo.column does not list it"
		if !pk.Exists() {
			where = "the tableRule has no primaryKeyInfo"
		}
		pass.Reportf(c.Value.Get("primaryKey"), "dataColumn %q is marked \"primaryKey\": true but %s", c.Name(), where)
	}
}
