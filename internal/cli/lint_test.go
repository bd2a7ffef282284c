package cli_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const cleanJob = `{
  "type": "job",
  "version": "2.0",
  "steps": [
    {"stepType": "stream", "name": "Reader", "category": "reader", "parameter": {"column": [{"value": "x", "type": "string"}], "sliceRecordCount": 1}},
    {"stepType": "stream", "name": "Writer", "category": "writer", "parameter": {"print": false}}
  ],
  "setting": {"speed": {"concurrent": 1}, "errorLimit": {"record": 0}},
  "order": {"hops": [{"from": "Reader", "to": "Writer"}]}
}
`

// dupJob has one duplicate-key error.
var dupJob = strings.Replace(cleanJob, `"concurrent": 1}`, `"concurrent": 1, "concurrent": 2}`, 1)

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestExitStatus(t *testing.T) {
	dir := writeFiles(t, map[string]string{"clean.json": cleanJob, "dup.json": dupJob})
	only := "--only=" + goldenRules
	for _, tc := range []struct {
		name string
		args []string
		want int
		msg  string // in stderr
	}{
		{"clean", []string{only, "clean.json"}, 0, ""},
		{"findings", []string{only, "clean.json", "dup.json"}, 1, ""},
		{"fail-on none", []string{only, "--fail-on", "none", "dup.json"}, 0, ""},
		{"missing file", []string{only, "clean.json", "nope.json"}, 3, "nope.json: no such file or directory"},
		{"missing beats findings", []string{only, "dup.json", "nope.json"}, 3, "nope.json"},
		{"unknown flag", []string{"--frmat", "json", "clean.json"}, 2, "dilint: unknown flag --frmat (did you mean \"--format\"?)\nRun 'dilint lint -h' for the flags.\n"},
		{"bad flag value", []string{"--max-file-size", "1XB", "clean.json"}, 2, "dilint: invalid value \"1XB\" for flag --max-file-size: want a number of bytes"},
		{"bad format", []string{"--format", "sarf", "clean.json"}, 2, `did you mean "sarif"`},
		{"bad rule", []string{"--only", "duplicat-key", "clean.json"}, 2, `did you mean "duplicate-key"`},
		{"bad fail-on", []string{"--fail-on", "fatal", "clean.json"}, 2, "valid: error, warning, info, off or none"},
		{"two formats on stdout", []string{"--format", "json", "--format", "sarif", "clean.json"}, 2, "both go to standard output"},
		{"no paths", nil, 2, "no paths given"},
		{"mistyped command", []string{"lnt"}, 2, `did you mean "lint"`},
		{"unmatched glob", []string{"jobs/**/*.json"}, 3, "no file matches"},
		{"bad config", []string{"--config", "nope.yaml", "clean.json"}, 3, "nope.yaml"},
		{"fix on stdin", []string{"--fix", "-"}, 2, "--diff"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := dilint(t, dir, "", tc.args...)
			r.wantCode(t, tc.want)
			if !strings.Contains(r.stderr, tc.msg) {
				t.Errorf("stderr %q does not contain %q", r.stderr, tc.msg)
			}
		})
	}
}

