package lint

var _ = register(&Rule{
	Name:  "schema-type",
	Group: "schema",
	Doc: `A value has the wrong JSON type: an object where DataWorks expects a string, a string where it expects a boolean, and so on.

Where DataWorks accepts both spellings of a field (speed.concurrent as 3 or "3") the schema accepts both too; this rule reports only types DataWorks does not read.

Fix: write the value with the type the message names.`,
	Bad: `{
  "type": "job",
  "version": "2.0",
  "steps": [
    {"stepType": "stream", "name": "Reader", "category": "reader", "parameter": {}},
    {"stepType": "stream", "name": "Writer", "category": "writer", "parameter": {}}
  ],
  "order": {"hops": [{"from": "Reader", "to": "Writer"}]},
  "setting": {"speed": {"concurrent": 2, "throttle": "no"}}
}`,
	Good: `{
  "type": "job",
  "version": "2.0",
  "steps": [
    {"stepType": "stream", "name": "Reader", "category": "reader", "parameter": {}},
    {"stepType": "stream", "name": "Writer", "category": "writer", "parameter": {}}
  ],
  "order": {"hops": [{"from": "Reader", "to": "Writer"}]},
  "setting": {"speed": {"concurrent": 2, "throttle": false}}
}`,
	URL:             docURL("schema-type"),
	DefaultSeverity: SeverityError,
	UsesSchema:      true,
	Run:             func(pass *Pass) { reportViolations(pass, nil) },
})
