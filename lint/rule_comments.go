package lint

import (
	"fmt"
	"strings"

	"github.com/dilint/dilint/taskcontent"
)

var _ = register(&Rule{
	Name:  "comments",
	Group: "json",
	Doc: `The file has a // or /* */ comment. JSON has no comments: DataWorks rejects a TaskContent that carries one, although published scripts and examples often do.

One finding per file, at the first comment, naming the lines of the others: a script-mode demo with a comment on every line is one thing to fix, not twenty.

Fix: --fix deletes every comment (with the line it was alone on). To keep the note, move it into a field DataWorks ignores, or into the repository next to the job.`,
	Bad: `{
  "type": "job",
  "version": "2.0", // TaskContent version
  "steps": []
}`,
	Good: `{
  "type": "job",
  "version": "2.0",
  "steps": []
}`,
	URL:             docURL("comments"),
	DefaultSeverity: SeverityError,
	Fixable:         true,
	Run: func(pass *Pass) {
		src := pass.Doc.Bytes()
		var (
			first *taskcontent.Problem
			lines []string
			edits []taskcontent.TextEdit
		)
		problems := pass.Doc.Problems()
		for i := range problems {
			p := &problems[i]
			if p.Code != taskcontent.ProblemComment {
				continue
			}
			if first == nil {
				first = p
			} else {
				lines = append(lines, fmt.Sprint(p.Span.Start.Line))
			}
			start, end := commentDeletion(src, p.Span.Start.Offset, p.Span.End.Offset)
			edits = append(edits, taskcontent.TextEdit{Start: start, End: end})
		}
		if first == nil {
			return
		}
		msg, fix := "comment: JSON does not allow comments and DataWorks rejects them", "delete the comment"
		if len(lines) > 0 {
			word := "lines"
			if len(lines) == 1 {
				word = "line"
			}
			msg += fmt.Sprintf("; %d more on %s %s", len(lines), word, shortList(lines, 8))
			fix = fmt.Sprintf("delete the %d comments", len(edits))
		}
		pass.Report(Diagnostic{
			Message: msg,
			Pointer: first.Pointer,
			Start:   first.Span.Start,
			End:     first.Span.End,
			Fixes:   []SuggestedFix{{Message: fix, Edits: edits}},
		})
	},
})

// commentDeletion widens the bytes of a comment to what deleting it should
// remove: the blanks before it and, when it is alone on its line, the whole
// line with its line ending. Only blanks and line endings are added, so the
// JSON around it is untouched.
func commentDeletion(src []byte, start, end int) (int, int) {
	// A // comment runs to the '\n'; a '\r' before it belongs to the line
	// ending (CRLF), which deleting a comment after code must keep.
	if end-1 > start && src[end-1] == '\r' {
		end--
	}
	for start > 0 && (src[start-1] == ' ' || src[start-1] == '\t') {
		start--
	}
	if start == 0 || src[start-1] == '\n' || src[start-1] == '\r' {
		switch {
		case end < len(src) && src[end] == '\n':
			end++
		case end+1 < len(src) && src[end] == '\r' && src[end+1] == '\n':
			end += 2
		case end < len(src) && src[end] == '\r':
			end++
		}
	}
	return start, end
}

// shortList joins items with commas, keeping the first limit and saying
// how many more there are.
func shortList(items []string, limit int) string {
	if len(items) <= limit {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:limit], ", "), len(items)-limit)
}
