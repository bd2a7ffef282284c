package output

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dilint/dilint/lint"
	"github.com/dilint/dilint/taskcontent"
)

// TestColumnUTF16LongLine checks the checkpointed count against counting
// from the line's start at every rune boundary of long lines mixing one-,
// two-, three- and four-byte characters and runs of bytes that are not
// UTF-8, which move the rune boundaries off the checkpoints' strides.
func TestColumnUTF16LongLine(t *testing.T) {
	pieces := []string{"a", "é", "备", "🚀", "\x80\x80\x80\x80\x80", "\xf0\x9f", "\t", "xyz"}
	var b bytes.Buffer
	b.WriteString("{\n")
	for i := 0; b.Len() < 5*utf16Stride; i++ {
		b.WriteString(pieces[(i*7+i/3)%len(pieces)])
	}
	b.WriteString("\r\nend")
	src := b.Bytes()
	s := newSource(&File{Src: src})
	lines := taskcontent.NewLines(src)
	start, end, _ := lines.Line(2)
	for off := start; ; {
		p := lines.Position(off)
		want := taskcontent.UTF16Len(src[start:off]) + 1
		if got := s.columnUTF16(p); got != want {
			t.Fatalf("offset %d: column %d, want %d", off, got, want)
		}
		if off == end {
			break
		}
		_, size := utf8.DecodeRune(src[off:end])
		off += size
	}
}

// TestExcerptOfLongLine: the excerpt of a megabyte line is a window of at
// most excerptWidth bytes around the span, marked as cut on both sides.
func TestExcerptOfLongLine(t *testing.T) {
	src := []byte(strings.Repeat("é", 1<<19) + `"x": 1` + strings.Repeat("备", 1<<18))
	at := bytes.Index(src, []byte(`"x"`))
	lines := taskcontent.NewLines(src)
	ex, ok := newSource(&File{Src: src}).excerpt(lines.Position(at), lines.Position(at+3))
	if !ok {
		t.Fatal("no excerpt")
	}
	if len(ex.text) > excerptWidth+3 || !ex.head || !ex.tail || !utf8.Valid(ex.text) {
		t.Fatalf("excerpt of %d bytes, head %v tail %v", len(ex.text), ex.head, ex.tail)
	}
	if got := string(ex.text[ex.from:ex.to]); got != `"x"` {
		t.Errorf("span %q, want %q", got, `"x"`)
	}
}

// longLineFile is one line of n members that each get a finding, about
// 80 bytes a member: the shape of a job pasted from an API response.
func longLineFile(n int) *File {
	var b bytes.Buffer
	b.WriteString(`{"a":{`)
	var diags []lint.Diagnostic
	offsets := make([]int, 0, n)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, `"k%d":"%s"`, i%3, strings.Repeat("v备", 20))
	}
	b.WriteString("}}")
	src := b.Bytes()
	lines := taskcontent.NewLines(src)
	for _, off := range offsets {
		diags = append(diags, lint.Diagnostic{
			Rule: "duplicate-key", Severity: lint.SeverityError, Message: "duplicate key",
			Start: lines.Position(off), End: lines.Position(off + 4),
			Related: []lint.Related{{Message: "first defined here", Start: lines.Position(6), End: lines.Position(10)}},
		})
	}
	return &File{Path: "long.json", Src: src, Diagnostics: diags}
}

// BenchmarkLongLine writes a 3 MB one-line file with 40,000 findings in
// each format that reads the source line. Before the line index and the
// checkpoints every finding scanned its whole line: ~9 s for text.
func BenchmarkLongLine(b *testing.B) {
	f := longLineFile(40000)
	for _, format := range []string{"text", "sarif", "github", "checkstyle"} {
		b.Run(format, func(b *testing.B) {
			b.SetBytes(int64(len(f.Src)))
			for b.Loop() {
				o, err := New(format, io.Discard, Options{})
				if err != nil {
					b.Fatal(err)
				}
				if err := o.Write(f); err != nil {
					b.Fatal(err)
				}
				if err := o.Flush(Summary{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
