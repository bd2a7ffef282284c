package lint

import "github.com/dilint/dilint/taskcontent"

var _ = register(&Rule{
	Name:  "trailing-comma",
	Group: "json",
	Doc: `A comma follows the last member of an object or the last element of an array. JSON does not allow it and DataWorks rejects the document; it is easy to leave behind when deleting the last step or column.

Fix: --fix deletes the comma.`,
	Bad:             `{"type": "job", "version": "2.0", "steps": [],}`,
	Good:            `{"type": "job", "version": "2.0", "steps": []}`,
	URL:             docURL("trailing-comma"),
	DefaultSeverity: SeverityError,
	Fixable:         true,
	Run: func(pass *Pass) {
		for _, p := range pass.Doc.Problems() {
			if p.Code != taskcontent.ProblemTrailingComma {
				continue
			}
			pass.Report(Diagnostic{
				Message: p.Message + ": JSON does not allow it",
				Pointer: p.Pointer,
				Start:   p.Span.Start,
				End:     p.Span.End,
				Fixes: []SuggestedFix{{
					Message: "delete the comma",
					Edits:   []taskcontent.TextEdit{{Start: p.Span.Start.Offset, End: p.Span.End.Offset}},
				}},
			})
		}
	},
})
