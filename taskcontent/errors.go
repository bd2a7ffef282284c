package taskcontent

import (
	"bytes"
	"fmt"
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

// syntaxError positions a fatal error at file offset off. The parse stopped
// there, so the secrets of the excerpt come from a scan of the tokens: of
// the file, or, for an error in embedded content, of the envelope's tree
// and the decoded content (Document.Secrets).
func (d *Document) syntaxError(off int, msg, where string) *SyntaxError {
	pos := d.Position(off)
	var secrets *Secrets
	if d.file != nil {
		secrets = d.Secrets()
	} else {
		secrets = ScanSecrets(d.src)
	}
	return &SyntaxError{File: d.name, Pos: pos, Msg: msg, Where: where, Excerpt: excerpt(d.src, pos, secrets)}
}

// excerpt cuts the text around p from its line, with secrets masked and
// cut where the secrets are no longer known.
func excerpt(src []byte, p Position, secrets *Secrets) string {
	lineStart := p.Offset - (p.Column - 1)
	lineEnd := lineStart + bytes.IndexByte(src[lineStart:], '\n')
	if lineEnd < lineStart {
		lineEnd = len(src)
	}
	for lineEnd > lineStart && src[lineEnd-1] == '\r' {
		lineEnd--
	}
	col := min(max(p.Offset, lineStart), lineEnd)
	start, end := max(col-excerptRadius, lineStart), min(col+excerptRadius, lineEnd)
	// Do not cut a UTF-8 sequence in half.
	for start > lineStart && src[start]&0xC0 == 0x80 {
		start--
	}
	for end < lineEnd && src[end]&0xC0 == 0x80 {
		end++
	}
	// Past the point where the scan lost track nothing is shown.
	masked, _, _ := secrets.Mask(src[start:end], start)
	return strings.TrimSpace(string(masked))
}
