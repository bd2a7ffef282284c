package schema

import (
	"bytes"
	"math/big"
)

// fastNumber is a number written in a schema (const, enum, minimum,
// maximum, multipleOf), parsed once at compile time.
type fastNumber struct {
	rat *big.Rat
	// small is the value when it is an integer that fits an int64
	// (isSmall), which lets most instance numbers compare without big.Rat.
	small   int64
	isSmall bool
}

func newFastNumber(spelling string) (fastNumber, bool) {
	r, ok := new(big.Rat).SetString(spelling)
	if !ok {
		return fastNumber{}, false
	}
	n := fastNumber{rat: r}
	if r.IsInt() && r.Num().IsInt64() {
		n.small, n.isSmall = r.Num().Int64(), true
	}
	return n, true
}

// plainInt parses an instance number spelled without fraction or exponent
// and with at most 18 digits, which therefore fits an int64. Other
// spellings ("1.0", "1e2", 19 digits and more) report false and go
// through big.Rat.
func plainInt(b []byte) (int64, bool) {
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	var v int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	if neg {
		v = -v
	}
	return v, true
}

// instanceRat parses an instance number the way jsonschema v6 does: by
// big.Rat.SetString of its spelling. It fails for exponents too large for
// big.Rat ("1e9999999").
func instanceRat(b []byte) (*big.Rat, bool) {
	return new(big.Rat).SetString(string(b))
}

// isIntegerSpelling reports whether a number is an integer ("1", "1.0",
// "1e2"), as jsonschema v6 decides the "integer" type.
func isIntegerSpelling(b []byte) bool {
	if !bytes.ContainsAny(b, ".eE") {
		return true
	}
	r, ok := instanceRat(b)
	return ok && r.IsInt()
}

// numberEqual reports whether an instance number equals a schema number,
// numerically (1 == 1.0 == 1e0). A spelling big.Rat cannot parse equals
// nothing, as in jsonschema v6.
func numberEqual(b []byte, want *fastNumber) bool {
	if v, ok := plainInt(b); ok {
		return want.isSmall && v == want.small
	}
	r, ok := instanceRat(b)
	return ok && r.Cmp(want.rat) == 0
}

// compareNumber compares an instance number with a schema number. ok is
// false when big.Rat cannot parse the spelling; jsonschema v6 has no
// verdict then (it dereferences a nil *big.Rat).
func compareNumber(b []byte, bound *fastNumber) (cmp int, ok bool) {
	if v, isPlain := plainInt(b); isPlain && bound.isSmall {
		switch {
		case v < bound.small:
			return -1, true
		case v > bound.small:
			return 1, true
		}
		return 0, true
	}
	r, ok := instanceRat(b)
	if !ok {
		return 0, false
	}
	return r.Cmp(bound.rat), true
}

// isMultiple reports whether an instance number is an integer multiple of
// a schema number; ok is false as for compareNumber. For an integer n and
// a multipleOf p/q in lowest terms, n÷(p/q) = nq/p is an integer exactly
// when p divides n, since p and q share no factor.
func isMultiple(b []byte, of *fastNumber) (multiple, ok bool) {
	if v, isPlain := plainInt(b); isPlain && of.rat.Num().IsInt64() {
		p := of.rat.Num().Int64()
		return v%p == 0, true
	}
	r, ok := instanceRat(b)
	if !ok {
		return false, false
	}
	return new(big.Rat).Quo(r, of.rat).IsInt(), true
}
