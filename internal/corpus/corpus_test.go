package corpus

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestDeterministicAndValid(t *testing.T) {
	a, b := Solution(Options{Tables: 50, Seed: 1}), Solution(Options{Tables: 50, Seed: 1})
	if !bytes.Equal(a, b) || !json.Valid(a) {
		t.Fatal("Solution is not deterministic JSON")
	}
	for i := range 20 {
		if !json.Valid(Batch(i, i%2 == 0)) {
			t.Fatalf("Batch(%d) is not JSON", i)
		}
	}
	if n := len(Solution(Options{Tables: 1000})); n < 500_000 || n > 700_000 {
		t.Errorf("1000 tables gave %d bytes; the size estimate in the doc is off", n)
	}
}
