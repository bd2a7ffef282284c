package lint

import (
	"strings"
	"unicode/utf8"
)

// maxQuotedMessage bounds how much of an API message a diagnostic repeats.
const maxQuotedMessage = 300

var _ = register(&Rule{
	Name:  "status-fail",
	Group: "envelope",
	Doc: `The file is a saved DataWorks API response (QueryDISyncTaskConfigProcessResult) whose Data.Status is "fail": DataWorks could not generate the task configuration, and the TaskContent is empty or stale. The diagnostic repeats Data.Message, which says why.

Fix: correct the TaskParam the request was made with and ask again; do not deploy the content of a failed response.`,
	Bad:             `{"RequestId": "4F6AB6B3-0000-4C2E-9B1C-1E7A7B5B0C11", "Success": true, "Data": {"Status": "fail", "Message": "datasource sales_mysql not found", "TaskContent": ""}}`,
	Good:            `{"RequestId": "4F6AB6B3-0000-4C2E-9B1C-1E7A7B5B0C11", "Success": true, "Data": {"Status": "success", "TaskContent": "{\"type\":\"job\",\"version\":\"2.0\",\"steps\":[]}"}}`,
	URL:             docURL("status-fail"),
	DefaultSeverity: SeverityError,
	Run: func(pass *Pass) {
		env, ok := pass.Doc.Envelope()
		if !ok || !strings.EqualFold(strings.TrimSpace(env.Status.Str()), "fail") {
			return
		}
		msg := "the API response reports that generating the task configuration failed"
		if m := strings.TrimSpace(env.Message.Str()); m != "" {
			if utf8.RuneCountInString(m) > maxQuotedMessage {
				m = string([]rune(m)[:maxQuotedMessage]) + "…"
			}
			msg += ": " + m
		}
		d := At(env.Status, msg)
		if env.Message.Exists() {
			d.Related = []Related{related(env.Message, "Data.Message")}
		}
		pass.Report(d)
	},
})
