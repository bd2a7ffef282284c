package lint

import (
	"fmt"

	"github.com/dilint/dilint/taskcontent"
)

// dataxSettingKeys are keys of an open-source DataX job's setting that a
// DataWorks job does not read, with what DataWorks uses instead.
var dataxSettingKeys = []struct {
	path    []string
	instead string
}{
	{[]string{"speed", "channel"}, "speed.concurrent"},
	{[]string{"speed", "byte"}, "speed.throttle with speed.mbps (MB/s)"},
	{[]string{"speed", "record"}, "speed.throttle with speed.mbps (MB/s)"},
	{[]string{"errorLimit", "percentage"}, "errorLimit.strategy with errorLimit.record"},
}

var _ = register(&Rule{
	Name:  "datax-key",
	Group: "settings",
	Doc: `The document is, or borrows from, an open-source DataX job, which DataWorks does not read.

A whole DataX job ({"job": {"setting": …, "content": [{"reader": …, "writer": …}]}}) given as TaskContent is an error: DataWorks wants {"type": "job", "version": "2.0", "steps": […], "order": {"hops": […]}}, with plugins named by stepType (mysql, not mysqlreader) and connections by data source name.

DataX keys inside a DataWorks job are warnings: setting.speed.channel, speed.byte, speed.record and errorLimit.percentage, and top-level job or content. Jobs converted from DataX carry them; DataWorks documents none of them, so the concurrency or limit they seem to set may not apply.

Fix: convert the job to the DataWorks shape; replace speed.channel with speed.concurrent, speed.byte with throttle and mbps, and errorLimit.percentage with a strategy and record.`,
	Bad:             `{"type": "job", "version": "2.0", "steps": [], "setting": {"speed": {"channel": 4}}}`,
	Good:            `{"type": "job", "version": "2.0", "steps": [], "setting": {"speed": {"concurrent": 4}}}`,
	URL:             docURL("datax-key"),
	DefaultSeverity: SeverityError,
	Run: func(pass *Pass) {
		root := pass.Doc.Root()
		switch pass.Doc.Kind() {
		case taskcontent.KindDataXJob:
			pass.Reportf(root.Get("job"), `this is an open-source DataX job ("job" with "content"), which DataWorks does not read: a TaskContent is {"type": "job", "version": "2.0", "steps": [...], "order": {"hops": [...]}}`)
			return
		case taskcontent.KindJob:
		default:
			return
		}
		warn := atMost(pass, SeverityWarning)
		for _, key := range []string{"job", "content"} {
			if v := root.Get(key); v.Exists() {
				d := At(v, fmt.Sprintf("top-level %q is a DataX key; a DataWorks job describes its reader and writer in steps and order.hops", key))
				d.Severity = warn
				pass.Report(d)
			}
		}
		setting := root.Get("setting")
		for _, k := range dataxSettingKeys {
			if v := setting.Path(k.path...); v.Exists() {
				d := At(v, fmt.Sprintf("setting.%s.%s is a DataX key, not a DataWorks one; DataWorks uses %s", k.path[0], k.path[1], k.instead))
				d.Severity = warn
				pass.Report(d)
			}
		}
	},
})
