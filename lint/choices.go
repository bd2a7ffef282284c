package lint

import (
	"errors"
	"fmt"
	"strings"

	"github.com/dilint/dilint/schema"
)

// Choices are rule choices made above every configuration file: the
// dilint command's --only, --enable and --disable, and its --fail-on and
// --max-same-issues. They are the top layer of each Config they are
// applied to (Config.WithChoices, ConfigFinder.Choices): --only keeps
// only the named rules and groups, --disable turns rules off, and
// --enable turns them on, at a given severity (NAME=SEVERITY) that wins
// over the configuration's pointer overrides too. A rule that --only
// names one by one runs even when it is off by default.
type Choices struct {
	only    map[*Rule]bool     // nil means every rule
	named   map[*Rule]bool     // rules --only names one by one: run even if off by default
	enable  map[*Rule]Severity // SeverityOff keeps the configured or default severity
	disable map[*Rule]bool
	// Policies are rules of a configuration, different values in each
	// configuration file, so the choices name them: a policy's name or
	// PolicyGroup.
	policies policyFlags

	// FailOn, when set, replaces the configurations' fail-on.
	FailOn *Severity
	// MaxSameIssues, when set, replaces the configurations'
	// max-same-issues.
	MaxSameIssues *int
}

// policyFlags are the choices of policies, by name.
type policyFlags struct {
	only    map[string]bool
	enable  map[string]Severity
	disable map[string]bool
}

// rule returns the choices that apply to a policy, as the built-in rules
// keep them. With --only and no policy named, policies are off.
func (p policyFlags) rule(r *Rule, onlySet bool) (only, named bool, enable Severity, enabled, disable bool) {
	only = !onlySet || p.only[r.Name] || p.only[PolicyGroup]
	named = p.only[r.Name]
	enable, enabled = p.enable[r.Name]
	if !enabled {
		enable, enabled = p.enable[PolicyGroup]
	}
	disable = p.disable[r.Name] || p.disable[PolicyGroup]
	return only, named, enable, enabled, disable
}

// severity applies the choices to a rule's configured severity and
// options.
func (f *Choices) severity(r *Rule, sev Severity, opts map[string]any) (Severity, map[string]any) {
	only, named, want, enabled, disabled := f.only == nil || f.only[r], f.named[r], SeverityOff, false, f.disable[r]
	if r.Group == PolicyGroup {
		only, named, want, enabled, disabled = f.policies.rule(r, f.only != nil)
	} else {
		want, enabled = f.enable[r]
	}
	if !only || disabled {
		return SeverityOff, nil
	}
	if enabled || named {
		switch {
		case want != SeverityOff:
			sev = want
		case sev == SeverityOff && r.DefaultSeverity != SeverityOff:
			sev = r.DefaultSeverity
		case sev == SeverityOff:
			sev = SeverityWarning
		}
	}
	return sev, opts
}

// severityAt returns the severity given with --enable NAME=SEVERITY,
// which wins over the configuration's pointer overrides.
func (f *Choices) severityAt(r *Rule) (Severity, bool) {
	want := f.enable[r]
	if r.Group == PolicyGroup {
		_, _, want, _, _ = f.policies.rule(r, false)
	}
	return want, want != SeverityOff
}

// resolve turns rule and group names into rules; named reports the rules
// that were named themselves rather than through their group. Names of
// policies (and the group policy) go to policyNames: each configuration
// has its own. policies lists the policies that can be named.
func resolve(flag string, names []string, policies func() []*Rule, policyNames map[string]bool) (all, named map[*Rule]bool, err error) {
	all, named = map[*Rule]bool{}, map[*Rule]bool{}
	for _, n := range names {
		rules, err := Resolve(n)
		var unknown *UnknownRuleError
		if errors.As(err, &unknown) && n == PolicyGroup {
			policyNames[n] = true
			continue
		}
		if errors.As(err, &unknown) {
			var choices []string
			for _, p := range policies() {
				if p.Name == n {
					policyNames[n] = true
					err = nil
					break
				}
				choices = append(choices, p.Name)
			}
			if err == nil {
				continue
			}
			groups := append(Groups(), PolicyGroup)
			for _, r := range All() {
				choices = append(choices, r.Name)
			}
			unknown.Suggestion = schema.Suggest(n, append(choices, groups...))
			return nil, nil, fmt.Errorf("--%s: %v (groups: %s; 'dilint rules' lists the rules and the configuration's policies)", flag, err, strings.Join(groups, ", "))
		}
		if err != nil {
			return nil, nil, fmt.Errorf("--%s: %w", flag, err)
		}
		for _, r := range rules {
			all[r] = true
			if r.Name == n {
				named[r] = true
			}
		}
	}
	return all, named, nil
}

// NewChoices checks and resolves the names given to --only, --enable and
// --disable: rule names, group names and, with policies, the names of the
// policies of the configurations in play (policies is called only when a
// name is no built-in rule or group; nil means none). --enable accepts
// NAME=SEVERITY. An unknown name is an error that suggests the closest
// one.
func NewChoices(only, enable, disable []string, policies func() []*Rule) (*Choices, error) {
	f := &Choices{enable: map[*Rule]Severity{}, disable: map[*Rule]bool{}}
	f.policies = policyFlags{only: map[string]bool{}, enable: map[string]Severity{}, disable: map[string]bool{}}
	if policies == nil {
		policies = func() []*Rule { return nil }
	}
	if len(only) > 0 {
		all, named, err := resolve("only", only, policies, f.policies.only)
		if err != nil {
			return nil, err
		}
		f.only, f.named = all, named
	}
	for _, e := range enable {
		name, sevText, hasSev := strings.Cut(e, "=")
		sev := SeverityOff
		if hasSev {
			v, err := ParseSeverity(sevText)
			if err != nil {
				return nil, fmt.Errorf("--enable %s: %w", e, err)
			}
			sev = v
		}
		names := map[string]bool{}
		all, _, err := resolve("enable", []string{name}, policies, names)
		if err != nil {
			return nil, err
		}
		for r := range all {
			f.enable[r] = sev
		}
		for n := range names {
			f.policies.enable[n] = sev
		}
	}
	if len(disable) > 0 {
		all, _, err := resolve("disable", disable, policies, f.policies.disable)
		if err != nil {
			return nil, err
		}
		f.disable = all
	}
	return f, nil
}

// Rules returns the rules the choices leave on the table: all of them,
// and the given policies, unless --only or --disable narrowed the set.
// SARIF describes these, so a run with --only schema does not list every
// other rule.
func (f *Choices) Rules(policies []*Rule) []*Rule {
	var out []*Rule
	for _, r := range All() {
		if (f.only == nil || f.only[r]) && !f.disable[r] {
			out = append(out, r)
		}
	}
	seen := map[string]bool{}
	for _, r := range policies {
		if only, _, _, _, disabled := f.policies.rule(r, f.only != nil); only && !disabled && !seen[r.Name] {
			seen[r.Name] = true
			out = append(out, r)
		}
	}
	return out
}
