package cli_test

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestDiffAndGraph(t *testing.T) {
	const old, new = "internal/cli/testdata/diff/old.json", "internal/cli/testdata/diff/new.json"
	for name, args := range map[string][]string{
		"diff.text":          {"diff", old, new},
		"diff.markdown":      {"diff", "--format", "markdown", "--graph", old, new},
		"graph.mermaid":      {"graph", "testdata/samples/defects.json"},
		"graph.dot":          {"graph", "--format", "dot", new},
		"graph.envelope.dot": {"graph", "--format=dot", "testdata/samples/query_response.json"},
	} {
		t.Run(name, func(t *testing.T) {
			r := dilint(t, "", "", args...)
			r.wantCode(t, 0)
			golden(t, name, r.stdout)
		})
	}
	dilint(t, "", "", "diff", "--exit-code", old, new).wantCode(t, 1)
	dilint(t, "", "", "diff", "--exit-code", old, old).wantCode(t, 0)
	r := dilint(t, "", "", "diff", old, "nope.json")
	r.wantCode(t, 3)
	r = dilint(t, "", "", "graph", "--format", "svg", old)
	r.wantCode(t, 2)
	if !strings.Contains(r.stderr, "valid formats are mermaid, dot") {
		t.Errorf("stderr: %s", r.stderr)
	}
}

func TestRulesExplainSchemaVersion(t *testing.T) {
	r := dilint(t, "", "", "rules")
	r.wantCode(t, 0)
	if !strings.HasPrefix(r.stdout, "RULE ") || !strings.Contains(r.stdout, "\nduplicate-key ") {
		t.Errorf("rules:\n%s", r.stdout)
	}
	r = dilint(t, "", "", "rules", "--format", "json")
	var rules []struct {
		Name, Group, DefaultSeverity, Summary, URL string
		Fixable                                    bool
	}
	if err := json.Unmarshal([]byte(r.stdout), &rules); err != nil || len(rules) == 0 {
		t.Fatalf("rules --format json: %v\n%s", err, r.stdout)
	}
	for _, rule := range rules {
		if rule.Summary == "" || strings.Contains(rule.Summary, "\n") || rule.URL == "" {
			t.Errorf("rule %+v", rule)
		}
	}

	r = dilint(t, "", "", "explain", "duplicate-key")
	r.wantCode(t, 0)
	for _, want := range []string{"duplicate-key\n", "default severity: error", "docs: https://", "Example that is reported:"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("explain lacks %q:\n%s", want, r.stdout)
		}
	}
	r = dilint(t, "", "", "explain", "duplicate-keys")
	r.wantCode(t, 2)
	if !strings.Contains(r.stderr, `did you mean "duplicate-key"?`) || !strings.Contains(r.stderr, "valid: ") {
		t.Errorf("stderr: %s", r.stderr)
	}

	r = dilint(t, "", "", "schema")
	r.wantCode(t, 0)
	var schema map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &schema); err != nil || schema["$schema"] == nil || schema["$defs"] == nil {
		t.Errorf("schema: %v", err)
	}

	r = dilint(t, "", "", "version")
	r.wantCode(t, 0)
	if !strings.HasPrefix(r.stdout, "dilint v0.0.0-test (go") {
		t.Errorf("version: %s", r.stdout)
	}
}
