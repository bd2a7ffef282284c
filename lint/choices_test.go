package lint

import (
	"strings"
	"testing"
)

// The command line's choices sit above the configuration file: --only
// narrows, --disable wins, --enable turns a rule on (at a severity that
// beats the file's pointer overrides), and a rule --only names runs even
// when it is off by default.
func TestChoicesAboveConfig(t *testing.T) {
	cfg, err := ParseConfig(".dilint.yaml", []byte(`
fail-on: warning
rules:
  hop-cycle: off
  step-name-unique: info
overrides:
  - files: ["*.json#/steps/0"]
    rules: {step-name-unique: error}
`))
	if err != nil {
		t.Fatal(err)
	}
	rule := func(name string) *Rule { return mustRule(t, name) }
	sev := func(c *Config, name string) Severity {
		s, _ := c.Severity(rule(name), "job.json")
		return s
	}
	five := 5
	errSev := SeverityError
	for _, tc := range []struct {
		name                  string
		only, enable, disable []string
		want                  map[string]Severity
		wantAt                Severity // step-name-unique at /steps/0
	}{
		{name: "none", want: map[string]Severity{"hop-cycle": SeverityOff, "step-name-unique": SeverityInfo, "hop-direction": SeverityError}, wantAt: SeverityError},
		{name: "only group", only: []string{"graph"}, want: map[string]Severity{"hop-cycle": SeverityOff, "hop-direction": SeverityError, "plaintext-secret": SeverityOff}, wantAt: SeverityError},
		{name: "only names an off rule", only: []string{"hop-cycle", "number-as-string"}, want: map[string]Severity{"hop-cycle": SeverityError, "number-as-string": SeverityWarning, "hop-direction": SeverityOff}},
		{name: "disable wins over enable", enable: []string{"graph"}, disable: []string{"hop-cycle"}, want: map[string]Severity{"hop-cycle": SeverityOff, "hop-direction": SeverityError}, wantAt: SeverityError},
		{name: "enable turns on", enable: []string{"hop-cycle"}, want: map[string]Severity{"hop-cycle": SeverityError}, wantAt: SeverityError},
		{name: "enable with severity beats overrides", enable: []string{"step-name-unique=warning"}, want: map[string]Severity{"step-name-unique": SeverityWarning}, wantAt: SeverityWarning},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ch, err := NewChoices(tc.only, tc.enable, tc.disable, nil)
			if err != nil {
				t.Fatal(err)
			}
			ch.FailOn, ch.MaxSameIssues = &errSev, &five
			c := cfg.WithChoices(ch)
			for name, want := range tc.want {
				if got := sev(c, name); got != want {
					t.Errorf("%s: %v, want %v", name, got, want)
				}
			}
			if tc.wantAt != SeverityOff {
				if got, _ := c.SeverityAt(rule("step-name-unique"), "job.json", "/steps/0/name"); got != tc.wantAt {
					t.Errorf("step-name-unique at /steps/0: %v, want %v", got, tc.wantAt)
				}
			}
			if c.FailOn != SeverityError || c.MaxSameIssues != 5 || cfg.FailOn != SeverityWarning {
				t.Errorf("fail-on %v, max-same %d; the file's config now has fail-on %v", c.FailOn, c.MaxSameIssues, cfg.FailOn)
			}
		})
	}
	_, err = NewChoices([]string{"hop-cylce"}, nil, nil, nil)
	if err == nil || !strings.Contains(err.Error(), `--only: unknown rule or group "hop-cylce"; did you mean "hop-cycle"?`) {
		t.Errorf("unknown name: %v", err)
	}
}
