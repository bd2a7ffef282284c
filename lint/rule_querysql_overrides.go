package lint

import (
	"fmt"
	"strings"

	"github.com/dilint/dilint/taskcontent"
)

var _ = register(&Rule{
	Name:  "querysql-overrides",
	Group: "steps",
	Doc: `A reader sets querySql together with table, column, where or splitPk, or spells the key querySql in another case.

When querySql is set, the reader runs that query and ignores table, column, where and splitPk: a where filter written beside it is silently dropped, and splitPk no longer splits the read. A table beside querySql is an error (the open-source engine rejects the mix); column, where and splitPk are errors because what they say does not happen — except column, which the codeless UI may require and which is reported as a warning. Empty values ("where": "") are fine.

The key is case-sensitive: "querysql" or "QuerySql" is not read at all, so the reader reads the table instead of running the query.

Fix: move the filter into the query and delete the ignored keys, or delete querySql; spell the key querySql.`,
	Bad: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "mysql", "name": "Reader", "category": "reader",
   "parameter": {"datasource": "shop_db", "where": "status = 'paid'",
                 "connection": [{"datasource": "shop_db", "querySql": ["select id, total from orders where total > 0"]}]}},
  {"stepType": "stream", "name": "Writer", "category": "writer", "parameter": {}}],
 "order": {"hops": [{"from": "Reader", "to": "Writer"}]}}`,
	Good: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "mysql", "name": "Reader", "category": "reader",
   "parameter": {"datasource": "shop_db",
                 "connection": [{"datasource": "shop_db", "querySql": ["select id, total from orders where total > 0 and status = 'paid'"]}]}},
  {"stepType": "stream", "name": "Writer", "category": "writer", "parameter": {}}],
 "order": {"hops": [{"from": "Reader", "to": "Writer"}]}}`,
	URL:             docURL("querysql-overrides"),
	DefaultSeverity: SeverityError,
	Run: func(pass *Pass) {
		if !hasSteps(pass.Doc) {
			return
		}
		for _, step := range pass.Doc.Job().Steps() {
			checkQuerySQLKeys(pass, step.Parameter())
			for _, conn := range step.Connections() {
				checkQuerySQLKeys(pass, conn.Value)
			}
			if !isCategory(step, "reader") {
				continue
			}
			if q, ok := querySQL(step); ok {
				checkOverridden(pass, step, q)
			}
		}
	},
})

// checkQuerySQLKeys reports keys that spell querySql in another case.
func checkQuerySQLKeys(pass *Pass, obj taskcontent.Value) {
	for key, v := range obj.Members() {
		if key != "querySql" && strings.EqualFold(strings.TrimSpace(key), "querySql") {
			pass.Report(Diagnostic{
				Message: fmt.Sprintf("%q is not read: the key is case-sensitive, so the reader ignores the query and reads the table; did you mean \"querySql\"?", key),
				Pointer: v.Pointer(),
				Start:   v.KeySpan().Start,
				End:     v.KeySpan().End,
			})
		}
	}
}

// checkOverridden reports the keys a querySql makes the reader ignore.
func checkOverridden(pass *Pass, step taskcontent.Step, q taskcontent.Value) {
	report := func(v taskcontent.Value, what, consequence string, sev Severity) {
		d := At(v, fmt.Sprintf("%s is ignored because the reader has a querySql: %s", what, consequence))
		d.Severity = sev
		d.Related = []Related{related(q, "the querySql is here")}
		pass.Report(d)
	}
	param := step.Parameter()
	if v := param.Get("table"); nonEmpty(v) {
		report(v, "table", "set either the table or the query", pass.Severity)
	}
	for _, conn := range step.Connections() {
		if v := conn.Tables(); nonEmpty(v) {
			report(v, "the connection's table", "set either the table or the query", pass.Severity)
		}
	}
	if v := param.Get("column"); nonEmpty(v) {
		report(v, "column", "the query's select list decides the columns", atMost(pass, SeverityWarning))
	}
	if v := param.Get("where"); nonEmpty(v) {
		report(v, "where", "its filter is not applied; put it into the query", pass.Severity)
	}
	if v := param.Get("splitPk"); nonEmpty(v) {
		report(v, "splitPk", "the read is not split", pass.Severity)
	}
}
