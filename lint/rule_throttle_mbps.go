package lint

import (
	"fmt"

	"github.com/dilint/dilint/taskcontent"
)

var _ = register(&Rule{
	Name:  "throttle-mbps",
	Group: "settings",
	Doc: `setting.speed.throttle and speed.mbps disagree: throttling is on without mbps, or mbps is set while throttle is false or absent (the rate is ignored, so the job runs unthrottled although the file says otherwise).

Both are warnings. The script-mode demos pair throttle true with mbps ("mbps": "12", "1 mbps = 1 MB/s"), but Alibaba's own MigrationX template writes throttle true without mbps and no page says DataWorks rejects it, so a missing rate is not an error. An mbps that is not a positive whole number is the schema's finding (schema-other, schema-type), not this rule's.

Fix: with throttle true, set mbps to the rate in MB/s (1 mbps = 1 MB/s); without throttling, delete mbps or set throttle to true.`,
	Bad:             `{"type": "job", "version": "2.0", "steps": [], "setting": {"speed": {"concurrent": 2, "throttle": true}}}`,
	Good:            `{"type": "job", "version": "2.0", "steps": [], "setting": {"speed": {"concurrent": 2, "throttle": true, "mbps": 10}}}`,
	URL:             docURL("throttle-mbps"),
	DefaultSeverity: SeverityWarning,
	Run: func(pass *Pass) {
		setting, ok := jobSetting(pass.Doc)
		if !ok {
			return
		}
		throttle, mbps := setting.Throttle(), setting.Mbps()
		on, known := throttle.Bool()
		if throttle.Spelling != taskcontent.SpellingAbsent && !known {
			return // neither true nor false: the schema's finding
		}
		switch {
		case on && mbps.Spelling == taskcontent.SpellingAbsent:
			pass.Reportf(throttle.Value, "speed.throttle is true but speed.mbps is not set: throttling needs the rate in MB/s")
		case on:
			// A rate that is not a positive whole number is the schema's
			// finding; with a valid rate the pair agrees.
		case isSet(mbps):
			why := "speed.throttle is not set"
			if throttle.Spelling != taskcontent.SpellingAbsent {
				why = "speed.throttle is false"
			}
			d := At(mbps.Value, fmt.Sprintf("speed.mbps is ignored because %s: the job runs unthrottled", why))
			d.Severity = atMost(pass, SeverityWarning)
			if throttle.Spelling != taskcontent.SpellingAbsent {
				d.Related = []Related{related(throttle.Value, "throttling is turned off here")}
			}
			pass.Report(d)
		}
	},
})

// describe renders a loosely typed value for a message: 5, "5", "" or null.
func describe(f taskcontent.Flex) string {
	switch f.Spelling {
	case taskcontent.SpellingString:
		return fmt.Sprintf("%q", f.Value.Str())
	case taskcontent.SpellingOther:
		return "an " + f.Value.Type().String()
	}
	return f.Text()
}
