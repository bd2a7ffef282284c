package lint

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestBaselineSurvivesLineShifts(t *testing.T) {
	l := Linter{Rules: []*Rule{mustRule(t, "duplicate-key")}}
	before := `{"type":"job","setting":{"a":1,"a":2}}`
	_, old := l.LintFile("jobs/a.json", []byte(before))
	if len(old) != 1 {
		t.Fatalf("want one finding, got %v", old)
	}
	b := NewBaseline()
	b.Add("jobs/a.json", old)
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "duplicate key") {
		t.Errorf("baseline stores messages: %s", buf.String())
	}
	read, err := ReadBaseline(&buf)
	if err != nil {
		t.Fatal(err)
	}
	// Lines move and a second, new finding appears.
	after := "\n\n\n" + `{"type":"job","setting":{"a":1,"a":2},"extend":{"b":1,"b":2}}`
	_, now := l.LintFile("jobs/a.json", []byte(after))
	kept, suppressed := read.Filter("jobs/a.json", now)
	if suppressed != 1 || len(kept) != 1 || kept[0].Pointer != "/extend/b" {
		t.Errorf("Filter kept %v, suppressed %d; want only /extend/b", kept, suppressed)
	}
	// Another file with the same finding is not suppressed.
	if kept, _ := read.Filter("jobs/b.json", now); len(kept) != 2 {
		t.Errorf("other file: kept %d, want 2", len(kept))
	}
}

func TestBaselineCountsOccurrences(t *testing.T) {
	d := Diagnostic{Rule: "r", Pointer: "/x", Message: "m"}
	b := NewBaseline()
	b.Add("f.json", []Diagnostic{d})
	kept, suppressed := b.Filter("f.json", []Diagnostic{d, d})
	if suppressed != 1 || len(kept) != 1 {
		t.Errorf("kept %d suppressed %d; want 1 and 1", len(kept), suppressed)
	}
	b.Add("f.json", []Diagnostic{d})
	if b.Len() != 2 {
		t.Errorf("Len = %d", b.Len())
	}
	if _, suppressed := b.Filter("f.json", []Diagnostic{d, d}); suppressed != 2 {
		t.Errorf("suppressed %d, want 2", suppressed)
	}
}

func TestReadBaselineErrors(t *testing.T) {
	for _, in := range []string{
		`{"version":2,"findings":[]}`,
		`{"version":1,"findings":[{"rule":"x"}]}`,
		`{"version":1,"findngs":[]}`,
		`[`,
	} {
		_, err := ReadBaseline(strings.NewReader(in))
		var be *BaselineError
		if !errors.As(err, &be) {
			t.Errorf("ReadBaseline(%s): error %v is not a *BaselineError", in, err)
		}
	}
}
