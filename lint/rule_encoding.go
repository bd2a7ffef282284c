package lint

import "github.com/dilint/dilint/taskcontent"

var _ = register(&Rule{
	Name:  "encoding",
	Group: "json",
	Doc: `The file starts with a byte order mark, or a string holds bytes that are not UTF-8. JSON text exchanged between systems must be UTF-8 without a byte order mark (RFC 8259 §8.1): DataWorks and many parsers reject the mark, and invalid bytes turn into U+FFFD or fail the request.

Fix: the byte order mark is deleted by --fix. Invalid bytes usually come from a file saved in GBK or Latin-1; re-encode the file as UTF-8.`,
	Bad:             "\ufeff" + `{"type": "job", "version": "2.0"}`,
	Good:            `{"type": "job", "version": "2.0"}`,
	URL:             docURL("encoding"),
	DefaultSeverity: SeverityError,
	Fixable:         true,
	Run: func(pass *Pass) {
		for _, p := range pass.Doc.Problems() {
			switch p.Code {
			case taskcontent.ProblemByteOrderMark:
				pass.Report(Diagnostic{
					Message: "byte order mark before the JSON value: JSON text must not start with one",
					Pointer: p.Pointer,
					Start:   p.Span.Start,
					End:     p.Span.End,
					Fixes: []SuggestedFix{{
						Message: "delete the byte order mark",
						Edits:   []taskcontent.TextEdit{{Start: p.Span.Start.Offset, End: p.Span.End.Offset}},
					}},
				})
			case taskcontent.ProblemInvalidUTF8:
				pass.Report(Diagnostic{
					Message: p.Message + ": save the file as UTF-8",
					Pointer: p.Pointer,
					Start:   p.Span.Start,
					End:     p.Span.End,
				})
			}
		}
	},
})
