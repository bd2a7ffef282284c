package cli_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestBadInput puts every kind of bad input in one run: each gets one
// clear message, the good file is still checked, and the exit status is 3
// because some inputs could not be checked.
func TestBadInput(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"jobs/good.json":   cleanJob,
		"jobs/dup.json":    dupJob,
		"jobs/binary.json": "\x7fELF\x02\x01\x01\x00\x00\x00garbage",
	})
	jobs := filepath.Join(dir, "jobs")
	big := filepath.Join(jobs, "big.json")
	writeBigJob(t, big, 100<<20)
	must(t, os.Symlink("loop.json", filepath.Join(jobs, "loop.json")))
	must(t, os.Symlink("nowhere.json", filepath.Join(jobs, "dangling.json")))
	must(t, os.Symlink("..", filepath.Join(jobs, "up"))) // a directory cycle
	must(t, os.Symlink("dup.json", filepath.Join(jobs, "alias.json")))

	start := time.Now()
	r := dilint(t, dir, "", "--only", goldenRules, "jobs", "missing.json")
	elapsed := time.Since(start)
	r.wantCode(t, 3)

	wantErrs := map[string]string{
		"jobs/big.json":      "file is 100.0 MiB, over the 32.0 MiB limit",
		"jobs/dangling.json": "broken symbolic link",
		"jobs/loop.json":     "symbolic link loop",
		"missing.json":       "no such file or directory",
	}
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if len(lines) != len(wantErrs) {
		t.Errorf("want one message per bad input, got:\n%s", r.stderr)
	}
	for file, msg := range wantErrs {
		if !strings.Contains(r.stderr, "dilint: "+file+": "+msg) {
			t.Errorf("stderr lacks %q for %s:\n%s", msg, file, r.stderr)
		}
	}
	for _, want := range []string{
		"jobs/binary.json: error: binary file (NUL byte at offset 7), not a JSON document [syntax]",
		"jobs/dup.json:8:",
		"jobs/alias.json:8:", // a link to a file is followed
		"; 4 files could not be checked",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "jobs/up/") {
		t.Errorf("followed a directory link:\n%s", r.stdout)
	}
	t.Logf("bad-input run with a 100 MiB file took %v", elapsed)

	// Raising the limit checks the big file: it parses and lints.
	start = time.Now()
	r = dilint(t, dir, "", "--only", goldenRules, "--max-file-size", fmt.Sprint(128<<20), "jobs/big.json")
	r.wantCode(t, 0)
	t.Logf("linting the 100 MiB job took %v", time.Since(start))
}

