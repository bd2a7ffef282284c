package lint

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dilint/dilint/internal/corpus"
)

func mustRule(t *testing.T, name string) *Rule {
	t.Helper()
	r, ok := Lookup(name)
	if !ok {
		t.Fatalf("no rule %s", name)
	}
	return r
}

func TestParseConfigErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown top-level key", "fail_on: error\n", `cfg.yaml:1:1: unknown key "fail_on"; did you mean "fail-on"?`},
		{"unknown key in an override", "overrides:\n  - files: [a.json]\n    rule:\n      duplicate-key: off\n", `cfg.yaml:3:5: unknown key "rule"; did you mean "rules"?`},
		{"unknown key in a rule entry", "rules:\n  duplicate-key:\n    severty: error\n", `cfg.yaml:3:5: unknown key "severty"; did you mean "severity"?`},
		{"bad severity", "rules:\n  duplicate-key: eror\n", `cfg.yaml:2:18: "eror" is not one of off, none, info, note, warning, warn, error; did you mean "error"?`},
		{"bad fail-on", "fail-on: fatal\n", `cfg.yaml:1:10: "fatal" is not one of`},
		{"unknown rule", "disable: [duplicate-keys]\n", `cfg.yaml:1:11: unknown rule or group "duplicate-keys"; did you mean "duplicate-key"?`},
		{"unknown rule as a key", "rules:\n  dupliate-key: off\n", `cfg.yaml:2:3: unknown rule or group "dupliate-key"; did you mean "duplicate-key"?`},
		{"wrong type", "ignore: vendor\n", `cfg.yaml:1:9: `},
		{"files required", "overrides:\n  - rules: {json: off}\n", `cfg.yaml:2:5: missing property 'files'`},
		{"bad pointer", "overrides:\n  - files: ['a.json#steps']\n    disable: [json]\n", `cfg.yaml:2:13: invalid JSON pointer`},
		{"duplicate key", "only: [json]\nonly: [json]\n", `cfg.yaml:2:1: duplicate key "only"`},
		{"not YAML", "rules: [\n", `cfg.yaml: yaml:`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseConfig("cfg.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatalf("no error")
			}
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("error %T is not a *ConfigError: %v", err, err)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error\n got %s\nwant %s…", err, tt.want)
			}
		})
	}
}

func TestConfigSeverity(t *testing.T) {
	cfg, err := ParseConfig("cfg.yaml", []byte(`
fail-on: warning
rules:
  json: info
  encoding: off
  duplicate-key:
    severity: warning
overrides:
  - files: ["legacy/**"]
    disable: [duplicate-key]
  - files: ["mixed/*.json#/steps/0"]
    rules: {duplicate-key: error}
`))
	if err != nil {
		t.Fatal(err)
	}
	dup, syn := mustRule(t, "duplicate-key"), mustRule(t, "syntax")
	if s, _ := cfg.Severity(dup, "jobs/a.json"); s != SeverityWarning {
		t.Errorf("rule entry over group: got %v", s)
	}
	if s, _ := cfg.Severity(mustRule(t, "encoding"), "jobs/a.json"); s != SeverityOff {
		t.Errorf("YAML off: got %v", s)
	}
	if s, _ := cfg.Severity(syn, "jobs/a.json"); s != SeverityInfo {
		t.Errorf("group entry: got %v", s)
	}
	if s, _ := cfg.Severity(dup, "legacy/x/a.json"); s != SeverityOff {
		t.Errorf("override by glob: got %v", s)
	}
	if s, ok := cfg.SeverityAt(dup, "mixed/a.json", "/steps/0/name"); !ok || s != SeverityError {
		t.Errorf("pointer override inside: got %v %v", s, ok)
	}
	if s, ok := cfg.SeverityAt(dup, "mixed/a.json", "/steps/1"); ok {
		t.Errorf("pointer override outside: got %v %v", s, ok)
	}
	if s, ok := cfg.SeverityAt(dup, "mixed/a.json", "/steps/01"); ok {
		t.Errorf("/steps/01 is not under /steps/0: got %v %v", s, ok)
	}
	if !cfg.Fails(SeverityWarning) || cfg.Fails(SeverityInfo) {
		t.Errorf("fail-on warning")
	}
}

func TestConfigPointerOverrideEnablesRule(t *testing.T) {
	cfg, err := ParseConfig("cfg.yaml", []byte(`
disable: [duplicate-key]
overrides:
  - files: ["*.json#/setting"]
    enable: [duplicate-key]
`))
	if err != nil {
		t.Fatal(err)
	}
	l := Linter{Selector: cfg, Rules: []*Rule{mustRule(t, "duplicate-key")}}
	_, ds := l.LintFile("a.json", []byte(`{"type":"job","a":1,"a":2,"setting":{"b":1,"b":2}}`))
	if len(ds) != 1 || ds[0].Pointer != "/setting/b" || ds[0].Severity != SeverityError {
		t.Errorf("want one error at /setting/b, got %+v", ds)
	}
}

