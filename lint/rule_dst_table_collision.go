package lint

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"unicode/utf8"

	"github.com/dilint/dilint/taskcontent"
)

var _ = register(&Rule{
	Name:  "dst-table-collision",
	Group: "mapping",
	Doc: `Two table mappings of one writer data source write into the same destination table. Their rows interleave in one table: a key present in both sources overwrites the other, deletes from one source remove rows of the other, and the table definition of one rule wins. DataWorks does not warn.

Destination names compare as Hologres compares unquoted identifiers, case-insensitively. The destination is dstTable, or schemaName.tableName of dstCreateTableInfo when dstTable is missing.

Fix: give each source table its own destination. Merging sharded tables into one on purpose is a design choice this rule cannot see: turn it off for that file with an override.`,
	Bad: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "mysql", "name": "reader", "category": "reader",
   "parameter": {"connection": [{"datasource": "inv_db", "selectedTables": [{"dbName": "inv", "schema": [{"tableInfos": [{"enable": true, "table": "sku"}, {"enable": true, "table": "sku_bak"}]}]}]}]}},
  {"stepType": "holo", "name": "writer", "category": "writer",
   "parameter": {"datasource": "inv_holo", "writeMode": "replay", "tableMappingRule": {"totalTableMapping": 2,
    "datasource": [{"srcDatasourceName": "inv_db", "tableRule": [
      {"srcDbName": "inv", "srcTable": "sku", "dstTable": "inv.sku"},
      {"srcDbName": "inv", "srcTable": "sku_bak", "dstTable": "inv.sku"}]}]}}}],
 "order": {"hops": [{"from": "reader", "to": "writer"}]}}`,
	Good: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "mysql", "name": "reader", "category": "reader",
   "parameter": {"connection": [{"datasource": "inv_db", "selectedTables": [{"dbName": "inv", "schema": [{"tableInfos": [{"enable": true, "table": "sku"}, {"enable": true, "table": "sku_bak"}]}]}]}]}},
  {"stepType": "holo", "name": "writer", "category": "writer",
   "parameter": {"datasource": "inv_holo", "writeMode": "replay", "tableMappingRule": {"totalTableMapping": 2,
    "datasource": [{"srcDatasourceName": "inv_db", "tableRule": [
      {"srcDbName": "inv", "srcTable": "sku", "dstTable": "inv.sku"},
      {"srcDbName": "inv", "srcTable": "sku_bak", "dstTable": "inv.sku_bak"}]}]}}}],
 "order": {"hops": [{"from": "reader", "to": "writer"}]}}`,
	URL:             docURL("dst-table-collision"),
	DefaultSeverity: SeverityError,
	Run: func(pass *Pass) {
		// targets indexes each writer data source and destination, lower
		// case, by the hash of the pair: a string per table, or even a
		// copy of each name, would be most of the rule's cost.
		mappings := pass.mappings()
		targets := newKeyIndex(len(mappings))
		first := make([]int32, 0, len(mappings)) // by id in targets: the mapping
		var key, other []byte
		for i, m := range mappings {
			var v taskcontent.Value
			v, key = appendTarget(key[:0], m)
			if len(key) == 0 {
				continue
			}
			id, added := targets.add(hashKey(key), func(id int) bool {
				_, other = appendTarget(other[:0], mappings[first[id]])
				return bytes.Equal(key, other)
			})
			if added {
				first = append(first, int32(i))
				continue
			}
			_, name := destination(m)
			pm := mappings[first[id]]
			prev := pm.rule
			msg := fmt.Sprintf("%s.%s and %s.%s both write into %s", prev.SrcDB(), prev.SrcTable(), m.rule.SrcDB(), m.rule.SrcTable(), name)
			if prev.SrcDB() == m.rule.SrcDB() && prev.SrcTable() == m.rule.SrcTable() {
				msg = fmt.Sprintf("%s.%s is mapped twice into %s", m.rule.SrcDB(), m.rule.SrcTable(), name)
			}
			d := At(v, msg+": their rows overwrite each other")
			pv, _ := destination(pm)
			d.Related = []Related{related(pv, "the other mapping into "+name)}
			pass.Report(d)
		}
	},
})

// appendTarget appends to b the identity of where a mapping writes: its
// writer's data source and its destination in lower case, as Hologres
// compares unquoted names. It appends nothing when the rule names no
// destination.
func appendTarget(b []byte, m mappingRule) (taskcontent.Value, []byte) {
	ds := m.writer.Parameter().Get("datasource").StrBytes()
	start := len(b)
	b = binary.AppendUvarint(b, uint64(len(ds)))
	b = append(b, ds...)
	nameAt := len(b)
	v, b := appendDestination(b, m)
	if len(b) == nameAt {
		return v, b[:start]
	}
	// Lower the name in place when it is ASCII, the common case;
	// otherwise through a copy, as strings.ToLower may change its length.
	name := b[nameAt:]
	if isASCII(name) {
		for i, c := range name {
			if 'A' <= c && c <= 'Z' {
				name[i] = c + 'a' - 'A'
			}
		}
		return v, b
	}
	lower := appendLower(nil, name)
	return v, append(b[:nameAt], lower...)
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// destination returns where a tableRule writes and the value that says so:
// dstTable, or dstCreateTableInfo when dstTable is missing.
func destination(m mappingRule) (taskcontent.Value, string) {
	v, name := appendDestination(nil, m)
	return v, string(name)
}

// appendDestination is destination appending the name to b, which is
// returned unchanged when the rule names no destination.
func appendDestination(b []byte, m mappingRule) (taskcontent.Value, []byte) {
	if v := m.dst; v.Type() == taskcontent.TypeString {
		if name := bytes.TrimSpace(v.StrBytes()); len(name) > 0 {
			return v, append(b, name...)
		}
	}
	return m.info.Value, appendQualifiedTable(b, m.info)
}
