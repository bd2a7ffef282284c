package lint

import "github.com/dilint/dilint/taskcontent"

var _ = register(&Rule{
	Name:  "duplicate-key",
	Group: "json",
	Doc: `An object has the same key twice. JSON parsers disagree on which value wins: Go and most JavaScript parsers keep the last, others keep the first or reject the document, so DataWorks may not read what the author sees.

Fix: delete the occurrence that is wrong. The diagnostic points at the second key and relates the first.`,
	Bad:             `{"type": "job", "version": "2.0", "setting": {"speed": {"concurrent": 2, "concurrent": 4}}}`,
	Good:            `{"type": "job", "version": "2.0", "setting": {"speed": {"concurrent": 4}}}`,
	URL:             docURL("duplicate-key"),
	DefaultSeverity: SeverityError,
	Run: func(pass *Pass) {
		for _, p := range pass.Doc.Problems() {
			if p.Code != taskcontent.ProblemDuplicateKey {
				continue
			}
			pass.Report(Diagnostic{
				Message: p.Message,
				Pointer: p.Pointer,
				Start:   p.Span.Start,
				End:     p.Span.End,
				Related: []Related{{Message: p.RelatedMessage, Start: p.Related.Start, End: p.Related.End}},
			})
		}
	},
})
