package output

import (
	"strconv"
	"unicode/utf8"
)

// QuotePath returns a file name as text output shows it: unchanged when
// every character is graphic (letters, marks, numbers, punctuation,
// symbols, spaces), else Go-quoted, so that a control character, an ANSI
// escape, a bidirectional override or a byte that is not UTF-8 in a
// file's name cannot rewrite the terminal or disguise the name. JSON and
// the other machine formats escape names by their own rules.
func QuotePath(p string) string {
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRuneInString(p[i:])
		if r == utf8.RuneError && size == 1 || !strconv.IsGraphic(r) {
			return strconv.Quote(p)
		}
		i += size
	}
	return p
}
