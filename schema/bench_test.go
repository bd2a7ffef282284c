package schema_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/dilint/dilint/schema"
)

// solutionJob writes a migration_holo job (the shape
// QueryDISyncTaskConfigProcessResult returns) that maps tables source
// tables, each with a five-column destination definition: about 900 bytes
// per table.
func solutionJob(tables int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"extend":{"mode":"migration_holo","resourceGroup":"417201","name":"bench"},"type":"job","version":"2.0",`)
	b.WriteString(`"order":{"hops":[{"from":"reader","to":"writer"}]},"steps":[`)
	b.WriteString(`{"stepType":"mysql","name":"reader","category":"reader","parameter":{"connection":[{"datasourceType":"mysql","datasource":"src","selectedTables":[{"dbName":"shop","schema":[{"tableInfos":[`)
	for i := range tables {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"enable":true,"table":"t_%d","tableName":"t_%d"}`, i, i)
	}
	b.WriteString(`]}]}]}]}},`)
	b.WriteString(`{"stepType":"holo","name":"writer","category":"writer","parameter":{"datasource":"dst","writeMode":"replay","datasourceSchema":"public","tableMappingRule":{"datasource":[{"srcDatasourceName":"src","tableRule":[`)
	for i := range tables {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"srcDbName":"shop","srcTable":"t_%d","dstTable":"shop.t_%d","mergeIntoCycleType":"DEFAULT","dayDeltaEnable":false,"hourDeltaEnable":false,"primaryKeyInfo":{"column":["id"],"type":"pk"},"dstCreateTableInfo":{"schemaName":"shop","tableName":"t_%d","indexType":"t_%d","dataColumn":[`, i, i, i, i)
		for c, col := range []string{"id", "name", "price", "stock", "updated_at"} {
			if c > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"name":"%s","index":%d,"type":"int8","columnSize":0,"digit":0,"newDigit":0,"comment":"","primaryKey":%v}`, col, c, c == 0)
		}
		b.WriteString(`]}}`)
	}
	fmt.Fprintf(&b, `]}],"totalTableMapping":%d}}}]}`, tables)
	return b.Bytes()
}

// BenchmarkValidate validates generated solution jobs of about 10 KB, 1 MB
// and 10 MB; decoding is not measured.
func BenchmarkValidate(b *testing.B) {
	perTable := len(solutionJob(2)) - len(solutionJob(1))
	for _, size := range []struct {
		name  string
		bytes int
	}{
		{"10KB", 10 << 10},
		{"1MB", 1 << 20},
		{"10MB", 10 << 20},
	} {
		data := solutionJob(max(size.bytes/perTable, 1))
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(size.name, func(b *testing.B) {
			if vs, err := schema.Validate(schema.Job, doc); err != nil || len(vs) != 0 {
				b.Fatalf("generated job is not valid: %v %v", err, vs)
			}
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := schema.Validate(schema.Job, doc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
