package lint

import (
	"fmt"
	"strings"

	"github.com/dilint/dilint/taskcontent"
)

var _ = register(&Rule{
	Name:  "column-list",
	Group: "steps",
	Doc: `A reader's or writer's column list is empty, names a column twice, or is "*" in a reader.

An empty list (where the plugin takes one) fails the job: the plugin has nothing to read or write. A name listed twice in a writer is rejected too; in a reader it reads the same column twice, which then shifts every following value one writer column to the right. Constants and expressions in a reader ('x', 1, now()) may repeat. "*" makes the reader take whatever columns the table has when the job runs, so adding or reordering a source column silently moves values into other writer columns; it is reported as a warning.

Names compare as SQL compares them: case-insensitively and without backticks. A reader with a querySql is skipped (querySql replaces its columns; see querysql-overrides).

Fix: list the columns explicitly, once each.`,
	Bad: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "mysql", "name": "Reader", "category": "reader", "parameter": {"datasource": "hr_db", "table": "staff", "column": ["id", "name", "dept"]}},
  {"stepType": "odps", "name": "Writer", "category": "writer", "parameter": {"datasource": "odps_dw", "table": "ods_staff", "column": ["id", "name", "ID"], "truncate": true}}],
 "order": {"hops": [{"from": "Reader", "to": "Writer"}]}}`,
	Good: `{"type": "job", "version": "2.0",
 "steps": [
  {"stepType": "mysql", "name": "Reader", "category": "reader", "parameter": {"datasource": "hr_db", "table": "staff", "column": ["id", "name", "dept"]}},
  {"stepType": "odps", "name": "Writer", "category": "writer", "parameter": {"datasource": "odps_dw", "table": "ods_staff", "column": ["id", "name", "dept"], "truncate": true}}],
 "order": {"hops": [{"from": "Reader", "to": "Writer"}]}}`,
	URL:             docURL("column-list"),
	DefaultSeverity: SeverityError,
	Run: func(pass *Pass) {
		if !hasSteps(pass.Doc) {
			return
		}
		for _, step := range pass.Doc.Job().Steps() {
			reader := isCategory(step, "reader")
			if !reader && !isCategory(step, "writer") {
				continue
			}
			if _, ok := querySQL(step); ok && reader {
				continue
			}
			col := step.Parameter().Get("column")
			if col.Type() != taskcontent.TypeArray {
				continue
			}
			checkColumnList(pass, col, reader)
		}
	},
})

func checkColumnList(pass *Pass, col taskcontent.Value, reader bool) {
	role, verb := "writer", "write"
	if reader {
		role, verb = "reader", "read"
	}
	if col.Len() == 0 {
		pass.Reportf(col, "the %s's column list is empty: the plugin has no column to %s", role, verb)
		return
	}
	first := make(map[string]taskcontent.Value, col.Len())
	for _, e := range col.Elems() {
		name, ok := columnName(e)
		if !ok {
			continue
		}
		if reader && strings.TrimSpace(name) == "*" {
			d := At(e, `column "*" reads whatever columns the table has when the job runs: a change to the source table silently moves values into other writer columns; list the columns`)
			d.Severity = atMost(pass, SeverityWarning)
			pass.Report(d)
			continue
		}
		if reader && isColumnExpression(name) {
			continue
		}
		key := columnKey(name)
		prev, dup := first[key]
		if !dup {
			first[key] = e
			continue
		}
		d := At(e, fmt.Sprintf("column %q is listed twice in the %s's column list%s", name, role, spelledAs(prev, name)))
		d.Related = []Related{related(prev, "first listed here")}
		if reader {
			d.Message += ": the reader reads it twice, so from there on the writer columns receive the values meant for their neighbours"
			d.Severity = atMost(pass, SeverityWarning)
		} else {
			d.Message += ": the writer rejects duplicate columns"
		}
		pass.Report(d)
	}
}

// spelledAs mentions how the first occurrence was written when it differs.
func spelledAs(first taskcontent.Value, name string) string {
	if prev, _ := columnName(first); prev != name {
		return fmt.Sprintf(" (first as %q)", prev)
	}
	return ""
}
