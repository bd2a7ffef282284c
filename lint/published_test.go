package lint

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// coreGroups are the rule groups whose behaviour on the published
// examples this test pins down; helpers_mapping_test.go covers the others.
var coreGroups = []string{"json", "schema", "graph", "security", "envelope"}

// TestPublishedExamples runs the linter over the project's counterparts of
// the published DataWorks examples (../testdata/published): the ones the
// schema marks valid get no error from these groups, and the published
// defects are found.
func TestPublishedExamples(t *testing.T) {
	dir := filepath.Join("..", "testdata", "published")
	raw, err := os.ReadFile(filepath.Join(dir, "expect.json"))
	if err != nil {
		t.Skipf("no published fixtures: %v", err)
	}
	var expect []struct {
		File  string `json:"file"`
		Valid bool   `json:"valid"`
	}
	if err := json.Unmarshal(raw, &expect); err != nil {
		t.Fatal(err)
	}
	rules, err := Select(coreGroups, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The defects each published example is known for, by rule.
	defects := map[string][]string{
		"03-getdisynctask-realtime-datahub.json": {"hop-direction", "reader-writer-present"},
		"10-migrationx-empty-template.json":      {"schema-other", "schema-required"},
		"12-db2-reader-stream.json":              {"name-whitespace"},
		"27-lowconf-odps-mysql.json":             {"schema-type"},
	}
	l := &Linter{Rules: rules}
	for _, e := range expect {
		t.Run(e.File, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(dir, e.File))
			if err != nil {
				t.Fatal(err)
			}
			_, diags := l.LintFile(e.File, src)
			got := map[string]bool{}
			for _, d := range diags {
				got[d.Rule] = true
				if e.Valid && d.Severity == SeverityError {
					t.Errorf("valid example: %s %s: %s", d.Rule, d.Start, d.Message)
				}
			}
			for _, want := range defects[e.File] {
				if !got[want] {
					t.Errorf("published defect not found: no %s diagnostic (got %v)", want, keys(got))
				}
			}
		})
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
