package lint

import (
	"fmt"

	"github.com/dilint/dilint/taskcontent"
)

var _ = register(&Rule{
	Name:  "datasource-consistency",
	Group: "steps",
	Doc: `A step names one data source in parameter.datasource and another in its connection list (parameter.connection[].datasource). The codeless UI writes the same name in both places; when they differ, one of them is not what DataWorks reads, and the job silently reads from (or writes to) a database other than the one the author sees.

A sharded reader lists several connections with different data sources; that is fine as long as parameter.datasource is one of them. A connection without a datasource inherits parameter.datasource.

Fix: make the names agree. The diagnostic points at the connection and relates parameter.datasource.`,
	Bad: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "mysql", "name": "Reader", "category": "reader",
   "parameter": {"datasource": "billing_prod", "column": ["id", "total"],
                 "connection": [{"datasource": "billing_test", "table": ["invoices"]}]}},
  {"stepType": "odps", "name": "Writer", "category": "writer", "parameter": {"datasource": "odps_dw", "table": "ods_invoices", "column": ["id", "total"], "truncate": true}}],
 "order": {"hops": [{"from": "Reader", "to": "Writer"}]}}`,
	Good: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "mysql", "name": "Reader", "category": "reader",
   "parameter": {"datasource": "billing_prod", "column": ["id", "total"],
                 "connection": [{"datasource": "billing_prod", "table": ["invoices"]}]}},
  {"stepType": "odps", "name": "Writer", "category": "writer", "parameter": {"datasource": "odps_dw", "table": "ods_invoices", "column": ["id", "total"], "truncate": true}}],
 "order": {"hops": [{"from": "Reader", "to": "Writer"}]}}`,
	URL:             docURL("datasource-consistency"),
	DefaultSeverity: SeverityError,
	Run: func(pass *Pass) {
		if !hasSteps(pass.Doc) {
			return
		}
		for _, step := range pass.Doc.Job().Steps() {
			checkStepDatasources(pass, step)
		}
	},
})

func checkStepDatasources(pass *Pass, step taskcontent.Step) {
	top := step.Parameter().Get("datasource")
	name := top.Str()
	if top.Type() != taskcontent.TypeString || name == "" {
		return
	}
	var named []taskcontent.Value
	for _, conn := range step.Connections() {
		v := conn.Value.Get("datasource")
		if v.Type() != taskcontent.TypeString || v.Str() == "" {
			continue
		}
		if v.Str() == name {
			return // parameter.datasource is one of the connections
		}
		named = append(named, v)
	}
	for _, v := range named {
		d := At(v, fmt.Sprintf("connection datasource %q differs from parameter.datasource %q: the step uses one of them, not necessarily the one intended%s",
			v.Str(), name, sameButCase(v.Str(), name)))
		d.Related = []Related{related(top, "parameter.datasource is here")}
		pass.Report(d)
	}
}

// sameButCase explains names that differ only in case or surrounding
// whitespace, which DataWorks treats as different data sources.
func sameButCase(a, b string) string {
	if fold(a) == fold(b) {
		return " (the names differ only in case or whitespace, which DataWorks does not ignore)"
	}
	return ""
}
