package lint

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dilint/dilint/internal/corpus"
	"github.com/dilint/dilint/taskcontent"
)

func TestDriverOrderAndErrors(t *testing.T) {
	files := map[string]string{}
	var names []string
	for i := range 50 {
		name := fmt.Sprintf("jobs/%02d.json", i)
		names = append(names, name)
		// Later files are quicker to lint, so completion order differs
		// from input order.
		files[name] = fmt.Sprintf(`{"type": "job", "a": %d, "a": 0 %s}`, i, strings.Repeat(" ", (50-i)*1000))
	}
	names = append(names, "missing.json", "ignored/x.json", "bad.json")
	files["bad.json"] = `{"a": }`
	files["ignored/x.json"] = `{}`
	cfg, err := ParseConfig("cfg.yaml", []byte("ignore: [ignored]\n"))
	if err != nil {
		t.Fatal(err)
	}
	var reads atomic.Int32
	l := &Driver{
		Linter:  Linter{Rules: []*Rule{mustRule(t, "duplicate-key")}, Selector: cfg},
		Workers: 4,
		ReadFile: func(name string) ([]byte, error) {
			reads.Add(1)
			src, ok := files[name]
			if !ok {
				return nil, fs.ErrNotExist
			}
			return []byte(src), nil
		},
	}
	results := slices.Collect(l.RunFiles(names...))
	if len(results) != len(names) {
		t.Fatalf("%d results for %d files", len(results), len(names))
	}
	for i, r := range results {
		if r.Name != names[i] {
			t.Fatalf("result %d is %s, want %s", i, r.Name, names[i])
		}
	}
	for _, r := range results[:50] {
		if r.Err != nil || len(r.Diagnostics) != 1 || r.Doc == nil {
			t.Errorf("%s: %v %v", r.Name, r.Err, r.Diagnostics)
		}
	}
	if r := results[50]; !errors.Is(r.Err, fs.ErrNotExist) {
		t.Errorf("missing file: err %v", r.Err)
	}
	if r := results[51]; !r.Skipped || r.NotDataWorks || r.Doc != nil {
		t.Errorf("ignored file: %+v", r)
	}
	if r := results[52]; r.Doc != nil || len(r.Diagnostics) != 1 || r.Diagnostics[0].Rule != "syntax" {
		t.Errorf("bad file: %+v", r)
	}
	if int(reads.Load()) != len(names)-1 {
		t.Errorf("read %d files, want %d (ignored files are not read)", reads.Load(), len(names)-1)
	}
}

func TestDriverStopsEarly(t *testing.T) {
	var started atomic.Int32
	names := make([]string, 1000)
	for i := range names {
		names[i] = fmt.Sprint(i)
	}
	l := &Driver{Workers: 2, ReadFile: func(string) ([]byte, error) {
		started.Add(1)
		return []byte(`{}`), nil
	}}
	for r := range l.RunFiles(names...) {
		if r.Name == "3" {
			break
		}
	}
	time.Sleep(10 * time.Millisecond)
	// Results waiting their turn are bounded: 2 per worker, and 16 more
	// per worker when they are small (these all are).
	if n, most := started.Load(), int32((2+smallResultsPerWorker)*2+4); n > most {
		t.Errorf("%d files read after stopping at the 4th, want at most %d", n, most)
	}
}

func TestSelectorFor(t *testing.T) {
	l := &Driver{
		Linter: Linter{Rules: []*Rule{mustRule(t, "duplicate-key")}},
		SelectorFor: func(file string) (Selector, error) {
			if file == "broken.json" {
				return nil, &ConfigError{File: ".dilint.yaml", Line: 1, Column: 1, Msg: "bad"}
			}
			return ParseConfig("c", []byte("disable: [duplicate-key]\n"))
		},
		ReadFile: func(string) ([]byte, error) { return []byte(`{"a":1,"a":2}`), nil },
	}
	rs := slices.Collect(l.RunFiles("ok.json", "broken.json"))
	if rs[0].Err != nil || len(rs[0].Diagnostics) != 0 {
		t.Errorf("ok.json: %+v", rs[0])
	}
	var ce *ConfigError
	if !errors.As(rs[1].Err, &ce) || !rs[1].ConfigErr {
		t.Errorf("broken.json: err %v", rs[1].Err)
	}
}