// writeBigJob writes a valid job of size bytes: a reader with a very
// long column list, padded to the exact size with spaces.
func writeBigJob(t *testing.T, path string, size int) {
	t.Helper()
	head, tail, _ := strings.Cut(cleanJob, `"column": [{"value": "x", "type": "string"}]`)
	var b strings.Builder
	b.Grow(size)
	b.WriteString(head)
	b.WriteString(`"column": [`)
	const elem = len(`{"value": "v000000000", "type": "string"},`)
	for i := 0; b.Len()+elem+len(tail)+1 < size; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"value": "v%09d", "type": "string"}`, i)
	}
	b.WriteString("]")
	b.WriteString(strings.Repeat(" ", size-b.Len()-len(tail)))
	b.WriteString(tail)
	must(t, os.WriteFile(path, []byte(b.String()), 0o644))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads files whatever their permissions")
	}
	dir := writeFiles(t, map[string]string{"secret.json": cleanJob, "good.json": cleanJob})
	must(t, os.Chmod(filepath.Join(dir, "secret.json"), 0))
	r := dilint(t, dir, "", "--only", goldenRules, ".")
	r.wantCode(t, 3)
	if !strings.Contains(r.stderr, "secret.json: permission denied") || !strings.Contains(r.stdout, "in 2 files") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}
}

// TestTenThousandFiles checks a directory of 10,000 jobs: every file is
// reported, in lexical order, the same on every run.
func TestTenThousandFiles(t *testing.T) {
	dir := t.TempDir()
	const n = 10000
	var want []string
	for i := range n {
		// Every 100th job has a finding.
		content := cleanJob
		if i%100 == 0 {
			content = dupJob
		}
		name := fmt.Sprintf("jobs/%02d/job%05d.json", i%7, i)
		p := filepath.Join(dir, name)
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.WriteFile(p, []byte(content), 0o644))
		want = append(want, name)
	}
	slices.Sort(want)
	var first string
	for round := range 2 {
		start := time.Now()
		r := dilint(t, dir, "", "--only", goldenRules, "--format", "json", "jobs")
		t.Logf("round %d: %d files in %v", round, n, time.Since(start))
		r.wantCode(t, 1)
		var report struct {
			Files []struct {
				Path        string
				Diagnostics []json.RawMessage
			}
			Summary struct{ Files, Errors, FilesWithProblems int }
		}
		must(t, json.Unmarshal([]byte(r.stdout), &report))
		var got []string
		for _, f := range report.Files {
			got = append(got, f.Path)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("files out of order or missing: %d reported", len(got))
		}
		if report.Summary.Files != n || report.Summary.Errors != n/100 || report.Summary.FilesWithProblems != n/100 {
			t.Errorf("summary %+v", report.Summary)
		}
		if round == 0 {
			first = r.stdout
		} else if r.stdout != first {
			t.Error("two runs over the same files differ")
		}
	}
}

// TestUTF16File checks that a UTF-16 or UTF-32 job gets its own message at
// 1:1 in every output format, not "binary file".
func TestUTF16File(t *testing.T) {
	utf16le := func(s string, bom bool) string {
		var b strings.Builder
		if bom {
			b.WriteString("\xff\xfe")
		}
		for _, c := range []byte(s) {
			b.WriteByte(c)
			b.WriteByte(0)
		}
		return b.String()
	}
	utf16be := func(s string) string {
		var b strings.Builder
		for _, c := range []byte(s) {
			b.WriteByte(0)
			b.WriteByte(c)
		}
		return b.String()
	}
	dir := writeFiles(t, map[string]string{
		"bom.json":  utf16le(cleanJob, true),
		"le.json":   utf16le(cleanJob, false),
		"be.json":   utf16be(cleanJob),
		"u32.json":  "\x00\x00\xfe\xff\x00\x00\x00{\x00\x00\x00}",
		"good.json": cleanJob,
	})
	wantText := map[string]string{
		"bom.json": "bom.json:1:1: error: the file is UTF-16LE with a byte order mark; DataWorks expects UTF-8: convert it (iconv -f UTF-16 -t UTF-8) [syntax]",
		"le.json":  "le.json:1:1: error: the file is UTF-16LE; DataWorks expects UTF-8: convert it (iconv -f UTF-16LE -t UTF-8) [syntax]",
		"be.json":  "be.json:1:1: error: the file is UTF-16BE; DataWorks expects UTF-8: convert it (iconv -f UTF-16BE -t UTF-8) [syntax]",
		"u32.json": "u32.json:1:1: error: the file is UTF-32BE with a byte order mark; DataWorks expects UTF-8: convert it (iconv -f UTF-32 -t UTF-8) [syntax]",
	}
	r := dilint(t, dir, "", "--only", goldenRules, ".")
	r.wantCode(t, 1)
	for _, want := range wantText {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("text output lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "binary file") || strings.Contains(r.stdout, "good.json") {
		t.Errorf("text output:\n%s", r.stdout)
	}
	for format, want := range map[string]string{
		"json":       `"message": "the file is UTF-16LE; DataWorks expects UTF-8`,
		"github":     "::error file=le.json,line=1,endLine=1,col=1,endColumn=1,title=syntax::the file is UTF-16LE; DataWorks expects UTF-8",
		"checkstyle": `<error line="1" column="1" severity="error" message="the file is UTF-16LE; DataWorks expects UTF-8`,
		"rdjsonl":    `"range":{"start":{"line":1,"column":1}`,
		"sarif":      `"startLine": 1`,
		"junit":      "the file is UTF-16LE; DataWorks expects UTF-8",
	} {
		r := dilint(t, dir, "", "--only", goldenRules, "--format", format, "le.json")
		r.wantCode(t, 1)
		if !strings.Contains(r.stdout, want) || !strings.Contains(r.stdout, "UTF-16LE") {
			t.Errorf("--format %s lacks %q:\n%s", format, want, r.stdout)
		}
		if strings.ContainsRune(r.stdout, 0) {
			t.Errorf("--format %s prints a NUL byte", format)
		}
	}
}
