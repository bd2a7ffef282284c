package taskcontent

import (
	"bytes"
	"fmt"
	"sort"
	"unicode/utf8"
)

// Position is a place in the file the user has: a 0-based byte offset and
// the 1-based line and column. Column counts bytes, as go/token does; use
// Document.ColumnUTF16 or Document.ColumnRunes for editors that count
// otherwise. The zero Position (Line 0) means "no position".
type Position struct {
	Offset int `json:"offset"`
	Line   int `json:"line"`
	Column int `json:"column"`
}

// IsValid reports whether the position is set.
func (p Position) IsValid() bool { return p.Line > 0 }

// String formats the position as "line:column".
func (p Position) String() string {
	if !p.IsValid() {
		return "-"
	}
	return fmt.Sprintf("%d:%d", p.Line, p.Column)
}

// Span is a half-open byte range [Start, End) in the file.
type Span struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// IsValid reports whether the span is set.
func (s Span) IsValid() bool { return s.Start.IsValid() }

// Location is where a JSON Pointer points in the file.
type Location struct {
	// Pointer is the pointer that was found: the one asked for, or, when it
	// does not exist, its closest existing ancestor.
	Pointer string
	// Found reports whether the asked-for pointer exists.
	Found bool
	// Key is the span of the member key (quotes included) when the found
	// value is an object member; otherwise it is the zero Span.
	Key Span
	// Value is the span of the found value.
	Value Span
}

// Start returns the best single position to report: the key of a member,
// otherwise the value.
func (l Location) Start() Position {
	if l.Key.IsValid() {
		return l.Key.Start
	}
	return l.Value.Start
}

// Lines indexes where every line of a file starts, so that a position is
// found in time logarithmic in the number of lines and a line's text in
// constant time, however long the line. A line ends at LF, CR or CRLF, as
// editors count them. Every position dilint reports is computed here.
type Lines struct {
	src    []byte
	starts []int
}

// NewLines indexes the lines of src.
func NewLines(src []byte) *Lines {
	return &Lines{src: src, starts: lineStarts(src)}
}

// lineStarts returns the offset of the first byte of every line.
func lineStarts(src []byte) []int {
	if bytes.IndexByte(src, '\r') < 0 {
		starts := make([]int, 1, 1+bytes.Count(src, []byte{'\n'}))
		for off := 0; ; {
			i := bytes.IndexByte(src[off:], '\n')
			if i < 0 {
				return starts
			}
			off += i + 1
			starts = append(starts, off)
		}
	}
	starts := make([]int, 1, 1+bytes.Count(src, []byte{'\n'})+bytes.Count(src, []byte{'\r'}))
	for off := 0; off < len(src); off++ {
		switch src[off] {
		case '\r':
			if off+1 < len(src) && src[off+1] == '\n' {
				off++
			}
		case '\n':
		default:
			continue
		}
		starts = append(starts, off+1)
	}
	return starts
}

// Count returns the number of lines; a file that ends with a line break
// has an empty last line after it.
func (l *Lines) Count() int { return len(l.starts) }

// Position returns the position of a byte offset, clamped to the file.
func (l *Lines) Position(off int) Position {
	off = min(max(off, 0), len(l.src))
	line := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	line = max(line, 0)
	return Position{Offset: off, Line: line + 1, Column: off - l.starts[line] + 1}
}

// Line returns the byte range [start, end) of a 1-based line without its
// line ending; ok is false for a line the file does not have.
func (l *Lines) Line(n int) (start, end int, ok bool) {
	if n < 1 || n > len(l.starts) {
		return 0, 0, false
	}
	start, end = l.starts[n-1], len(l.src)
	if n < len(l.starts) {
		end = l.starts[n] - 1
		if end > start && l.src[end] == '\n' && l.src[end-1] == '\r' {
			end--
		}
	}
	return start, end, true
}

// UTF16Len returns the number of UTF-16 code units of text: two for a
// character outside the Basic Multilingual Plane, one for any other
// character and for each byte that is not UTF-8. It is the one column
// counter for LSP, SARIF and the other consumers that count UTF-16.
func UTF16Len(text []byte) int {
	n := 0
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			i++
			n++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		i += size
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// embedding maps offsets in content decoded from a JSON string back to the
// file the string was written in.
type embedding struct {
	node  int32        // the string node in the file tree
	base  int          // file offset of the first byte inside the quotes
	marks []escapeMark // escape boundaries, in increasing order
}

// fileOffset maps an offset in the decoded content to the file. Offsets
// between escapes map linearly; an offset inside an escape's output maps to
// the escape's first byte.
func (e *embedding) fileOffset(off int) int {
	j := sort.Search(len(e.marks), func(i int) bool { return e.marks[i].decoded > off }) - 1
	if j < 0 {
		return e.base + off
	}
	m := e.marks[j]
	raw := m.raw + (off - m.decoded)
	if j+1 < len(e.marks) && raw > e.marks[j+1].raw {
		raw = e.marks[j+1].raw
	}
	return e.base + raw
}

// fileOffset maps an offset in t's source to an offset in the file.
func (d *Document) fileOffset(t *tree, off int) int {
	if t == d.content && d.emb != nil {
		return d.emb.fileOffset(off)
	}
	return off
}

// Position returns the line and column of a byte offset in the file.
func (d *Document) Position(offset int) Position {
	return d.lines.Position(offset)
}

func (d *Document) span(t *tree, start, end int) Span {
	return Span{Start: d.Position(d.fileOffset(t, start)), End: d.Position(d.fileOffset(t, end))}
}

// Span returns where the value is in the file.
func (v Value) Span() Span {
	if v.t == nil {
		return Span{}
	}
	n := v.n()
	return v.t.doc.span(v.t, int(n.start), int(n.end))
}

// KeySpan returns where the member key (with its quotes) is in the file, or
// the zero Span when the value is not an object member.
func (v Value) KeySpan() Span {
	if v.t == nil {
		return Span{}
	}
	key, keyEnd, ok := v.t.keyRange(v.i)
	if !ok {
		return Span{}
	}
	return v.t.doc.span(v.t, int(key), int(keyEnd))
}

// Locate returns where a JSON Pointer points in the file. For a pointer
// that does not exist it returns the closest existing ancestor with Found
// false. A malformed pointer locates the root.
func (d *Document) Locate(pointer string) Location {
	v, found := d.lookupClosest(pointer)
	if !v.Exists() {
		return Location{Pointer: "", Found: false, Value: Span{Start: d.Position(0), End: d.Position(len(d.src))}}
	}
	loc := Location{Pointer: v.Pointer(), Found: found, Value: v.Span()}
	if v.IsMember() {
		loc.Key = v.KeySpan()
	}
	return loc
}

// Lines returns the index of the file's lines.
func (d *Document) Lines() *Lines { return d.lines }

// ColumnUTF16 returns the 1-based column of p counted in UTF-16 code units,
// as LSP and SARIF's default column kind count.
func (d *Document) ColumnUTF16(p Position) int {
	return UTF16Len(d.src[p.Offset-(p.Column-1):p.Offset]) + 1
}

// ColumnRunes returns the 1-based column of p counted in Unicode code points.
func (d *Document) ColumnRunes(p Position) int {
	return utf8.RuneCount(d.src[p.Offset-(p.Column-1):p.Offset]) + 1
}

// LineText returns the text of a 1-based line of the file without its line
// ending, for showing a source line under a message.
func (d *Document) LineText(line int) string {
	start, end, ok := d.lines.Line(line)
	if !ok {
		return ""
	}
	return string(d.src[start:end])
}
