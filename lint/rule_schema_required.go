package lint

var _ = register(&Rule{
	Name:  "schema-required",
	Group: "schema",
	Doc: `A key that DataWorks requires is missing, such as a step's parameter, a hop's "to", setting.speed.concurrent, or one of the keys a plugin needs ("table", "connection" or "querySql" for a MySQL reader).

DataWorks rejects the job when it is created or fails it when it runs.

Fix: add the key. The diagnostic points at the object that lacks it.`,
	Bad: `{
  "type": "job",
  "version": "2.0",
  "steps": [
    {"stepType": "stream", "name": "Reader", "category": "reader", "parameter": {}},
    {"stepType": "stream", "name": "Writer", "category": "writer", "parameter": {}}
  ],
  "order": {"hops": [{"from": "Reader"}]},
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
	URL:             docURL("schema-required"),
	DefaultSeverity: SeverityError,
	Run:             func(pass *Pass) { reportViolations(pass, nil) },
})
