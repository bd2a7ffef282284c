package lint

import (
	"cmp"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/dilint/dilint/schema"
	"github.com/dilint/dilint/taskcontent"
)

var (
	registryMu sync.Mutex
	registry   []*Rule
	// sorted is registry sorted by group and name, made on first use:
	// every file linted with the default rules asks for it.
	sorted []*Rule
)

// register adds a rule to the set All returns. Each rule file registers its
// rule in a package-level variable.
func register(r *Rule) *Rule {
	registryMu.Lock()
	defer registryMu.Unlock()
	registry = append(registry, r)
	sorted = nil
	return r
}

// All returns every rule, sorted by group and name.
func All() []*Rule { return slices.Clone(allRules()) }

// allRules is All without the copy; callers must not modify the slice.
func allRules() []*Rule {
	registryMu.Lock()
	defer registryMu.Unlock()
	if sorted == nil {
		sorted = slices.Clone(registry)
		slices.SortFunc(sorted, func(a, b *Rule) int {
			if c := cmp.Compare(a.Group, b.Group); c != 0 {
				return c
			}
			return cmp.Compare(a.Name, b.Name)
		})
	}
	return sorted
}

// Lookup returns the rule with the given name.
func Lookup(name string) (*Rule, bool) {
	for _, r := range allRules() {
		if r.Name == name {
			return r, true
		}
	}
	return nil, false
}

// Groups returns the names of the rule groups, sorted.
func Groups() []string {
	var out []string
	for _, r := range allRules() {
		if !slices.Contains(out, r.Group) {
			out = append(out, r.Group)
		}
	}
	slices.Sort(out)
	return out
}

// UnknownRuleError reports a name that is neither a rule nor a group.
type UnknownRuleError struct {
	Name string
	// Suggestion is the closest rule or group name, or "".
	Suggestion string
}

func (e *UnknownRuleError) Error() string {
	msg := fmt.Sprintf("unknown rule or group %q", e.Name)
	if e.Suggestion != "" {
		msg += fmt.Sprintf("; did you mean %q?", e.Suggestion)
	}
	return msg
}

// Resolve returns the rules a name selects: the rule of that name, or every
// rule of the group of that name.
func Resolve(name string) ([]*Rule, error) {
	all := allRules()
	var group []*Rule
	choices := make([]string, 0, len(all)+8)
	for _, r := range all {
		if r.Name == name {
			return []*Rule{r}, nil
		}
		if r.Group == name {
			group = append(group, r)
		}
		choices = append(choices, r.Name)
	}
	if len(group) > 0 {
		return group, nil
	}
	choices = append(choices, Groups()...)
	return nil, &UnknownRuleError{Name: name, Suggestion: schema.Suggest(name, choices)}
}

// Select returns the rules that the names select (rule or group names; all
// rules when names is empty) minus those that exclude selects.
func Select(names, exclude []string) ([]*Rule, error) {
	picked := All()
	if len(names) > 0 {
		set, err := resolveSet(names)
		if err != nil {
			return nil, err
		}
		picked = slices.DeleteFunc(picked, func(r *Rule) bool { return !set[r] })
	}
	drop, err := resolveSet(exclude)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(picked, func(r *Rule) bool { return drop[r] }), nil
}

func resolveSet(names []string) (map[*Rule]bool, error) {
	set := make(map[*Rule]bool)
	for _, n := range names {
		rules, err := Resolve(n)
		if err != nil {
			return nil, err
		}
		for _, r := range rules {
			set[r] = true
		}
	}
	return set, nil
}

// Selector decides which rules run on a document and how severe they are.
// The zero Selector runs every rule at its default severity.
type Selector interface {
	// Severity returns the severity of rule for the document named file
	// (SeverityOff to skip it) and the values of its declared options (see
	// Pass.Options). A Config returns them checked and converted; a
	// Selector written in Go may return any value convertible to the
	// declared type (Rule.CheckOptions checks them ahead), and a rule given
	// one that is not reports a single error naming the option.
	Severity(rule *Rule, file string) (Severity, map[string]any)
}

// PointerSelector is a Selector whose severities can also depend on where
// in the document a diagnostic is, such as a configuration override for
// "jobs/legacy/*.json#/steps/0". The engine runs a rule when Severity is not
// off and then asks SeverityAt about each of its diagnostics.
type PointerSelector interface {
	Selector
	// SeverityAt returns the severity of a diagnostic of rule at pointer in
	// file; ok is false when nothing more specific than Severity applies.
	SeverityAt(rule *Rule, file, pointer string) (sev Severity, ok bool)
}

// PolicySource is implemented by Selectors that bring rules of their own,
// such as the policies of a Config. The engine runs the rules it returns
// for a file after the Linter's rules, with the same Selector deciding
// their severity.
type PolicySource interface {
	PolicyRules(file string) []*Rule
}

