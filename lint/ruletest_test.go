package lint

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the .want and .golden files of rule testdata from the current output")

// testRuleData runs one rule over every testdata/<rule>/*.json file (and
// *.txt for inputs that are not JSON) and compares:
//
//   - the diagnostics with <case>.want, one "rule line:col message" per
//     line in order (an empty or missing file means none), where message
//     is a regular expression the whole message must match, as
//     analysistest's // want "regexp" (-update writes the message
//     quoted, which a reviewer may loosen);
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
			compareWant(t, base+".want", diags)
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

// compareWant checks diagnostics against a .want file (see testRuleData),
// or rewrites it with -update.
func compareWant(t *testing.T, path string, diags []Diagnostic) {
	t.Helper()
	if *update {
		var b strings.Builder
		for _, d := range diags {
			fmt.Fprintf(&b, "%s %s %s\n", d.Rule, d.Start, regexp.QuoteMeta(d.Message))
		}
		compareFile(t, path, b.String())
		return
	}
	src, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var want []string
	for _, line := range strings.Split(string(src), "\n") {
		if strings.TrimSpace(line) != "" {
			want = append(want, line)
		}
	}
	for i, d := range diags {
		at := d.Rule + " " + d.Start.String()
		if i >= len(want) {
			t.Errorf("%s: unexpected %s %q", path, at, d.Message)
			continue
		}
		rule, rest, _ := strings.Cut(want[i], " ")
		pos, pattern, _ := strings.Cut(rest, " ")
		if rule+" "+pos != at {
			t.Errorf("%s line %d: got %s %q, want %s %s", path, i+1, at, d.Message, rule, pos)
			continue
		}
		re, err := regexp.Compile("^(?:" + pattern + ")$")
		if err != nil {
			t.Errorf("%s line %d: bad message pattern: %v", path, i+1, err)
			continue
		}
		if !re.MatchString(d.Message) {
			t.Errorf("%s line %d: %s message %q does not match %q", path, i+1, at, d.Message, pattern)
		}
	}
	for _, w := range want[min(len(diags), len(want)):] {
		t.Errorf("%s: missing %s", path, w)
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
