package lint

var _ = register(&Rule{
	Name:  "schema-enum",
	Group: "schema",
	Doc: `A value is not one of those DataWorks accepts: a step category, a writeMode, an executeMode, "type" or "version". The message lists the valid values and suggests the closest one ("Replay" → "replay").

DataWorks compares these values exactly; a wrong case or a near miss fails the job.

Fix: use one of the listed values.`,
	Bad: `{
  "type": "job",
  "version": "2.0",
  "steps": [
    {"stepType": "stream", "name": "Reader", "category": "Reader", "parameter": {}},
    {"stepType": "stream", "name": "Writer", "category": "writer", "parameter": {}}
  ],
  "order": {"hops": [{"from": "Reader", "to": "Writer"}]},
  "setting": {"speed": {"concurrent": 2}}
}`,
	Good: `{
  "type": "job",
  "version": "2.0",
  "steps": [
    {"stepType": "stream", "name": "Reader", "category": "reader", "parameter": {}},
    {"stepType": "stream", "name": "Writer", "category": "writer", "parameter": {}}
  ],
  "order": {"hops": [{"from": "Reader", "to": "Writer"}]},
  "setting": {"speed": {"concurrent": 2}}
}`,
	URL:             docURL("schema-enum"),
	DefaultSeverity: SeverityError,
	UsesSchema:      true,
	Run:             func(pass *Pass) { reportViolations(pass, nil) },
})