// Ignorer is implemented by Selectors that exclude whole files, such as a
// configuration's ignore list. Driver skips the files it ignores.
type Ignorer interface {
	Ignored(file string) bool
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
// It lints whatever it is given: callers that honour a configuration's
// ignore list ask the Selector's Ignored first, as Driver does.
func (l *Linter) LintFile(name string, src []byte) (*taskcontent.Document, []Diagnostic) {
	return l.lintFile(name, src, l.Selector)
}

func (l *Linter) lintFile(name string, src []byte, sel Selector) (*taskcontent.Document, []Diagnostic) {
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
			// A file that is not JSON is always reported: turning the rule
			// off changes nothing but its severity would hide the file.
			if sev, _ := severity(sel, r, name); sev != SeverityOff {
				d.Severity = sev
			}
		}
		return nil, []Diagnostic{brief(d)}
	}
	return doc, lint(l.rules(), sel, doc)
}

func quoteExcerpt(s string) string { return "`" + s + "`" }

func (l *Linter) rules() []*Rule {
	if l.Rules != nil {
		return l.Rules
	}
	return allRules()
}

func severity(sel Selector, r *Rule, file string) (Severity, map[string]any) {
	if sel == nil {
		return r.DefaultSeverity, nil
	}
	return sel.Severity(r, file)
}

// Lint runs the rules on a parsed document and returns the diagnostics
// sorted by position, then rule. A rule that panics becomes an error
// diagnostic naming the rule instead of crashing the run.
func (l *Linter) Lint(doc *taskcontent.Document) []Diagnostic {
	return lint(l.rules(), l.Selector, doc)
}

// parallelContent is the content size from which the rules of one document
// run concurrently. Smaller documents are linted by one goroutine: the time
// is in starting the rules, and Driver already lints files in parallel.
const parallelContent = 256 << 10

// passPool holds the pass slices of finished lint runs for the next
// document: a batch of small files would otherwise allocate one per file,
// a few KB with every rule selected.
var passPool = sync.Pool{New: func() any { return new([]Pass) }}

func lint(rules []*Rule, sel Selector, doc *taskcontent.Document) []Diagnostic {
	if src, ok := sel.(PolicySource); ok {
		if policies := src.PolicyRules(doc.Name()); len(policies) > 0 {
			rules = append(slices.Clip(rules), policies...)
		}
	}
	ps, _ := sel.(PointerSelector)
	shared := &docResults{}
	pooled := passPool.Get().(*[]Pass)
	passes := (*pooled)[:0]
	schema := false
	for _, r := range rules {
		sev, opts := severity(sel, r, doc.Name())
		if sev == SeverityOff || r.Run == nil {
			continue
		}
		passes = append(passes, Pass{Rule: r, Doc: doc, Severity: sev, Options: opts, shared: shared, sel: ps})
		schema = schema || r.UsesSchema
	}
	if workers := min(runtime.GOMAXPROCS(0), len(passes)); workers > 1 && len(doc.Content()) >= parallelContent {
		runParallel(passes, workers, schema)
	} else {
		for i := range passes {
			runRule(&passes[i])
		}
	}
	n := 0
	for i := range passes {
		n += len(passes[i].found)
	}
	out := make([]Diagnostic, 0, n)
	for i := range passes {
		out = append(out, passes[i].found...)
	}
	// The diagnostics are copied out: the passes, which refer to the
	// document, are emptied before the next document takes them.
	clear(passes)
	*pooled = passes[:0]
	passPool.Put(pooled)
	SortDiagnostics(out)
	return out
}

// runParallel runs the passes on workers goroutines, each taking the next
// rule not yet started. When a schema rule is selected, the first task
// validates the document, so that the schema rules, which all wait for
// that one result, find it ready instead of blocking a worker each. Each
// pass collects its own diagnostics, so the result does not depend on
// which worker ran which rule.
func runParallel(passes []Pass, workers int, schema bool) {
	var next atomic.Int64
	if !schema {
		next.Store(1)
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 2
				switch {
				case i >= len(passes):
					return
				case i < 0:
					passes[0].Schema()
				default:
					runRule(&passes[i])
				}
			}
		})
	}
	wg.Wait()
}

func runRule(pass *Pass) {
	defer func() {
		if p := recover(); p != nil {
			msg := "internal error: rule " + pass.Rule.Name + " crashed on this document; please report it"
			if oe, ok := p.(*OptionError); ok {
				msg = "the rule did not run: " + oe.Error()
			}
			pass.add(Diagnostic{Rule: pass.Rule.Name, Severity: SeverityError, Message: msg})
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

// walk calls fn for v and every value inside it, depth first in document
// order, without recursion so that deep documents cannot exhaust the stack.
// fn returns false to skip the value's children. The stack holds one frame
// per level, not the pending siblings, so its size is the document's depth.
func walk(v taskcontent.Value, fn func(taskcontent.Value) bool) {
	type frame struct {
		v    taskcontent.Value
		next int
	}
	if !fn(v) || v.Len() == 0 {
		return
	}
	stack := make([]frame, 1, 16)
	stack[0] = frame{v: v}
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if top.next == top.v.Len() {
			stack = stack[:len(stack)-1]
			continue
		}
		kid := top.v.Index(top.next)
		top.next++
		if fn(kid) && kid.Len() > 0 {
			stack = append(stack, frame{v: kid})
		}
	}
}
