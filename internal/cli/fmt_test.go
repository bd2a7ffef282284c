package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// messy is a job in one line with keys out of order, a number beyond
// float64's precision and a field dilint does not know.
const messy = `{"steps":[{"name":"Reader","category":"reader","stepType":"stream","parameter":{"column":[],"x-note":"keep me"}},{"stepType":"stream","name":"Writer","category":"writer","parameter":{}}],"version":"2.0","type":"job","extend":{"resourceGroupId":9007199254740993,"ratio":1.50},"order":{"hops":[{"from":"Reader","to":"Writer"}]}}`

func TestFmt(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"jobs/messy.json":    messy,
		"jobs/clean.json":    cleanJob,
		"jobs/comments.json": "// note\n" + cleanJob,
		"jobs/other.json":    `{"name":"not a job"}`,
	})
	r := dilint(t, dir, "", "fmt", "--check", "jobs")
	r.wantCode(t, 1)
	if r.stdout != "jobs/clean.json\njobs/messy.json\n" || !strings.Contains(r.stderr, "jobs/comments.json:1:1: has a comment") {
		t.Errorf("stdout %q\nstderr %q", r.stdout, r.stderr)
	}

	r = dilint(t, dir, "", "fmt", "jobs/messy.json")
	r.wantCode(t, 0)
	got, err := os.ReadFile(filepath.Join(dir, "jobs", "messy.json"))
	must(t, err)
	for _, want := range []string{"{\n  \"steps\": [\n    {\n      \"name\": \"Reader\",", `"resourceGroupId": 9007199254740993`, `"ratio": 1.50`, `"x-note": "keep me"`} {
		if !strings.Contains(string(got), want) {
			t.Errorf("formatted file lacks %q:\n%s", want, got)
		}
	}
	// Idempotent.
	dilint(t, dir, "", "fmt", "--check", "jobs/messy.json").wantCode(t, 0)

	// Canonical key order puts type and version first.
	r = dilint(t, dir, messy, "fmt", "--sort-keys", "-")
	r.wantCode(t, 0)
	if !strings.HasPrefix(r.stdout, "{\n  \"type\": \"job\",\n  \"version\": \"2.0\",\n  \"steps\": [\n    {\n      \"stepType\": \"stream\",\n      \"name\": \"Reader\",") {
		t.Errorf("--sort-keys:\n%s", r.stdout)
	}
	// An API response is left alone, with a note when named.
	r = dilint(t, "", "", "fmt", "--check", "testdata/samples/query_response.json")
	r.wantCode(t, 0)
	if !strings.Contains(r.stderr, "not formatted") {
		t.Errorf("stderr %q", r.stderr)
	}
	// --diff shows the change without making it.
	must(t, os.WriteFile(filepath.Join(dir, "jobs", "messy.json"), []byte(messy), 0o644))
	r = dilint(t, dir, "", "fmt", "--diff", "jobs/messy.json")
	r.wantCode(t, 0)
	if !strings.HasPrefix(r.stdout, "--- a/jobs/messy.json\n+++ b/jobs/messy.json\n@@ -1 +1,") || !strings.Contains(r.stdout, "\\ No newline at end of file") {
		t.Errorf("diff:\n%s", r.stdout)
	}
}
