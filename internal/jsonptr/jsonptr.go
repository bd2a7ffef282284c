// Package jsonptr is dilint's one implementation of RFC 6901 JSON Pointer
// escaping: schema (which reports instance locations), taskcontent (which
// resolves pointers in documents) and lint (overrides by pointer) all
// escape, unescape and join reference tokens here.
package jsonptr

import "strings"

var escaper = strings.NewReplacer("~", "~0", "/", "~1")

// EscapeToken escapes one reference token: "~" becomes "~0" and "/"
// becomes "~1". A token with neither is returned as it is, without
// allocating.
func EscapeToken(tok string) string {
	if !strings.ContainsAny(tok, "~/") {
		return tok
	}
	return escaper.Replace(tok)
}

// UnescapeToken decodes one reference token ("~1" is "/", "~0" is "~"),
// as strings.NewReplacer("~1", "/", "~0", "~") does, without allocating
// for a token that has no "~": compiling the job schema unescapes
// thousands. A "~" followed by anything else stays as it is (Valid tells
// whether a token is well formed).
func UnescapeToken(tok string) string {
	i := strings.IndexByte(tok, '~')
	if i < 0 {
		return tok
	}
	b := make([]byte, 0, len(tok))
	b = append(b, tok[:i]...)
	for ; i < len(tok); i++ {
		c := tok[i]
		if c == '~' && i+1 < len(tok) && (tok[i+1] == '0' || tok[i+1] == '1') {
			if tok[i+1] == '0' {
				c = '~'
			} else {
				c = '/'
			}
			i++
		}
		b = append(b, c)
	}
	return string(b)
}

// ValidToken reports whether every "~" of an escaped token is followed by
// "0" or "1", as RFC 6901 requires.
func ValidToken(tok string) bool {
	for j := 0; j < len(tok); j++ {
		if tok[j] == '~' && (j+1 >= len(tok) || (tok[j+1] != '0' && tok[j+1] != '1')) {
			return false
		}
	}
	return true
}

// Join builds a pointer from unescaped tokens: "" for none, else "/" and
// each escaped token.
func Join(tokens ...string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(EscapeToken(t))
	}
	return b.String()
}
