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
	if f, ok := far(b); ok {
		return f.isInteger()
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
	if _, ok := far(b); ok && moderate(want) {
		return false
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
	if f, ok := far(b); ok && moderate(bound) {
		return f.compare(bound), true
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
	if f, ok := far(b); ok && moderate(of) {
		if m, ok := f.isMultiple(of); ok {
			return m, true
		}
	}
	r, ok := instanceRat(b)
	if !ok {
		return false, false
	}
	return new(big.Rat).Quo(r, of.rat).IsInt(), true
}

// farScale is the order of magnitude beyond which an instance number is
// compared without math/big. big.Rat parses "1e999999" by computing
// 10^999999, about 50 ms each time, and a number was parsed several times
// per schema check: a 17 KB job with 100 such numbers took 71 s. A
// number of magnitude at least 10^farScale, or non-zero and below
// 10^-farScale, compares with a schema number of moderate magnitude
// (moderate) by its sign alone, with the same verdict as big.Rat's.
const farScale = 400

// farNumber is an instance number of extreme magnitude: ±digits×10^exp5,
// where digits has no leading zeros.
type farNumber struct {
	neg    bool
	huge   bool // |value| ≥ 10^farScale; otherwise 0 < |value| < 10^-farScale
	digits []byte
	exp5   int // big.Rat's decimal exponent: the written one minus the fraction's digits
}

// far parses a JSON number spelling of extreme magnitude; ok is false for
// every other number, including those big.Rat cannot parse, which keep
// their own path.
func far(b []byte) (f farNumber, ok bool) {
	i := 0
	if i < len(b) && b[i] == '-' {
		f.neg = true
		i++
	}
	intStart := i
	for i < len(b) && isDigitByte(b[i]) {
		i++
	}
	intPart := b[intStart:i]
	var frac []byte
	if i < len(b) && b[i] == '.' {
		i++
		fracStart := i
		for i < len(b) && isDigitByte(b[i]) {
			i++
		}
		frac = b[fracStart:i]
	}
	if i == len(b) || (b[i] != 'e' && b[i] != 'E') {
		return f, false // no exponent: as long as written, so not costly
	}
	i++
	expNeg := false
	if i < len(b) && (b[i] == '+' || b[i] == '-') {
		expNeg = b[i] == '-'
		i++
	}
	for i < len(b)-1 && b[i] == '0' {
		i++
	}
	expDigits := b[i:]
	if len(expDigits) == 0 || len(expDigits) > 7 {
		return f, false // no exponent, or one beyond big.Rat's 1e6 limit
	}
	exp := 0
	for _, c := range expDigits {
		if !isDigitByte(c) {
			return f, false
		}
		exp = exp*10 + int(c-'0')
	}
	if expNeg {
		exp = -exp
	}
	f.exp5 = exp - len(frac)
	if f.exp5 > 1e6 || f.exp5 < -1e6 {
		return f, false // big.Rat refuses it
	}
	// The digits of int and frac, without leading zeros.
	mant := make([]byte, 0, len(intPart)+len(frac))
	mant = append(mant, intPart...)
	mant = append(mant, frac...)
	lead := 0
	for lead < len(mant) && mant[lead] == '0' {
		lead++
	}
	f.digits = mant[lead:]
	if len(f.digits) == 0 {
		return f, false // zero, which big.Rat parses without a power
	}
	// The value is in [10^(mag-1), 10^mag).
	mag := f.exp5 + len(f.digits)
	switch {
	case mag > farScale:
		f.huge = true
	case mag < -farScale:
	default:
		return f, false
	}
	return f, true
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// moderate reports whether a schema number is zero or between
// 2^-1000 and 2^1000 in magnitude, far inside the farScale range.
func moderate(n *fastNumber) bool {
	return n.rat.Num().BitLen() <= 1000 && n.rat.Denom().BitLen() <= 1000
}

func (f farNumber) sign() int {
	if f.neg {
		return -1
	}
	return 1
}

// isInteger reports whether the value is an integer: a huge one is
// unless its fraction digits outnumber its exponent; a tiny one never.
func (f farNumber) isInteger() bool {
	if !f.huge {
		return false
	}
	zeros := 0
	for zeros < len(f.digits) && f.digits[len(f.digits)-1-zeros] == '0' {
		zeros++
	}
	return f.exp5+zeros >= 0
}

// compare compares the value with a moderate schema number.
func (f farNumber) compare(bound *fastNumber) int {
	if f.huge || bound.rat.Sign() == 0 {
		return f.sign()
	}
	return -bound.rat.Sign() // a tiny value is nearer zero than the bound
}

// isMultiple reports whether the value is a multiple of a moderate schema
// number p/q; ok is false when only big.Rat can say (a huge value with a
// fraction in its spelling). A tiny value is smaller than any multiple;
// for a huge integer n, n÷(p/q) is an integer when p divides n, and
// n = digits×10^exp5 is reduced modulo p without forming it.
func (f farNumber) isMultiple(of *fastNumber) (multiple, ok bool) {
	if !f.huge {
		return false, true
	}
	if f.exp5 < 0 {
		return false, false
	}
	p := new(big.Int).Abs(of.rat.Num())
	m, _ := new(big.Int).SetString(string(f.digits), 10)
	pow := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(f.exp5)), p)
	m.Mul(m.Mod(m, p), pow).Mod(m, p)
	return m.Sign() == 0, true
}
