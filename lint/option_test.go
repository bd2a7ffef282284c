package lint

import (
	"encoding/json"
	"errors"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestRuleOptionDeclarations checks every registered rule's options: a
// kebab-case name declared once, a valid type, a doc, a default of the
// declared Go type within its own bounds, and agreement between the rules
// of a group that declare the same name (the group's schema needs one
// shape per name).
func TestRuleOptionDeclarations(t *testing.T) {
	kebab := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	declared := 0
	for _, r := range All() {
		var seen []string
		for _, o := range r.Options {
			declared++
			if !kebab.MatchString(o.Name) || slices.Contains(seen, o.Name) {
				t.Errorf("%s: option %q is not kebab-case or is declared twice", r.Name, o.Name)
			}
			seen = append(seen, o.Name)
			if o.Type < OptionInt || o.Type > OptionStrings || strings.TrimSpace(o.Doc) == "" {
				t.Errorf("%s: option %s has type %v and doc %q", r.Name, o.Name, o.Type, o.Doc)
			}
			if o.Default == nil {
				continue
			}
			v, err := o.convert(o.Default)
			if err != nil {
				t.Errorf("%s: option %s: default: %v", r.Name, o.Name, err)
				continue
			}
			switch o.Type {
			case OptionInt:
				_, ok := o.Default.(int64)
				assertf(t, ok, "%s: option %s: default %T, want int64", r.Name, o.Name, o.Default)
			case OptionStrings:
				_, ok := o.Default.([]string)
				assertf(t, ok, "%s: option %s: default %T, want []string", r.Name, o.Name, o.Default)
			default:
				assertf(t, v == o.Default, "%s: option %s: default %#v is not of the declared type", r.Name, o.Name, o.Default)
			}
		}
	}
	for _, g := range Groups() {
		if _, err := groupOptions(g, All(), groupDecls(g)); err != nil {
			t.Error(err)
		}
	}
	if declared < 5 {
		t.Errorf("%d options declared; concurrent-range, distribute-concurrency, dst-column-type and unknown-step-type declare 5", declared)
	}
}

func groupDecls(g string) []Option {
	var opts []Option
	for _, r := range All() {
		if r.Group == g {
			opts = append(opts, r.Options...)
		}
	}
	return opts
}

func assertf(t *testing.T, ok bool, format string, args ...any) {
	t.Helper()
	if !ok {
		t.Errorf(format, args...)
	}
}

// TestParseConfigOptionErrors pins what a user reads for each kind of bad
// option, at the key (unknown option) or the value (wrong value).
func TestParseConfigOptionErrors(t *testing.T) {
	tests := []struct{ name, yaml, want string }{
		{"unknown option, suggested", "rules:\n  concurrent-range:\n    options: {maxx: 16}\n",
			`cfg.yaml:3:15: rule concurrent-range has no option "maxx"; did you mean "max"?`},
		{"unknown option, listed", "rules:\n  concurrent-range: {options: {limit: 16}}\n",
			`cfg.yaml:2:32: rule concurrent-range has no option "limit"; valid options: max, min`},
		{"rule without options", "rules:\n  duplicate-key: {options: {max: 3}}\n",
			`cfg.yaml:2:29: rule duplicate-key has no options`},
		{"group without options", "rules:\n  json: {severity: error, options: {max: 3}}\n",
			`cfg.yaml:2:37: group json has no options`},
		{"group option no rule declares", "rules:\n  settings: {options: {mxa: 3}}\n",
			`cfg.yaml:2:24: group settings has no option "mxa"; did you mean "max"?`},
		{"string for an integer", "rules:\n  concurrent-range:\n    options:\n      max: \"16\"\n",
			`cfg.yaml:4:12: option max of rule concurrent-range: got string, want integer`},
		{"fraction for an integer", "rules:\n  concurrent-range: {options: {min: 1.5}}\n",
			`cfg.yaml:2:37: option min of rule concurrent-range: got number, want integer`},
		{"below the minimum", "rules:\n  distribute-concurrency: {options: {min: -4}}\n",
			`cfg.yaml:2:43: option min of rule distribute-concurrency: minimum: got -4, want 1`},
		{"null", "rules:\n  concurrent-range: {options: {max: null}}\n",
			`cfg.yaml:2:37: option max of rule concurrent-range: got null, want integer`},
		{"string for a list", "rules:\n  dst-column-type: {options: {types: int9}}\n",
			`cfg.yaml:2:38: option types of rule dst-column-type: got string, want array`},
		{"number in a list", "rules:\n  unknown-step-type: {options: {step-types: [questdb, 7]}}\n",
			`cfg.yaml:2:55: option step-types of rule unknown-step-type: got number, want string`},
		{"group value below the minimum", "rules:\n  settings: {options: {min: 0}}\n",
			`cfg.yaml:2:29: option min of group settings: minimum: got 0, want 1`},
		{"override, unknown option", "overrides:\n  - files: [legacy/**]\n    rules:\n      concurrent-range: {options: {maxx: 64}}\n",
			`cfg.yaml:4:36: rule concurrent-range has no option "maxx"; did you mean "max"?`},
		{"override, wrong value", "overrides:\n  - files: [legacy/**]\n    rules:\n      unknown-step-type: {options: {step-types: questdb}}\n",
			`cfg.yaml:4:49: option step-types of rule unknown-step-type: got string, want array`},
		{"integer too large", "rules:\n  concurrent-range: {options: {max: 99999999999999999999}}\n",
			`cfg.yaml:2:37: option max of rule concurrent-range: the number 1e+20 is too large for an integer option`},
		{"policy", "policies:\n  - name: no-truncate\n    given: steps\n    schema: true\nrules:\n  no-truncate: {options: {x: 1}}\n",
			`cfg.yaml:6:27: policy no-truncate has no options`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseConfig("cfg.yaml", []byte(tt.yaml))
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("error %v is not a *ConfigError", err)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got %s\nwant %s", err, tt.want)
			}
		})
	}
}

