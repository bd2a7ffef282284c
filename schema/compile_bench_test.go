package schema

import (
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// BenchmarkCompile measures what the first Validate of each name pays once.
func BenchmarkCompile(b *testing.B) {
	for _, name := range Names() {
		b.Run(string(name), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c := jsonschema.NewCompiler()
				c.DefaultDraft(jsonschema.Draft2020)
				c.UseLoader(oracleLoader{})
				if _, err := c.Compile(baseURL + name.file()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
