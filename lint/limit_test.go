package lint

import (
	"fmt"
	"testing"

	"github.com/dilint/dilint/internal/corpus"
	"github.com/dilint/dilint/taskcontent"
)

func TestLimitSame(t *testing.T) {
	dup := mustRule(t, "duplicate-key")
	_, ds := (&Linter{Rules: []*Rule{dup}}).LintFile("dup.json", corpus.DuplicateKeys(2000))
	if len(ds) != 1999 {
		t.Fatalf("%d findings, want 1999", len(ds))
	}
	kept, hidden := LimitSame(ds, 50)
	if len(kept) != 51 || hidden != 1949 {
		t.Fatalf("kept %d, hidden %d; want 51 and 1949", len(kept), hidden)
	}
	for i, d := range kept[:50] {
		if fmt.Sprint(d) != fmt.Sprint(ds[i]) {
			t.Fatalf("kept[%d] = %v, want the %d-th finding", i, d, i)
		}
	}
	notice := kept[50]
	want := "1949 more duplicate-key findings in this file are not shown (max-same-issues 50; 0 shows all)"
	if notice.Rule != "duplicate-key" || notice.Severity != SeverityInfo || notice.Message != want || notice.Start != ds[50].Start {
		t.Errorf("notice %+v", notice)
	}
	if all, hidden := LimitSame(ds, 0); len(all) != len(ds) || hidden != 0 {
		t.Errorf("max 0 kept %d of %d", len(all), len(ds))
	}
	if same, hidden := LimitSame(ds[:50], 50); len(same) != 50 || hidden != 0 {
		t.Errorf("50 findings with max 50: kept %d", len(same))
	}
}

func TestLimitSamePerRule(t *testing.T) {
	var ds []Diagnostic
	for i := range 10 {
		for _, r := range []string{"a", "b"} {
			ds = append(ds, Diagnostic{Rule: r, Severity: SeverityError, Message: "m", Start: pos(i)})
		}
	}
	ds = append(ds, Diagnostic{Rule: "c", Severity: SeverityWarning, Message: "m", Start: pos(11)})
	kept, hidden := LimitSame(ds, 3)
	if hidden != 14 {
		t.Errorf("hidden %d, want 14", hidden)
	}
	count := map[string]int{}
	for _, d := range kept {
		count[d.Rule+"/"+d.Severity.String()]++
	}
	if count["a/error"] != 3 || count["b/error"] != 3 || count["a/info"] != 1 || count["b/info"] != 1 || count["c/warning"] != 1 {
		t.Errorf("kept %v", count)
	}
}

func pos(offset int) taskcontent.Position {
	return taskcontent.Position{Offset: offset, Line: 1, Column: offset + 1}
}

// BenchmarkManyFindings lints a one-line object of 100,000 duplicate keys
// and keeps 50 findings, as the CLI does.
func BenchmarkManyFindings(b *testing.B) {
	src := corpus.DuplicateKeys(100000)
	l := &Linter{}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		_, ds := l.LintFile("dup.json", src)
		if kept, hidden := LimitSame(ds, DefaultMaxSameIssues); len(kept) > 200 || hidden < 99000 {
			b.Fatal(len(kept), hidden)
		}
	}
}
