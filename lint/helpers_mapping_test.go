package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dilint/dilint/taskcontent"
)

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

// testFixesClear applies, in one pass with taskcontent.ApplyEdits, the fix
// of every diagnostic the rule reports on each testdata/<rule>/<case>.json
// that has a <case>.golden, and checks that the result is the golden file,
// parses, and no longer triggers the rule.
func testFixesClear(t *testing.T, name string) {
	t.Helper()
	goldens, _ := filepath.Glob(filepath.Join("testdata", name, "*.golden"))
	if len(goldens) == 0 {
		t.Fatalf("no testdata/%s/*.golden", name)
	}
	l := &Linter{Rules: []*Rule{mustRule(t, name)}}
	for _, golden := range goldens {
		file := strings.TrimSuffix(golden, ".golden") + ".json"
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			_, diags := l.LintFile(file, src)
			var edits []taskcontent.TextEdit
			for _, d := range diags {
				if len(d.Fixes) == 0 {
					t.Errorf("%s %s has no fix: %s", d.Rule, d.Start, d.Message)
					continue
				}
				edits = append(edits, d.Fixes[0].Edits...)
			}
			out, err := taskcontent.ApplyEdits(src, edits)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != string(want) {
				t.Errorf("one pass of fixes differs from %s:\n%s", golden, out)
			}
			if _, err := taskcontent.ParseFile(file, out); err != nil {
				t.Fatalf("fixed file does not parse: %v", err)
			}
			if _, again := l.LintFile(file, out); len(again) > 0 {
				t.Errorf("fixed file still has %d %s diagnostics, first %s: %s", len(again), name, again[0].Start, again[0].Message)
			}
		})
	}
}
