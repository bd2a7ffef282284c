package lint

import "fmt"

var _ = register(&Rule{
	Name:  "distribute-concurrency",
	Group: "settings",
	Doc: `setting.executeMode is "distribute" but speed.concurrent is below 8. Distributed execution splits the job across machines, and the DataWorks console offers it only from a concurrency of 8; with less, the job gains nothing from it.

A warning, not an error: the threshold comes from the console's form, and no documentation page or published job shows DataWorks rejecting a script with less.

Fix: raise speed.concurrent to 8 or more, or drop executeMode (null runs on one machine). The option min changes the threshold.`,
	Bad:             `{"type": "job", "version": "2.0", "steps": [], "setting": {"executeMode": "distribute", "speed": {"concurrent": 4, "throttle": false}}}`,
	Good:            `{"type": "job", "version": "2.0", "steps": [], "setting": {"executeMode": "distribute", "speed": {"concurrent": 8, "throttle": false}}}`,
	URL:             docURL("distribute-concurrency"),
	DefaultSeverity: SeverityWarning,
	Options: []Option{
		{Name: "min", Type: OptionInt, Default: int64(8), Min: bound(1), Doc: "The least speed.concurrent a distributed job needs."},
	},
	Run: func(pass *Pass) {
		setting, ok := jobSetting(pass.Doc)
		if !ok || setting.ExecuteMode() != "distribute" {
			return
		}
		least := pass.IntOption("min")
		mode := setting.Value.Get("executeMode")
		c := setting.Concurrent()
		n, isInt := c.Int()
		switch {
		case !isSet(c):
			pass.Reportf(mode, "executeMode distribute needs speed.concurrent of at least %d, and concurrent is not set", least)
		case isInt && n < least:
			d := At(mode, fmt.Sprintf("executeMode distribute needs speed.concurrent of at least %d, but concurrent is %d", least, n))
			d.Related = []Related{related(c.Value, "speed.concurrent is here")}
			pass.Report(d)
		}
	},
})
