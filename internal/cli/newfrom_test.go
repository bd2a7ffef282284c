package cli

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const samplePatch = `diff --git a/jobs/a.json b/jobs/a.json
index 1111111..2222222 100644
--- a/jobs/a.json
+++ b/jobs/a.json
@@ -1,4 +1,5 @@
 {
-  "type": "job",
+  "type": "job",
+  "version": "2.0",
   "steps": [],
   "order": {}
@@ -10 +11,0 @@
-  "gone": 1
@@ -20,2 +20,2 @@
 x
-y
+z
\ No newline at end of file
diff --git a/jobs/new.json b/jobs/new.json
new file mode 100644
--- /dev/null
+++ b/jobs/new.json
@@ -0,0 +1,2 @@
+{
+}
diff --git a/jobs/old.json b/jobs/old.json
deleted file mode 100644
--- a/jobs/old.json
+++ /dev/null
@@ -1 +0,0 @@
-{}
`

func TestParsePatch(t *testing.T) {
	ch, err := parsePatch(strings.NewReader(samplePatch), "/repo")
	if err != nil {
		t.Fatal(err)
	}
	a := filepath.FromSlash("/repo/jobs/a.json")
	want := []lineRange{{2, 3}, {21, 21}}
	if got := ch.lines[a]; !slices.Equal(got, want) {
		t.Errorf("a.json lines %v, want %v", got, want)
	}
	if !ch.whole[filepath.FromSlash("/repo/jobs/new.json")] {
		t.Error("new.json is not new as a whole")
	}
	if _, ok := ch.lines[filepath.FromSlash("/repo/jobs/old.json")]; ok {
		t.Error("a deleted file has changed lines")
	}
	if _, err := parsePatch(strings.NewReader("--- a/x\n+++ b/x\n@@ -a +b @@\n"), "/"); err == nil {
		t.Error("a bad hunk header is accepted")
	}
}

// FuzzParsePatch: any input gives an error or line ranges that are
// positive and ordered, never a panic.
func FuzzParsePatch(f *testing.F) {
	f.Add(samplePatch)
	f.Add("--- a/x\n+++ b/x\n@@ -1,2 +1,3 @@\n+a\n b\n-c\n")
	f.Fuzz(func(t *testing.T, patch string) {
		ch, err := parsePatch(strings.NewReader(patch), "/r")
		if err != nil {
			return
		}
		for file, rs := range ch.lines {
			for _, r := range rs {
				if r.last < r.first {
					t.Fatalf("%s: range %v", file, r)
				}
			}
		}
	})
}
