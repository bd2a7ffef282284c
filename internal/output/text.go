package output

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/mattn/go-runewidth"

	"github.com/dilint/dilint/lint"
	"github.com/dilint/dilint/taskcontent"
)

// text is the format for terminals and logs:
//
//	path:line:col: severity: message [rule]
//	   |
//	12 |     "from": "Reader ",
//	   |             ^~~~~~~~~
//
// followed by one summary line. Columns count UTF-16 code units, as
// SARIF, GitHub annotations and Checkstyle do and as VS Code places the
// cursor when its terminal opens path:line:col: on a line with CJK text a
// byte column would land several characters too far.
type text struct {
	w     *bufio.Writer
	color bool
	quiet bool
}

func newText(w io.Writer, opts Options) *text {
	return &text{w: bufio.NewWriter(w), color: opts.Color, quiet: opts.Quiet}
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
	ansiGray   = "\x1b[90m"
)

func (t *text) paint(code, s string) string {
	if !t.color {
		return s
	}
	return code + s + ansiReset
}

func (t *text) severity(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return t.paint(ansiRed+ansiBold, s.String())
	case lint.SeverityWarning:
		return t.paint(ansiYellow+ansiBold, s.String())
	}
	return t.paint(ansiCyan+ansiBold, s.String())
}

// Write prints the file's diagnostics. Files that could not be read are
// left to the driver, which reports them on standard error.
func (t *text) Write(f *File) error {
	path := QuotePath(f.Path)
	src := newSource(f)
	for _, d := range f.Diagnostics {
		where := path
		if d.Start.IsValid() {
			where += ":" + t.position(src, d.Start)
		}
		fmt.Fprintf(t.w, "%s: %s: %s %s\n", t.paint(ansiBold, where), t.severity(d.Severity), d.Message, t.paint(ansiGray, "["+d.Rule+"]"))
		t.snippet(src, f.secretsOf(), d.Start, d.End)
		for _, r := range d.Related {
			if !r.Start.IsValid() {
				continue
			}
			fmt.Fprintf(t.w, "%s: %s: %s\n", t.paint(ansiBold, path+":"+t.position(src, r.Start)), t.paint(ansiGray, "note"), r.Message)
		}
	}
	return nil
}

// position formats line:column with the column in UTF-16 code units.
func (t *text) position(src *source, p taskcontent.Position) string {
	return strconv.Itoa(p.Line) + ":" + strconv.Itoa(src.columnUTF16(p))
}

// snippet prints the source line of start with a caret under the span,
// which is cut at the end of the line when it goes on. Secrets on the line
// are masked, and the line is cut where a scan of a file that is not JSON
// lost track of them (redactExcerpt).
func (t *text) snippet(src *source, secrets *taskcontent.Secrets, start, end taskcontent.Position) {
	ex, ok := src.excerpt(start, end)
	if !ok {
		return
	}
	head, tail := "", ""
	if ex.head {
		head = "…"
	}
	if ex.tail {
		tail = "…"
	}
	line, from, to, ok := redactExcerpt(secrets, ex.text, ex.base, ex.from, ex.to)
	if !ok {
		return
	}
	num := strconv.Itoa(start.Line)
	gutter := strings.Repeat(" ", len(num))
	fmt.Fprintf(t.w, "%s |\n%s | %s%s%s\n", gutter, num, head, line, tail)

	var pad strings.Builder
	if head != "" {
		pad.WriteByte(' ')
	}
	for _, r := range string(line[:from]) {
		if r == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteString(strings.Repeat(" ", runewidth.RuneWidth(r)))
		}
	}
	marker := "^"
	if w := displayWidth(line[from:to]); w > 1 {
		marker += strings.Repeat("~", w-1)
	}
	fmt.Fprintf(t.w, "%s | %s%s\n", gutter, pad.String(), t.paint(ansiGreen, marker))
}

// Flush prints the summary line.
func (t *text) Flush(s Summary) error {
	if !t.quiet {
		fmt.Fprintln(t.w, t.summary(s))
	}
	return t.w.Flush()
}

func (t *text) summary(s Summary) string {
	var b strings.Builder
	problems := s.Errors + s.Warnings + s.Infos
	checked := s.Files - s.Failed
	files := plural(checked, "file")
	switch {
	case problems == 0 && checked == 0:
		b.WriteString("no files checked")
	case problems == 0:
		fmt.Fprintf(&b, "no problems in %s", files)
	default:
		var parts []string
		for _, c := range []struct {
			n    int
			word string
		}{{s.Errors, "error"}, {s.Warnings, "warning"}, {s.Infos, "info"}} {
			if c.n > 0 {
				parts = append(parts, plural(c.n, c.word))
			}
		}
		fmt.Fprintf(&b, "%s (%s) in %d of %s", plural(problems, "problem"), strings.Join(parts, ", "), s.Problems, files)
	}
	if s.Skipped > 0 {
		what := "not a DataWorks document"
		if s.Skipped > 1 {
			what = "not DataWorks documents"
		}
		fmt.Fprintf(&b, "; %s skipped: %s", plural(s.Skipped, "file"), what)
	}
	if s.Hidden > 0 {
		fmt.Fprintf(&b, "; %d more not shown (--max-same-issues 0 shows all)", s.Hidden)
	}
	if s.Fixed > 0 {
		fmt.Fprintf(&b, "; %s applied", plural(s.Fixed, "fix"))
	}
	if s.NotWritten > 0 {
		fmt.Fprintf(&b, "; fixes to %s not written", plural(s.NotWritten, "file"))
	}
	if s.Failed > 0 {
		fmt.Fprintf(&b, "; %s could not be checked", plural(s.Failed, "file"))
	}
	return b.String()
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if strings.HasSuffix(word, "x") {
		return strconv.Itoa(n) + " " + word + "es"
	}
	return strconv.Itoa(n) + " " + word + "s"
}
