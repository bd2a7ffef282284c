package output

import (
	"unicode/utf8"

	"github.com/mattn/go-runewidth"

	"github.com/dilint/dilint/taskcontent"
)

// source answers the formats' questions about one file's text: the line
// of a position, its UTF-16 column, the excerpt under a message. Each
// answer costs time bounded by the excerpt's width or a checkpoint's
// stride, never by the line's length, so a one-line file of megabytes
// with thousands of findings prints in time linear in its size plus its
// findings.
type source struct {
	src   []byte
	lines *taskcontent.Lines
	// utf16 holds, for long lines, the UTF-16 column at a rune boundary
	// every utf16Stride bytes, built on the first question about the line.
	utf16 map[int][]checkpoint
}

// checkpoint is a rune boundary of a line and the UTF-16 units before it.
type checkpoint struct{ off, units int }

// utf16Stride is the distance between checkpoints; lines shorter than
// that are counted from their start.
const utf16Stride = 512

func newSource(f *File) *source {
	s := &source{src: f.Src}
	// The document's index serves when it was parsed from these very
	// bytes (not from the file before --fix changed it).
	if f.Doc != nil && sameBytes(f.Doc.Bytes(), f.Src) {
		s.lines = f.Doc.Lines()
	}
	return s
}

func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// line returns the text of p's line without its line ending, or ok false
// when p is not in the file.
func (s *source) line(p taskcontent.Position) (line []byte, ok bool) {
	if !p.IsValid() || p.Offset > len(s.src) {
		return nil, false
	}
	if s.lines == nil {
		s.lines = taskcontent.NewLines(s.src)
	}
	start, end, ok := s.lines.Line(p.Line)
	if !ok || start != p.Offset-(p.Column-1) {
		return nil, false
	}
	return s.src[start:end], true
}

// columnUTF16 converts p's byte column to UTF-16 code units (1-based).
func (s *source) columnUTF16(p taskcontent.Position) int {
	line, ok := s.line(p)
	if !ok {
		return p.Column
	}
	n := min(p.Column-1, len(line))
	cp := checkpoint{}
	if len(line) > utf16Stride {
		cps := s.checkpoints(p.Line, line)
		k := n / utf16Stride
		if cps[k].off > n {
			k--
		}
		cp = cps[k]
	}
	// A column past the line's end (a span ending at the newline) keeps
	// its distance from the end.
	return 1 + cp.units + taskcontent.UTF16Len(line[cp.off:n]) + max(p.Column-1-len(line), 0)
}

// checkpoints returns the UTF-16 checkpoints of a long line: entry k is
// at the first rune boundary at or after k*utf16Stride.
func (s *source) checkpoints(lineNo int, line []byte) []checkpoint {
	if cps, ok := s.utf16[lineNo]; ok {
		return cps
	}
	cps := make([]checkpoint, 1, len(line)/utf16Stride+1)
	for k := 1; k*utf16Stride <= len(line); k++ {
		off := runeBoundary(line, k*utf16Stride)
		prev := cps[len(cps)-1]
		cps = append(cps, checkpoint{off: off, units: prev.units + taskcontent.UTF16Len(line[prev.off:off])})
	}
	if s.utf16 == nil {
		s.utf16 = make(map[int][]checkpoint)
	}
	s.utf16[lineNo] = cps
	return cps
}

// runeBoundary returns the first offset at or after i where decoding text
// from its start begins a rune. A UTF-8 sequence is at most four bytes, so
// the byte three after three continuation bytes begins one.
func runeBoundary(text []byte, i int) int {
	for j := i; j < len(text) && j < i+3; j++ {
		if utf8.RuneStart(text[j]) {
			return j
		}
	}
	return min(i+3, len(text))
}

// excerpt is the part of a source line the text format prints under a
// message: at most excerptWidth bytes of the line around the span.
type excerpt struct {
	text       []byte // the bytes shown, a window of the line
	base       int    // the file offset of text[0]
	from, to   int    // the span within text
	head, tail bool   // the line goes on before or after text
}

// excerptWidth is the most bytes of a source line the text format shows;
// longer lines (a job embedded in an API response is one line) are cut to
// a window around the column.
const excerptWidth = 120

// excerpt returns the excerpt of the span [start, end) on start's line,
// ok false when there is nothing to show. It is the one place the text
// format takes bytes of the file to print; the caller masks secrets in it
// (redactExcerpt) before printing.
func (s *source) excerpt(start, end taskcontent.Position) (ex excerpt, ok bool) {
	line, ok := s.line(start)
	if !ok {
		return ex, false
	}
	from := min(start.Column-1, len(line))
	to := len(line)
	if end.IsValid() && end.Line == start.Line {
		to = max(min(end.Column-1, len(line)), from)
	}
	lo, hi := 0, len(line)
	if len(line) > excerptWidth {
		lo = max(from-excerptWidth/3, 0)
		for i := 0; i < 3 && lo > 0 && !utf8.RuneStart(line[lo]); i++ {
			lo--
		}
		hi = runeBoundary(line, min(lo+excerptWidth, len(line)))
	}
	text := line[lo:hi]
	if !utf8.Valid(text) {
		return ex, false
	}
	base := start.Offset - (start.Column - 1) + lo
	return excerpt{text: text, base: base, from: from - lo, to: min(to, hi) - lo, head: lo > 0, tail: hi < len(line)}, true
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
