package taskcontent

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// unescape decodes the inside of a JSON string (without quotes) that the
// parser has already checked. Invalid UTF-8 is kept as it is.
func unescape(raw []byte) string {
	out := make([]byte, 0, len(raw))
	out, _ = appendUnescaped(out, raw, nil)
	return string(out)
}

// escapeMark records where an escape sequence starts in the raw string and
// in the decoded bytes, so decoded offsets can be mapped back to the file.
type escapeMark struct {
	decoded int // offset in the decoded bytes where the escape's output starts
	raw     int // offset in the raw string where the escape starts
}

// appendUnescaped appends the decoded form of raw to out. When marks is not
// nil, it appends a pair of marks for every escape: one at its start and one
// just after it, so that offsets between escapes map linearly.
func appendUnescaped(out, raw []byte, marks []escapeMark) ([]byte, []escapeMark) {
	base := len(out)
	for i := 0; i < len(raw); {
		c := raw[i]
		if c != '\\' {
			j := i + 1
			for j < len(raw) && raw[j] != '\\' {
				j++
			}
			out = append(out, raw[i:j]...)
			i = j
			continue
		}
		if marks != nil {
			marks = append(marks, escapeMark{decoded: len(out) - base, raw: i})
		}
		if i+1 >= len(raw) {
			out = append(out, c)
			i++
			continue
		}
		switch raw[i+1] {
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, n := decodeU(raw[i:])
			out = utf8.AppendRune(out, r)
			i += n
			if marks != nil {
				marks = append(marks, escapeMark{decoded: len(out) - base, raw: i})
			}
			continue
		default:
			out = append(out, raw[i+1])
		}
		i += 2
		if marks != nil {
			marks = append(marks, escapeMark{decoded: len(out) - base, raw: i})
		}
	}
	return out, marks
}

// decodeU decodes \uXXXX (and a following low surrogate) at the start of b
// and returns the rune and the number of bytes used.
func decodeU(b []byte) (rune, int) {
	if len(b) < 6 {
		return utf8.RuneError, len(b)
	}
	r1, err := strconv.ParseUint(string(b[2:6]), 16, 16)
	if err != nil {
		return utf8.RuneError, 6
	}
	r := rune(r1)
	if utf16.IsSurrogate(r) {
		if len(b) >= 12 && b[6] == '\\' && b[7] == 'u' {
			if r2, err := strconv.ParseUint(string(b[8:12]), 16, 16); err == nil {
				if dec := utf16.DecodeRune(r, rune(r2)); dec != utf8.RuneError {
					return dec, 12
				}
			}
		}
		return utf8.RuneError, 6
	}
	return r, 6
}

const hexDigits = "0123456789abcdef"

// appendQuoted appends s as a JSON string. Only what JSON requires is
// escaped (quote, backslash, control characters); other bytes, including
// non-ASCII text and the HTML characters encoding/json escapes, stay as
// they are so that edits read like the user's own text.
func appendQuoted(out []byte, s string) []byte {
	out = append(out, '"')
	out = appendEscaped(out, s)
	return append(out, '"')
}

// appendEscaped appends the JSON string escaping of s without quotes.
func appendEscaped(out []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		out = append(out, s[start:i]...)
		switch c {
		case '"':
			out = append(out, '\\', '"')
		case '\\':
			out = append(out, '\\', '\\')
		case '\n':
			out = append(out, '\\', 'n')
		case '\r':
			out = append(out, '\\', 'r')
		case '\t':
			out = append(out, '\\', 't')
		default:
			out = append(out, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
		}
		start = i + 1
	}
	return append(out, s[start:]...)
}
