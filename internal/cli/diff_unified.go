package cli

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/pmezard/go-difflib/difflib"

	"github.com/dilint/dilint/internal/output"
	"github.com/dilint/dilint/taskcontent"
)

// diffContext is the number of unchanged lines around each hunk.
const diffContext = 3

// unifiedDiff returns a unified diff of a and b that git apply and patch
// -p1 accept, with the secret values of each side (sa, sb) masked: a line
// that holds one shows that it changed, never what to. masked counts the
// lines printed with a mask; the patch does not apply where they are, so
// callers say so. go-difflib finds the matching lines (Python difflib's
// algorithm, with the junk heuristic off so lines such as "}," that repeat
// throughout a JSON file still match); the hunks are printed here so that
// a missing final newline gets its "\ No newline at end of file" marker,
// which difflib.WriteUnifiedDiff does not write.
func unifiedDiff(name string, a, b []byte, sa, sb *taskcontent.Secrets) (patch []byte, masked int) {
	al, bl := splitLines(a), splitLines(b)
	ao, bo := lineOffsets(al), lineOffsets(bl)
	m := difflib.NewMatcherWithJunk(al, bl, false, nil)
	var out strings.Builder
	// git's a/ and b/ prefixes go before a relative path: an absolute one
	// loses its leading slash (a/home/me/x.json, not a//home/me/x.json),
	// as git diff --no-index writes it; a name with control characters is
	// quoted, as git quotes it.
	rel := strings.TrimLeft(filepath.ToSlash(name), "/")
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", output.QuotePath("a/"+rel), output.QuotePath("b/"+rel))
	for _, group := range m.GetGroupedOpCodes(diffContext) {
		first, last := group[0], group[len(group)-1]
		fmt.Fprintf(&out, "@@ -%s +%s @@\n", hunkRange(first.I1, last.I2), hunkRange(first.J1, last.J2))
		for _, op := range group {
			if op.Tag == 'e' {
				masked += writeLines(&out, ' ', al[op.I1:op.I2], ao[op.I1:op.I2], sa)
				continue
			}
			if op.Tag == 'r' || op.Tag == 'd' {
				masked += writeLines(&out, '-', al[op.I1:op.I2], ao[op.I1:op.I2], sa)
			}
			if op.Tag == 'r' || op.Tag == 'i' {
				masked += writeLines(&out, '+', bl[op.J1:op.J2], bo[op.J1:op.J2], sb)
			}
		}
	}
	return []byte(out.String()), masked
}

// lineOffsets returns the offset at which each line starts.
func lineOffsets(lines []string) []int {
	offs := make([]int, len(lines))
	off := 0
	for i, l := range lines {
		offs[i] = off
		off += len(l)
	}
	return offs
}

// secretsIn returns the secrets of a file's bytes: its document's, or
// those a scan of its tokens finds when it does not parse.
func secretsIn(src []byte) *taskcontent.Secrets {
	if doc, err := taskcontent.Parse(src); err == nil {
		return doc.Secrets()
	}
	return taskcontent.ScanSecrets(src)
}

// hunkRange formats a 0-based half-open line range as a hunk header does.
func hunkRange(start, end int) string {
	n := end - start
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", start)
	case 1:
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}

// splitLines splits after each newline; the last line may lack one.
func splitLines(b []byte) []string {
	var lines []string
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			lines = append(lines, string(b))
			break
		}
		lines = append(lines, string(b[:i+1]))
		b = b[i+1:]
	}
	return lines
}

// writeLines writes lines, which start at offsets offs of their file,
// with the file's secrets masked, and returns how many it masked.
func writeLines(out *strings.Builder, prefix byte, lines []string, offs []int, secrets *taskcontent.Secrets) (masked int) {
	for i, l := range lines {
		out.WriteByte(prefix)
		text := strings.TrimRight(l, "\r\n")
		if shown, _, ok := secrets.Mask([]byte(text), offs[i]); ok && len(shown) == len(text) && string(shown) == text {
			out.WriteString(l)
		} else {
			masked++
			out.Write(shown)
			if !ok {
				// The rest of the line is past where a scan of text that
				// does not parse lost track of the strings.
				out.WriteString(taskcontent.Mask)
			}
			out.WriteString(l[len(text):])
		}
		if !strings.HasSuffix(l, "\n") {
			out.WriteString("\n\\ No newline at end of file\n")
		}
	}
	return masked
}

// maskedNote is what a command prints when a diff it printed masks
// secrets.
func maskedNote(name string, lines int) string {
	return fmt.Sprintf("dilint: %s: the diff shows secret values as %s (%d lines); those lines do not apply as a patch\n", name, taskcontent.Mask, lines)
}