// TestSubcommandsUsage holds the help conventions users expect of a
// command-line tool: help on standard output with exit 0, from 'dilint
// help', 'dilint -h' and every command's -h; no empty "Flags:" heading;
// --version and -v print the version.
func TestSubcommandsUsage(t *testing.T) {
	r := dilint(t, "", "", "help")
	r.wantCode(t, 0)
	for _, args := range [][]string{{"-h"}, {"--help"}} {
		h := dilint(t, "", "", args...)
		h.wantCode(t, 0)
		if h.stdout != r.stdout || h.stderr != "" {
			t.Errorf("dilint %s: stdout differs from 'dilint help' or stderr %q", args[0], h.stderr)
		}
	}
	for _, cmd := range subcommandNames(t, r.stdout) {
		h := dilint(t, "", "", cmd, "-h")
		if cmd == "help" {
			if h.code != 0 || h.stdout != r.stdout {
				t.Errorf("help -h: exit %d, stdout differs from 'dilint help'", h.code)
			}
			continue
		}
		if h.code != 0 || !strings.HasPrefix(h.stdout, "Usage: dilint") || h.stderr != "" {
			t.Errorf("%s -h: exit %d, stdout %q, stderr %q", cmd, h.code, h.stdout, h.stderr)
		}
		if strings.HasSuffix(h.stdout, "Flags:\n") {
			t.Errorf("%s -h prints an empty Flags: heading", cmd)
		}
	}
	for _, cmd := range []string{"lint", "fmt", "diff", "graph", "rules", "explain", "schema", "version", "completion"} {
		if !strings.Contains(r.stdout, "  "+cmd+" ") {
			t.Errorf("help does not list %s:\n%s", cmd, r.stdout)
		}
	}
	v := dilint(t, "", "", "version")
	v.wantCode(t, 0)
	for _, flag := range []string{"--version", "-v"} {
		h := dilint(t, "", "", flag)
		h.wantCode(t, 0)
		if h.stdout != v.stdout || !strings.HasPrefix(h.stdout, "dilint ") {
			t.Errorf("dilint %s: %q, want %q", flag, h.stdout, v.stdout)
		}
	}
}

// subcommandNames reads the command names from 'dilint help'.
func subcommandNames(t *testing.T, help string) []string {
	t.Helper()
	_, list, ok := strings.Cut(help, "Commands:\n")
	if !ok {
		t.Fatalf("no Commands: in help:\n%s", help)
	}
	var names []string
	for _, line := range strings.Split(list, "\n") {
		if !strings.HasPrefix(line, "  ") {
			break
		}
		names = append(names, strings.Fields(line)[0])
	}
	if len(names) < 10 {
		t.Fatalf("only %d commands in help", len(names))
	}
	return names
}

func TestSeveralOutputsAtOnce(t *testing.T) {
	dir := writeFiles(t, map[string]string{"dup.json": dupJob})
	// An output in a directory that does not exist fails before any work.
	r := dilint(t, dir, "", "--only", goldenRules, "--output", "sarif=out/results.sarif", "dup.json")
	r.wantCode(t, 3)
	if !strings.Contains(r.stderr, "out/results.sarif") || r.stdout != "" {
		t.Errorf("stdout %q, stderr %q", r.stdout, r.stderr)
	}
	// Without --format, text stays on standard output.
	r = dilint(t, dir, "", "--only", goldenRules, "--output", "sarif=results.sarif", "dup.json")
	r.wantCode(t, 1)
	if !strings.Contains(r.stdout, "dup.json:8:") || !strings.Contains(r.stdout, "1 problem (1 error) in 1 of 1 file") {
		t.Errorf("text on stdout:\n%s", r.stdout)
	}
	r = dilint(t, dir, "", "--only", goldenRules, "--format", "text", "--output", "sarif=results.sarif", "-o", "json=report.json", "dup.json")
	r.wantCode(t, 1)
	var sarif, report map[string]any
	for name, v := range map[string]*map[string]any{"results.sarif": &sarif, "report.json": &report} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	if sarif["version"] != "2.1.0" || report["summary"].(map[string]any)["errors"] != float64(1) {
		t.Errorf("sarif version %v, json summary %v", sarif["version"], report["summary"])
	}
}

func TestStdin(t *testing.T) {
	r := dilint(t, "", dupJob, "--only", goldenRules, "--stdin-filename", "jobs/piped.json", "-")
	r.wantCode(t, 1)
	if !strings.HasPrefix(r.stdout, "jobs/piped.json:8:") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	// A piped file is checked even when it is no DataWorks document.
	r = dilint(t, "", `{"name": "x"}`, "-", "--format", "json")
	r.wantCode(t, 0)
	if !strings.Contains(r.stdout, `"path": "<stdin>"`) || !strings.Contains(r.stdout, `"kind": "unknown"`) {
		t.Errorf("stdout:\n%s", r.stdout)
	}
}

func TestFlagsAfterPaths(t *testing.T) {
	dir := writeFiles(t, map[string]string{"dup.json": dupJob, "-odd.json": cleanJob})
	r := dilint(t, dir, "", "dup.json", "--format", "json", "--only", goldenRules, "--", "-odd.json")
	r.wantCode(t, 1)
	if !strings.Contains(r.stdout, `"path": "-odd.json"`) || !strings.Contains(r.stdout, `"rule": "duplicate-key"`) {
		t.Errorf("stdout:\n%s", r.stdout)
	}
}

