package lint_test

import (
	"fmt"
	"os"

	"github.com/dilint/dilint/lint"
	"github.com/dilint/dilint/taskcontent"
)

func ExampleLinter_LintFile() {
	src := []byte(`{
  "type": "job",
  "version": "2.0",
  "steps": [
    {"stepType": "stream", "name": "Reader", "category": "reader", "parameter": {}},
    {"stepType": "stream", "name": "Writer", "category": "writer", "parameter": {}}
  ],
  "order": {"hops": [{"from": "Reader ", "to": "Writer"}]},
  "setting": {"speed": {"concurrent": 2}}
}`)
	rules, err := lint.Select([]string{"graph"}, nil)
	if err != nil {
		panic(err)
	}
	l := &lint.Linter{Rules: rules}
	_, diags := l.LintFile("job.json", src)
	for _, d := range diags {
		fmt.Printf("job.json:%s: %s: %s [%s]\n", d.Start, d.Severity, d.Message, d.Rule)
	}
	// Output:
	// job.json:8:23: error: hop "from" names step "Reader ", which does not exist; did you mean "Reader"? [hop-unknown-step]
}

func ExampleLinter_Lint() {
	doc, err := taskcontent.ParseFile("job.json", []byte(`{"type": "job", "version": "2.0", "steps": [], "setting ": {}}`))
	if err != nil {
		panic(err)
	}
	l := &lint.Linter{Rules: []*lint.Rule{mustLookup("schema-unknown-key")}}
	for _, d := range l.Lint(doc) {
		fmt.Println(d.Start, d.Pointer, d.Message)
	}
	// Output:
	// 1:48 /setting  unknown key "setting "; did you mean "setting"?
}

func ExampleApplyFixes() {
	doc, err := taskcontent.ParseFile("job.json", []byte(`{"type": "job", // a comment
 "version": "2.0", "steps": [],}`))
	if err != nil {
		panic(err)
	}
	l := &lint.Linter{Rules: []*lint.Rule{mustLookup("comments"), mustLookup("trailing-comma")}}
	fixed, applied, skipped := lint.ApplyFixes(doc, l.Lint(doc))
	fmt.Printf("%s\n%d applied, %d skipped\n", fixed, len(applied), len(skipped))
	// Output:
	// {"type": "job",
	//  "version": "2.0", "steps": []}
	// 2 applied, 0 skipped
}

func ExampleLinter_FixFile() {
	src := []byte(`{"type": "job", "version": "2.0",
 "steps": [{"stepType": "db2", "name": "Reader ", "category": "reader"}, {"stepType": "stream", "name": "Writer", "category": "writer"}],
 "order": {"hops": [{"from": "Reader ", "to": "Writer"}]}}`)
	l := &lint.Linter{Rules: []*lint.Rule{mustLookup("name-whitespace")}}
	res := l.FixFile("job.json", src)
	fmt.Printf("%s\nrounds %d, remaining %d\n", res.Src, res.Rounds, len(res.Diagnostics))
	// Output:
	// {"type": "job", "version": "2.0",
	//  "steps": [{"stepType": "db2", "name": "Reader", "category": "reader"}, {"stepType": "stream", "name": "Writer", "category": "writer"}],
	//  "order": {"hops": [{"from": "Reader", "to": "Writer"}]}}
	// rounds 1, remaining 0
}

func ExampleParseConfig() {
	cfg, err := lint.ParseConfig(".dilint.yaml", []byte(`
fail-on: warning
rules:
  security: warning
overrides:
  - files: ["legacy/*.json#/steps/0"]
    disable: [plaintext-secret]
`))
	if err != nil {
		panic(err)
	}
	secret := mustLookup("plaintext-secret")
	sev, _ := cfg.Severity(secret, "jobs/a.json")
	at, _ := cfg.SeverityAt(secret, "legacy/a.json", "/steps/0/parameter/password")
	fmt.Println(sev, at, cfg.Fails(lint.SeverityWarning))

	_, err = lint.ParseConfig(".dilint.yaml", []byte("fail_on: error\n"))
	fmt.Println(err)
	// Output:
	// warning off true
	// .dilint.yaml:1:1: unknown key "fail_on"; did you mean "fail-on"?
}

