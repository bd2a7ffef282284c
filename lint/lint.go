// Package lint checks DataWorks Data Integration documents with a set of
// rules, in the vocabulary of golang.org/x/tools/go/analysis: a Rule is a
// value with a Run function; Run gets a Pass holding the parsed document
// and reports Diagnostics; a Diagnostic is data (rule, severity, message,
// JSON Pointer, start and end positions, related places) with optional
// SuggestedFixes made of byte-range edits that the driver applies.
//
// Around the rules: Linter lints one document (LintFile, FixFile); Driver
// is the pipeline of the dilint command — it finds files (Discover), reads
// them within a size limit, finds each one's configuration, lints and
// fixes them in parallel and yields results in order; Config reads
// .dilint.yaml (FindConfig, LoadConfig, ConfigFinder) and decides per file
// and JSON Pointer which rules run and how severe they are, with the
// command line's Choices on top; Baseline records today's findings so that
// later runs report only new ones; ApplyFixes and Linter.FixFile apply
// fixes in one pass per round until nothing is left to fix, never leaving
// invalid JSON.
package lint

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/dilint/dilint/taskcontent"
)

// Severity orders how serious a diagnostic is.
type Severity int

// The severities, from least to most serious. SeverityOff disables a rule.
const (
	SeverityOff Severity = iota
	SeverityInfo
	SeverityWarning
	SeverityError
)

var severityNames = [...]string{"off", "info", "warning", "error"}

// String returns "off", "info", "warning" or "error".
func (s Severity) String() string {
	if s >= 0 && int(s) < len(severityNames) {
		return severityNames[s]
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// ParseSeverity parses a severity name. Each has one documented spelling
// and accepted synonyms: "off" (also "none", the word --fail-on and
// fail-on document), "info" (also "note", SARIF's word), "warning" (also
// "warn") and "error".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "off", "none":
		return SeverityOff, nil
	case "info", "note":
		return SeverityInfo, nil
	case "warning", "warn":
		return SeverityWarning, nil
	case "error":
		return SeverityError, nil
	}
	return 0, fmt.Errorf("unknown severity %q (valid: error, warning, info, off or none)", s)
}

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Rule is one check. Rules are values; they keep no state between runs and
// are safe to run concurrently on different documents.
type Rule struct {
	// Name is the rule's kebab-case identifier, such as "hop-unknown-step".
	Name string
	// Group is the family the rule belongs to: json, schema, graph, steps,
	// settings, mapping, security or envelope. --only and the config can
	// select a whole group.
	Group string
	// Doc explains the rule in Markdown: the first sentence says what it
	// finds; the rest says why it matters and how to fix it.
	Doc string
	// Bad is a document that must produce at least one diagnostic of this
	// rule; Good is the same document fixed, which must produce none. Tests
	// run both through the engine so the docs cannot drift from the code.
	Bad, Good string
	// URL links to the rule's documentation page.
	URL string
	// DefaultSeverity applies unless the configuration says otherwise.
	DefaultSeverity Severity
	// Fixable reports whether the rule offers suggested fixes.
	Fixable bool
	// UsesSchema declares that Run reads Pass.Schema. When the rules of a
	// large document run in parallel, one worker validates the document
	// first, so that these rules find the result ready instead of each
	// holding a worker while they wait for it (TestUsesSchemaDeclared
	// checks the declarations against what the rules do).
	UsesSchema bool
	// Options declares the settings the rule reads with Pass.IntOption
	// and its kin, as an analyzer's Flags do; a configuration may set
	// only these.
	Options []Option
	// Run inspects pass.Doc and calls pass.Report for each finding.
	Run func(pass *Pass)
}

// Summary returns the first sentence of Doc.
func (r *Rule) Summary() string {
	doc := strings.TrimSpace(r.Doc)
	if i := strings.Index(doc, ". "); i >= 0 {
		return doc[:i+1]
	}
	if i := strings.IndexByte(doc, '\n'); i >= 0 {
		return doc[:i]
	}
	return doc
}

// Pass is the input of one rule run on one document, and its only output,
// Report.
type Pass struct {
	// Rule is the rule being run.
	Rule *Rule
	// Doc is the parsed document.
	Doc *taskcontent.Document
	// Severity is the rule's configured severity for this document.
	Severity Severity
	// Options are the values of the rule's declared options set by the
	// configuration, by name (may be nil). Rules read them with
	// IntOption, NumberOption, BoolOption, StringOption and StringsOption,
	// which convert them and fall back to each option's Default.
	Options map[string]any

	shared *docResults
	// sel, when set, lowers or raises the severity of single diagnostics.
	sel PointerSelector
	// found collects the diagnostics of this pass.
	found []Diagnostic
}

// docResults holds what is computed once per document and shared by every
// rule that asks for it. Each result is built by the first rule that asks,
// under a sync.Once, so rules running concurrently on one document share it
// safely.
type docResults struct {
	schemaOnce  sync.Once
	schemaAsked bool // set by the first Schema, for TestUsesSchemaDeclared
	violations  []taskcontent.Violation
	schemaErr   error

	graphOnce sync.Once
	graph     *stepGraph

	sourcesOnce sync.Once
	sources     *sourceIndex

	writersOnce sync.Once
	writers     []taskcontent.Step

	mappingsOnce sync.Once
	mappings     []mappingRule
}

