package corpus

import (
	"bytes"
	"fmt"
	"strings"
)

// Hostile inputs: documents made to cost a linter time, memory or output
// out of proportion to their size. They are generated rather than stored,
// so tests, benchmarks and the measurements in the commit history share
// one definition without committing megabytes.

// LongLine returns a job on one line whose reader parameter has n members
// of about 80 bytes, each a duplicate of one of three keys: n findings on
// a line of n×80 bytes (40,000 → 3.2 MB).
func LongLine(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"type":"job","version":"2.0","steps":[{"stepType":"mysql","parameter":{"datasource":"d","column":["a"],"connection":[{"datasource":"d","table":["t"]}]`)
	for i := range n {
		fmt.Fprintf(&b, `,"c%05d":"%s"`, i%3, strings.Repeat("v", 68))
	}
	b.WriteString(`},"name":"Reader","category":"reader"},{"stepType":"odps","parameter":{"datasource":"o","table":"t","column":["a"]},"name":"Writer","category":"writer"}],"setting":{"speed":{"concurrent":2,"throttle":false}},"order":{"hops":[{"from":"Reader","to":"Writer"}]}}`)
	return b.Bytes()
}

// DuplicateKeys returns a job on one line with an object of n members
// that all have the same key: n-1 duplicate-key findings (1,000,000 →
// 6 MB).
func DuplicateKeys(n int) []byte {
	var b bytes.Buffer
	b.Grow(6*n + 64)
	b.WriteString(`{"type":"job","version":"2.0","a":{`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"k":%d`, i%10)
	}
	b.WriteString(`}}`)
	return b.Bytes()
}

// Amplification returns a job of n steps that each carry "copies":
// -1e999999, a number whose decimal expansion has a million digits
// (100 steps → 8.8 KB).
func Amplification(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"type":"job","version":"2.0","steps":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"stepType":"mysql","name":"s%d","category":"reader","parameter":{},"copies":-1e999999}`, i)
	}
	b.WriteString(`],"setting":{"speed":{"concurrent":-1e999999}},"order":{"hops":[]}}`)
	return b.Bytes()
}

// AliasBomb returns a YAML configuration of a few hundred bytes whose
// aliases expand to 10^levels values (a "billion laughs").
func AliasBomb(levels int) []byte {
	var b bytes.Buffer
	b.WriteString("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < levels; i++ {
		ref := fmt.Sprintf("*l%d", i-1)
		fmt.Fprintf(&b, "l%d: &l%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(ref+", ", 10), ", "))
	}
	fmt.Fprintf(&b, "rules:\n  bomb: *l%d\n", levels-1)
	return b.Bytes()
}
