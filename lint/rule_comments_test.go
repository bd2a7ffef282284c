package lint

import (
	"strings"
	"testing"
)

func TestComments(t *testing.T) { testRuleData(t, "comments") }

// TestCommentsKeepLineEndings: deleting a comment keeps the line endings
// around it, CRLF as well as LF: a comment after code leaves its line's
// ending, a comment alone on its line goes with its ending.
func TestCommentsKeepLineEndings(t *testing.T) {
	for _, eol := range []string{"\n", "\r\n"} {
		src := strings.Join([]string{"{", `  "type": "job", // after code`, "  // alone", `  "version": "2.0", /* block */`, "  /* alone */", `  "steps": []`, "}", ""}, eol)
		want := strings.Join([]string{"{", `  "type": "job",`, `  "version": "2.0",`, `  "steps": []`, "}", ""}, eol)
		res := (&Linter{Rules: []*Rule{mustRule(t, "comments")}}).FixFile("crlf.json", []byte(src))
		if string(res.Src) != want {
			t.Errorf("line ending %q: got\n%q\nwant\n%q", eol, res.Src, want)
		}
	}
}
