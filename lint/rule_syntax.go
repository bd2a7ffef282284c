package lint

// ruleSyntax documents the diagnostics the engine reports itself when a
// file is not JSON: there is no document for a rule to run on.
var _ = register(&Rule{
	Name:  syntaxRuleName,
	Group: "json",
	Doc: `The file is not JSON. DataWorks rejects a TaskContent that does not parse, and nothing else can be checked until it does.

The message says what was expected at the position, such as a missing comma, an unterminated string or a value JSON does not have (NaN, single quotes, True). A file saved as UTF-16 or UTF-32 (as some Windows editors and PowerShell's redirection do) is named as such at 1:1, with the iconv command that converts it to the UTF-8 DataWorks expects.`,
	Bad:             `{"type": "job", "version": "2.0" "steps": []}`,
	Good:            `{"type": "job", "version": "2.0", "steps": []}`,
	URL:             docURL(syntaxRuleName),
	DefaultSeverity: SeverityError,
})