func TestSelectAndResolve(t *testing.T) {
	rules, err := Select([]string{"graph", "plaintext-secret"}, []string{"hop-cycle"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, r := range rules {
		got[r.Name] = true
	}
	if !got["hop-direction"] || !got["plaintext-secret"] || got["hop-cycle"] || got["comments"] {
		t.Errorf("Select picked %v", keys(got))
	}
	_, err = Resolve("grapf")
	var ue *UnknownRuleError
	if !errors.As(err, &ue) || ue.Suggestion != "graph" {
		t.Errorf("Resolve(grapf) = %v", err)
	}
	if all, _ := Select(nil, nil); len(all) != len(All()) {
		t.Errorf("Select() = %d rules, want all %d", len(all), len(All()))
	}
}

func TestRuleMetadata(t *testing.T) {
	groups := map[string]bool{"json": true, "schema": true, "graph": true, "steps": true, "settings": true, "mapping": true, "security": true, "envelope": true}
	seen := map[string]bool{}
	for _, r := range All() {
		if seen[r.Name] {
			t.Errorf("two rules named %s", r.Name)
		}
		seen[r.Name] = true
		if !groups[r.Group] {
			t.Errorf("%s: unknown group %q", r.Name, r.Group)
		}
		if r.URL != docURL(r.Name) {
			t.Errorf("%s: URL %s", r.Name, r.URL)
		}
		if r.Fixable != ruleOffersFix(r) {
			t.Errorf("%s: Fixable is %v but its Bad example fixes: %v", r.Name, r.Fixable, !r.Fixable)
		}
	}
}

// ruleOffersFix reports whether the rule suggests a fix on its Bad example.
func ruleOffersFix(r *Rule) bool {
	_, ds := (&Linter{Rules: []*Rule{r}, Selector: enabledSelector{}}).LintFile("bad.json", []byte(r.Bad))
	for _, d := range ds {
		if len(d.Fixes) > 0 {
			return true
		}
	}
	return false
}

// TestLintLargeDocumentConcurrently lints a document large enough for the
// rules to run concurrently and checks that the diagnostics are those of
// each rule run on its own, in the same order.
func TestLintLargeDocumentConcurrently(t *testing.T) {
	src := corpus.Solution(corpus.Options{Tables: 800, Seed: 3})
	src = bytes.Replace(src, []byte(`"type":"text"`), []byte(`"type":"txt"`), 40)
	src = bytes.Replace(src, []byte(`"index":1`), []byte(`"index":4`), 40)
	src = bytes.Replace(src, []byte(`"srcTable":"`), []byte(`"srcTable":"x`), 40)
	doc, err := taskcontent.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Content()) < parallelContent {
		t.Fatalf("document of %d bytes is linted sequentially", len(doc.Content()))
	}
	var want []Diagnostic
	for _, r := range All() {
		want = append(want, (&Linter{Rules: []*Rule{r}}).Lint(doc)...)
	}
	SortDiagnostics(want)
	rules := map[string]bool{}
	for _, d := range want {
		rules[d.Rule] = true
	}
	if len(rules) < 3 {
		t.Fatalf("the defects are found by %d rules; want at least 3", len(rules))
	}
	for range 3 {
		if diff := cmp.Diff(want, (&Linter{}).Lint(doc)); diff != "" {
			t.Fatalf("concurrent lint differs from rule-by-rule lint (-want +got):\n%s", diff)
		}
	}
}

// A rule that reads Pass.Schema declares UsesSchema, and only such a
// rule does: the engine validates a large document first for them.
func TestUsesSchemaDeclared(t *testing.T) {
	for _, r := range All() {
		asked := false
		for _, src := range []string{r.Bad, r.Good} {
			if src == "" {
				continue
			}
			doc, err := taskcontent.ParseFile("doc.json", []byte(src))
			if err != nil {
				continue // the syntax rules' examples are not JSON
			}
			p := Pass{Rule: r, Doc: doc, Severity: enabledSeverity(r)}
			runRule(&p)
			asked = asked || (p.shared != nil && p.shared.schemaAsked)
		}
		if asked != r.UsesSchema {
			t.Errorf("%s: reads Pass.Schema: %t; declares UsesSchema: %t", r.Name, asked, r.UsesSchema)
		}
	}
}
