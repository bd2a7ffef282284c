package lint

import (
	"strings"
	"unicode/utf8"
)

// MaxValueInMessage is the most characters of one value a message shows:
// a longer quoted string is cut to that many, an ellipsis included, inside
// its quotes, and so is any other run of characters without a space (a
// number, a pointer, a raw value). A file cannot make
// a message larger than its rule's words plus a few such values: before,
// "copies": -1e999999 was echoed as a number of a million digits.
const MaxValueInMessage = 64

// briefMessage shortens every value in msg to MaxValueInMessage
// characters. It is applied to every diagnostic a rule reports, and to
// their related places and fixes, so no rule has to remember it. Values
// are recognised as rules write them: double-quoted with Go's or JSON's
// escapes (%q, jsonString, a raw JSON string), or bare words.
func briefMessage(msg string) string {
	if len(msg) <= MaxValueInMessage {
		return msg
	}
	var b strings.Builder
	done := 0 // msg[:done] is in b, or nothing is when b is empty
	cut := func(from, to int, with string) {
		if b.Len() == 0 {
			b.Grow(min(len(msg), 4*MaxValueInMessage))
		}
		b.WriteString(msg[done:from])
		b.WriteString(with)
		done = to
	}
	for i := 0; i < len(msg); {
		switch c := msg[i]; {
		case c == '"':
			end, keep, closed := quoted(msg, i+1)
			if keep < end {
				cut(keep, end, "…")
			}
			if !closed {
				i = end
				continue
			}
			i = end + 1
		case c == ' ' || c == '\n' || c == '\t':
			i++
		default:
			end := i
			for end < len(msg) && msg[end] != ' ' && msg[end] != '\n' && msg[end] != '\t' && msg[end] != '"' {
				end++
			}
			if keep := wordCut(msg, i, end); keep < end {
				cut(keep, end, "…")
			}
			i = end
		}
	}
	if b.Len() == 0 {
		return msg
	}
	b.WriteString(msg[done:])
	return b.String()
}

// quoted scans the inside of a double-quoted string starting at msg[i]. It
// returns the offset of the closing quote (len(msg) when there is none),
// where to cut the string (end when it is short enough), and whether the
// string was closed. An escape sequence counts as one character.
func quoted(msg string, i int) (end, keep int, closed bool) {
	n, keep := 0, -1
	for i < len(msg) && msg[i] != '"' {
		if n == MaxValueInMessage-1 {
			keep = i
		}
		switch c := msg[i]; {
		case c == '\\' && i+1 < len(msg):
			i = min(i+escapeLen(msg[i+1]), len(msg))
		case c < utf8.RuneSelf:
			i++
		default:
			_, size := utf8.DecodeRuneInString(msg[i:])
			i += size
		}
		n++
	}
	if n <= MaxValueInMessage {
		keep = i
	}
	return i, keep, i < len(msg)
}

// escapeLen is the length of the escape sequence whose letter is c, as Go
// (\xHH, \uHHHH, \UHHHHHHHH) and JSON write them.
func escapeLen(c byte) int {
	switch c {
	case 'x':
		return 4
	case 'u':
		return 6
	case 'U':
		return 10
	}
	return 2
}

// wordCut returns where to cut the bare word msg[i:end]: end when it has
// at most MaxValueInMessage characters, else after the first
// MaxValueInMessage-1, leaving room for the ellipsis.
func wordCut(msg string, i, end int) int {
	if end-i <= MaxValueInMessage {
		return end
	}
	keep, n := end, 0
	for j := i; j < end; n++ {
		if n == MaxValueInMessage-1 {
			keep = j
		}
		if n == MaxValueInMessage {
			return keep
		}
		_, size := utf8.DecodeRuneInString(msg[j:end])
		j += size
	}
	return end
}
