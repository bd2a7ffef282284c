package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dilint/dilint/schema"
	"github.com/dilint/dilint/taskcontent"
)

var _ = register(&Rule{
	Name:  "hop-unknown-step",
	Group: "graph",
	Doc: `A hop's "from" or "to" names no step. DataWorks matches names exactly, so "Reader " (with a trailing space) or "reader" does not reach the step "Reader", and the job fails or leaves the step out. The message suggests the closest step name. When the step's own name carries the whitespace (a step "Writer " and a hop to "Writer", as in an OSS writer demo), this is the one finding: name-whitespace does not report that step again.

Fix: --fix replaces the name with the suggestion when it is unambiguous: it differs only in case or whitespace, or no other step name is close. When the step's name is the one with whitespace, --fix trims the step name instead (and the hops that spell it the same way).`,
	Bad: `{"type": "job", "version": "2.0",
  "steps": [
    {"stepType": "mysql", "name": "Reader", "category": "reader"},
    {"stepType": "odps", "name": "Writer", "category": "writer"}
  ],
  "order": {"hops": [{"from": "Reader ", "to": "Writer"}]}}`,
	Good: `{"type": "job", "version": "2.0",
  "steps": [
    {"stepType": "mysql", "name": "Reader", "category": "reader"},
    {"stepType": "odps", "name": "Writer", "category": "writer"}
  ],
  "order": {"hops": [{"from": "Reader", "to": "Writer"}]}}`,
	URL:             docURL("hop-unknown-step"),
	DefaultSeverity: SeverityError,
	Fixable:         true,
	Run: func(pass *Pass) {
		if !hasGraph(pass.Doc) {
			return
		}
		g := pass.stepGraph()
		g.ends(func(e hopEnd) {
			if g.names.has(e.name) {
				return
			}
			sug := g.names.suggest(e.name)
			msg := fmt.Sprintf("hop %q names step %q, which does not exist", e.key, e.name)
			switch {
			case sug != "":
				msg += didYouMean(sug)
			case len(g.names.names) > 0:
				msg += "; the steps are " + listNames(g.names.names)
			}
			d := At(e.v, msg)
			switch {
			case sug != "" && trimmed(sug) && unambiguousName(e.name, sug, g.names.names):
				d.Fixes = []SuggestedFix{{
					Message: fmt.Sprintf("refer to step %q", sug),
					Edits:   []taskcontent.TextEdit{pass.Doc.ReplaceValue(e.v, jsonString(sug))},
				}}
			case sug != "" && strings.TrimSpace(sug) == e.name:
				// The step's name carries the whitespace ("Writer " for
				// "Writer"): the hop should not be changed to match it, so
				// trim the step, and the hops that spell it so.
				var refs []taskcontent.Value
				g.ends(func(o hopEnd) {
					if o.name == sug {
						refs = append(refs, o.v)
					}
				})
				d.Fixes = trimStepFix(pass, g, sug, refs)
			}
			pass.Report(d)
		})
	},
})

// unambiguousName reports whether word clearly means suggestion among
// names: they differ only in case or surrounding whitespace, or no other
// name is close to word.
func unambiguousName(word, suggestion string, names []string) bool {
	if strings.EqualFold(strings.TrimSpace(word), strings.TrimSpace(suggestion)) {
		return true
	}
	if len(names) > maxSuggestChoices {
		return false
	}
	others := slices.DeleteFunc(slices.Clone(names), func(n string) bool { return n == suggestion })
	return schema.Suggest(word, others) == ""
}
