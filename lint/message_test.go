package lint

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestBriefMessage(t *testing.T) {
	long := strings.Repeat("x", 100)
	cut := strings.Repeat("x", MaxValueInMessage-1) + "…"
	for _, tc := range []struct{ msg, want string }{
		{"short", "short"},
		{`step name "a" is already used`, `step name "a" is already used`},
		{`key "` + long + `" is unknown`, `key "` + cut + `" is unknown`},
		{long + " is less than the minimum 1", cut + " is less than the minimum 1"},
		{`key "` + strings.Repeat(`\"`, 70) + `" x`, `key "` + strings.Repeat(`\"`, MaxValueInMessage-1) + `…" x`},
		{`key "` + strings.Repeat(`\u00e9`, 70) + `" x`, `key "` + strings.Repeat(`\u00e9`, MaxValueInMessage-1) + `…" x`},
		{`key "` + strings.Repeat("备", 70) + `" x`, `key "` + strings.Repeat("备", MaxValueInMessage-1) + `…" x`},
		{`unclosed "` + long, `unclosed "` + cut},
		{strings.Repeat("word ", 30), strings.Repeat("word ", 30)},
		{`exactly "` + strings.Repeat("y", MaxValueInMessage) + `"` + strings.Repeat(" z", 20), `exactly "` + strings.Repeat("y", MaxValueInMessage) + `"` + strings.Repeat(" z", 20)},
	} {
		got := briefMessage(tc.msg)
		if got != tc.want {
			t.Errorf("briefMessage(%.40q…)\n got %q\nwant %q", tc.msg, got, tc.want)
		}
		if again := briefMessage(got); again != got {
			t.Errorf("not idempotent: %q → %q", got, again)
		}
		if !utf8.ValidString(got) {
			t.Errorf("%q is not UTF-8", got)
		}
	}
}

// TestNoAmplification: a number of a million digits' worth of exponent,
// or a key of 100,000 bytes, makes a message of at most a few hundred
// bytes, however the rule formats it.
func TestNoAmplification(t *testing.T) {
	job := `{"type": "job", "version": "2.0", "steps": [
		{"stepType": "mysql", "category": "reader", "name": "Reader", "parameter": {"datasource": "d", "column": ["a"], "connection": [{"datasource": "d", "table": ["t"]}]}},
		{"stepType": "odps", "category": "writer", "name": "Writer", "parameter": {"datasource": "o", "table": "t", "column": ["a"], "` + strings.Repeat("k", 100000) + `": 1}}],
	  "setting": {"speed": {"concurrent": -1e999999, "throttle": false, "mbps": ` + strings.Repeat("9", 100000) + `}},
	  "order": {"hops": [{"from": "Reader", "to": "Writer"}]}}`
	_, diags := (&Linter{}).LintFile("amp.json", []byte(job))
	if len(diags) < 2 {
		t.Fatalf("want findings about concurrent and the long key, got %v", diags)
	}
	spelled := false
	for _, d := range diags {
		spelled = spelled || strings.HasPrefix(d.Message, "-1e999999 ")
		if len(d.Message) > 400 {
			t.Errorf("%s: message of %d bytes: %.200s…", d.Rule, len(d.Message), d.Message)
		}
	}
	if !spelled {
		t.Error("no message shows -1e999999 as written")
	}
}

// TestLoneSurrogateStepNames: steps "A\ud800" (reader) and "A\udc00"
// (writer) joined by one hop are a correct job. When both names decoded
// to U+FFFD, step-name-unique, hop-cycle and hop-direction reported it.
func TestLoneSurrogateStepNames(t *testing.T) {
	job := `{"type": "job", "version": "2.0", "steps": [
		{"stepType": "mysql", "category": "reader", "name": "A\ud800", "parameter": {"datasource": "d", "column": ["a"], "connection": [{"datasource": "d", "table": ["t"]}]}},
		{"stepType": "odps", "category": "writer", "name": "A\udc00", "parameter": {"datasource": "o", "table": "t", "column": ["a"]}}],
	  "setting": {"speed": {"concurrent": 2, "throttle": false}},
	  "order": {"hops": [{"from": "A\ud800", "to": "A\udc00"}]}}`
	_, diags := (&Linter{}).LintFile("job.json", []byte(job))
	for _, d := range diags {
		switch d.Rule {
		case "step-name-unique", "hop-cycle", "hop-direction", "hop-unknown-step", "step-unconnected", "duplicate-key":
			t.Errorf("%s %s: %s", d.Rule, d.Start, d.Message)
		}
	}
}

// FuzzBriefMessage: shortening is idempotent, keeps UTF-8 valid, never
// lengthens a message by more than an ellipsis per value, and leaves
// messages whose values are all short unchanged.
func FuzzBriefMessage(f *testing.F) {
	for _, s := range []string{"", `key "a\"b" is unknown`, strings.Repeat("9", 200) + " is big", `"\u00e9` + strings.Repeat("x", 80), `"\x`, "a \"b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, msg string) {
		got := briefMessage(msg)
		if again := briefMessage(got); again != got {
			t.Errorf("not idempotent: %q → %q → %q", msg, got, again)
		}
		if utf8.ValidString(msg) && !utf8.ValidString(got) {
			t.Errorf("%q → %q is not UTF-8", msg, got)
		}
		if len(got) > len(msg) && len(got) > len(msg)+len("…")*(strings.Count(msg, " ")+strings.Count(msg, `"`)+1) {
			t.Errorf("%q grew to %q", msg, got)
		}
	})
}
