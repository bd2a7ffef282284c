package lint

import (
	"fmt"

	"github.com/dilint/dilint/taskcontent"
)

var _ = register(&Rule{
	Name:  "error-limit",
	Group: "settings",
	Doc: `setting.errorLimit.strategy and errorLimit.record contradict each other.

- Tolerance without a record (absent or "") is an error: the strategy needs the number of dirty records to tolerate.
- A record that is negative or not a whole number under Tolerance is an error.
- ZeroTolerance with a record above 0 is an error: the job fails on the first dirty record although the record says otherwise.
- Tolerance with record 0 tolerates nothing, the same as ZeroTolerance (a warning).
- Ignore with a record above 0 (a warning): the record is ignored, every dirty record is skipped.

A record without a strategy is the older form and is fine; "record": "" means not set.

Fix: pick the strategy that says what you mean and make the record agree with it.`,
	Bad:             `{"type": "job", "version": "2.0", "steps": [], "setting": {"errorLimit": {"strategy": "Tolerance", "record": ""}, "speed": {"concurrent": 2}}}`,
	Good:            `{"type": "job", "version": "2.0", "steps": [], "setting": {"errorLimit": {"strategy": "Tolerance", "record": 100}, "speed": {"concurrent": 2}}}`,
	URL:             docURL("error-limit"),
	DefaultSeverity: SeverityError,
	Run: func(pass *Pass) {
		setting, ok := jobSetting(pass.Doc)
		if !ok {
			return
		}
		strategy := setting.Value.Path("errorLimit", "strategy")
		record := setting.ErrorRecord()
		n, whole := record.Int()
		report := func(at taskcontent.Value, sev Severity, format string, args ...any) {
			d := At(at, fmt.Sprintf(format, args...))
			d.Severity = sev
			if at != strategy {
				d.Related = []Related{related(strategy, "the strategy is here")}
			}
			pass.Report(d)
		}
		switch strategy.Str() {
		case "Tolerance":
			switch {
			case !isSet(record):
				report(strategy, pass.Severity, "errorLimit.strategy Tolerance needs errorLimit.record, the number of dirty records to tolerate")
			case !whole || n < 0:
				report(record.Value, pass.Severity, "errorLimit.record is %s; under Tolerance it must be a whole number of records, 0 or more", describe(record))
			case n == 0:
				report(record.Value, atMost(pass, SeverityWarning), "errorLimit.record 0 under Tolerance tolerates no dirty record: that is ZeroTolerance")
			}
		case "ZeroTolerance":
			if whole && n > 0 {
				report(record.Value, pass.Severity, "errorLimit.record is %d but the strategy ZeroTolerance fails the job on the first dirty record", n)
			}
		case "Ignore":
			if whole && n > 0 {
				report(record.Value, atMost(pass, SeverityWarning), "errorLimit.record %d is ignored: the strategy Ignore skips every dirty record", n)
			}
		}
	},
})
