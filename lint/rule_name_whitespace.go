package lint

import (
	"fmt"
	"strings"

	"github.com/dilint/dilint/taskcontent"
)

var _ = register(&Rule{
	Name:  "name-whitespace",
	Group: "graph",
	Doc: `A step name, or the "from" or "to" of a hop, starts or ends with whitespace. Names are compared exactly, so "Reader " and "Reader" are different steps; the space is invisible in the console and in most diffs. Published examples carry such names, which work only as long as every hop repeats the space.

Fix: --fix trims the step name together with every hop that refers to it by the same spelling, so references stay consistent; a hop end is trimmed on its own when the trimmed name is a step. No fix is offered when trimming would make two steps share a name.`,
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
		// refs lists the hop ends by exact name, for renaming a step.
		refs := map[string][]taskcontent.Value{}
		g.ends(func(e hopEnd) { refs[e.name] = append(refs[e.name], e.v) })
		// fixable holds the untrimmed step names whose trim is safe: the
		// trimmed name is no other step's and only one step has the name.
		fixable := map[string]bool{}
		for name, steps := range g.byName {
			t := strings.TrimSpace(name)
			if t != name && len(steps) == 1 && !g.names.has(t) {
				fixable[name] = true
			}
		}
		for _, s := range g.steps {
			v := s.V.Get("name")
			name := v.Str()
			if v.Type() != taskcontent.TypeString || trimmed(name) {
				continue
			}
			d := At(v, fmt.Sprintf("step name %s has leading or trailing whitespace", jsonString(name)))
			if fixable[name] {
				t := jsonString(strings.TrimSpace(name))
				edits := []taskcontent.TextEdit{pass.Doc.ReplaceValue(v, t)}
				for _, r := range refs[name] {
					edits = append(edits, pass.Doc.ReplaceValue(r, t))
				}
				d.Fixes = []SuggestedFix{{Message: "trim the step name and the hops that use it", Edits: edits}}
			}
			pass.Report(d)
		}
		g.ends(func(e hopEnd) {
			if trimmed(e.name) {
				return
			}
			d := At(e.v, fmt.Sprintf("hop %q %s has leading or trailing whitespace", e.key, jsonString(e.name)))
			// Trimming keeps the hop valid when it names no step and the
			// trimmed name is one, or when the step of this spelling is
			// trimmed too.
			t := strings.TrimSpace(e.name)
			if (!g.names.has(e.name) && g.names.has(t)) || fixable[e.name] {
				d.Fixes = []SuggestedFix{{
					Message: "trim the name",
					Edits:   []taskcontent.TextEdit{pass.Doc.ReplaceValue(e.v, jsonString(t))},
				}}
			}
			pass.Report(d)
		})
	},
})
