package lint

import "testing"

// optionsSelector runs every rule at its default severity with the given
// options, as a configuration's rules.<name>.options would.
type optionsSelector map[string]map[string]any

func (s optionsSelector) Severity(r *Rule, _ string) (Severity, map[string]any) {
	return r.DefaultSeverity, s[r.Name]
}

// lintOptions runs one rule with options on src.
func lintOptions(t *testing.T, rule string, opts map[string]any, src string) []Diagnostic {
	t.Helper()
	l := &Linter{Rules: []*Rule{mustRule(t, rule)}, Selector: optionsSelector{rule: opts}}
	_, ds := l.LintFile("test.json", []byte(src))
	return ds
}
