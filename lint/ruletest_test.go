package lint

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the .want and .golden files of rule testdata from the current output")

// testRuleData runs one rule over every testdata/<rule>/*.json file (and
// *.txt for inputs that are not JSON) and compares:
//
//   - the diagnostics with <case>.want, one "rule line:col" per line in
//     order (an empty or missing file means none);
//   - when the rule is fixable and <case>.golden exists (or -update makes
//     one), the result of FixFile with that rule alone. A golden file must
//     itself be a fixed point: fixing it again changes nothing.
func testRuleData(t *testing.T, name string) {
	t.Helper()
	r := mustRule(t, name)
	files, _ := filepath.Glob(filepath.Join("testdata", name, "*.json"))
	if len(files) == 0 {
		t.Fatalf("no testdata/%s/*.json", name)
	}
	l := &Linter{Rules: []*Rule{r}, Selector: enabledSelector{}}
	for _, file := range files {
		base := strings.TrimSuffix(file, ".json")
		t.Run(filepath.Base(base), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			_, diags := l.LintFile(file, src)
			var got strings.Builder
			for _, d := range diags {
				fmt.Fprintf(&got, "%s %s\n", d.Rule, d.Start)
			}
			compareFile(t, base+".want", got.String())
			if !r.Fixable {
				return
			}
			golden := base + ".golden"
			if _, err := os.Stat(golden); err != nil && !*update {
				return
			}
			res := l.FixFile(file, src)
			compareFile(t, golden, string(res.Src))
			if again := l.FixFile(file, res.Src); again.Changed() {
				t.Errorf("fixing is not idempotent: a second run changed\n%s\ninto\n%s", res.Src, again.Src)
			}
		})
	}
}

func compareFile(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	if string(want) != got {
		t.Errorf("%s mismatch\n got:\n%s\nwant:\n%s", path, got, want)
	}
}

// lintWith runs the named rules on src and returns the diagnostics.
func lintWith(t *testing.T, src string, rules ...string) []Diagnostic {
	t.Helper()
	var rs []*Rule
	for _, n := range rules {
		rs = append(rs, mustRule(t, n))
	}
	_, ds := (&Linter{Rules: rs}).LintFile("test.json", []byte(src))
	return ds
}