func (p *Pass) results() *docResults {
	if p.shared == nil {
		p.shared = &docResults{}
	}
	return p.shared
}

// Schema returns the document's schema violations (Document.Validate). The
// document is validated at most once per lint run, however many rules ask.
func (p *Pass) Schema() ([]taskcontent.Violation, error) {
	r := p.results()
	r.schemaOnce.Do(func() {
		r.schemaAsked = true
		r.violations, r.schemaErr = p.Doc.Validate()
	})
	return r.violations, r.schemaErr
}

// stepGraph returns the job's steps and hops, indexed once per document for
// all graph rules.
func (p *Pass) stepGraph() *stepGraph {
	r := p.results()
	r.graphOnce.Do(func() { r.graph = newStepGraph(p.Doc) })
	return r.graph
}

// sources returns the index of what the reader steps select, built once
// per document for all mapping rules.
func (p *Pass) sources() *sourceIndex {
	r := p.results()
	r.sourcesOnce.Do(func() { r.sources = indexSources(p.Doc.Job()) })
	return r.sources
}

// mappingWriters returns the writer steps with a tableMappingRule, found
// once per document.
func (p *Pass) mappingWriters() []taskcontent.Step {
	r := p.results()
	r.writersOnce.Do(func() { r.writers = mappingWriters(p.Doc.Job()) })
	return r.writers
}

// mappings returns every tableRule of every mapping writer, in document
// order, collected once per document for all mapping rules.
func (p *Pass) mappings() []mappingRule {
	r := p.results()
	r.mappingsOnce.Do(func() {
		if hasSteps(p.Doc) {
			r.mappings = collectMappings(p.mappingWriters())
		}
	})
	return r.mappings
}

// Report records a diagnostic. Rule, Severity and URL are filled in from
// the pass when empty; Start and End from Pointer when Start is not set.
func (p *Pass) Report(d Diagnostic) {
	if d.Rule == "" {
		d.Rule = p.Rule.Name
	}
	if d.Severity == SeverityOff {
		d.Severity = p.Severity
	}
	if d.URL == "" {
		d.URL = p.Rule.URL
	}
	if !d.Start.IsValid() {
		loc := p.Doc.Locate(d.Pointer)
		d.Start, d.End = loc.Value.Start, loc.Value.End
		if loc.Key.IsValid() {
			d.Start = loc.Key.Start
		}
	}
	p.add(d)
}

// add records a finished diagnostic, unless the selector turns it off at
// its pointer.
func (p *Pass) add(d Diagnostic) {
	if p.sel != nil {
		if s, ok := p.sel.SeverityAt(p.Rule, p.Doc.Name(), d.Pointer); ok {
			if s == SeverityOff {
				return
			}
			d.Severity = s
		}
	}
	p.found = append(p.found, brief(d))
}

// brief shortens the values echoed in a diagnostic's messages (see
// briefMessage). Related places and fixes are copied when one changes, so
// a slice the rule shares between diagnostics is left as it was.
func brief(d Diagnostic) Diagnostic {
	d.Message = briefMessage(d.Message)
	cloned := false
	for i, r := range d.Related {
		if m := briefMessage(r.Message); m != r.Message {
			if !cloned {
				d.Related, cloned = slices.Clone(d.Related), true
			}
			d.Related[i].Message = m
		}
	}
	cloned = false
	for i, f := range d.Fixes {
		if m := briefMessage(f.Message); m != f.Message {
			if !cloned {
				d.Fixes, cloned = slices.Clone(d.Fixes), true
			}
			d.Fixes[i].Message = m
		}
	}
	return d
}

// Reportf reports a diagnostic at a value: at its key when it is an object
// member, spanning to the end of the value.
func (p *Pass) Reportf(v taskcontent.Value, format string, args ...any) {
	p.Report(At(v, fmt.Sprintf(format, args...)))
}

// At builds a diagnostic positioned at v (its key, when it has one, through
// the end of the value).
func At(v taskcontent.Value, msg string) Diagnostic {
	d := Diagnostic{Message: msg, Pointer: v.Pointer()}
	span := v.Span()
	d.Start, d.End = span.Start, span.End
	if k := v.KeySpan(); k.IsValid() {
		d.Start = k.Start
	}
	return d
}

// Diagnostic is one finding.
type Diagnostic struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	// Pointer is the JSON Pointer of the value concerned, within the
	// content (for envelope-level findings, within the file).
	Pointer string               `json:"pointer"`
	Start   taskcontent.Position `json:"start"`
	End     taskcontent.Position `json:"end"`
	// Related lists other places that explain the finding.
	Related []Related `json:"related,omitempty"`
	// Fixes are the suggested fixes; the driver applies the first one.
	Fixes []SuggestedFix `json:"fixes,omitempty"`
	URL   string         `json:"url,omitempty"`
}

// Related is a secondary place of a diagnostic.
type Related struct {
	Message string               `json:"message"`
	Pointer string               `json:"pointer,omitempty"`
	Start   taskcontent.Position `json:"start"`
	End     taskcontent.Position `json:"end"`
}

// SuggestedFix is a set of byte-range edits of the file that together fix
// one diagnostic.
type SuggestedFix struct {
	Message string                 `json:"message"`
	Edits   []taskcontent.TextEdit `json:"edits"`
}
