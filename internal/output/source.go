package output

import (
	"bytes"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"

	"github.com/dilint/dilint/taskcontent"
)

// lineOf returns the text of the line p is on, without its line ending.
// taskcontent positions carry the byte offset and the byte column, so the
// line starts at Offset-(Column-1); that holds for files that are not
// JSON too, which have no Document to ask.
func lineOf(src []byte, p taskcontent.Position) []byte {
	start := p.Offset - (p.Column - 1)
	if !p.IsValid() || start < 0 || start > len(src) || p.Offset > len(src) {
		return nil
	}
	end := bytes.IndexByte(src[start:], '\n')
	if end < 0 {
		end = len(src) - start
	}
	return bytes.TrimRight(src[start:start+end], "\r")
}

// columnUTF16 converts p's byte column to UTF-16 code units (1-based).
func columnUTF16(src []byte, p taskcontent.Position) int {
	line := lineOf(src, p)
	if line == nil {
		return p.Column
	}
	prefix := line[:min(p.Column-1, len(line))]
	n := 1
	for len(prefix) > 0 {
		r, size := utf8.DecodeRune(prefix)
		prefix = prefix[size:]
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	// A column past the line's end (a span ending at the newline) keeps
	// its distance from the end.
	return n + max(p.Column-1-len(line), 0)
}

// displayWidth is the number of terminal cells text occupies; tabs count
// as one cell because the text format copies them into the caret line.
func displayWidth(text []byte) int {
	w := 0
	for len(text) > 0 {
		r, size := utf8.DecodeRune(text)
		text = text[size:]
		if r == '\t' {
			w++
			continue
		}
		w += runewidth.RuneWidth(r)
	}
	return w
}
