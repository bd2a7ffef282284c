package lint

import (
	"slices"
	"strings"

	"github.com/dilint/dilint/schema"
	"github.com/dilint/dilint/taskcontent"
)

// holoTypeNames are the Hologres column types and their aliases, written as
// in SQL (case-insensitive there), most common first so that did-you-mean
// prefers them. Sizes and precisions, as in varchar(64) or numeric(38,10),
// are accepted on any of them.
var holoTypeNames = []string{
	"int8", "int4", "text", "bigint", "integer", "int", "smallint", "int2",
	"float8", "float4", "double precision", "real", "float",
	"numeric", "decimal", "bool", "boolean",
	"varchar", "character varying", "char", "character", "bpchar",
	"timestamptz", "timestamp with time zone", "timestamp", "timestamp without time zone",
	"date", "time", "time without time zone", "timetz", "time with time zone", "interval",
	"json", "jsonb", "bytea", "roaringbitmap", "roaringbitmap64",
	"bit", "varbit", "bit varying", "inet", "money", "oid", "uuid",
	"serial", "serial4", "bigserial", "serial8",
	"geometry", "geography",
}

// holoArrayElements are the element types Hologres accepts in arrays
// (text[], int4[], …), by the canonical name of each alias.
var holoArrayElements = map[string]bool{
	"int4": true, "integer": true, "int": true,
	"int8": true, "bigint": true,
	"float4": true, "real": true,
	"float8": true, "double precision": true, "float": true,
	"bool": true, "boolean": true,
	"text": true, "varchar": true, "character varying": true,
}

var _ = register(&Rule{
	Name:  "dst-column-type",
	Group: "mapping",
	Doc: `A Hologres destination column has a type Hologres does not know, such as "int9", "string" or "datetime". DataWorks creates the destination table from dataColumn, so the table creation fails and the table is not synchronized.

Known are the Hologres types and their PostgreSQL aliases: int8/bigint, int4/integer/int, int2/smallint, float8/double precision, float4/real, numeric/decimal, bool/boolean, text, varchar/character varying, char, timestamptz/timestamp with time zone, timestamp, date, time, timetz, interval, json, jsonb, bytea, roaringbitmap, bit, varbit, inet, money, oid, uuid, serial, bigserial and the PostGIS geometry and geography, with sizes (varchar(64), numeric(38,10)), and one-dimensional arrays of int4, int8, float4, float8, bool and text (text[]). Case does not matter. The rule option types adds names.

Only writers with stepType holo are checked.

Fix: use the Hologres type the message suggests; MySQL names map as datetime → timestamp, tinyint → int2, double → float8, varchar → text or varchar(n), longtext → text, blob → bytea.`,
	Bad: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "mysql", "name": "reader", "category": "reader",
   "parameter": {"connection": [{"datasource": "inv_db", "selectedTables": [{"dbName": "inv", "schema": [{"tableInfos": [{"enable": true, "table": "sku"}]}]}]}]}},
  {"stepType": "holo", "name": "writer", "category": "writer",
   "parameter": {"datasource": "inv_holo", "writeMode": "replay", "tableMappingRule": {"totalTableMapping": 1,
    "datasource": [{"srcDatasourceName": "inv_db", "tableRule": [{"srcDbName": "inv", "srcTable": "sku", "dstTable": "inv.sku",
     "dstCreateTableInfo": {"schemaName": "inv", "tableName": "sku", "dataColumn": [
       {"name": "id", "index": 0, "type": "int9"},
       {"name": "title", "index": 1, "type": "varchar(200)"}]}}]}]}}}],
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
       {"name": "title", "index": 1, "type": "varchar(200)"}]}}]}]}}}],
 "order": {"hops": [{"from": "reader", "to": "writer"}]}}`,
	URL:             docURL("dst-column-type"),
	DefaultSeverity: SeverityError,
	Options: []Option{
		{Name: "types", Type: OptionStrings, Doc: "More column type names to accept, written as in dataColumn (case does not matter), such as a custom type or an array like int2[]."},
	},
	Run: func(pass *Pass) {
		var extra []string
		for _, t := range pass.StringsOption("types") {
			extra = append(extra, normalizeType(t))
		}
		known := func(t string) bool { return slices.Contains(holoTypeNames, t) || slices.Contains(extra, t) }
		for _, m := range pass.mappings() {
			if !isHoloWriter(m.writer) {
				continue
			}
			for _, c := range m.info.Columns() {
				v := c.Value.Get("type")
				if isHoloTypeName(v) || v.Type() != taskcontent.TypeString || strings.TrimSpace(v.Str()) == "" {
					continue
				}
				t := normalizeType(v.Str())
				elem, isArray := strings.CutSuffix(t, "[]")
				switch {
				case !isArray && known(t):
					continue
				case isArray && (holoArrayElements[strings.TrimSpace(elem)] || slices.Contains(extra, t)):
					continue
				case isArray:
					pass.Reportf(v, "column %q has type %q: Hologres arrays hold int4, int8, float4, float8, bool or text", c.Name(), v.Str())
				default:
					pass.Reportf(v, "column %q has type %q, which Hologres does not know%s", c.Name(), v.Str(), didYouMean(suggestType(t)))
				}
			}
		}
	},
})

// holoTypeSet holds holoTypeNames, which are already normalized.
var holoTypeSet = func() map[string]bool {
	m := make(map[string]bool, len(holoTypeNames))
	for _, t := range holoTypeNames {
		m[t] = true
	}
	return m
}()

// isHoloTypeName reports whether v is a string spelled exactly as one of
// holoTypeNames, the common case, without decoding or normalizing it. A
// string with escapes never matches and takes the slow path.
func isHoloTypeName(v taskcontent.Value) bool {
	raw := v.Raw()
	return v.Type() == taskcontent.TypeString && len(raw) >= 2 && holoTypeSet[string(raw[1:len(raw)-1])]
}

// normalizeType lower-cases a SQL type, drops its size or precision
// ("varchar(64)" → "varchar") and collapses spaces.
func normalizeType(t string) string {
	t = strings.ToLower(t)
	if open := strings.IndexByte(t, '('); open >= 0 {
		if end := strings.IndexByte(t[open:], ')'); end >= 0 && strings.Trim(t[open+1:open+end], "0123456789, ") == "" {
			t = t[:open] + " " + t[open+end+1:]
		}
	}
	return strings.Join(strings.Fields(t), " ")
}

// suggestType maps common MySQL and ODPS names to their Hologres types
// before trying edit distance.
func suggestType(t string) string {
	switch t {
	case "datetime":
		return "timestamp"
	case "tinyint", "mediumint":
		return "int2"
	case "double":
		return "float8"
	case "string", "longtext", "mediumtext", "tinytext", "enum", "set":
		return "text"
	case "blob", "longblob", "binary", "varbinary":
		return "bytea"
	case "long":
		return "int8"
	}
	return schema.Suggest(t, holoTypeNames)
}
