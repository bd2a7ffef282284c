package lint

import "fmt"

var _ = register(&Rule{
	Name:  "step-name-unique",
	Group: "graph",
	Doc: `Two steps have the same name. Hops refer to steps by name, so with two steps of one name a hop cannot say which it means; DataWorks takes one of them and the other is left out of the flow.

Fix: rename one of the steps and the hops that mean it.`,
	Bad: `{"type": "job", "version": "2.0",
  "steps": [
    {"stepType": "mysql", "name": "Reader", "category": "reader"},
    {"stepType": "odps", "name": "Reader", "category": "writer"}
  ],
  "order": {"hops": [{"from": "Reader", "to": "Reader"}]}}`,
	Good: `{"type": "job", "version": "2.0",
  "steps": [
    {"stepType": "mysql", "name": "Reader", "category": "reader"},
    {"stepType": "odps", "name": "Writer", "category": "writer"}
  ],
  "order": {"hops": [{"from": "Reader", "to": "Writer"}]}}`,
	URL:             docURL("step-name-unique"),
	DefaultSeverity: SeverityError,
	Run: func(pass *Pass) {
		if !hasSteps(pass.Doc) {
			return
		}
		g := pass.stepGraph()
		for _, s := range g.steps {
			name := s.Value.Get("name")
			same := g.byName[name.Str()]
			if len(same) < 2 || same[0].Value == s.Value {
				continue
			}
			d := At(name, fmt.Sprintf("step name %q is already used by %s; hops cannot tell the steps apart", name.Str(), same[0].Value.Pointer()))
			d.Related = []Related{related(same[0].Value.Get("name"), "first step with this name")}
			pass.Report(d)
		}
	},
})
