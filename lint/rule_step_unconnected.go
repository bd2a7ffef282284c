package lint

import (
	"strings"

	"github.com/dilint/dilint/taskcontent"
)

var _ = register(&Rule{
	Name:  "step-unconnected",
	Group: "graph",
	Doc: `A reader, writer or transformer step appears in no hop. DataWorks runs only the steps that order.hops connects, so the step's work is silently skipped: a reader whose records go nowhere, a writer that receives nothing.

Processor steps are not reported.

Fix: add a hop to or from the step, or delete the step.`,
	Bad: `{"type": "job", "version": "2.0",
  "steps": [
    {"stepType": "mysql", "name": "Reader", "category": "reader"},
    {"stepType": "odps", "name": "Writer", "category": "writer"},
    {"stepType": "odps", "name": "Writer2", "category": "writer"}
  ],
  "order": {"hops": [{"from": "Reader", "to": "Writer"}]}}`,
	Good: `{"type": "job", "version": "2.0",
  "steps": [
    {"stepType": "mysql", "name": "Reader", "category": "reader"},
    {"stepType": "odps", "name": "Writer", "category": "writer"},
    {"stepType": "odps", "name": "Writer2", "category": "writer"}
  ],
  "order": {"hops": [{"from": "Reader", "to": "Writer"}, {"from": "Reader", "to": "Writer2"}]}}`,
	URL:             docURL("step-unconnected"),
	DefaultSeverity: SeverityWarning,
	Run: func(pass *Pass) {
		if !hasGraph(pass.Doc) {
			return
		}
		g := pass.stepGraph()
		// Without order.hops schema-required reports the job; with one step
		// there is nothing to connect.
		if !g.hasHops || len(g.steps) < 2 {
			return
		}
		// Names match ignoring surrounding whitespace: a hop to "Reader "
		// is hop-unknown-step's or name-whitespace's finding, not this one.
		connected := map[string]bool{}
		g.ends(func(e hopEnd) { connected[strings.TrimSpace(e.name)] = true })
		for _, s := range g.steps {
			name := s.Value.Get("name")
			if name.Type() != taskcontent.TypeString || isCategory(s, "processor") || connected[strings.TrimSpace(name.Str())] {
				continue
			}
			pass.Reportf(name, "step %s is in no hop: DataWorks does not run it", jsonString(name.Str()))
		}
	},
})
