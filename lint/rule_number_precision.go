package lint

import (
	"strconv"
	"strings"

	"github.com/dilint/dilint/taskcontent"
)

// maxSafeInteger is 2^53-1, the largest integer every JSON parser that
// reads numbers as IEEE 754 doubles keeps exactly.
const maxSafeInteger = "9007199254740991"

var _ = register(&Rule{
	Name:  "number-precision",
	Group: "json",
	Doc: `An integer is larger than 2^53 in magnitude, which parsers that read numbers as doubles (JavaScript, the DataWorks console, float64) cannot hold exactly: they silently change the last digits.

Large ids (file ids, node ids, table ids) are the usual case. dilint itself keeps numbers as written, but the next tool in the chain may not.

Fix: write the number as a string ("9007199254740993") when it is an id; otherwise check that the rounded value is acceptable.`,
	Bad:             `{"type": "job", "version": "2.0", "extend": {"nodeId": 700003475321065432}}`,
	Good:            `{"type": "job", "version": "2.0", "extend": {"nodeId": "700003475321065432"}}`,
	URL:             docURL("number-precision"),
	DefaultSeverity: SeverityWarning,
	Run: func(pass *Pass) {
		if !hasDigitRun(pass.Doc.Content(), len(maxSafeInteger)) {
			return // no number has enough digits to be unsafe
		}
		for v := range pass.Doc.Root().All() {
			if v.Type() != taskcontent.TypeNumber {
				continue
			}
			raw := string(v.Raw())
			if !unsafeInteger(raw) {
				continue
			}
			ptr := v.Pointer()
			if secretPointer(ptr) {
				pass.Reportf(v, "integer beyond 2^53: parsers that read numbers as doubles change its last digits; if it is an id, write it as a string")
				continue
			}
			f, _ := strconv.ParseFloat(raw, 64)
			pass.Reportf(v, "integer %s is beyond 2^53: parsers that read numbers as doubles read %s; if it is an id, write it as a string (%q)",
				raw, strconv.FormatFloat(f, 'f', -1, 64), raw)
		}
	},
})

// hasDigitRun reports whether b holds n digits in a row. Any n consecutive
// bytes include one whose offset is n-1 modulo n, so only those bytes are
// tested until one is a digit: a document without long numbers is passed
// over at a fraction of a walk of its values.
func hasDigitRun(b []byte, n int) bool {
	for i := n - 1; i < len(b); i += n {
		if !isDigit(b[i]) {
			continue
		}
		lo, hi := i, i+1
		for lo > 0 && isDigit(b[lo-1]) {
			lo--
		}
		for hi < len(b) && isDigit(b[hi]) {
			hi++
		}
		if hi-lo >= n {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// unsafeInteger reports whether a JSON number is written as an integer
// whose magnitude exceeds 2^53-1. Fractions and exponents are not ids and
// are left alone.
func unsafeInteger(raw string) bool {
	digits := strings.TrimPrefix(raw, "-")
	if strings.ContainsAny(digits, ".eE") {
		return false
	}
	if len(digits) != len(maxSafeInteger) {
		return len(digits) > len(maxSafeInteger)
	}
	return digits > maxSafeInteger
}

// secretPointer reports whether a JSON Pointer passes through a key whose
// value must never be repeated in a message: a key the redaction policy
// masks (taskcontent.SecretKey).
func secretPointer(ptr string) bool {
	for _, tok := range strings.Split(ptr, "/") {
		if taskcontent.SecretKey(tok) {
			return true
		}
	}
	return false
}
