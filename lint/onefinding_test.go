package lint

import (
	"fmt"
	"strings"
	"testing"
)

// TestOneFindingPerDefect lints documents that each have one defect with
// every rule at its default severity, and requires exactly one finding,
// from the rule that owns the defect: a second rule repeating it is noise.
func TestOneFindingPerDefect(t *testing.T) {
	const job = `{"type": "job", "version": "2.0",
  "steps": [
    {"stepType": "stream", "name": %s, "category": "reader", "parameter": {}},
    {"stepType": %s, "name": "Writer", "category": "writer", "parameter": %s}
  ],
  "order": {"hops": [{"from": %s, "to": "Writer"}]},
  "setting": {"errorLimit": {"record": 0}, "speed": %s}}`
	doc := func(reader, writerType, writerParam, from, speed string) string {
		return fmt.Sprintf(job, reader, writerType, writerParam, from, speed)
	}
	const (
		stream = `"stream"`
		speed  = `{"concurrent": 2, "throttle": false}`
	)
	tests := []struct {
		name, src, want string
	}{
		{"concurrent above the console's range", doc(`"Reader"`, stream, `{}`, `"Reader"`, `{"concurrent": 64, "throttle": false}`),
			"warning concurrent-range speed.concurrent is 64; it must be between 1 and 32"},
		{"concurrent as a string above the range", doc(`"Reader"`, stream, `{}`, `"Reader"`, `{"concurrent": "64", "throttle": false}`),
			"warning concurrent-range speed.concurrent is 64; it must be between 1 and 32"},
		{"concurrent zero", doc(`"Reader"`, stream, `{}`, `"Reader"`, `{"concurrent": 0, "throttle": false}`),
			"error schema-other 0 is less than the minimum 1"},
		{"throttle without mbps", doc(`"Reader"`, stream, `{}`, `"Reader"`, `{"concurrent": 2, "throttle": true}`),
			"warning throttle-mbps speed.throttle is true but speed.mbps is not set: throttling needs the rate in MB/s"},
		{"throttle with mbps 0", doc(`"Reader"`, stream, `{}`, `"Reader"`, `{"concurrent": 2, "throttle": true, "mbps": 0}`),
			"error schema-other 0 is less than the minimum 1"},
		{"step and hop both \"Reader \"", doc(`"Reader "`, stream, `{}`, `"Reader "`, speed),
			`warning name-whitespace step name "Reader " has leading or trailing whitespace`},
		{"step \"Reader \", hop \"Reader\"", doc(`"Reader "`, stream, `{}`, `"Reader"`, speed),
			`error hop-unknown-step hop "from" names step "Reader", which does not exist; did you mean "Reader "?`},
		{"empty mysql writer parameter", doc(`"Reader"`, `"mysql"`, `{}`, `"Reader"`, speed),
			`error schema-required missing required keys "column", one of "datasource" or "connection" and one of "table" or "connection"`},
		{"blank data source", doc(`"Reader"`, `"odps"`, `{"datasource": "", "table": "t", "column": ["id"], "truncate": true}`, `"Reader"`, speed),
			"error schema-other must not be empty"},
		{"kafka reader without a start", `{"type": "job", "version": "2.0",
  "steps": [
    {"stepType": "kafka", "name": "Reader", "category": "reader", "parameter": {"server": "h:9092", "topic": "t", "column": ["__value__"], "keyType": "STRING", "valueType": "STRING", "endOffset": 3}},
    {"stepType": "stream", "name": "Writer", "category": "writer", "parameter": {}}
  ],
  "order": {"hops": [{"from": "Reader", "to": "Writer"}]},
  "setting": {"errorLimit": {"record": 0}, "speed": {"concurrent": 2, "throttle": false}}}`,
			`error schema-required needs one of the keys "beginType", "beginDateTime", "beginOffset" or "beginTimestampMillis"`},
	}
	l := &Linter{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := l.LintFile("job.json", []byte(tt.src))
			var got []string
			for _, d := range diags {
				got = append(got, fmt.Sprintf("%s %s %s", d.Severity, d.Rule, d.Message))
			}
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("got %d findings:\n\t%s\nwant exactly:\n\t%s", len(got), strings.Join(got, "\n\t"), tt.want)
			}
		})
	}
}
