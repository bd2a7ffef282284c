package cli_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dilint/dilint/internal/corpus"
)

// TestManyFilesInOrder lints small and large files mixed, each with
// findings, with one worker and with several: the results of small and
// large files wait for their turn under different bounds, and the output
// must not depend on it (same bytes, files in walk order).
func TestManyFilesInOrder(t *testing.T) {
	dir := t.TempDir()
	for i := range 300 {
		src := corpus.Batch(i, i%2 == 0)
		// A trailing space in a step name: every file has a finding.
		src = bytes.Replace(src, []byte(`"Reader"`), []byte(`"Reader "`), 1)
		if i%50 == 7 {
			// A large file (over the small-result size) now and then.
			src = corpus.Solution(corpus.Options{Tables: 800 + i, Seed: uint64(i)})
			src = append(src[:len(src)-1], []byte(`,"type":"job"}`)...)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("job-%03d.json", i)), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	outputs := map[string]string{}
	for _, procs := range []string{"1", "4"} {
		t.Setenv("GOMAXPROCS", procs)
		r := dilint(t, "", "", "lint", "--format", "json", dir)
		if r.code != 1 {
			t.Fatalf("GOMAXPROCS=%s: exit %d, stderr %s", procs, r.code, r.stderr)
		}
		outputs[procs] = r.stdout
	}
	if outputs["1"] != outputs["4"] {
		t.Fatal("output with 4 workers differs from output with 1")
	}
	var report struct {
		Files []struct {
			Path        string
			Diagnostics []json.RawMessage
		}
	}
	if err := json.Unmarshal([]byte(outputs["4"]), &report); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range report.Files {
		paths = append(paths, f.Path)
		if len(f.Diagnostics) == 0 {
			t.Errorf("%s: no findings", f.Path)
		}
	}
	if len(paths) != 300 || !slices.IsSorted(paths) {
		t.Errorf("%d files, sorted %v", len(paths), slices.IsSorted(paths))
	}
}
