package lint

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dilint/dilint/internal/corpus"
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
	l := &Linter{Rules: []*Rule{mustRule(t, name)}, Selector: enabledSelector{}}
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

// myGroups are the rule groups of the steps, settings and mapping files.
func myGroups(t *testing.T) []*Rule {
	t.Helper()
	rules, err := Select([]string{"steps", "settings", "mapping"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return rules
}

// TestPublishedStepsSettingsMapping runs the steps, settings and mapping
// rules over the project's counterparts of the published examples: the
// valid ones get no error, and the published defects are found.
func TestPublishedStepsSettingsMapping(t *testing.T) {
	// defects lists, per file, the rule findings that must be reported;
	// errors are allowed only in these files.
	defects := map[string][]string{
		"10-migrationx-empty-template.json": {"throttle-mbps 17:13"},
		"16-mysql-querysql-stream.json":     {"querysql-overrides 8:9"},
		"18-datax-format-not-a-job.json":    {"datax-key 2:5"},
		"32-oss-parquet-odps.json":          {"column-count 87:9"},
		"26-lowconf-mysql-hologres.json":    {"unknown-step-type 21:7"},
	}
	files, _ := filepath.Glob("../testdata/published/*.json")
	if len(files) == 0 {
		t.Skip("no ../testdata/published")
	}
	l := &Linter{Rules: myGroups(t)}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		base := filepath.Base(file)
		_, diags := l.LintFile(file, src)
		got := map[string]bool{}
		for _, d := range diags {
			got[d.Rule+" "+d.Start.String()] = true
			if d.Severity == SeverityError && defects[base] == nil {
				t.Errorf("%s: false error %s %s: %s", base, d.Rule, d.Start, d.Message)
			}
		}
		for _, want := range defects[base] {
			if !got[want] {
				t.Errorf("%s: the published defect %s is not reported", base, want)
			}
		}
	}
}

// BenchmarkStepsSettingsMappingRules lints generated solutions of growing
// size with the steps, settings and mapping rules; ns/table stays flat when
// the rules are linear. The "typos" variant misspells every srcTable, the
// worst case for the did-you-mean lookups.
func BenchmarkStepsSettingsMappingRules(b *testing.B) {
	rules, err := Select([]string{"steps", "settings", "mapping"}, nil)
	if err != nil {
		b.Fatal(err)
	}
	l := &Linter{Rules: rules}
	for _, tables := range []int{16, 2000, 20000} {
		for _, variant := range []string{"clean", "typos"} {
			src := corpus.Solution(corpus.Options{Tables: tables, Columns: 3})
			if variant == "typos" {
				src = bytes.ReplaceAll(src, []byte(`"srcTable":"t_`), []byte(`"srcTable":"T-`))
			}
			doc, err := taskcontent.Parse(src)
			if err != nil {
				b.Fatal(err)
			}
			b.Run(fmt.Sprintf("tables=%d/%s", tables, variant), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					l.Lint(doc)
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(tables), "ns/table")
			})
		}
	}
}

// TestFixAllRulesSettles fixes every steps, settings and mapping testdata
// file with the whole rule set: fixes of different rules that touch the
// same values (number-as-string and column-index, for one) must settle
// into a fixed point that parses.
func TestFixAllRulesSettles(t *testing.T) {
	var files []string
	for _, r := range myGroups(t) {
		more, _ := filepath.Glob(filepath.Join("testdata", r.Name, "*.json"))
		files = append(files, more...)
	}
	l := &Linter{}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		res := l.FixFile(file, src)
		for _, s := range res.Skipped {
			if s.Reason == ReasonNotSettling || s.Reason == ReasonBreaksJSON {
				t.Errorf("%s: fix of %s %s skipped: %s", file, s.Diagnostic.Rule, s.Diagnostic.Start, s.Reason)
			}
		}
		if _, err := taskcontent.ParseFile(file, res.Src); err != nil {
			t.Errorf("%s: fixed file does not parse: %v", file, err)
		}
		if again := l.FixFile(file, res.Src); again.Changed() {
			t.Errorf("%s: fixing is not idempotent", file)
		}
	}
}

// TestIsFloatLiteralMatchesParseFloat: the pre-check gives ParseFloat's
// verdict on numbers, specials, identifiers and near misses.
func TestIsFloatLiteralMatchesParseFloat(t *testing.T) {
	inputs := []string{
		"", "0", "1", "-1", "+1", ".5", "5.", "1e10", "1E-3", "1e400", "-1e400", "0x1p-2", "0x10", "1_000",
		"0x1_0p0", "inf", "Inf", "-Inf", "+inf", "INFINITY", "infinity", "-infinity", "infinit", "nan", "NaN",
		"-nan", "+NaN", "nana", "id", "name", "Infinity1", "i", "n", "N", "in", "1a", ".", "-", "+", "e5",
		"col_1", "1col", "١٢", "0.0.0", "--1", "0b101", "0o17",
	}
	for _, s := range inputs {
		_, err := strconv.ParseFloat(s, 64)
		if got, want := isFloatLiteral(s), err == nil; got != want {
			t.Errorf("isFloatLiteral(%q) = %v, ParseFloat says %v", s, got, want)
		}
	}
}

func FuzzIsFloatLiteral(f *testing.F) {
	for _, s := range []string{"1", "inf", "NaN", "id", "-1e5", "0x1p3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, err := strconv.ParseFloat(s, 64)
		if got, want := isFloatLiteral(s), err == nil; got != want {
			t.Errorf("isFloatLiteral(%q) = %v, ParseFloat says %v", s, got, want)
		}
	})
}
