package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/dilint/dilint/lint"
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
}

// Severity implements lint.Selector.
func (s *selection) Severity(r *lint.Rule, file string) (lint.Severity, map[string]any) {
	sev, opts := r.DefaultSeverity, map[string]any(nil)
	if s.base != nil {
		sev, opts = s.base.Severity(r, file)
	}
	f := s.flags
	if f.only != nil && !f.only[r] || f.disable[r] {
		return lint.SeverityOff, nil
	}
	if want, ok := f.enable[r]; ok || f.named[r] {
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
	if want := s.flags.enable[r]; want != lint.SeverityOff {
		return want, true
	}
	if ps, ok := s.base.(lint.PointerSelector); ok {
		return ps.SeverityAt(r, file, pointer)
	}
	return lint.SeverityOff, false
}

// Ignored implements lint.Ignorer with the configuration's ignore list.
func (s *selection) Ignored(file string) bool {
	ig, ok := s.base.(lint.Ignorer)
	return ok && ig.Ignored(file)
}

// resolve turns rule and group names into rules; named reports the rules
// that were named themselves rather than through their group.
func resolve(flag string, names []string) (all, named map[*lint.Rule]bool, err error) {
	all, named = map[*lint.Rule]bool{}, map[*lint.Rule]bool{}
	for _, n := range names {
		rules, err := lint.Resolve(n)
		var unknown *lint.UnknownRuleError
		if errors.As(err, &unknown) {
			return nil, nil, fmt.Errorf("--%s: %v (groups: %s; 'dilint rules' lists the rules)", flag, err, strings.Join(lint.Groups(), ", "))
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
func newRuleFlags(only, enable, disable []string) (*ruleFlags, error) {
	f := &ruleFlags{enable: map[*lint.Rule]lint.Severity{}, disable: map[*lint.Rule]bool{}}
	if len(only) > 0 {
		all, named, err := resolve("only", only)
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
		all, _, err := resolve("enable", []string{name})
		if err != nil {
			return nil, err
		}
		for r := range all {
			f.enable[r] = sev
		}
	}
	if len(disable) > 0 {
		all, _, err := resolve("disable", disable)
		if err != nil {
			return nil, err
		}
		f.disable = all
	}
	return f, nil
}

// selected returns the rules the command line leaves on the table: all
// of them unless --only or --disable narrowed the set. SARIF describes
// these, so a run with --only schema does not list every other rule.
func (f *ruleFlags) selected() []*lint.Rule {
	var out []*lint.Rule
	for _, r := range lint.All() {
		if (f.only == nil || f.only[r]) && !f.disable[r] {
			out = append(out, r)
		}
	}
	return out
}
