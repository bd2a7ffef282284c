package lint

import (
	_ "embed"
)

// ConfigFileNames are the names FindConfig looks for, in order.
var ConfigFileNames = []string{".dilint.yaml", ".dilint.yml"}

// ConfigSchema is the JSON Schema of the configuration file, for editors
// and for `config verify`-style checks.
//
//go:embed config.schema.json
var ConfigSchema []byte

// Config is a parsed .dilint.yaml: which rules run, how severe they are,
// per file glob and JSON Pointer, which files are ignored and which
// severity fails the run. It implements Selector, PointerSelector and
// Ignorer. A Config is immutable once loaded and safe for concurrent use.
//
//	fail-on: warning
//	max-same-issues: 20
//	disable: [number-precision]
//	rules:
//	  plaintext-secret: warning
//	  concurrent-range: {severity: error, options: {max: 16}}
//	ignore: [vendor/**]
//	overrides:
//	  - files: ["jobs/legacy/*.json#/steps/0"]
//	    rules: {security: off}
//	policies:
//	  - name: prod-writer-no-truncate
//	    given: steps.#(category=="writer")#.parameter
//	    schema: {properties: {truncate: {const: false}}}
//
// Policies (see Policy) are rules of the configuration's own; it also
// implements PolicySource.
type Config struct {
	// Path is the file the configuration was read from; "" for Default.
	Path string
	// Dir is the directory globs are relative to: Path's directory, or ""
	// to match file names as they are given.
	Dir string
	// FailOn is the least severity that fails a run (SeverityError unless
	// set); SeverityOff never fails.
	FailOn Severity
	// MaxSameIssues is how many findings of one rule a file reports before
	// LimitSame sums up the rest (max-same-issues; DefaultMaxSameIssues
	// unless set); 0 reports all.
	MaxSameIssues int

	base      layer
	top       *Choices // applied above base and overrides; see WithChoices
	ignore    []string
	overrides []override
	policies  policySet
}

// RuleConfig is the configured severity and options of one rule. Options
// hold only options the rule declares, checked and converted to their
// declared Go types (int64, float64, bool, string, []string).
type RuleConfig struct {
	Severity Severity
	Options  map[string]any
}

// layer is a set of changes to rule settings: the top level of a
// configuration or one override.
type layer map[*Rule]change

// change is what a layer does to one rule.
type change struct {
	enable bool // turn on at its default severity if it is off
	set    bool // set sev
	sev    Severity
	opts   map[string]any // checked and converted (see decoder.options)
}

func (c change) apply(r *Rule, rc RuleConfig) RuleConfig {
	switch {
	case c.set:
		rc.Severity = c.sev
	case c.enable && rc.Severity == SeverityOff:
		rc.Severity = enabledSeverity(r)
	}
	rc.Options = mergeOptions(rc.Options, c.opts)
	return rc
}

// enabledSeverity is the severity of a rule that is turned on by name: its
// default, or warning for a rule that is off unless asked for.
func enabledSeverity(r *Rule) Severity {
	if r.DefaultSeverity == SeverityOff {
		return SeverityWarning
	}
	return r.DefaultSeverity
}

// enabledSelector runs every rule as if it were turned on by name, so a
// rule that is off by default still shows what it reports: the rule pages
// run the Bad examples with it.
type enabledSelector struct{}

func (enabledSelector) Severity(r *Rule, _ string) (Severity, map[string]any) {
	return enabledSeverity(r), nil
}

// override is one entry of overrides: a layer applied to files matching a
// glob and, when pointer is set, only to diagnostics under that pointer.
type override struct {
	glob       string
	pointer    string
	hasPointer bool
	layer      layer
}

// Default returns the configuration used when there is no file: every rule
// at its default severity, failing on errors.
func Default() *Config {
	return &Config{FailOn: SeverityError, MaxSameIssues: DefaultMaxSameIssues, base: layer{}}
}

// WithChoices returns a copy of the configuration with ch as its top
// layer, above the file's rules and overrides: how the dilint command's
// --only, --enable, --disable, --fail-on and --max-same-issues apply to
// each configuration file. A nil ch returns c.
func (c *Config) WithChoices(ch *Choices) *Config {
	if ch == nil {
		return c
	}
	cp := *c
	cp.top = ch
	if ch.FailOn != nil {
		cp.FailOn = *ch.FailOn
	}
	if ch.MaxSameIssues != nil {
		cp.MaxSameIssues = *ch.MaxSameIssues
	}
	return &cp
}

// Severity implements Selector. When overrides turn the rule on only below
// some JSON Pointers of the file, it returns the highest of those severities
// so the rule runs; SeverityAt then filters.
func (c *Config) Severity(r *Rule, file string) (Severity, map[string]any) {
	sev, opts := c.configured(r, file)
	if c.top != nil {
		return c.top.severity(r, sev, opts)
	}
	return sev, opts
}

// configured is Severity without the choices on top.
func (c *Config) configured(r *Rule, file string) (Severity, map[string]any) {
	if len(c.overrides) == 0 {
		// Without overrides the file name does not matter; working out
		// its relative path for every rule of every file is the cost of a
		// run over many small files.
		rc := c.fileLevel(r, "")
		return rc.Severity, rc.Options
	}
	rel := c.rel(file)
	rc := c.fileLevel(r, rel)
	if rc.Severity != SeverityOff {
		return rc.Severity, rc.Options
	}
	best := rc
	for _, o := range c.overrides {
		if !o.hasPointer || !MatchGlob(o.glob, rel) {
			continue
		}
		if ch, ok := o.layer[r]; ok {
			if s := ch.apply(r, rc); s.Severity > best.Severity {
				best = s
			}
		}
	}
	return best.Severity, best.Options
}

// SeverityAt implements PointerSelector. A severity the choices give a
// rule (--enable NAME=SEVERITY) wins over the overrides.
func (c *Config) SeverityAt(r *Rule, file, pointer string) (Severity, bool) {
	if c.top != nil {
		if s, ok := c.top.severityAt(r); ok {
			return s, true
		}
	}
	if len(c.overrides) == 0 {
		rc := c.fileLevel(r, "")
		return rc.Severity, rc.Severity == SeverityOff
	}
	rel := c.rel(file)
	rc := c.fileLevel(r, rel)
	matched := false
	for _, o := range c.overrides {
		if !o.hasPointer || !MatchGlob(o.glob, rel) || !pointerWithin(pointer, o.pointer) {
			continue
		}
		if ch, ok := o.layer[r]; ok {
			rc = ch.apply(r, rc)
			matched = true
		}
	}
	if matched || rc.Severity == SeverityOff {
		return rc.Severity, true
	}
	return rc.Severity, false
}

// Rule returns the severity and options of a rule for a file, ignoring
// pointer overrides.
func (c *Config) Rule(r *Rule, file string) RuleConfig {
	if len(c.overrides) == 0 {
		return c.fileLevel(r, "")
	}
	return c.fileLevel(r, c.rel(file))
}

func (c *Config) fileLevel(r *Rule, rel string) RuleConfig {
	rc := RuleConfig{Severity: r.DefaultSeverity}
	if ch, ok := c.base[r]; ok {
		rc = ch.apply(r, rc)
	}
	for _, o := range c.overrides {
		if o.hasPointer || !MatchGlob(o.glob, rel) {
			continue
		}
		if ch, ok := o.layer[r]; ok {
			rc = ch.apply(r, rc)
		}
	}
	return rc
}

// Fails reports whether a diagnostic of severity s fails the run.
func (c *Config) Fails(s Severity) bool {
	return c.FailOn != SeverityOff && s >= c.FailOn
}
