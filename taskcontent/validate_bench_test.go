package taskcontent

import "testing"

// BenchmarkValidate measures Document.Validate: decoding the content into
// Go values and running the job schema over them.
func BenchmarkValidate(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			d, _ := Parse(benchDoc(b, s.name))
			if _, err := d.Validate(); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(d.Bytes())))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := d.Validate(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
