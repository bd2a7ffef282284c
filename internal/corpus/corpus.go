// Package corpus generates deterministic DataWorks DI documents for tests
// and benchmarks: batch jobs across plugin types, and realtime/solution
// jobs with any number of table mappings. The same arguments always give
// the same bytes.
package corpus

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
)

// Options shape a generated solution.
type Options struct {
	// Tables is the number of source tables (and table rules).
	Tables int
	// Columns per table; 0 means 2.
	Columns int
	// Indent pretty-prints the document with two spaces; otherwise it is
	// compact, as the API returns it.
	Indent bool
	// Seed varies names and types.
	Seed uint64
}

var holoTypes = []string{"int8", "int4", "text", "varchar", "timestamptz", "numeric", "bool", "float8", "date", "jsonb"}

// Solution returns a realtime MySQL→Hologres solution job (the shape
// QueryDISyncTaskConfigProcessResult returns) with opts.Tables mappings.
// About 600 bytes per table compact with 2 columns: 20,000 tables ≈ 12 MB.
func Solution(opts Options) []byte {
	if opts.Columns == 0 {
		opts.Columns = 2
	}
	r := rand.New(rand.NewPCG(opts.Seed, 0x5eed))
	dbs := []string{"shop", "crm", "billing"}
	infos := map[string][]any{}
	rules := make([]any, 0, opts.Tables)
	for i := range opts.Tables {
		db := dbs[i%len(dbs)]
		table := fmt.Sprintf("t_%s_%05d", db, i)
		infos[db] = append(infos[db], map[string]any{"enable": true, "table": table, "tableName": table})
		cols := make([]any, opts.Columns)
		for c := range cols {
			cols[c] = map[string]any{
				"name": fmt.Sprintf("c%d", c), "index": c, "type": holoTypes[r.IntN(len(holoTypes))],
				"columnSize": 0, "digit": 0, "newDigit": 0, "comment": "", "primaryKey": c == 0,
			}
		}
		rules = append(rules, map[string]any{
			"srcDbName": db, "srcTable": table, "dstTable": "ods." + table,
			"mergeIntoCycleType": "DEFAULT", "dayDeltaEnable": false, "hourDeltaEnable": false,
			"primaryKeyInfo": map[string]any{"column": []string{"c0"}, "type": "pk"},
			"dstCreateTableInfo": map[string]any{
				"schemaName": "ods", "tableName": table, "indexType": table, "dataColumn": cols,
			},
		})
	}
	var selected []any
	for _, db := range dbs {
		if len(infos[db]) > 0 {
			selected = append(selected, map[string]any{"dbName": db, "schema": []any{map[string]any{"tableInfos": infos[db]}}})
		}
	}
	job := map[string]any{
		"extend":  map[string]any{"mode": "migration_holo", "resourceGroup": "431207", "name": "bench"},
		"type":    "job",
		"version": "2.0",
		"steps": []any{
			map[string]any{"stepType": "mysql", "name": "reader", "category": "reader", "parameter": map[string]any{
				"connection": []any{map[string]any{"datasourceType": "mysql", "datasource": "src_mysql", "selectedTables": selected}},
			}},
			map[string]any{"stepType": "holo", "name": "writer", "category": "writer", "parameter": map[string]any{
				"datasource": "dst_holo", "writeMode": "replay",
				"tableMappingRule": map[string]any{
					"datasource":        []any{map[string]any{"srcDatasourceName": "src_mysql", "tableRule": rules}},
					"totalTableMapping": opts.Tables,
				},
			}},
		},
		"order": map[string]any{"hops": []any{map[string]any{"from": "reader", "to": "writer"}}},
	}
	return encode(job, opts.Indent)
}

// plugins are the reader/writer pairs Batch cycles through.
var plugins = []struct{ reader, writer string }{
	{"mysql", "odps"}, {"postgresql", "holo"}, {"sqlserver", "mysql"}, {"oracle", "odps"},
	{"odps", "mysql"}, {"oss", "odps"}, {"kafka", "datahub"}, {"mongodb", "oss"}, {"stream", "stream"},
}

