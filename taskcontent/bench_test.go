package taskcontent

import (
	"fmt"
	"sync"
	"testing"

	"github.com/dilint/dilint/internal/corpus"
)

// Benchmark documents: ~10 KB, ~1 MB and ~12 MB (20,000 table mappings)
// realtime solutions in the compact form the API returns.
var benchSizes = []struct {
	name   string
	tables int
}{{"10KB", 16}, {"1MB", 1700}, {"12MB", 20000}}

var (
	benchOnce sync.Once
	benchDocs map[string][]byte
)

func benchDoc(b *testing.B, name string) []byte {
	benchOnce.Do(func() {
		benchDocs = map[string][]byte{}
		for _, s := range benchSizes {
			benchDocs[s.name] = corpus.Solution(corpus.Options{Tables: s.tables, Seed: 7})
		}
	})
	return benchDocs[name]
}

func BenchmarkParse(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			src := benchDoc(b, s.name)
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkTypedAccess walks every table rule and column through the views.
func BenchmarkTypedAccess(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			d, _ := Parse(benchDoc(b, s.name))
			b.SetBytes(int64(len(d.Bytes())))
			b.ReportAllocs()
			for b.Loop() {
				w, _ := d.Job().Writer()
				n := 0
				for r := range w.TableMappingRule().Rules() {
					if r.Value.Get("srcTable").StrEqual("") {
						b.Fatal("empty table")
					}
					for _, c := range r.DstCreateTableInfo().Columns() {
						if _, ok := c.Index().Int(); ok {
							n++
						}
					}
				}
				if n == 0 {
					b.Fatal("no columns")
				}
			}
		})
	}
}

// BenchmarkLocate resolves the pointer of the last table rule's last column.
func BenchmarkLocate(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			d, _ := Parse(benchDoc(b, s.name))
			ptr := fmt.Sprintf("/steps/1/parameter/tableMappingRule/datasource/0/tableRule/%d/dstCreateTableInfo/dataColumn/1/type", s.tables-1)
			b.ReportAllocs()
			for b.Loop() {
				if !d.Locate(ptr).Found {
					b.Fatal("not found")
				}
			}
		})
	}
}

func BenchmarkEditSingle(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			d, _ := Parse(benchDoc(b, s.name))
			b.SetBytes(int64(len(d.Bytes())))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := d.Edit().SetConcurrent(4).Apply(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEditBulk renames the destination of every table rule (up to
// 10,000) in one batch; compare with BenchmarkParse for "a few rewrites".
func BenchmarkEditBulk(b *testing.B) {
	for _, s := range benchSizes {
		b.Run(s.name, func(b *testing.B) {
			d, _ := Parse(benchDoc(b, s.name))
			w, _ := d.Job().Writer()
			b.SetBytes(int64(len(d.Bytes())))
			b.ReportAllocs()
			for b.Loop() {
				e := d.Edit()
				n := 0
				for r := range w.TableMappingRule().Rules() {
					if n == 10000 {
						break
					}
					e.SetValue(r.Value.Get("dstTable"), "stage."+r.SrcTable())
					n++
				}
				if _, err := e.Apply(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
