package lint

import (
	"slices"
	"strings"

	"github.com/dilint/dilint/schema"
	"github.com/dilint/dilint/taskcontent"
)

// knownStepTypes are the plugin ids DataWorks documents, each with its
// page in schema/plugins.json. DataWorks matches stepType exactly.
var knownStepTypes = schema.StepTypes()

// stepTypeAliases maps names that are not plugin ids but are often written
// for one: product names and common abbreviations.
var stepTypeAliases = map[string]string{
	"hologres":   "holo",
	"maxcompute": "odps",
	"postgres":   "postgresql",
	"pg":         "postgresql",
	"mssql":      "sqlserver",
	"es":         "elasticsearch",
	"mongo":      "mongodb",
	"tablestore": "ots",
	"oceanbase":  "apsaradb_for_oceanbase",
}

var _ = register(&Rule{
	Name:  "unknown-step-type",
	Group: "steps",
	Doc: `A reader or writer step names a plugin (stepType) that is not one of the DataWorks plugin ids, such as "hologres" for "holo", "MySQL" for "mysql" or the DataX name "mysqlreader". DataWorks looks the plugin up by its exact id and rejects the job when it does not exist.

The list is the plugin ids of the DataWorks data source pages, each with its page in schema/plugins.json (dilint schema does not print it; the README lists the plugins). A plugin newer than this dilint may be missing: add it with the rule option step-types (a list of ids), or lower the rule's severity.

Fix: write the id the message suggests. Product names (Hologres, MaxCompute) and DataX names (mysqlreader, odpswriter) are not ids.`,
	Bad: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "mysql", "name": "Reader", "category": "reader", "parameter": {"datasource": "crm_db", "table": "leads", "column": ["id"]}},
  {"stepType": "hologres", "name": "Writer", "category": "writer", "parameter": {"datasource": "crm_holo", "table": "public.leads", "column": ["id"], "conflictMode": "replace"}}],
 "order": {"hops": [{"from": "Reader", "to": "Writer"}]}}`,
	Good: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "mysql", "name": "Reader", "category": "reader", "parameter": {"datasource": "crm_db", "table": "leads", "column": ["id"]}},
  {"stepType": "holo", "name": "Writer", "category": "writer", "parameter": {"datasource": "crm_holo", "table": "public.leads", "column": ["id"], "conflictMode": "replace"}}],
 "order": {"hops": [{"from": "Reader", "to": "Writer"}]}}`,
	URL:             docURL("unknown-step-type"),
	DefaultSeverity: SeverityWarning,
	Options: []Option{
		{Name: "step-types", Type: OptionStrings, Doc: "More plugin ids to accept as stepType, matched exactly, such as a plugin newer than this dilint."},
	},
	Run: func(pass *Pass) {
		if !hasSteps(pass.Doc) {
			return
		}
		known := knownStepTypes
		if extra := pass.StringsOption("step-types"); len(extra) > 0 {
			known = slices.Concat(extra, knownStepTypes)
		}
		for _, step := range pass.Doc.Job().Steps() {
			v := step.Value.Get("stepType")
			if v.Type() != taskcontent.TypeString {
				continue // absent or null: a processor step, or the schema's finding
			}
			id := v.Str()
			if id == "" || slices.Contains(known, id) {
				continue
			}
			pass.Reportf(v, "stepType %q is not a DataWorks plugin id%s", id, didYouMean(suggestStepType(id, known)))
		}
	},
})

// suggestStepType finds the plugin id meant by an unknown stepType.
func suggestStepType(id string, known []string) string {
	key := strings.ToLower(strings.TrimSpace(id))
	// DataX plugin names end in reader or writer: mysqlreader is mysql.
	for _, suffix := range []string{"reader", "writer"} {
		if base, ok := strings.CutSuffix(key, suffix); ok && base != "" {
			key = base
		}
	}
	if alias, ok := stepTypeAliases[key]; ok {
		return alias
	}
	for _, k := range known {
		if strings.ToLower(k) == key {
			return k
		}
	}
	return schema.Suggest(key, known)
}
