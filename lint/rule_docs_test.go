package lint

import "testing"

// TestRuleDocExamples runs every rule's Bad and Good examples through the
// engine, so a rule's documentation cannot drift from what it does.
func TestRuleDocExamples(t *testing.T) {
	for _, r := range All() {
		t.Run(r.Name, func(t *testing.T) {
			if r.Doc == "" || r.Bad == "" || r.Good == "" || r.URL == "" {
				t.Fatalf("rule %s lacks Doc, Bad, Good or URL", r.Name)
			}
			l := &Linter{Selector: enabledSelector{}}
			_, bad := l.LintFile(r.Name+"-bad.json", []byte(r.Bad))
			if !hasRule(bad, r.Name) {
				t.Errorf("Bad example produced no %s diagnostic; got %v", r.Name, bad)
			}
			_, good := l.LintFile(r.Name+"-good.json", []byte(r.Good))
			if hasRule(good, r.Name) {
				t.Errorf("Good example produced %s diagnostics: %v", r.Name, good)
			}
		})
	}
}

func hasRule(ds []Diagnostic, name string) bool {
	for _, d := range ds {
		if d.Rule == name {
			return true
		}
	}
	return false
}
