package lint

import "github.com/dilint/dilint/taskcontent"

var _ = register(&Rule{
	Name:  "comments",
	Group: "json",
	Doc: `The file has a // or /* */ comment. JSON has no comments: DataWorks rejects a TaskContent that carries one, although published scripts and examples often do.

Fix: --fix deletes each comment (with the line it was alone on). To keep the note, move it into a field DataWorks ignores, or into the repository next to the job.`,
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
		for _, p := range pass.Doc.Problems() {
			if p.Code != taskcontent.ProblemComment {
				continue
			}
			start, end := commentDeletion(src, p.Span.Start.Offset, p.Span.End.Offset)
			pass.Report(Diagnostic{
				Message: "comment: JSON does not allow comments and DataWorks rejects them",
				Pointer: p.Pointer,
				Start:   p.Span.Start,
				End:     p.Span.End,
				Fixes: []SuggestedFix{{
					Message: "delete the comment",
					Edits:   []taskcontent.TextEdit{{Start: start, End: end}},
				}},
			})
		}
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
