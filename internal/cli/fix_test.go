package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// fixable has a comment and a trailing comma (fixable) and a duplicate
// key (not fixable).
var fixable = strings.Replace(strings.Replace(dupJob,
	`"setting":`, "// from the console\n  \"setting\":", 1),
	`"print": false}`, `"print": false,}`, 1)

func TestFixDiff(t *testing.T) {
	dir := writeFiles(t, map[string]string{"job.json": fixable})
	r := dilint(t, dir, "", "--only", goldenRules, "--fix", "--diff", "job.json")
	r.wantCode(t, 1) // the duplicate key remains
	for _, want := range []string{"--- a/job.json\n+++ b/job.json\n@@ ", "\n-  // from the console\n", `+    {"stepType": "stream", "name": "Writer", "category": "writer", "parameter": {"print": false}}`} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("diff lacks %q:\n%s", want, r.stdout)
		}
	}
	// The findings that remain go to stderr, leaving stdout to the patch.
	if !strings.Contains(r.stderr, "duplicate-key") || strings.Contains(r.stderr, "[comments]") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "job.json")); string(got) != fixable {
		t.Error("--diff changed the file")
	}
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git not installed; cannot check the patch applies")
	}
	patch := filepath.Join(t.TempDir(), "fix.patch")
	must(t, os.WriteFile(patch, []byte(r.stdout), 0o644))
	apply := exec.Command(git, "apply", "--check", "-v", patch)
	apply.Dir = dir
	if out, err := apply.CombinedOutput(); err != nil {
		t.Errorf("git apply --check: %v\n%s", err, out)
	}
}

func TestFixWrites(t *testing.T) {
	dir := writeFiles(t, map[string]string{"real/job.json": fixable})
	real := filepath.Join(dir, "real", "job.json")
	must(t, os.Chmod(real, 0o640))
	link := filepath.Join(dir, "job.json")
	must(t, os.Symlink(filepath.Join("real", "job.json"), link))

	r := dilint(t, dir, "", "--only", goldenRules, "--fix", "job.json")
	r.wantCode(t, 1)
	if !strings.Contains(r.stdout, "1 problem (1 error) in 1 of 1 file; 2 fixes applied") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	got, err := os.ReadFile(real)
	must(t, err)
	if strings.Contains(string(got), "//") || strings.Contains(string(got), ",}") || !strings.Contains(string(got), `"concurrent": 2`) {
		t.Errorf("fixed file:\n%s", got)
	}
	info, err := os.Lstat(link)
	must(t, err)
	if info.Mode()&os.ModeSymlink == 0 {
		t.Error("the symbolic link was replaced by a file")
	}
	info, err = os.Stat(real)
	must(t, err)
	if info.Mode().Perm() != 0o640 {
		t.Errorf("permissions %v, want 0640", info.Mode().Perm())
	}
	entries, err := os.ReadDir(filepath.Join(dir, "real"))
	must(t, err)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}

	// Nothing left to fix: the file is not written again.
	before, _ := os.Stat(real)
	r = dilint(t, dir, "", "--only", goldenRules, "--fix", "job.json")
	r.wantCode(t, 1)
	after, _ := os.Stat(real)
	if strings.Contains(r.stdout, "applied") || !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("second --fix changed something:\n%s", r.stdout)
	}
}
