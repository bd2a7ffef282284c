package lint

import (
	"fmt"
	"strings"

	"github.com/dilint/dilint/taskcontent"
)

var _ = register(&Rule{
	Name:  "schema-required",
	Group: "schema",
	Doc: `A key that DataWorks requires is missing, such as a step's parameter, a hop's "to", setting.speed.concurrent, or one of the keys a plugin needs ("table", "connection" or "querySql" for a MySQL reader).

DataWorks rejects the job when it is created or fails it when it runs.

One object gives one finding: an empty writer parameter is told every key it lacks in one message, such as missing required keys "column", one of "datasource" or "connection", and one of "table" or "connection". A key is required only where the plugin's documentation page requires it and gives no default; where the page offers alternatives (the Kafka reader's server or datasource) the message names them all. schema/SOURCES.md lists the page behind each requirement.

Fix: add the keys. The diagnostic points at the object that lacks them.`,
	Bad: `{
  "type": "job",
  "version": "2.0",
  "steps": [
    {"stepType": "stream", "name": "Reader", "category": "reader", "parameter": {}},
    {"stepType": "mysql", "name": "Writer", "category": "writer", "parameter": {}}
  ],
  "order": {"hops": [{"from": "Reader", "to": "Writer"}]},
  "setting": {"speed": {"concurrent": 2}}
}`,
	Good: `{
  "type": "job",
  "version": "2.0",
  "steps": [
    {"stepType": "stream", "name": "Reader", "category": "reader", "parameter": {}},
    {"stepType": "mysql", "name": "Writer", "category": "writer", "parameter": {"datasource": "mysql_prod", "table": "orders", "column": ["id", "amount"]}}
  ],
  "order": {"hops": [{"from": "Reader", "to": "Writer"}]},
  "setting": {"speed": {"concurrent": 2}}
}`,
	URL:             docURL("schema-required"),
	DefaultSeverity: SeverityError,
	UsesSchema:      true,
	Run:             reportRequired,
})

// reportRequired reports the missing keys of each object as one
// diagnostic: the keys the object must have and, for each set of
// alternatives, the keys to choose from.
func reportRequired(pass *Pass) {
	vs, err := pass.Schema()
	if err != nil {
		return
	}
	type group struct {
		first taskcontent.Violation
		keys  []string // keys the object must have
		alts  []string // "one of" a set of keys
	}
	var order []string
	groups := map[string]*group{}
	for _, v := range vs {
		if schemaRule(v) != pass.Rule.Name {
			continue
		}
		at, part, alt := v.Pointer, "", false
		if v.Keyword == "required" {
			tokens, err := taskcontent.SplitPointer(v.Pointer)
			if err != nil || len(tokens) == 0 {
				continue
			}
			at = taskcontent.JoinPointer(tokens[:len(tokens)-1]...)
			part = fmt.Sprintf("%q", tokens[len(tokens)-1])
		} else {
			quoted := make([]string, len(v.Allowed))
			for i, k := range v.Allowed {
				quoted[i] = fmt.Sprintf("%q", k)
			}
			part, alt = "one of "+joinWords(quoted, "or"), true
		}
		g := groups[at]
		if g == nil {
			g = &group{first: v}
			groups[at] = g
			order = append(order, at)
		}
		if alt {
			g.alts = append(g.alts, part)
		} else {
			g.keys = append(g.keys, part)
		}
	}
	for _, at := range order {
		g := groups[at]
		parts := append(g.keys, g.alts...)
		if len(parts) == 1 {
			reportViolation(pass, g.first, nil)
			continue
		}
		d := Diagnostic{Message: "missing required keys " + joinWords(parts, "and"), Pointer: at}
		loc := g.first.Location
		if loc.Key.IsValid() {
			d.Start, d.End = loc.Key.Start, loc.Key.End
		} else {
			d.Start = loc.Value.Start
			d.End = pass.Doc.Position(loc.Value.Start.Offset + 1)
		}
		pass.Report(d)
	}
}

// joinWords joins words as a list in prose: "a", "a or b", "a, b or c".
func joinWords(words []string, conj string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + conj + " " + words[len(words)-1]
}
