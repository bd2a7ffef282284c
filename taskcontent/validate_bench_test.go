package taskcontent

import "testing"

// BenchmarkValidate measures Document.Validate on valid solutions: the
// fast verdict over the parsed tree, with nothing decoded.
// BenchmarkValidateInvalid measures the other case.
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
