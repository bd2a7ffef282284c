package lint

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// publishedEntry is one entry of ../testdata/published/expect.json. The
// schema package's test owns Schema, Valid and Violations; this file's test
// owns Findings and keeps the rest as it is.
type publishedEntry struct {
	File   string `json:"file"`
	Schema string `json:"schema,omitempty"`
	Note   string `json:"note"`
	Valid  bool   `json:"valid"`
	// Defect names a defect of a schema-valid document that a rule
	// reports, such as mismatched column counts: errors are expected then.
	Defect     string          `json:"defect,omitempty"`
	Violations json.RawMessage `json:"violations"`
	// Findings are what dilint reports with its default configuration,
	// one "severity rule line:col" per diagnostic, in order.
	Findings []string `json:"findings,omitempty"`
}

// TestPublishedExamples runs the linter with every rule at its default
// severity over the documents published by Alibaba Cloud and in tutorials
// (../testdata/published, sources in SOURCES.md there): a document marked
// valid gets no error, and every document gets exactly the findings its
// entry lists, so a false error or new noise on a published job fails here.
// Run with -update to rewrite the findings from the current output.
func TestPublishedExamples(t *testing.T) {
	dir := filepath.Join("..", "testdata", "published")
	raw, err := os.ReadFile(filepath.Join(dir, "expect.json"))
	if err != nil {
		t.Fatal(err)
	}
	var entries []publishedEntry
	if err := json.Unmarshal(raw, &entries); err != nil {
		t.Fatal(err)
	}
	l := &Linter{}
	for i, e := range entries {
		t.Run(e.File, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(dir, e.File))
			if err != nil {
				t.Fatal(err)
			}
			_, diags := l.LintFile(e.File, src)
			got := []string{}
			for _, d := range diags {
				got = append(got, fmt.Sprintf("%s %s %s", d.Severity, d.Rule, d.Start))
				if e.Valid && e.Defect == "" && d.Severity == SeverityError {
					t.Errorf("valid document: %s %s: %s", d.Rule, d.Start, d.Message)
				}
			}
			if *update {
				entries[i].Findings = got
				return
			}
			want := e.Findings
			if want == nil {
				want = []string{}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
	if *update {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(entries); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "expect.json"), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// keys returns the keys of a set, sorted.
func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