// TestConfigOptionsReachRules checks, through the findings of the rules,
// which value each rule gets: the default when unset, a rule's own, its
// group's, a rule entry over its group's, and an override's for its files.
func TestConfigOptionsReachRules(t *testing.T) {
	cfg, err := ParseConfig("cfg.yaml", []byte(`
rules:
  settings: {options: {min: 4, max: 10}}
  distribute-concurrency: {options: {min: 6}}
  unknown-step-type: {options: {step-types: [questdb]}}
overrides:
  - files: [big/**]
    rules:
      concurrent-range: {options: {max: 64}}
`))
	if err != nil {
		t.Fatal(err)
	}
	job := func(concurrent string) []byte {
		return []byte(`{"type": "job", "version": "2.0", "steps": [` +
			`{"stepType": "questdb", "name": "r", "category": "reader", "parameter": {}},` +
			`{"stepType": "questdbx", "name": "w", "category": "writer", "parameter": {}}],` +
			`"setting": {"executeMode": "distribute", "speed": {"concurrent": ` + concurrent + `, "throttle": false}}}`)
	}
	rules := []*Rule{mustRule(t, "concurrent-range"), mustRule(t, "distribute-concurrency"), mustRule(t, "unknown-step-type")}
	messages := func(sel Selector, file string, src []byte) []string {
		_, ds := (&Linter{Rules: rules, Selector: sel}).LintFile(file, src)
		var out []string
		for _, d := range ds {
			out = append(out, d.Rule+": "+d.Message)
		}
		slices.Sort(out)
		return out
	}
	tests := []struct {
		name       string
		sel        Selector
		file, conc string
		want       []string
	}{
		{"defaults", nil, "a.json", "5", []string{
			`distribute-concurrency: executeMode distribute needs speed.concurrent of at least 8, but concurrent is 5`,
			`unknown-step-type: stepType "questdb" is not a DataWorks plugin id`,
			`unknown-step-type: stepType "questdbx" is not a DataWorks plugin id`,
		}},
		{"configured", cfg, "a.json", "5", []string{
			`distribute-concurrency: executeMode distribute needs speed.concurrent of at least 6, but concurrent is 5`,
			`unknown-step-type: stepType "questdbx" is not a DataWorks plugin id; did you mean "questdb"?`,
		}},
		{"group min and max", cfg, "a.json", "3", []string{
			`concurrent-range: speed.concurrent is 3; it must be between 4 and 10`,
			`distribute-concurrency: executeMode distribute needs speed.concurrent of at least 6, but concurrent is 3`,
			`unknown-step-type: stepType "questdbx" is not a DataWorks plugin id; did you mean "questdb"?`,
		}},
		{"group max", cfg, "a.json", "20", []string{
			`concurrent-range: speed.concurrent is 20; it must be between 4 and 10`,
			`unknown-step-type: stepType "questdbx" is not a DataWorks plugin id; did you mean "questdb"?`,
		}},
		{"override", cfg, "big/a.json", "20", []string{
			`unknown-step-type: stepType "questdbx" is not a DataWorks plugin id; did you mean "questdb"?`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := messages(tt.sel, tt.file, job(tt.conc))
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
	// The configuration holds the values converted: rules do no type
	// switching, and a Selector's caller sees the declared Go types.
	_, opts := cfg.Severity(mustRule(t, "concurrent-range"), "big/a.json")
	if opts["min"] != int64(4) || opts["max"] != int64(64) {
		t.Errorf("concurrent-range options in big/: %#v", opts)
	}
	_, opts = cfg.Severity(mustRule(t, "unknown-step-type"), "a.json")
	if list, ok := opts["step-types"].([]string); !ok || !slices.Equal(list, []string{"questdb"}) {
		t.Errorf("unknown-step-type options: %#v", opts)
	}
}

// TestOptionConvert covers the Go values a Selector may return.
func TestOptionConvert(t *testing.T) {
	num := Option{Name: "n", Type: OptionInt, Min: bound(1), Max: bound(100)}
	for _, v := range []any{int(7), int64(7), uint8(7), json.Number("7"), json.Number("7e+00"), float64(7)} {
		if got, err := num.convert(v); err != nil || got != int64(7) {
			t.Errorf("int from %T: %v %v", v, got, err)
		}
	}
	for v, want := range map[any]string{
		"7":                       `the string "7" is not an integer`,
		json.Number("7.5"):        `the number 7.5 is not an integer`,
		float64(7.5):              `7.5 (float64) is not an integer`,
		int64(0):                  `0 is less than the minimum, 1`,
		int64(101):                `101 is greater than the maximum, 100`,
		uint64(math.MaxInt64 + 1): `9223372036854775808 (uint64) is not an integer`,
		true:                      `the boolean true is not an integer`,
	} {
		if _, err := num.convert(v); err == nil || err.Error() != want {
			t.Errorf("int from %#v: error %v, want %s", v, err, want)
		}
	}
	list := Option{Name: "l", Type: OptionStrings, Enum: []string{"a", "b"}}
	if got, err := list.convert([]any{"a", "b"}); err != nil || !slices.Equal(got.([]string), []string{"a", "b"}) {
		t.Errorf("strings from []any: %v %v", got, err)
	}
	if _, err := list.convert([]any{"a", 1}); err == nil || err.Error() != "element 1, 1 (int), is not a string" {
		t.Errorf("strings with a number: %v", err)
	}
	if _, err := list.convert([]string{"a", "zzzz"}); err == nil || err.Error() != `"zzzz" is not one of a, b` {
		t.Errorf("strings outside the enum: %v", err)
	}
	str := Option{Name: "s", Type: OptionString, Enum: []string{"strict", "lax"}}
	if _, err := str.convert("strct"); err == nil || err.Error() != `"strct" is not one of strict, lax; did you mean "strict"?` {
		t.Errorf("string outside the enum: %v", err)
	}
	f := Option{Name: "f", Type: OptionNumber, Min: bound(0)}
	if got, err := f.convert(json.Number("0.5")); err != nil || got != 0.5 {
		t.Errorf("number: %v %v", got, err)
	}
	if got, err := f.convert(3); err != nil || got != 3.0 {
		t.Errorf("number from int: %v %v", got, err)
	}
	b := Option{Name: "b", Type: OptionBool}
	if _, err := b.convert("yes"); err == nil {
		t.Errorf("bool from a string: no error")
	}
}

// TestCheckOptions is what a Go program that builds its own Selector can
// call to check options as the configuration does.
func TestCheckOptions(t *testing.T) {
	r := mustRule(t, "concurrent-range")
	got, err := r.CheckOptions(map[string]any{"max": 16, "min": json.Number("2")})
	if err != nil || got["max"] != int64(16) || got["min"] != int64(2) {
		t.Errorf("got %#v, %v", got, err)
	}
	_, err = r.CheckOptions(map[string]any{"maxx": 16, "min": "2"})
	want := "rule concurrent-range: option maxx: not declared; did you mean \"max\"?\n" +
		"rule concurrent-range: option min: the string \"2\" is not an integer"
	var oe *OptionError
	if err == nil || err.Error() != want || !errors.As(err, &oe) {
		t.Errorf("error\n got %v\nwant %s", err, want)
	}
	in := []string{"questdb"}
	got, _ = mustRule(t, "unknown-step-type").CheckOptions(map[string]any{"step-types": in})
	in[0] = "changed"
	if got["step-types"].([]string)[0] != "questdb" {
		t.Errorf("CheckOptions shares the caller's slice")
	}
}

// TestPassOptionFromGoSelector: a Go Selector's value that does not
// convert makes the rule report one error naming the option instead of
// running with a value nobody meant.
func TestPassOptionFromGoSelector(t *testing.T) {
	src := `{"type": "job", "version": "2.0", "steps": [], "setting": {"speed": {"concurrent": 20, "throttle": false}}}`
	if ds := lintOptions(t, "concurrent-range", map[string]any{"max": 16}, src); len(ds) != 1 || ds[0].Message != "speed.concurrent is 20; it must be between 1 and 16" {
		t.Errorf("int from Go: %v", ds)
	}
	ds := lintOptions(t, "concurrent-range", map[string]any{"max": "16"}, src)
	want := `the rule did not run: rule concurrent-range: option max: the string "16" is not an integer`
	if len(ds) != 1 || ds[0].Message != want || ds[0].Severity != SeverityError {
		t.Errorf("got %v, want one error %q", ds, want)
	}
}

// TestPassUndeclaredOption: reading an option the rule does not declare is
// a bug in the rule, reported as a crash.
func TestPassUndeclaredOption(t *testing.T) {
	r := &Rule{Name: "reads-undeclared", Group: "test", DefaultSeverity: SeverityError, Options: []Option{{Name: "max", Type: OptionInt}},
		Run: func(p *Pass) { p.IntOption("maxx") }}
	wrongType := &Rule{Name: "reads-wrong-type", Group: "test", DefaultSeverity: SeverityError, Options: []Option{{Name: "max", Type: OptionInt}},
		Run: func(p *Pass) { p.StringsOption("max") }}
	for _, r := range []*Rule{r, wrongType} {
		_, ds := (&Linter{Rules: []*Rule{r}}).LintFile("a.json", []byte(`{"type": "job", "version": "2.0", "steps": []}`))
		if len(ds) != 1 || !strings.Contains(ds[0].Message, "internal error: rule "+r.Name+" crashed") {
			t.Errorf("%s: got %v", r.Name, ds)
		}
	}
}

// TestRulePageOptionExamples parses the .dilint.yaml example of each rule
// page that lists options, so the page cannot show a setting the
// configuration refuses.
func TestRulePageOptionExamples(t *testing.T) {
	block := regexp.MustCompile("(?s)```yaml\n(.*?)```")
	n := 0
	for _, r := range All() {
		page := string(Markdown(r))
		if len(r.Options) == 0 {
			assertf(t, !strings.Contains(page, "## Options"), "%s: the page lists options the rule does not declare", r.Name)
			continue
		}
		for _, o := range r.Options {
			assertf(t, strings.Contains(page, "| `"+o.Name+"` | "), "%s: the page does not list option %s", r.Name, o.Name)
		}
		for _, m := range block.FindAllStringSubmatch(page, -1) {
			n++
			if _, err := ParseConfig(r.Name+".md", []byte(m[1])); err != nil {
				t.Errorf("%s: %v", r.Name, err)
			}
		}
	}
	if n < 4 {
		t.Errorf("%d examples parsed, want one per rule with options", n)
	}
}
