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
		Options                                    []struct {
			Name, Type, Doc string
			Default         any
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &rules); err != nil || len(rules) == 0 {
		t.Fatalf("rules --format json: %v\n%s", err, r.stdout)
	}
	withOptions := 0
	for _, rule := range rules {
		if rule.Summary == "" || strings.Contains(rule.Summary, "\n") || rule.URL == "" {
			t.Errorf("rule %+v", rule)
		}
		if rule.Name == "distribute-concurrency" {
			withOptions++
			if len(rule.Options) != 1 || rule.Options[0].Name != "min" || rule.Options[0].Type != "integer, at least 1" || rule.Options[0].Default != 8.0 || rule.Options[0].Doc == "" {
				t.Errorf("rules --format json: distribute-concurrency options %+v", rule.Options)
			}
		}
	}
	if withOptions != 1 {
		t.Errorf("rules --format json lists no distribute-concurrency")
	}

	r = dilint(t, "", "", "explain", "duplicate-key")
	r.wantCode(t, 0)
	for _, want := range []string{"duplicate-key\n", "default severity: error", "docs: https://", "Example that is reported:"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("explain lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "Options (") {
		t.Errorf("explain duplicate-key lists options it does not have:\n%s", r.stdout)
	}
	r = dilint(t, "", "", "explain", "concurrent-range")
	r.wantCode(t, 0)
	for _, want := range []string{
		"Options (rules: {concurrent-range: {options: {NAME: VALUE}}} in .dilint.yaml):\n\n",
		"  min  integer, at least 1  default 1   The least speed.concurrent accepted.\n",
		"  max  integer, at least 1  default 32  The greatest speed.concurrent accepted.\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("explain concurrent-range lacks %q:\n%s", want, r.stdout)
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

	r = dilint(t, "", "", "schema", "--config")
	r.wantCode(t, 0)
	if !strings.Contains(r.stdout, `"$id": "https://dilint.dev/schema/dilint-config.json"`) || !strings.Contains(r.stdout, `"concurrent-range": {`) {
		t.Errorf("schema --config:\n%.300s", r.stdout)
	}

	r = dilint(t, "", "", "version")
	r.wantCode(t, 0)
	if !strings.HasPrefix(r.stdout, "dilint v0.0.0-test (go") {
		t.Errorf("version: %s", r.stdout)
	}
}
