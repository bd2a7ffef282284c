package lint

import (
	"fmt"
	"strings"

	"github.com/dilint/dilint/taskcontent"
)

var _ = register(&Rule{
	Name:  "identifier-length",
	Group: "mapping",
	Doc: `A destination schema, table or column name of a Hologres (or PostgreSQL) mapping is longer than 63 bytes. PostgreSQL and Hologres cut identifiers to 63 bytes without an error, so the table is created under a shorter name than the mapping uses, and two long names that share their first 63 bytes become the same name.

Bytes, not characters, count: a name in Chinese reaches the limit at 21 characters.

Fix: shorten the name to 63 bytes or fewer, keeping names distinct within their table or schema.`,
	Bad: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "mysql", "name": "reader", "category": "reader",
   "parameter": {"connection": [{"datasource": "inv_db", "selectedTables": [{"dbName": "inv", "schema": [{"tableInfos": [{"enable": true, "table": "sku"}]}]}]}]}},
  {"stepType": "holo", "name": "writer", "category": "writer",
   "parameter": {"datasource": "inv_holo", "writeMode": "replay", "tableMappingRule": {"totalTableMapping": 1,
    "datasource": [{"srcDatasourceName": "inv_db", "tableRule": [{"srcDbName": "inv", "srcTable": "sku", "dstTable": "inv.sku",
     "dstCreateTableInfo": {"schemaName": "inv", "tableName": "sku", "dataColumn": [
       {"name": "id", "index": 0, "type": "int8"},
       {"name": "warehouse_replenishment_lead_time_in_business_days_after_supplier_confirmation", "index": 1, "type": "int4"}]}}]}]}}}],
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
       {"name": "replenishment_lead_days", "index": 1, "type": "int4"}]}}]}]}}}],
 "order": {"hops": [{"from": "reader", "to": "writer"}]}}`,
	URL:             docURL("identifier-length"),
	DefaultSeverity: SeverityError,
	Run: func(pass *Pass) {
		for _, m := range pass.mappings() {
			if !isPostgresWriter(m.writer) {
				continue
			}
			info := m.info
			if info.Value.Exists() {
				checkIdentifier(pass, info.Value.Get("schemaName"), "schema", nil)
				checkIdentifier(pass, info.Value.Get("tableName"), "table", nil)
			} else if dst := m.rule.Value.Get("dstTable"); dst.Type() == taskcontent.TypeString {
				schemaName, table, _ := strings.Cut(dst.Str(), ".")
				if len(schemaName) > maxIdentifierBytes || len(table) > maxIdentifierBytes {
					pass.Reportf(dst, "dstTable %q has a part longer than %d bytes, which Hologres cuts short", dst.Str(), maxIdentifierBytes)
				}
			}
			// Only long names are reported; the map of a table's names,
			// which tells which long names collide, is built when it has one.
			long := false
			for _, c := range info.Columns() {
				long = long || mayBeLong(c.Value.Get("name"))
			}
			if !long {
				continue
			}
			cut := map[string]taskcontent.Value{}
			for _, c := range info.Columns() {
				checkIdentifier(pass, c.Value.Get("name"), "column", cut)
			}
		}
	},
})

// checkIdentifier reports a name longer than PostgreSQL keeps. seen, when
// not nil, collects the truncated names of one table's columns to tell
// which long names collide.
func checkIdentifier(pass *Pass, v taskcontent.Value, what string, seen map[string]taskcontent.Value) {
	if seen == nil && !mayBeLong(v) {
		return
	}
	name := v.Str()
	if v.Type() != taskcontent.TypeString || len(name) <= maxIdentifierBytes {
		if seen != nil && v.Type() == taskcontent.TypeString {
			if _, dup := seen[name]; !dup {
				seen[name] = v
			}
		}
		return
	}
	short := truncateIdentifier(name)
	d := At(v, fmt.Sprintf("%s name is %d bytes; Hologres keeps the first %d: %q", what, len(name), len(short), short))
	if seen != nil {
		if prev, dup := seen[short]; dup {
			d.Message += fmt.Sprintf(", the same as column %q", prev.Str())
			d.Related = []Related{related(prev, "the column it collides with")}
		} else {
			seen[short] = v
		}
	}
	pass.Report(d)
}

// mayBeLong reports whether v can be a name longer than PostgreSQL keeps:
// its text as written, never shorter than the decoded string, is.
func mayBeLong(v taskcontent.Value) bool { return len(v.Raw())-2 > maxIdentifierBytes }
