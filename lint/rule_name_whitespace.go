package lint

import (
	"fmt"
	"strings"

	"github.com/dilint/dilint/taskcontent"
)

var _ = register(&Rule{
	Name:  "name-whitespace",
	Group: "graph",
	Doc: `A step name starts or ends with whitespace. Names are compared exactly, so "Reader " and "Reader" are different steps; the space is invisible in the console and in most diffs. Published examples carry such names (the DB2 reader demo names its step "Reader " and repeats the space in its hop), which work only as long as every hop repeats the space.

One finding per step: the hops that repeat the name are covered by it and fixed with it. A hop that names "Reader" when the step is "Reader " reaches no step, which is hop-unknown-step's error, not reported here again.

Fix: --fix trims the step name together with every hop that refers to it by the same spelling, so references stay consistent. No fix is offered when trimming would make two steps share a name.`,
	Bad: `{"type": "job", "version": "2.0",
  "steps": [
    {"stepType": "db2", "name": "Reader ", "category": "reader"},
    {"stepType": "stream", "name": "Writer", "category": "writer"}
  ],
  "order": {"hops": [{"from": "Reader ", "to": "Writer"}]}}`,
	Good: `{"type": "job", "version": "2.0",
  "steps": [
    {"stepType": "db2", "name": "Reader", "category": "reader"},
    {"stepType": "stream", "name": "Writer", "category": "writer"}
  ],
  "order": {"hops": [{"from": "Reader", "to": "Writer"}]}}`,
	URL:             docURL("name-whitespace"),
	DefaultSeverity: SeverityWarning,
	Fixable:         true,
	Run: func(pass *Pass) {
		if !hasSteps(pass.Doc) {
			return
		}
		g := pass.stepGraph()
		// refs lists the hop ends by exact name, for renaming a step;
		// dangling holds the names of hop ends that reach no step.
		refs := map[string][]taskcontent.Value{}
		dangling := map[string]bool{}
		g.ends(func(e hopEnd) {
			refs[e.name] = append(refs[e.name], e.v)
			if !g.names.has(e.name) {
				dangling[e.name] = true
			}
		})
		for _, s := range g.steps {
			v := s.Value.Get("name")
			name := v.Str()
			if v.Type() != taskcontent.TypeString || trimmed(name) || dangling[strings.TrimSpace(name)] {
				// A hop that names the trimmed step is hop-unknown-step's
				// finding, with the same fix.
				continue
			}
			d := At(v, fmt.Sprintf("step name %s has leading or trailing whitespace", jsonString(name)))
			d.Fixes = trimStepFix(pass, g, name, refs[name])
			pass.Report(d)
		}
	},
})

// trimStepFix trims the step name and the hop ends refs that spell it the
// same way, or returns nil when that is unsafe: the name is shared by
// several steps or its trimmed form is another step's.
func trimStepFix(pass *Pass, g *stepGraph, name string, refs []taskcontent.Value) []SuggestedFix {
	steps := g.byName[name]
	t := strings.TrimSpace(name)
	if t == name || len(steps) != 1 || g.names.has(t) {
		return nil
	}
	quoted := jsonString(t)
	edits := []taskcontent.TextEdit{pass.Doc.ReplaceValue(steps[0].Value.Get("name"), quoted)}
	for _, r := range refs {
		edits = append(edits, pass.Doc.ReplaceValue(r, quoted))
	}
	return []SuggestedFix{{Message: "trim the step name and the hops that use it", Edits: edits}}
}
