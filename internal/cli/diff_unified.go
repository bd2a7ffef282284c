package cli

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/pmezard/go-difflib/difflib"

	"github.com/dilint/dilint/internal/output"
)

// diffContext is the number of unchanged lines around each hunk.
const diffContext = 3

// unifiedDiff returns a unified diff of a and b that git apply and patch
// -p1 accept. go-difflib finds the matching lines (Python difflib's
// algorithm, with the junk heuristic off so lines such as "}," that repeat
// throughout a JSON file still match); the hunks are printed here so that
// a missing final newline gets its "\ No newline at end of file" marker,
// which difflib.WriteUnifiedDiff does not write.
func unifiedDiff(name string, a, b []byte) []byte {
	al, bl := splitLines(a), splitLines(b)
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
				writeLines(&out, ' ', al[op.I1:op.I2])
				continue
			}
			if op.Tag == 'r' || op.Tag == 'd' {
				writeLines(&out, '-', al[op.I1:op.I2])
			}
			if op.Tag == 'r' || op.Tag == 'i' {
				writeLines(&out, '+', bl[op.J1:op.J2])
			}
		}
	}
	return []byte(out.String())
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

func writeLines(out *strings.Builder, prefix byte, lines []string) {
	for _, l := range lines {
		out.WriteByte(prefix)
		out.WriteString(l)
		if !strings.HasSuffix(l, "\n") {
			out.WriteString("\n\\ No newline at end of file\n")
		}
	}
}
