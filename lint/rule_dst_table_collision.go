package lint

import (
	"bytes"
	"encoding/binary"
	"fmt"

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
		// targets holds each writer data source and destination, lower
		// case, as bytes: a string per table would be the rule's cost.
		var (
			targets   nameIndex
			first     []taskcontent.TableRule // by id in targets
			name, key []byte
		)
		targets.grow(len(pass.mappings()))
		for _, m := range pass.mappings() {
			var v taskcontent.Value
			v, name = appendDestination(name[:0], m.rule)
			if len(name) == 0 {
				continue
			}
			ds := m.writer.Parameter().Get("datasource").StrBytes()
			key = binary.AppendUvarint(key[:0], uint64(len(ds)))
			key = append(key, ds...)
			key = appendLower(key, name)
			id, added := targets.add(key)
			if added {
				first = append(first, m.rule)
				continue
			}
			prev := first[id]
			msg := fmt.Sprintf("%s.%s and %s.%s both write into %s", prev.SrcDbName(), prev.SrcTable(), m.rule.SrcDbName(), m.rule.SrcTable(), name)
			if prev.SrcDbName() == m.rule.SrcDbName() && prev.SrcTable() == m.rule.SrcTable() {
				msg = fmt.Sprintf("%s.%s is mapped twice into %s", m.rule.SrcDbName(), m.rule.SrcTable(), name)
			}
			d := At(v, msg+": their rows overwrite each other")
			pv, _ := destination(prev)
			d.Related = []Related{related(pv, "the other mapping into "+string(name))}
			pass.Report(d)
		}
	},
})

// destination returns where a tableRule writes and the value that says so:
// dstTable, or dstCreateTableInfo when dstTable is missing.
func destination(rule taskcontent.TableRule) (taskcontent.Value, string) {
	v, name := appendDestination(nil, rule)
	return v, string(name)
}

// appendDestination is destination appending the name to b, which is
// returned unchanged when the rule names no destination.
func appendDestination(b []byte, rule taskcontent.TableRule) (taskcontent.Value, []byte) {
	if v := rule.V.Get("dstTable"); v.Type() == taskcontent.TypeString {
		if name := bytes.TrimSpace(v.StrBytes()); len(name) > 0 {
			return v, append(b, name...)
		}
	}
	info := rule.DstCreateTableInfo()
	return info.V, appendQualifiedTable(b, info)
}
