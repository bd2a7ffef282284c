package cli_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// tsconfig is JSON with comments that is no DataWorks document: found in
// a directory it is skipped, so --fix must leave it alone.
const tsconfig = "{\n  // compiler options\n  \"compilerOptions\": {\"strict\": true,},\n}\n"

// TestFixSkipsWhatItDoesNotCheck: a file skipped as no DataWorks document
// is not written, whether found in a directory or named with
// --ignore-unknown; a job beside it is.
func TestFixSkipsWhatItDoesNotCheck(t *testing.T) {
	dir := writeFiles(t, map[string]string{"tsconfig.json": tsconfig, "job.json": fixable})
	r := dilint(t, dir, "", "--only", goldenRules, "--fix", ".")
	r.wantCode(t, 1) // the job's duplicate key remains
	if !strings.Contains(r.stdout, "in 1 of 1 file; 1 file skipped: not a DataWorks document; 2 fixes applied") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "tsconfig.json")); string(got) != tsconfig {
		t.Errorf("--fix . rewrote the skipped tsconfig.json:\n%s", got)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "job.json")); strings.Contains(string(got), "//") {
		t.Errorf("the job was not fixed:\n%s", got)
	}

	r = dilint(t, dir, "", "--fix", "--ignore-unknown", "tsconfig.json")
	r.wantCode(t, 0)
	if r.stdout != "no files checked; 1 file skipped: not a DataWorks document\n" {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "tsconfig.json")); string(got) != tsconfig {
		t.Errorf("--fix --ignore-unknown rewrote tsconfig.json:\n%s", got)
	}
}

// withFileSizeLimit runs dilint under a file size limit of 8 blocks of
// the shell's ulimit unit (4 KiB for dash, 8 KiB for bash): a real write
// failure (EFBIG) that root cannot get round, unlike permissions.
func withFileSizeLimit(t *testing.T, dir string, args ...string) run {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("no ulimit")
	}
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	return runCommand(t, dir, sh, append([]string{"-c", `ulimit -f 8 && exec "$0" "$@"`, dilintBin}, args...)...)
}

// TestFixReportsFailedWrites: when one of two fixed files cannot be
// written, the summary, the JSON report and the exit status say so, the
// file keeps its content and its findings are those of that content.
func TestFixReportsFailedWrites(t *testing.T) {
	big := strings.Replace(fixable, "{", "{"+strings.Repeat(" ", 64<<10), 1)
	dir := writeFiles(t, map[string]string{"big.json": big, "small.json": fixable})

	r := withFileSizeLimit(t, dir, "--only", goldenRules, "--fix", "big.json", "small.json")
	r.wantCode(t, 3)
	if !strings.Contains(r.stdout, "; 2 fixes applied; fixes to 1 file not written\n") {
		t.Errorf("summary:\n%s", r.stdout)
	}
	if !strings.Contains(r.stderr, "big.json: fixes not written: file too large") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	// big.json still has its comment, and the report says so.
	if !strings.Contains(r.stdout, "[comments]") {
		t.Errorf("the findings of the unwritten file are missing:\n%s", r.stdout)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "big.json")); string(got) != big {
		t.Error("big.json changed")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("temporary files left behind: %v", entries)
	}

	// Again with JSON: per file, what was written and what was not.
	must(t, os.WriteFile(filepath.Join(dir, "small.json"), []byte(fixable), 0o644))
	r = withFileSizeLimit(t, dir, "--only", goldenRules, "--fix", "--format", "json", "big.json", "small.json")
	r.wantCode(t, 3)
	var report struct {
		Files []struct {
			Path  string
			Error string
			Fixed int
		}
		Summary struct{ Fixed, NotWritten, Failed int }
	}
	if err := json.Unmarshal([]byte(r.stdout), &report); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if len(report.Files) != 2 {
		t.Fatalf("files: %+v", report.Files)
	}
	if f := report.Files[0]; f.Path != "big.json" || f.Fixed != 0 || !strings.HasPrefix(f.Error, "fixes not written: file too large") {
		t.Errorf("big.json: %+v", f)
	}
	if f := report.Files[1]; f.Path != "small.json" || f.Fixed != 2 || f.Error != "" {
		t.Errorf("small.json: %+v", f)
	}
	if s := report.Summary; s.Fixed != 2 || s.NotWritten != 1 || s.Failed != 0 {
		t.Errorf("summary: %+v", s)
	}
}

