package taskcontent

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// unescape decodes the inside of a JSON string (without quotes) that the
// parser has already checked. Invalid UTF-8 is kept as it is, and a lone
// surrogate escape becomes its WTF-8 bytes (see appendUnescaped).
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
//
// A \uXXXX escape of a lone surrogate, which no UTF-8 text can hold,
// decodes to the surrogate's three-byte WTF-8 form (ED A0 80 for \ud800),
// so that "A\ud800" and "A\udc00" stay two strings: turned both into
// U+FFFD, they made two step names equal, a hop a cycle and graph draw
// s1 --> s1. appendEscaped writes the form back as the escape. Content
// embedded in a string (marks set) is text that is parsed again, where a
// lone surrogate is U+FFFD as in any decoder; it is as long as the WTF-8
// form, so the marks do not depend on the choice.
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
			if utf16.IsSurrogate(r) && marks == nil {
				out = appendWTF8Surrogate(out, r)
			} else {
				out = utf8.AppendRune(out, r)
			}
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

// appendWTF8Surrogate appends the three-byte WTF-8 form of a surrogate
// code point (U+D800–U+DFFF), which UTF-8 would encode so if it allowed it.
func appendWTF8Surrogate(out []byte, r rune) []byte {
	return append(out, 0xE0|byte(r>>12), 0x80|byte(r>>6)&0x3F, 0x80|byte(r)&0x3F)
}

// wtf8Surrogate reports whether s starts with the WTF-8 form of a
// surrogate and returns its code point.
func wtf8Surrogate(s string) (rune, bool) {
	if len(s) < 3 || s[0] != 0xED || s[1] < 0xA0 || s[1] > 0xBF || s[2]&0xC0 != 0x80 {
		return 0, false
	}
	return 0xD000 | rune(s[1]&0x3F)<<6 | rune(s[2]&0x3F), true
}

// decodeU decodes \uXXXX (and a following low surrogate) at the start of b
// and returns the rune and the number of bytes used; a lone surrogate is
// returned as it is.
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
		return r, 6
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
		if c >= 0x20 && c != '"' && c != '\\' && c != 0xED {
			continue
		}
		if c == 0xED {
			r, ok := wtf8Surrogate(s[i:])
			if !ok {
				continue
			}
			out = append(out, s[start:i]...)
			out = append(out, '\\', 'u', hexDigits[r>>12], hexDigits[r>>8&0xF], hexDigits[r>>4&0xF], hexDigits[r&0xF])
			i += 2
			start = i + 1
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