func TestConfigIgnored(t *testing.T) {
	cfg, err := ParseConfig("cfg.yaml", []byte("ignore: [vendor, 'gen/**/*.json', '*.tmp.json']\n"))
	if err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]bool{
		"vendor/a.json":    true,
		"x/vendor/a.json":  true,
		"gen/a/b/c.json":   true,
		"gen/c.json":       true,
		"jobs/a.tmp.json":  true,
		"jobs/a.json":      false,
		"generated/a.json": false,
		"jobs/vendor.json": false,
	} {
		if got := cfg.Ignored(file); got != want {
			t.Errorf("Ignored(%s) = %v, want %v", file, got, want)
		}
	}
}

func TestFindConfig(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	cfgPath := filepath.Join(root, "a", ".dilint.yaml")
	if err := os.WriteFile(cfgPath, []byte("ignore: ['b/skip.json']\nrules: {duplicate-key: warning}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := FindConfig(filepath.Join(deep, "job.json"))
	if err != nil || got != cfgPath {
		t.Fatalf("FindConfig = %q, %v; want %q", got, err, cfgPath)
	}
	f := NewConfigFinder("")
	cfg, err := f.For(filepath.Join(deep, "job.json"))
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := cfg.Severity(mustRule(t, "duplicate-key"), filepath.Join(deep, "job.json")); s != SeverityWarning {
		t.Errorf("severity from found config = %v", s)
	}
	if !cfg.Ignored(filepath.Join(deep, "skip.json")) {
		t.Errorf("globs are relative to the config's directory")
	}
	if cfg2, _ := f.For(filepath.Join(deep, "other.json")); cfg2 != cfg {
		t.Errorf("config not cached")
	}
	if c, err := NewConfigFinder("").For(filepath.Join(root, "top.json")); err != nil || c.Path != "" {
		t.Errorf("no config above: got %v, %v", c.Path, err)
	}

	// Relative names: the same directory spelt relative and absolute gets
	// the same configuration, a sibling without one the default, however
	// the lookups interleave.
	t.Chdir(root)
	f = NewConfigFinder("")
	for _, tc := range []struct {
		file string
		want string
	}{
		{filepath.Join("a", "b", "x.json"), cfgPath},
		{"top.json", ""},
		{filepath.Join(deep, "y.json"), cfgPath},
		{filepath.Join("a", "b", "z.json"), cfgPath},
		{filepath.Join(".", "a", "..", "top2.json"), ""},
		{filepath.Join("a", "w.json"), cfgPath},
	} {
		c, err := f.For(tc.file)
		if err != nil || c.Path != tc.want {
			t.Errorf("For(%s) = %q, %v; want %q", tc.file, c.Path, err, tc.want)
		}
	}
}

func TestConfigSchemaIsValidJSONSchema(t *testing.T) {
	if _, err := configSchema(); err != nil {
		t.Fatal(err)
	}
}

// TestConfigAliasBomb: YAML aliases that repeat aliases ("billion
// laughs") are refused at the alias that exceeds the value budget, before
// they are expanded; a bomb of 10^7 values took 64 s and 5.5 GB, one of
// 10^8 was killed at 6.4 GB. Aliases in a real configuration still work.
func TestConfigAliasBomb(t *testing.T) {
	for _, levels := range []int{7, 8} {
		_, err := ParseConfig("cfg.yaml", corpus.AliasBomb(levels))
		var ce *ConfigError
		if !errors.As(err, &ce) {
			t.Fatalf("10^%d values: error %v, want a *ConfigError", levels, err)
		}
		if ce.Line == 0 || !strings.Contains(ce.Msg, "more than 10000 values") {
			t.Errorf("10^%d values: %v", levels, err)
		}
	}
	cfg, err := ParseConfig("cfg.yaml", []byte("disable: &quiet [comments]\noverrides:\n  - files: [a.json]\n    disable: *quiet\n"))
	if err != nil {
		t.Fatal(err)
	}
	if sev, _ := cfg.Severity(mustRule(t, "comments"), "b.json"); sev != SeverityOff {
		t.Errorf("comments is %s, want off", sev)
	}
}

func TestConfigSizeLimit(t *testing.T) {
	big := "# " + strings.Repeat("x", MaxConfigSize) + "\nfail-on: error\n"
	_, err := ParseConfig("cfg.yaml", []byte(big))
	var ce *ConfigError
	if !errors.As(err, &ce) || !strings.Contains(ce.Msg, "limit") {
		t.Fatalf("error %v, want the size limit", err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, ".dilint.yaml")
	if err := os.WriteFile(path, []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadConfig(path); !errors.As(err, &ce) {
		t.Fatalf("LoadConfig: error %v, want the size limit", err)
	}
}

func TestConfigMaxSameIssues(t *testing.T) {
	for _, tc := range []struct {
		yaml string
		want int
	}{{"fail-on: error\n", DefaultMaxSameIssues}, {"max-same-issues: 5\n", 5}, {"max-same-issues: 0\n", 0}} {
		cfg, err := ParseConfig("cfg.yaml", []byte(tc.yaml))
		if err != nil {
			t.Fatal(err)
		}
		if cfg.MaxSameIssues != tc.want {
			t.Errorf("%q: %d, want %d", tc.yaml, cfg.MaxSameIssues, tc.want)
		}
	}
	for _, bad := range []string{"max-same-issues: -1\n", "max-same-issues: 2.5\n", "max-same-issues: many\n"} {
		if _, err := ParseConfig("cfg.yaml", []byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
