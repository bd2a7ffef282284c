package taskcontent

import (
	"fmt"
	"regexp"
	"strings"
)

// SyntaxError is input that is not JSON. Pos is in the file the user has,
// also when the error is inside content embedded in an API response.
type SyntaxError struct {
	File string
	Pos  Position
	Msg  string
	// Where names the embedded string the error is in (such as
	// "/Data/TaskContent"), or is empty for the file itself.
	Where string
	// Excerpt is the text around the error, at most a few dozen bytes, with
	// string values of secret-looking keys masked.
	Excerpt string
}

func (e *SyntaxError) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteByte(':')
	}
	b.WriteString(e.Pos.String())
	b.WriteString(": ")
	if e.Where != "" {
		fmt.Fprintf(&b, "in %s: ", e.Where)
	}
	b.WriteString(e.Msg)
	if e.Excerpt != "" {
		fmt.Fprintf(&b, " (near %q)", e.Excerpt)
	}
	return b.String()
}

const excerptRadius = 24

func (d *Document) syntaxError(off int, msg, where string) *SyntaxError {
	pos := d.Position(off)
	return &SyntaxError{File: d.name, Pos: pos, Msg: msg, Where: where, Excerpt: excerpt(d.LineText(pos.Line), pos.Column-1)}
}

// secretValue matches a quoted value after a key that looks like it holds
// a credential, so excerpts never show one.
var secretValue = regexp.MustCompile(`(?i)((?:password|passwd|pwd|secret|token|accesskey|access_key|accessid|credential|signature)[^"]*\\?"\s*:\s*\\?")([^"\\]*)`)

// excerpt cuts the text around col (0-based byte index) from one line and
// masks secrets in it. Masking happens on the whole line first so that a
// window that cuts off the key still never shows the value.
func excerpt(line string, col int) string {
	col = min(max(col, 0), len(line))
	start, end := max(col-excerptRadius, 0), min(col+excerptRadius, len(line))
	// Do not cut a UTF-8 sequence in half.
	for start > 0 && line[start]&0xC0 == 0x80 {
		start--
	}
	for end < len(line) && line[end]&0xC0 == 0x80 {
		end++
	}
	var b strings.Builder
	pos := start
	for _, m := range secretValue.FindAllStringSubmatchIndex(line, -1) {
		vs, ve := m[4], m[5]
		if ve <= pos || vs >= end || vs == ve {
			continue
		}
		b.WriteString(line[pos:max(vs, pos)])
		b.WriteString("***")
		pos = min(ve, end)
	}
	b.WriteString(line[pos:end])
	return strings.TrimSpace(b.String())
}