func TestRuleSelection(t *testing.T) {
	dir := writeFiles(t, map[string]string{"dup.json": dupJob})
	r := dilint(t, dir, "", "--disable", "duplicate-key", "--only", goldenRules, "dup.json")
	r.wantCode(t, 0)
	r = dilint(t, dir, "", "--only", goldenRules, "--enable", "duplicate-key=warning", "--fail-on", "error", "dup.json")
	r.wantCode(t, 0)
	if !strings.Contains(r.stdout, "warning: duplicate key") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	r = dilint(t, dir, "", "--only", goldenRules, "--enable", "duplicate-key=warning", "--fail-on", "warning", "dup.json")
	r.wantCode(t, 1)
	// --only with a group runs that group only.
	r = dilint(t, dir, "", "--only", "json", "--format", "json", "dup.json")
	var report struct {
		Files []struct{ Diagnostics []struct{ Rule string } }
	}
	if err := json.Unmarshal([]byte(r.stdout), &report); err != nil {
		t.Fatal(err)
	}
	if len(report.Files[0].Diagnostics) == 0 {
		t.Error("--only json reported nothing")
	}
}

func TestConfigFile(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"jobs/dup.json":        dupJob,
		"jobs/legacy/old.json": dupJob,
		".dilint.yaml":         "fail-on: error\nignore: [jobs/legacy/**]\nrules:\n  duplicate-key: warning\n",
	})
	r := dilint(t, dir, "", "--only", goldenRules, "jobs")
	r.wantCode(t, 0)
	if !strings.Contains(r.stdout, "jobs/dup.json:8:") || strings.Contains(r.stdout, "legacy") || !strings.Contains(r.stdout, "warning:") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	if err := os.WriteFile(filepath.Join(dir, ".dilint.yaml"), []byte("rules:\n  no-such-rule: error\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = dilint(t, dir, "", "jobs")
	r.wantCode(t, 3)
	if strings.Count(r.stderr, "no-such-rule") != 1 {
		t.Errorf("a bad configuration should be reported once:\n%s", r.stderr)
	}
}

func TestBaseline(t *testing.T) {
	dir := writeFiles(t, map[string]string{"dup.json": dupJob})
	r := dilint(t, dir, "", "--only", goldenRules, "--write-baseline", "baseline.json", "dup.json")
	r.wantCode(t, 0)
	r = dilint(t, dir, "", "--only", goldenRules, "--baseline", "baseline.json", "dup.json")
	r.wantCode(t, 0)
	if !strings.Contains(r.stdout, "no problems in 1 file") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
}

func TestIgnoreUnknown(t *testing.T) {
	dir := writeFiles(t, map[string]string{"package.json": `{"name": "x",}`, "dup.json": dupJob})
	// A named file that is no DataWorks document is skipped and counted,
	// with or without --ignore-unknown (kept for old hooks).
	for _, flags := range [][]string{nil, {"--ignore-unknown"}} {
		args := append(append([]string{"--only", goldenRules}, flags...), "package.json", "dup.json")
		r := dilint(t, dir, "", args...)
		r.wantCode(t, 1)
		if strings.Contains(r.stdout, "package.json") || !strings.Contains(r.stdout, "in 1 of 1 file; 1 file skipped: not a DataWorks document") {
			t.Errorf("%v: stdout:\n%s", flags, r.stdout)
		}
	}
}

func TestColor(t *testing.T) {
	dir := writeFiles(t, map[string]string{"dup.json": dupJob})
	// Standard output is a pipe here: no colour unless asked for.
	if r := dilint(t, dir, "", "--only", goldenRules, "dup.json"); strings.Contains(r.stdout, "\x1b[") {
		t.Errorf("colour on a pipe:\n%q", r.stdout)
	}
	r := dilint(t, dir, "", "--only", goldenRules, "--color", "always", "dup.json")
	if !strings.Contains(r.stdout, "\x1b[31m\x1b[1merror\x1b[0m") {
		t.Errorf("--color always:\n%q", r.stdout)
	}
	r = dilint(t, dir, "", "--color", "sometimes", "dup.json")
	r.wantCode(t, 2)
}

// TestColorOnTerminal runs dilint under script(1), which gives it a
// terminal: colour by default, none with NO_COLOR set.
func TestColorOnTerminal(t *testing.T) {
	script, err := exec.LookPath("script")
	if err != nil {
		t.Skip("script(1) not installed")
	}
	dir := writeFiles(t, map[string]string{"dup.json": dupJob})
	for _, tc := range []struct {
		noColor string
		want    bool
	}{{"", true}, {"1", false}} {
		cmd := exec.Command(script, "-qec", dilintBin+" --only "+goldenRules+" dup.json", "/dev/null")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "NO_COLOR="+tc.noColor, "TERM=xterm")
		out, _ := cmd.Output()
		if got := strings.Contains(string(out), "\x1b["); got != tc.want {
			t.Errorf("NO_COLOR=%q: colour %v, want %v:\n%q", tc.noColor, got, tc.want, out)
		}
	}
}

