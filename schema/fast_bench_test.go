package schema_test

import (
	"bytes"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/dilint/dilint/schema"
)

// BenchmarkValid runs the fast verdict over the jobs BenchmarkValidate
// validates (about 10 KB, 1 MB and 10 MB), held as a prebuilt tree so that
// only validation is measured.
func BenchmarkValid(b *testing.B) {
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
		n := schema.NodeOf(b, doc)
		b.Run(size.name, func(b *testing.B) {
			if ok, err := schema.Valid(schema.Job, n); !ok || err != nil {
				b.Fatalf("generated job is not valid: %v", err)
			}
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := schema.Valid(schema.Job, n); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
