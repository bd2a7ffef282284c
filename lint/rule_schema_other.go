package lint

import (
	"strings"

	"github.com/dilint/dilint/taskcontent"
)

var _ = register(&Rule{
	Name:  "schema-other",
	Group: "schema",
	Doc: `A value breaks a constraint of the DataWorks schema other than a missing key, a wrong type, a value outside a list or an unknown key: a number out of range, a string that does not match its pattern, an empty list or string, or a list without a required item. (A job without a reader or writer step is reader-writer-present's finding.)

The message names the constraint and the value; the schema documents where it comes from.

Fix: change the value as the message says.`,
	Bad: `{
  "type": "job",
  "version": "2.0",
  "steps": [
    {"stepType": "stream", "name": "Reader", "category": "reader", "parameter": {}},
    {"stepType": "stream", "name": "Writer", "category": "writer", "parameter": {}}
  ],
  "order": {"hops": [{"from": "Reader", "to": "Writer"}]},
  "setting": {"speed": {"concurrent": 2, "throttle": true, "mbps": 0}}
}`,
	Good: `{
  "type": "job",
  "version": "2.0",
  "steps": [
    {"stepType": "stream", "name": "Reader", "category": "reader", "parameter": {}},
    {"stepType": "stream", "name": "Writer", "category": "writer", "parameter": {}}
  ],
  "order": {"hops": [{"from": "Reader", "to": "Writer"}]},
  "setting": {"speed": {"concurrent": 2, "throttle": true, "mbps": 10}}
}`,
	URL:             docURL("schema-other"),
	DefaultSeverity: SeverityError,
	UsesSchema:      true,
	Run: func(pass *Pass) {
		if _, err := pass.Schema(); err != nil {
			// Not the document's fault; say so once, without the details
			// of a schema that failed to compile.
			pass.Report(Diagnostic{Message: "internal error: the schema check could not run: " + err.Error(), Severity: SeverityError})
			return
		}
		reportViolations(pass, nil)
	},
})

// schemaRule returns the rule that reports a schema violation.
func schemaRule(v taskcontent.Violation) string {
	switch v.Keyword {
	case "required":
		return "schema-required"
	case "anyOf":
		if len(v.Allowed) > 0 && strings.HasPrefix(v.Message, "needs one of") {
			return "schema-required"
		}
	case "type":
		return "schema-type"
	case "enum", "const":
		return "schema-enum"
	case "additionalProperties", "patternProperties":
		if !v.Missing {
			return "schema-unknown-key"
		}
	case "contains":
		// A job without a reader or writer step: reader-writer-present
		// says so more plainly, so the schema's wording is not repeated.
		if v.Pointer == "/steps" {
			return "reader-writer-present"
		}
	}
	return "schema-other"
}

// reportViolations reports the document's schema violations that belong
// to the pass's rule, each with the fixes fix returns (fix may be nil).
func reportViolations(pass *Pass, fix func(taskcontent.Violation) []SuggestedFix) {
	vs, err := pass.Schema()
	if err != nil {
		return
	}
	for _, v := range vs {
		if schemaRule(v) == pass.Rule.Name {
			reportViolation(pass, v, fix)
		}
	}
}

// reportViolation reports one schema violation with the fixes fix returns
// (fix may be nil).
func reportViolation(pass *Pass, v taskcontent.Violation, fix func(taskcontent.Violation) []SuggestedFix) {
	d := Diagnostic{Message: v.Message, Pointer: v.Pointer}
	loc := v.Location
	switch {
	case v.Missing && loc.Key.IsValid():
		// A missing key: point at the key of the object that lacks it.
		d.Start, d.End = loc.Key.Start, loc.Key.End
	case v.Missing || (!loc.Found && !loc.Key.IsValid()):
		d.Start = loc.Value.Start
		d.End = pass.Doc.Position(loc.Value.Start.Offset + 1)
	case loc.Key.IsValid() && pass.Rule.Name == "schema-unknown-key":
		d.Start, d.End = loc.Key.Start, loc.Key.End
	default:
		d.Start, d.End = loc.Value.Start, loc.Value.End
	}
	if fix != nil {
		d.Fixes = fix(v)
	}
	pass.Report(d)
}