// TestMaxSameIssues: a file shows the first 50 findings of a rule and one
// notice for the rest, unless --max-same-issues or the configuration's
// max-same-issues says otherwise; the exit status counts every finding.
func TestMaxSameIssues(t *testing.T) {
	keys := make([]string, 61)
	for i := range keys {
		keys[i] = `"k": 1`
	}
	many := strings.Replace(cleanJob, `"concurrent": 1}`, `"concurrent": 1}, "x": {`+strings.Join(keys, ", ")+`}`, 1)
	dir := writeFiles(t, map[string]string{"job.json": many, "five/job.json": many, "five/.dilint.yaml": "max-same-issues: 5\n"})
	count := func(out string) (errors, notices int) {
		return strings.Count(out, ": error: duplicate key"), strings.Count(out, "more duplicate-key findings in this file are not shown")
	}
	for _, tc := range []struct {
		args            []string
		errors, notices int
		summary         string
	}{
		{[]string{"job.json"}, 50, 1, "; 10 more not shown"},
		{[]string{"--max-same-issues", "0", "job.json"}, 60, 0, "61 problems (61 errors)"},
		{[]string{"--max-same-issues", "7", "job.json"}, 7, 1, "; 53 more not shown"},
		{[]string{"five/job.json"}, 5, 1, "; 55 more not shown"},
		{[]string{"--max-same-issues", "0", "five/job.json"}, 60, 0, "61 problems (61 errors)"},
	} {
		r := dilint(t, dir, "", tc.args...)
		r.wantCode(t, 1)
		if e, n := count(r.stdout); e != tc.errors || n != tc.notices || !strings.Contains(r.stdout, tc.summary) {
			t.Errorf("%v: %d errors, %d notices, want %d and %d, summary %q:\n%s", tc.args, e, n, tc.errors, tc.notices, tc.summary, r.stdout[max(0, len(r.stdout)-300):])
		}
	}
}

// TestConfigOptions: a configured option reaches the rule, and a mistyped
// option name is a configuration error (exit 3) at its line:column.
func TestConfigOptions(t *testing.T) {
	job := `{"type": "job", "version": "2.0", "steps": [], "setting": {"speed": {"concurrent": 20, "throttle": false}}}`
	dir := writeFiles(t, map[string]string{
		"job.json":     job,
		".dilint.yaml": "rules:\n  concurrent-range: {options: {max: 16}}\n",
	})
	r := dilint(t, dir, "", "--only", "concurrent-range", "job.json")
	r.wantCode(t, 0)
	if !strings.Contains(r.stdout, "speed.concurrent is 20; it must be between 1 and 16") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	if err := os.WriteFile(filepath.Join(dir, ".dilint.yaml"), []byte("rules:\n  concurrent-range: {options: {maxx: 16}}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = dilint(t, dir, "", "job.json")
	r.wantCode(t, 3)
	if !strings.Contains(r.stderr, `.dilint.yaml:2:32: rule concurrent-range has no option "maxx"; did you mean "max"?`) {
		t.Errorf("stderr:\n%s", r.stderr)
	}
}
