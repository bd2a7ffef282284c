package lint

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/dilint/dilint/taskcontent"
)

// withLineEnding rewrites every line break of src as eol.
func withLineEnding(src, eol string) string {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	src = strings.ReplaceAll(src, "\r", "\n")
	return strings.ReplaceAll(src, "\n", eol)
}

// lineEndings reports which line breaks src has.
func lineEndings(src []byte) (lf, crlf, cr bool) {
	for i, c := range src {
		switch {
		case c == '\n' && (i == 0 || src[i-1] != '\r'):
			lf = true
		case c == '\n':
			crlf = true
		case c == '\r' && (i+1 == len(src) || src[i+1] != '\n'):
			cr = true
		}
	}
	return lf, crlf, cr
}

// checkFixWrite checks what --fix would write for src: it parses when src
// did (and keeps embedded content parsable), fixing it again changes
// nothing, a file with one kind of line break keeps that kind only, and
// every pass changes no byte outside the edits of the fixes it applied.
func checkFixWrite(t *testing.T, l *Linter, src []byte) {
	t.Helper()
	before, err := taskcontent.ParseFile("f.json", src)
	if err != nil {
		return
	}
	res := l.FixFile("f.json", src)
	after, err := taskcontent.ParseFile("f.json", res.Src)
	if err != nil {
		t.Fatalf("fixing produced invalid JSON: %v\n%q", err, res.Src)
	}
	if before.Root().Exists() && !after.Root().Exists() {
		t.Fatalf("fixing broke the embedded content: %v\n%q", after.ContentErr(), res.Src)
	}
	if res.Rounds < MaxFixRounds {
		if again := l.FixFile("f.json", res.Src); again.Changed() {
			t.Fatalf("not idempotent:\n%q\n%q", res.Src, again.Src)
		}
	}
	lf, crlf, cr := lineEndings(src)
	gotLF, gotCRLF, gotCR := lineEndings(res.Src)
	switch {
	case crlf && !lf && !cr && (gotLF || gotCR):
		t.Fatalf("a CRLF file got other line breaks:\n%q\n%q", src, res.Src)
	case lf && !crlf && !cr && (gotCRLF || gotCR):
		t.Fatalf("an LF file got CR line breaks:\n%q\n%q", src, res.Src)
	}

	// One pass, checked against its own account of what it applied.
	doc, diags := l.LintFile("f.json", src)
	if doc == nil {
		return
	}
	out, applied, _ := ApplyFixes(doc, diags)
	var edits []taskcontent.TextEdit
	for _, d := range applied {
		for _, e := range d.Fixes[0].Edits {
			if !slices.ContainsFunc(edits, func(x taskcontent.TextEdit) bool {
				return x.Start == e.Start && x.End == e.End && bytes.Equal(x.NewText, e.NewText)
			}) {
				edits = append(edits, e)
			}
		}
	}
	slices.SortFunc(edits, compareEdits)
	var want []byte
	at := 0
	for _, e := range edits {
		want = append(want, src[at:e.Start]...)
		want = append(want, e.NewText...)
		at = e.End
	}
	want = append(want, src[at:]...)
	if !bytes.Equal(out, want) {
		t.Fatalf("a pass changed bytes outside the edits of its applied fixes:\nsrc  %q\ngot  %q\nwant %q", src, out, want)
	}
}

// TestFixWriteProperties runs checkFixWrite over generated jobs with each
// line ending.
func TestFixWriteProperties(t *testing.T) {
	iterations := 150
	if testing.Short() {
		iterations = 30
	}
	l := &Linter{}
	for seed := range uint64(iterations) {
		src := genJob(rand.New(rand.NewPCG(seed, 0xe01)))
		for _, eol := range []string{"\n", "\r\n"} {
			checkFixWrite(t, l, []byte(withLineEnding(src, eol)))
		}
	}
}

// FuzzFixWrite checks what --fix writes for arbitrary input, with the
// input's line breaks as they are or all made CRLF.
func FuzzFixWrite(f *testing.F) {
	for seed := range uint64(20) {
		f.Add(genJob(rand.New(rand.NewPCG(seed, 2))), seed%2 == 0)
	}
	f.Add("{\r\n  \"type\": \"job\", // c\r\n  \"steps\": [],\r\n}\r\n", false)
	l := &Linter{}
	f.Fuzz(func(t *testing.T, src string, crlf bool) {
		if crlf {
			src = withLineEnding(src, "\r\n")
		}
		checkFixWrite(t, l, []byte(src))
	})
}
