package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/dilint/dilint/lint"
	"github.com/dilint/dilint/schema"
)

// selection applies --only, --enable and --disable on top of a file's
// configuration. It implements lint.Selector, and passes the
// configuration's pointer overrides and ignore list through.
type selection struct {
	base  lint.Selector // the file's configuration; nil means rule defaults
	flags *ruleFlags
}

// ruleFlags are the rule choices made on the command line.
type ruleFlags struct {
	only    map[*lint.Rule]bool          // nil means every rule
	named   map[*lint.Rule]bool          // rules --only names one by one: run even if off by default
	enable  map[*lint.Rule]lint.Severity // SeverityOff keeps the configured or default severity
	disable map[*lint.Rule]bool
	// Policies are rules of a configuration, different values in each
	// configuration file, so the flags name them: a policy's name or
	// lint.PolicyGroup.
	policies policyFlags
}

// policyFlags are the choices of policies, by name.
type policyFlags struct {
	only    map[string]bool
	enable  map[string]lint.Severity
	disable map[string]bool
}

// rule returns the choices that apply to a policy, as the built-in rules
// keep them. With --only and no policy named, policies are off.
func (p policyFlags) rule(r *lint.Rule, onlySet bool) (only, named bool, enable lint.Severity, enabled, disable bool) {
	only = !onlySet || p.only[r.Name] || p.only[lint.PolicyGroup]
	named = p.only[r.Name]
	enable, enabled = p.enable[r.Name]
	if !enabled {
		enable, enabled = p.enable[lint.PolicyGroup]
	}
	disable = p.disable[r.Name] || p.disable[lint.PolicyGroup]
	return only, named, enable, enabled, disable
}

// Severity implements lint.Selector.
func (s *selection) Severity(r *lint.Rule, file string) (lint.Severity, map[string]any) {
	sev, opts := r.DefaultSeverity, map[string]any(nil)
	if s.base != nil {
		sev, opts = s.base.Severity(r, file)
	}
	f := s.flags
	only, named, want, enabled, disabled := f.only == nil || f.only[r], f.named[r], lint.SeverityOff, false, f.disable[r]
	if r.Group == lint.PolicyGroup {
		only, named, want, enabled, disabled = f.policies.rule(r, f.only != nil)
	} else {
		want, enabled = f.enable[r]
	}
	if !only || disabled {
		return lint.SeverityOff, nil
	}
	if enabled || named {
		switch {
		case want != lint.SeverityOff:
			sev = want
		case sev == lint.SeverityOff && r.DefaultSeverity != lint.SeverityOff:
			sev = r.DefaultSeverity
		case sev == lint.SeverityOff:
			sev = lint.SeverityWarning
		}
	}
	return sev, opts
}

// SeverityAt implements lint.PointerSelector: a severity given with
// --enable NAME=SEVERITY wins over the configuration's overrides.
func (s *selection) SeverityAt(r *lint.Rule, file, pointer string) (lint.Severity, bool) {
	want := s.flags.enable[r]
	if r.Group == lint.PolicyGroup {
		_, _, want, _, _ = s.flags.policies.rule(r, false)
	}
	if want != lint.SeverityOff {
		return want, true
	}
	if ps, ok := s.base.(lint.PointerSelector); ok {
		return ps.SeverityAt(r, file, pointer)
	}
	return lint.SeverityOff, false
}

// PolicyRules implements lint.PolicySource with the configuration's
// policies.
func (s *selection) PolicyRules(file string) []*lint.Rule {
	if src, ok := s.base.(lint.PolicySource); ok {
		return src.PolicyRules(file)
	}
	return nil
}

// Ignored implements lint.Ignorer with the configuration's ignore list.
func (s *selection) Ignored(file string) bool {
	ig, ok := s.base.(lint.Ignorer)
	return ok && ig.Ignored(file)
}

// resolve turns rule and group names into rules; named reports the rules
// that were named themselves rather than through their group. Names of
// policies (and the group policy) go to policyNames: each configuration
// has its own. policies lists the policies that can be named.
func resolve(flag string, names []string, policies func() []*lint.Rule, policyNames map[string]bool) (all, named map[*lint.Rule]bool, err error) {
	all, named = map[*lint.Rule]bool{}, map[*lint.Rule]bool{}
	for _, n := range names {
		rules, err := lint.Resolve(n)
		var unknown *lint.UnknownRuleError
		if errors.As(err, &unknown) && n == lint.PolicyGroup {
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
			groups := append(lint.Groups(), lint.PolicyGroup)
			for _, r := range lint.All() {
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

// newRuleFlags checks the flags' values. --enable accepts NAME=SEVERITY.
// policies, called only when a name is not a built-in rule or group, lists
// the policies of the configurations in play.
func newRuleFlags(only, enable, disable []string, policies func() []*lint.Rule) (*ruleFlags, error) {
	f := &ruleFlags{enable: map[*lint.Rule]lint.Severity{}, disable: map[*lint.Rule]bool{}}
	f.policies = policyFlags{only: map[string]bool{}, enable: map[string]lint.Severity{}, disable: map[string]bool{}}
	if policies == nil {
		policies = func() []*lint.Rule { return nil }
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
		sev := lint.SeverityOff
		if hasSev {
			v, err := lint.ParseSeverity(sevText)
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

// selected returns the rules the command line leaves on the table: all
// of them, and the given policies, unless --only or --disable narrowed the
// set. SARIF describes these, so a run with --only schema does not list
// every other rule.
func (f *ruleFlags) selected(policies []*lint.Rule) []*lint.Rule {
	var out []*lint.Rule
	for _, r := range lint.All() {
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
