package lint

import (
	"errors"
	"strings"

	"github.com/dilint/dilint/taskcontent"
)

var _ = register(&Rule{
	Name:  "taskcontent-not-json",
	Group: "envelope",
	Doc: `The file is an API response, or a JSON string, whose embedded TaskContent does not parse as JSON. DataWorks stores the job as an escaped string; an unescaped quote, a missing brace or a truncated copy breaks it, and none of the job can be checked.

The position is the place in the file where the embedded JSON breaks, mapped back through the string's escapes.

Fix: correct the embedded JSON at that place, or fetch the response again.`,
	Bad:             `{"RequestId": "r-1", "Success": true, "Data": {"Status": "success", "TaskContent": "{\"type\":\"job\",\"steps\":[}"}}`,
	Good:            `{"RequestId": "r-1", "Success": true, "Data": {"Status": "success", "TaskContent": "{\"type\":\"job\",\"steps\":[]}"}}`,
	URL:             docURL("taskcontent-not-json"),
	DefaultSeverity: SeverityError,
	Run: func(pass *Pass) {
		var se *taskcontent.SyntaxError
		if !errors.As(pass.Doc.ContentErr(), &se) {
			return
		}
		msg := "the embedded TaskContent is not JSON: " + se.Msg
		if se.Excerpt != "" {
			msg += " (near " + quoteExcerpt(se.Excerpt) + ")"
		}
		// Where is the pointer of the string in an envelope; a file that is
		// one string has the empty pointer.
		pointer := se.Where
		if !strings.HasPrefix(pointer, "/") {
			pointer = ""
		}
		pass.Report(Diagnostic{Message: msg, Pointer: pointer, Start: se.Pos, End: se.Pos})
	},
})