// TestFmtReportsFailedWrites: fmt names what it could not write and
// exits 3.
func TestFmtReportsFailedWrites(t *testing.T) {
	big := strings.Replace(cleanJob, `"value": "x"`, `"value": "`+strings.Repeat("x", 64<<10)+`"`, 1)
	big = strings.ReplaceAll(big, "\n  ", "\n    ")
	dir := writeFiles(t, map[string]string{"big.json": big})
	r := withFileSizeLimit(t, dir, "fmt", "big.json")
	r.wantCode(t, 3)
	if r.stdout != "" || !strings.Contains(r.stderr, "big.json: not written: file too large") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}
}

// TestLineEndingsKept: --fix and fmt keep a CRLF file CRLF.
func TestLineEndingsKept(t *testing.T) {
	crlf := strings.ReplaceAll(fixable, "\n", "\r\n")
	dir := writeFiles(t, map[string]string{"fix.json": crlf, "fmt.json": strings.ReplaceAll(cleanJob, "\n", "\r\n")})
	r := dilint(t, dir, "", "--only", goldenRules, "--fix", "fix.json")
	r.wantCode(t, 1)
	got, _ := os.ReadFile(filepath.Join(dir, "fix.json"))
	if strings.Contains(string(got), "//") || strings.Count(string(got), "\n") != strings.Count(string(got), "\r\n") {
		t.Errorf("--fix changed line endings or fixed nothing:\n%q", got)
	}
	r = dilint(t, dir, "", "fmt", "fmt.json")
	r.wantCode(t, 0)
	got, _ = os.ReadFile(filepath.Join(dir, "fmt.json"))
	if r.stdout != "fmt.json\n" || strings.Count(string(got), "\n") != strings.Count(string(got), "\r\n") {
		t.Errorf("fmt changed line endings or formatted nothing (%s):\n%q", r.stdout, got)
	}
}

// TestOutputOntoInputRefused: a report written over a named input would
// destroy it; a report inside a directory being checked is left out of
// the inputs, so the next run works.
func TestOutputOntoInputRefused(t *testing.T) {
	dir := writeFiles(t, map[string]string{"x.json": dupJob, "jobs/a.json": cleanJob})
	for _, args := range [][]string{
		{"-o", "json=x.json", "x.json"},
		{"--format", "json", "-o", "./x.json", "x.json"},
		{"--write-baseline", "x.json", "x.json"},
	} {
		r := dilint(t, dir, "", args...)
		r.wantCode(t, 2)
		if !strings.Contains(r.stderr, "x.json is also an input") {
			t.Errorf("%v: stderr:\n%s", args, r.stderr)
		}
		if got, _ := os.ReadFile(filepath.Join(dir, "x.json")); string(got) != dupJob {
			t.Errorf("%v overwrote the input", args)
		}
	}
	for range 2 {
		r := dilint(t, dir, "", "-o", "json=jobs/report.json", "jobs")
		r.wantCode(t, 0)
		if !strings.Contains(r.stdout, "no problems in 1 file") {
			t.Errorf("stdout:\n%s", r.stdout)
		}
	}
}

// TestWalkSkipsLeftovers: temporary files of an interrupted write are not
// checked, even when the include pattern matches them.
func TestWalkSkipsLeftovers(t *testing.T) {
	dir := writeFiles(t, map[string]string{"job.json": cleanJob, ".job.json.dilint-123456": fixable})
	r := dilint(t, dir, "", "--include", "*", "--fix", ".")
	r.wantCode(t, 0)
	if r.stdout != "no problems in 1 file\n" {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, ".job.json.dilint-123456")); string(got) != fixable {
		t.Error("the leftover was fixed")
	}
}

// TestFileNamesEscaped: a file name with control characters is quoted in
// text output and messages, so it cannot drive the terminal.
func TestFileNamesEscaped(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("control characters are not allowed in Windows file names")
	}
	name := "job\x1b[2J\r.json"
	dir := writeFiles(t, map[string]string{name: dupJob})
	r := dilint(t, dir, "", "--only", goldenRules, ".", "missing\x07.json")
	r.wantCode(t, 3)
	if strings.ContainsAny(r.stdout+r.stderr, "\x1b\r\x07") {
		t.Errorf("raw control characters in output:\nstdout: %q\nstderr: %q", r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, `"job\x1b[2J\r.json":`) || !strings.Contains(r.stderr, `"missing\a.json": no such file`) {
		t.Errorf("stdout: %q\nstderr: %q", r.stdout, r.stderr)
	}
	r = dilint(t, dir, "", "fmt", "--check", ".")
	if strings.ContainsAny(r.stdout+r.stderr, "\x1b\r") {
		t.Errorf("fmt: raw control characters in output:\nstdout: %q\nstderr: %q", r.stdout, r.stderr)
	}
}