func ExampleBaseline() {
	l := &lint.Linter{Rules: []*lint.Rule{mustLookup("duplicate-key")}}
	_, today := l.LintFile("a.json", []byte(`{"a": 1, "a": 2}`))
	base := lint.NewBaseline()
	base.Add("a.json", today)
	base.Write(os.Stdout)

	// Lines moved and a new finding appeared: only the new one is reported.
	_, later := l.LintFile("a.json", []byte("\n\n{\"a\": 1, \"a\": 2, \"b\": 1, \"b\": 2}"))
	kept, suppressed := base.Filter("a.json", later)
	fmt.Println(len(kept), "new:", kept[0].Pointer, "-", suppressed, "in the baseline")
	// Output:
	// {
	//   "version": 1,
	//   "findings": [
	//     {
	//       "fingerprint": "09b50686429a976c3f96c742",
	//       "rule": "duplicate-key",
	//       "file": "a.json",
	//       "pointer": "/a",
	//       "count": 1
	//     }
	//   ]
	// }
	// 1 new: /b - 1 in the baseline
}

func mustLookup(name string) *lint.Rule {
	r, ok := lint.Lookup(name)
	if !ok {
		panic("no rule " + name)
	}
	return r
}

func ExampleConfig_AddPolicy() {
	cfg := lint.Default()
	err := cfg.AddPolicy(lint.Policy{
		Name:    "prod-writer-no-truncate",
		Message: "production writers never truncate",
		Given:   `steps.#(category=="writer")#.parameter`,
		Schema:  map[string]any{"properties": map[string]any{"truncate": map[string]any{"const": false}}},
	})
	if err != nil {
		panic(err)
	}
	src := []byte(`{
  "type": "job", "version": "2.0",
  "steps": [
    {"stepType": "stream", "name": "Reader", "category": "reader", "parameter": {}},
    {"stepType": "odps", "name": "Writer", "category": "writer", "parameter": {"truncate": true}}
  ],
  "order": {"hops": [{"from": "Reader", "to": "Writer"}]}
}`)
	_, diags := (&lint.Linter{Selector: cfg}).LintFile("job.json", src)
	for _, d := range diags {
		if d.Rule == "prod-writer-no-truncate" {
			fmt.Printf("job.json:%s: %s: %s\n", d.Start, d.Severity, d.Message)
		}
	}
	// Output:
	// job.json:5:80: error: production writers never truncate: truncate: value must be false
}

// The dilint command's pipeline from Go: find the jobs under a directory,
// lint them with the configuration nearest to each (and the command
// line's choices on top), and read the results in order while later files
// are still being checked.
func ExampleDriver() {
	finder := lint.NewConfigFinder("")
	choices, err := lint.NewChoices([]string{"graph"}, nil, nil, nil)
	if err != nil {
		panic(err)
	}
	finder.Choices = choices
	d := &lint.Driver{SelectorFor: finder.SelectorFor}
	targets := lint.Discover([]string{"../testdata/samples"}, lint.Filter{}, "")
	for res := range d.Run(targets) {
		if res.Err != nil {
			fmt.Printf("%s: %v\n", res.Name, res.Err)
			continue
		}
		fmt.Printf("%s: %d findings, fails: %t\n", res.Name, len(res.Diagnostics), res.Fails)
		for _, d := range res.Diagnostics {
			fmt.Printf("  %s: %s [%s]\n", d.Start, d.Message, d.Rule)
		}
	}
	// Output:
	// ../testdata/samples/batch_mysql_odps.json: 0 findings, fails: false
	// ../testdata/samples/defects.json: 1 findings, fails: true
	//   35:15: hop "from" names step "Reader ", which does not exist; did you mean "Reader"? [hop-unknown-step]
	// ../testdata/samples/query_response.json: 0 findings, fails: false
	// ../testdata/samples/realtime_holo_solution.json: 0 findings, fails: false
}

// A rule's options are declared; a configuration sets them by name and
// ParseConfig refuses a name the rule does not declare.
func ExampleRule_Options() {
	r := mustLookup("concurrent-range")
	for _, o := range r.Options {
		fmt.Printf("%s (%s, default %s): %s\n", o.Name, o.TypeString(), o.DefaultString(), o.Doc)
	}
	_, err := lint.ParseConfig(".dilint.yaml", []byte("rules:\n  concurrent-range: {options: {maxx: 16}}\n"))
	fmt.Println(err)
	// Output:
	// min (integer, at least 1, default 1): The least speed.concurrent accepted.
	// max (integer, at least 1, default 32): The greatest speed.concurrent accepted.
	// .dilint.yaml:2:32: rule concurrent-range has no option "maxx"; did you mean "max"?
}

// A Selector written in Go sets options with Go values; Rule.CheckOptions
// checks and converts them as a configuration file's are.
func ExampleRule_CheckOptions() {
	r := mustLookup("concurrent-range")
	opts, err := r.CheckOptions(map[string]any{"max": 16})
	fmt.Printf("%#v %v\n", opts, err)
	_, err = r.CheckOptions(map[string]any{"max": "16"})
	fmt.Println(err)
	// Output:
	// map[string]interface {}{"max":16} <nil>
	// rule concurrent-range: option max: the string "16" is not an integer
}
