package lint

import "github.com/dilint/dilint/taskcontent"

var _ = register(&Rule{
	Name:  "schema-unknown-key",
	Group: "schema",
	Doc: `An object has a key that DataWorks does not know there, or a key with leading or trailing whitespace. Such keys are ignored, so the setting the author meant ("setting ", "Parameter", "form" for "from") silently has no effect. The message suggests the closest valid key.

Fix: --fix renames the key when the suggestion is unambiguous: it differs only in case or whitespace, or no other valid key is close, and the object does not have the suggested key already.`,
	Bad: `{
  "type": "job",
  "version": "2.0",
  "steps": [
    {"stepType": "stream", "name": "Reader", "category": "reader", "parameter": {}},
    {"stepType": "stream", "name": "Writer", "category": "writer", "parameter": {}}
  ],
  "order": {"hops": [{"from": "Reader", "to": "Writer"}]},
  "setting": {"speed": {"concurrent": 2}},
  "extend ": {}
}`,
	Good: `{
  "type": "job",
  "version": "2.0",
  "steps": [
    {"stepType": "stream", "name": "Reader", "category": "reader", "parameter": {}},
    {"stepType": "stream", "name": "Writer", "category": "writer", "parameter": {}}
  ],
  "order": {"hops": [{"from": "Reader", "to": "Writer"}]},
  "setting": {"speed": {"concurrent": 2}},
  "extend": {}
}`,
	URL:             docURL("schema-unknown-key"),
	DefaultSeverity: SeverityError,
	UsesSchema:      true,
	Fixable:         true,
	Run: func(pass *Pass) {
		reportViolations(pass, func(v taskcontent.Violation) []SuggestedFix {
			member, ok := pass.Doc.Lookup(v.Pointer)
			if !ok || !member.IsMember() || v.Suggestion == "" || !unambiguousName(member.Key(), v.Suggestion, v.Allowed) {
				return nil
			}
			if member.Parent().Get(v.Suggestion).Exists() {
				return nil // renaming would create a duplicate key
			}
			return []SuggestedFix{{
				Message: "rename the key to " + string(jsonString(v.Suggestion)),
				Edits:   []taskcontent.TextEdit{pass.Doc.RenameKey(member, v.Suggestion)},
			}}
		})
	},
})