// Batch returns the i-th batch job of a deterministic series covering
// several plugin pairs.
func Batch(i int, indent bool) []byte {
	p := plugins[i%len(plugins)]
	cols := []string{"id", "name", "amount", "updated_at"}
	param := func(kind, stepType string) map[string]any {
		m := map[string]any{"datasource": fmt.Sprintf("%s_ds_%d", stepType, i%7)}
		switch stepType {
		case "mysql", "postgresql", "sqlserver", "oracle":
			m["column"] = cols
			m["connection"] = []any{map[string]any{"datasource": m["datasource"], "table": []string{fmt.Sprintf("t_%d", i)}}}
			if kind == "reader" {
				m["splitPk"] = "id"
				m["where"] = ""
			} else {
				m["writeMode"] = "insert"
			}
			if stepType == "oracle" && kind == "reader" {
				m["splitMode"] = "averageInterval"
			}
		case "odps":
			m["table"] = fmt.Sprintf("ods_t_%d", i)
			m["column"] = cols
			m["partition"] = "pt=${bizdate}"
			if kind == "writer" {
				m["truncate"] = true
			}
		case "holo":
			m["table"] = fmt.Sprintf("public.t_%d", i)
			m["column"] = cols
			m["conflictMode"] = "replace"
			m["writeMode"] = "insert"
		case "oss":
			m["object"] = []string{fmt.Sprintf("data/%d/part-*", i)}
			m["fileFormat"] = "csv"
			m["fieldDelimiter"] = ","
			m["column"] = []any{
				map[string]any{"index": 0, "type": "long"}, map[string]any{"index": 1, "type": "string"},
				map[string]any{"index": 2, "type": "double"}, map[string]any{"index": 3, "type": "date"},
			}
			if kind == "writer" {
				m["writeMode"] = "truncate"
				m["object"] = fmt.Sprintf("out/%d.csv", i)
				m["column"] = []any{
					map[string]any{"name": "id", "type": "long"}, map[string]any{"name": "name", "type": "string"},
					map[string]any{"name": "amount", "type": "double"}, map[string]any{"name": "updated_at", "type": "date"},
				}
			}
		case "kafka":
			m["topic"] = fmt.Sprintf("topic_%d", i)
			m["column"] = []string{"__key__", "__value__"}
			m["keyType"], m["valueType"] = "string", "string"
			m["beginType"], m["endType"] = "earliest", "latest"
		case "datahub":
			m["topic"] = fmt.Sprintf("hub_%d", i)
		case "mongodb":
			m["collectionName"] = fmt.Sprintf("c_%d", i)
			m["column"] = []any{
				map[string]any{"name": "id", "type": "string"}, map[string]any{"name": "name", "type": "string"},
				map[string]any{"name": "amount", "type": "double"}, map[string]any{"name": "updated_at", "type": "date"},
			}
		case "stream":
			delete(m, "datasource")
			if kind == "reader" {
				m["column"] = []any{map[string]any{"type": "string", "value": "x"}}
				m["sliceRecordCount"] = 10
			} else {
				m["print"] = false
			}
		}
		return m
	}
	job := map[string]any{
		"type": "job", "version": "2.0",
		"steps": []any{
			map[string]any{"stepType": p.reader, "parameter": param("reader", p.reader), "name": "Reader", "category": "reader"},
			map[string]any{"stepType": p.writer, "parameter": param("writer", p.writer), "name": "Writer", "category": "writer"},
		},
		"setting": map[string]any{
			"errorLimit": map[string]any{"record": 0},
			"speed":      map[string]any{"throttle": false, "concurrent": 1 + i%8},
		},
		"order": map[string]any{"hops": []any{map[string]any{"from": "Reader", "to": "Writer"}}},
	}
	return encode(job, indent)
}

func encode(v any, indent bool) []byte {
	var b []byte
	if indent {
		b, _ = json.MarshalIndent(v, "", "  ")
	} else {
		b, _ = json.Marshal(v)
	}
	return append(b, '\n')
}
