package lint

import (
	"strings"
	"testing"

	"github.com/dilint/dilint/taskcontent"
)

func edit(start, end int, text string) taskcontent.TextEdit {
	return taskcontent.TextEdit{Start: start, End: end, NewText: []byte(text)}
}

func fixDiag(msg string, edits ...taskcontent.TextEdit) Diagnostic {
	return Diagnostic{Rule: "test", Message: msg, Fixes: []SuggestedFix{{Message: msg, Edits: edits}}}
}

func TestApplyFixesConflictsAndDuplicates(t *testing.T) {
	src := `{"a": 1, "b": 2, "c": 3}`
	doc, err := taskcontent.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	one, two, three := strings.Index(src, "1"), strings.Index(src, "2"), strings.Index(src, "3")
	diags := []Diagnostic{
		fixDiag("a to 10", edit(one, one+1, "10")),
		fixDiag("a to 11 and c to 31", edit(one, one+1, "11"), edit(three, three+1, "31")), // conflicts: skipped whole
		fixDiag("a to 10 again, b to 20", edit(one, one+1, "10"), edit(two, two+1, "20")),  // shares an identical edit
		fixDiag("outside", edit(0, len(src)+5, "")),
		fixDiag("breaks the JSON", edit(three, three+1, "}")),
	}
	out, applied, skipped := ApplyFixes(doc, diags)
	if got, want := string(out), `{"a": 10, "b": 20, "c": 3}`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if len(applied) != 2 {
		t.Errorf("applied %d fixes, want 2", len(applied))
	}
	reasons := map[string]string{}
	for _, s := range skipped {
		reasons[s.Diagnostic.Message] = s.Reason
	}
	for msg, want := range map[string]string{
		"a to 11 and c to 31": ReasonConflict,
		"outside":             ReasonBadEdit,
		"breaks the JSON":     ReasonBreaksJSON,
	} {
		if reasons[msg] != want {
			t.Errorf("%s: reason %q, want %q", msg, reasons[msg], want)
		}
	}
}

func TestFixFileIteratesToFixedPoint(t *testing.T) {
	// Deleting the comment and the trailing comma needs no second round;
	// the conflicting insertions below do.
	src := "{\"type\": \"job\", // c\n \"steps\": [],}"
	l := &Linter{Rules: []*Rule{mustRule(t, "comments"), mustRule(t, "trailing-comma")}}
	res := l.FixFile("a.json", []byte(src))
	if got, want := string(res.Src), "{\"type\": \"job\",\n \"steps\": []}"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if res.Rounds != 1 || len(res.Diagnostics) != 0 || len(res.Skipped) != 0 {
		t.Errorf("rounds %d, left %v, skipped %v", res.Rounds, res.Diagnostics, res.Skipped)
	}
	if len(lintWith(t, string(res.Src), "comments", "trailing-comma")) != 0 {
		t.Errorf("fixed file still has findings")
	}

	// Two fixes that insert at the same place conflict; the second waits
	// for the next round and then applies at its new offset.
	grow := &Rule{Name: "grow", DefaultSeverity: SeverityWarning, Run: func(p *Pass) {
		v := p.Doc.Root().Get("n")
		n, _ := v.Int()
		for step := int64(1); step <= 2 && n+step <= 3; step++ {
			p.Report(Diagnostic{Pointer: "/n", Fixes: []SuggestedFix{{Message: "increment",
				Edits: []taskcontent.TextEdit{p.Doc.ReplaceValue(v, []byte{byte('0' + n + step)})}}}})
		}
	}}
	res = (&Linter{Rules: []*Rule{grow}}).FixFile("n.json", []byte(`{"n": 0}`))
	if string(res.Src) != `{"n": 3}` || res.Rounds != 3 {
		t.Errorf("got %s after %d rounds", res.Src, res.Rounds)
	}

	// A rule whose fix never settles stops after MaxFixRounds.
	flip := &Rule{Name: "flip", DefaultSeverity: SeverityWarning, Run: func(p *Pass) {
		v := p.Doc.Root().Get("b")
		b, _ := v.Bool()
		p.Report(Diagnostic{Pointer: "/b", Fixes: []SuggestedFix{{Message: "flip",
			Edits: []taskcontent.TextEdit{p.Doc.ReplaceValue(v, []byte(map[bool]string{true: "false", false: "true"}[b]))}}}})
	}}
	res = (&Linter{Rules: []*Rule{flip}}).FixFile("b.json", []byte(`{"b": true}`))
	if res.Rounds != MaxFixRounds || len(res.Skipped) != 1 || res.Skipped[0].Reason != ReasonNotSettling {
		t.Errorf("rounds %d, skipped %v", res.Rounds, res.Skipped)
	}
}

func TestFixFileNotJSON(t *testing.T) {
	res := (&Linter{}).FixFile("bad.json", []byte(`{"a": }`))
	if res.Doc != nil || res.Changed() || len(res.Diagnostics) != 1 || res.Diagnostics[0].Rule != "syntax" {
		t.Errorf("got %+v", res)
	}
}
