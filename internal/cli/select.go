package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dilint/dilint/lint"
)

// selection applies --only, --enable and --disable on top of the
// configuration's choices. It implements lint.Selector.
type selection struct {
	base    lint.Selector            // the configuration; nil means rule defaults
	only    map[string]bool          // nil means every rule
	named   map[string]bool          // rules --only named one by one: run even if off by default
	enable  map[string]lint.Severity // 0 keeps the configured or default severity
	disable map[string]bool
}

// Severity implements lint.Selector.
func (s *selection) Severity(r *lint.Rule, file string) (lint.Severity, map[string]any) {
	sev, opts := r.DefaultSeverity, map[string]any(nil)
	if s.base != nil {
		sev, opts = s.base.Severity(r, file)
	}
	if s.only != nil && !s.only[r.Name] || s.disable[r.Name] {
		return lint.SeverityOff, nil
	}
	if want, ok := s.enable[r.Name]; ok || s.named[r.Name] {
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

// ruleChoices lists what --only, --enable and --disable accept.
func ruleChoices(rules []*lint.Rule) []string {
	var out []string
	for _, r := range rules {
		if r.Group != "" && !slices.Contains(out, r.Group) {
			out = append(out, r.Group)
		}
	}
	for _, r := range rules {
		out = append(out, r.Name)
	}
	return out
}

// expandRules resolves rule and group names to rule names. A name that is
// both a rule and a group means the rule.
func expandRules(names []string, rules []*lint.Rule) (rulesNamed map[string]bool, all map[string]bool, err error) {
	rulesNamed, all = map[string]bool{}, map[string]bool{}
	for _, n := range names {
		found := false
		for _, r := range rules {
			if r.Name == n {
				rulesNamed[n], all[n], found = true, true, true
			}
		}
		if found {
			continue
		}
		for _, r := range rules {
			if r.Group == n {
				all[r.Name], found = true, true
			}
		}
		if !found {
			choices := ruleChoices(rules)
			return nil, nil, fmt.Errorf("unknown rule or group %q%s (valid: %s)", n, didYouMean(n, choices), strings.Join(choices, ", "))
		}
	}
	return rulesNamed, all, nil
}

// newSelection builds the selection from the flags' values. --enable
// accepts NAME=SEVERITY to choose the severity.
func newSelection(base lint.Selector, only, enable, disable []string, rules []*lint.Rule) (*selection, error) {
	s := &selection{base: base, enable: map[string]lint.Severity{}, disable: map[string]bool{}}
	if len(only) > 0 {
		named, all, err := expandRules(only, rules)
		if err != nil {
			return nil, fmt.Errorf("--only: %w", err)
		}
		s.only, s.named = all, named
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
		_, all, err := expandRules([]string{name}, rules)
		if err != nil {
			return nil, fmt.Errorf("--enable: %w", err)
		}
		for n := range all {
			s.enable[n] = sev
		}
	}
	if len(disable) > 0 {
		_, all, err := expandRules(disable, rules)
		if err != nil {
			return nil, fmt.Errorf("--disable: %w", err)
		}
		s.disable = all
	}
	return s, nil
}
