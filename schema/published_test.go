package schema_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/dilint/dilint/schema"
)

var update = flag.Bool("update", false, "rewrite the violations in the expectation files from the current results (notes are kept)")

// expectation is one entry of a fixture directory's expect.json. Schema
// is empty for a document that is not JSON as published (it has comments):
// the schema is not applied to it here, and lint's test of the published
// documents checks what dilint reports for it.
type expectation struct {
	File   string      `json:"file"`
	Schema schema.Name `json:"schema,omitempty"`
	Note   string      `json:"note"`
	Valid  bool        `json:"valid"`
	// Defect names a defect that is no schema violation (lint reports
	// it); this test keeps it as it is.
	Defect     string        `json:"defect,omitempty"`
	Violations []wantedIssue `json:"violations"`
	// Findings are lint's expectations; this test keeps them as they are.
	Findings json.RawMessage `json:"findings,omitempty"`
}

// wantedIssue is the part of a Violation that fixtures pin down.
type wantedIssue struct {
	Pointer    string `json:"pointer"`
	Keyword    string `json:"keyword"`
	Suggestion string `json:"suggestion,omitempty"`
}

// fixtureDirs hold fixtures with expectations: counterparts of the published
// examples, and the package's own defect cases.
var fixtureDirs = []string{"../testdata/published", "testdata/cases"}

func readExpectations(t *testing.T, dir string) []expectation {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "expect.json"))
	if err != nil {
		t.Fatal(err)
	}
	var exps []expectation
	if err := json.Unmarshal(data, &exps); err != nil {
		t.Fatalf("%s/expect.json: %v", dir, err)
	}
	return exps
}

func decodeFile(t testing.TB, path string) any {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc
}

func TestFixtures(t *testing.T) {
	for _, dir := range fixtureDirs {
		exps := readExpectations(t, dir)
		listed := make(map[string]bool)
		for i, exp := range exps {
			listed[exp.File] = true
			if exp.Schema == "" {
				continue
			}
			t.Run(strings.TrimSuffix(exp.File, ".json"), func(t *testing.T) {
				vs, err := schema.Validate(exp.Schema, decodeFile(t, filepath.Join(dir, exp.File)))
				if err != nil {
					t.Fatal(err)
				}
				got := make([]wantedIssue, 0, len(vs))
				for _, v := range vs {
					got = append(got, wantedIssue{Pointer: v.Pointer, Keyword: v.Keyword, Suggestion: v.Suggestion})
				}
				if *update {
					exps[i].Valid = len(got) == 0
					exps[i].Violations = got
					return
				}
				if exp.Valid != (len(vs) == 0) {
					t.Errorf("valid = %v, want %v", len(vs) == 0, exp.Valid)
				}
				if exp.Violations == nil {
					exp.Violations = []wantedIssue{}
				}
				if diff := cmp.Diff(exp.Violations, got); diff != "" {
					t.Errorf("violations (-want +got):\n%s\nall violations:\n%s", diff, joinViolations(vs))
				}
			})
		}
		if *update {
			var data bytes.Buffer
			enc := json.NewEncoder(&data)
			enc.SetEscapeHTML(false) // as lint's test writes the same file
			enc.SetIndent("", "  ")
			if err := enc.Encode(exps); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "expect.json"), data.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.Name() != "expect.json" && strings.HasSuffix(e.Name(), ".json") && !listed[e.Name()] {
				t.Errorf("%s/%s has no entry in expect.json", dir, e.Name())
			}
		}
	}
}

func joinViolations(vs []schema.Violation) string {
	lines := make([]string, len(vs))
	for i, v := range vs {
		lines[i] = "\t" + v.Keyword + " " + v.String()
	}
	return strings.Join(slices.Clip(lines), "\n")
}
