package lint

import (
	"testing"

	"github.com/dilint/dilint/schema"
	"github.com/dilint/dilint/taskcontent"
)

func TestSchemaOther(t *testing.T) { testRuleData(t, "schema-other") }

// TestSchemaValidatedOnce checks that the rules of one document share one
// Validate result rather than validating once per rule.
func TestSchemaValidatedOnce(t *testing.T) {
	var seen [][]taskcontent.Violation
	probe := func(name string) *Rule {
		return &Rule{Name: name, DefaultSeverity: SeverityWarning, Run: func(p *Pass) {
			vs, err := p.Schema()
			if err != nil {
				t.Fatal(err)
			}
			again, _ := p.Schema()
			seen = append(seen, vs, again)
		}}
	}
	l := &Linter{Rules: []*Rule{probe("a"), probe("b")}}
	l.LintFile("a.json", []byte(`{"type": "job", "version": "2.0", "steps": []}`))
	if len(seen) != 4 || len(seen[0]) == 0 {
		t.Fatalf("got %d results, first with %d violations", len(seen), len(seen[0]))
	}
	for _, vs := range seen[1:] {
		if &vs[0] != &seen[0][0] {
			t.Errorf("Validate ran more than once per document")
		}
	}
}

// Every keyword a schema violation can carry is routed to a registered
// rule on purpose, and nothing routes keywords the validator never emits.
func TestSchemaRuleRoutesEveryKeyword(t *testing.T) {
	for _, kw := range schema.ViolationKeywords {
		name := schemaRule(taskcontent.Violation{Violation: schema.Violation{Keyword: kw, Pointer: "/x"}})
		if _, ok := Lookup(name); !ok {
			t.Errorf("keyword %s goes to %q, which is no rule", kw, name)
		}
	}
}
