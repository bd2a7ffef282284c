package schema

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"
)

// farSpellings are numbers of extreme magnitude whose powers of ten are
// still cheap for big.Rat, so its verdicts can be compared with far's.
func farSpellings() []string {
	out := []string{"1e401", "-1e401", "1e-402", "-2.5e-900", "0.001e405", "12300e-3000", "1.000e999", "5E+1000", "-7.25e1200",
		"120e399", "1.5e402", "0.0000000000001e-500", "3e-401", "100000e-406"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		intPart := fmt.Sprint(r.IntN(100000))
		frac := ""
		if r.IntN(2) == 0 {
			frac = fmt.Sprintf(".%0*d", 1+r.IntN(6), r.IntN(100000))
		}
		exp := 380 + r.IntN(800)
		if r.IntN(2) == 0 {
			exp = -exp
		}
		sign := ""
		if r.IntN(2) == 0 {
			sign = "-"
		}
		out = append(out, fmt.Sprintf("%s%s%se%d", sign, intPart, frac, exp))
	}
	return out
}

// TestFarNumbersMatchBigRat: integer, comparison, equality and
// multipleOf verdicts on numbers of extreme magnitude are big.Rat's,
// reached without building their powers of ten.
func TestFarNumbersMatchBigRat(t *testing.T) {
	var bounds []fastNumber
	for _, s := range []string{"0", "1", "-1", "32", "0.5", "-1000000", "1e300", "3", "7", "0.25", "1e-300", "6"} {
		n, ok := newFastNumber(s)
		if !ok {
			t.Fatal(s)
		}
		bounds = append(bounds, n)
	}
	checked := 0
	for _, s := range farSpellings() {
		b := []byte(s)
		r, ok := new(big.Rat).SetString(s)
		if !ok {
			t.Fatalf("big.Rat cannot parse %s", s)
		}
		if _, isFar := far(b); isFar {
			checked++
		}
		if got := isIntegerSpelling(b); got != r.IsInt() {
			t.Errorf("isIntegerSpelling(%s) = %v, big.Rat %v", s, got, r.IsInt())
		}
		for i := range bounds {
			n := &bounds[i]
			if c, ok := compareNumber(b, n); !ok || c != r.Cmp(n.rat) {
				t.Errorf("compareNumber(%s, %s) = %d %v, big.Rat %d", s, n.rat.RatString(), c, ok, r.Cmp(n.rat))
			}
			if got := numberEqual(b, n); got != (r.Cmp(n.rat) == 0) {
				t.Errorf("numberEqual(%s, %s) = %v", s, n.rat.RatString(), got)
			}
			if n.rat.Sign() == 0 {
				continue
			}
			want := new(big.Rat).Quo(r, n.rat).IsInt()
			if m, ok := isMultiple(b, n); !ok || m != want {
				t.Errorf("isMultiple(%s, %s) = %v %v, big.Rat %v", s, n.rat.RatString(), m, ok, want)
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d spellings took the far path", checked)
	}
}

// BenchmarkFarNumber is the cost of checking "-1e999999" against a
// minimum: about 50 ms a time through big.Rat.
func BenchmarkFarNumber(b *testing.B) {
	one, _ := newFastNumber("1")
	n := []byte("-1e999999")
	for b.Loop() {
		if c, ok := compareNumber(n, &one); !ok || c >= 0 {
			b.Fatal(c, ok)
		}
	}
}
