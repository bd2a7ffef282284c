package lint

import "github.com/dilint/dilint/taskcontent"

var _ = register(&Rule{
	Name:  "reader-writer-present",
	Group: "graph",
	Doc: `The job has no reader step or no writer step. Every sync job reads from at least one source and writes to at least one destination; without either DataWorks rejects it.

The check compares categories case-insensitively, so a step with category "Reader" counts (schema-enum reports the case).

Fix: add the missing step, or correct the category of the step that plays its part.`,
	Bad: `{"type": "job", "version": "2.0",
  "steps": [
    {"stepType": "datahub", "name": "In", "category": "writer"},
    {"stepType": "datahub", "name": "Out", "category": "writer"}
  ],
  "order": {"hops": [{"from": "In", "to": "Out"}]}}`,
	Good: `{"type": "job", "version": "2.0",
  "steps": [
    {"stepType": "datahub", "name": "In", "category": "reader"},
    {"stepType": "datahub", "name": "Out", "category": "writer"}
  ],
  "order": {"hops": [{"from": "In", "to": "Out"}]}}`,
	URL:             docURL("reader-writer-present"),
	DefaultSeverity: SeverityError,
	Run: func(pass *Pass) {
		if !hasSteps(pass.Doc) {
			return
		}
		steps := pass.Doc.Root().Get("steps")
		job := pass.Doc.Job()
		for _, c := range [...]string{"reader", "writer"} {
			if len(job.StepsByCategory(c)) == 0 {
				pass.Report(Diagnostic{
					Message: "the job has no " + c + " step",
					Pointer: steps.Pointer(),
					Start:   keyOrValue(steps).Start,
					End:     keyOrValue(steps).End,
				})
			}
		}
	},
})

// keyOrValue is the span of a member's key, or of the value itself.
func keyOrValue(v taskcontent.Value) taskcontent.Span {
	if k := v.KeySpan(); k.IsValid() {
		return k
	}
	return v.Span()
}
