package lint

import (
	"cmp"
	"errors"
	"slices"
	"sync"

	"github.com/dilint/dilint/taskcontent"
)

var (
	registryMu sync.Mutex
	registry   []*Rule
)

// register adds a rule to the set All returns. Each rule file registers its
// rule in a package-level variable.
func register(r *Rule) *Rule {
	registryMu.Lock()
	defer registryMu.Unlock()
	registry = append(registry, r)
	return r
}

// All returns every rule, sorted by group and name.
func All() []*Rule {
	registryMu.Lock()
	defer registryMu.Unlock()
	out := slices.Clone(registry)
	slices.SortFunc(out, func(a, b *Rule) int {
		if c := cmp.Compare(a.Group, b.Group); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	})
	return out
}

// Lookup returns the rule with the given name.
func Lookup(name string) (*Rule, bool) {
	for _, r := range All() {
		if r.Name == name {
			return r, true
		}
	}
	return nil, false
}

// Selector decides which rules run on a document and how severe they are.
// The zero Selector runs every rule at its default severity.
type Selector interface {
	// Severity returns the severity of rule for the document named file
	// (SeverityOff to skip it) and its options.
	Severity(rule *Rule, file string) (Severity, map[string]any)
}

// Linter runs rules over documents. The zero Linter runs every registered
// rule at its default severity. A Linter is safe for concurrent use.
type Linter struct {
	// Rules to run; nil means All().
	Rules []*Rule
	// Selector chooses severities per file; nil means defaults.
	Selector Selector
}

// syntaxRuleName is the rule that reports files that are not JSON; it is
// reported by the engine itself because no document exists to pass to a rule.
const syntaxRuleName = "syntax"

// LintFile parses src and lints it. It returns the document (nil when the
// file is not JSON, in which case the diagnostics hold the syntax error).
func (l *Linter) LintFile(name string, src []byte) (*taskcontent.Document, []Diagnostic) {
	doc, err := taskcontent.ParseFile(name, src)
	if err != nil {
		var se *taskcontent.SyntaxError
		d := Diagnostic{Rule: syntaxRuleName, Severity: SeverityError, Message: err.Error()}
		if errors.As(err, &se) {
			msg := se.Msg
			if se.Excerpt != "" {
				msg += " (near " + quoteExcerpt(se.Excerpt) + ")"
			}
			d.Message, d.Start, d.End = msg, se.Pos, se.Pos
		}
		if r, ok := Lookup(syntaxRuleName); ok {
			d.URL = r.URL
			if sev := l.severity(r, name); sev != SeverityOff {
				d.Severity = sev
			}
		}
		return nil, []Diagnostic{d}
	}
	return doc, l.Lint(doc)
}

func quoteExcerpt(s string) string { return "`" + s + "`" }

func (l *Linter) rules() []*Rule {
	if l.Rules != nil {
		return l.Rules
	}
	return All()
}

func (l *Linter) severity(r *Rule, file string) Severity {
	if l.Selector == nil {
		return r.DefaultSeverity
	}
	s, _ := l.Selector.Severity(r, file)
	return s
}

// Lint runs the rules on a parsed document and returns the diagnostics
// sorted by position, then rule. A rule that panics becomes an error
// diagnostic naming the rule instead of crashing the run.
func (l *Linter) Lint(doc *taskcontent.Document) []Diagnostic {
	var out []Diagnostic
	for _, r := range l.rules() {
		sev, opts := r.DefaultSeverity, map[string]any(nil)
		if l.Selector != nil {
			sev, opts = l.Selector.Severity(r, doc.Name())
		}
		if sev == SeverityOff || r.Run == nil {
			continue
		}
		pass := &Pass{Rule: r, Doc: doc, Severity: sev, Options: opts}
		pass.report = func(d Diagnostic) { out = append(out, d) }
		runRule(pass)
	}
	SortDiagnostics(out)
	return out
}

func runRule(pass *Pass) {
	defer func() {
		if p := recover(); p != nil {
			pass.report(Diagnostic{
				Rule:     pass.Rule.Name,
				Severity: SeverityError,
				Message:  "internal error: rule " + pass.Rule.Name + " crashed on this document; please report it",
			})
		}
	}()
	pass.Rule.Run(pass)
}

// SortDiagnostics orders diagnostics by offset, then rule, then message.
func SortDiagnostics(ds []Diagnostic) {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		if c := cmp.Compare(a.Start.Offset, b.Start.Offset); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Rule, b.Rule); c != 0 {
			return c
		}
		return cmp.Compare(a.Message, b.Message)
	})
}
