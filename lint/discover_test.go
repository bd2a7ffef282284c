package lint

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// Each file is yielded once, however many arguments or glob matches
// lead to it, and in the order of the arguments.
func TestDiscoverOnce(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"jobs/a.json", "jobs/sub/b.json", "jobs/c.txt", "other/d.json"} {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(`{}`), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	names := func(args ...string) []string {
		var out []string
		for tg := range Discover(args, Filter{}, "") {
			if tg.Err != nil {
				t.Fatalf("%v: %s: %v", args, tg.Name, tg.Err)
			}
			out = append(out, tg.Name)
		}
		return out
	}
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"jobs"}, []string{"jobs/a.json", "jobs/sub/b.json"}},
		// A glob's matches are named files: jobs/c.txt too.
		{[]string{"jobs/**"}, []string{"jobs/a.json", "jobs/sub/b.json", "jobs/c.txt"}},
		{[]string{"jobs/a.json", "jobs", "jobs/sub/b.json"}, []string{"jobs/a.json", "jobs/sub/b.json"}},
		{[]string{"other", "jobs/**/*.json", "jobs"}, []string{"other/d.json", "jobs/a.json", "jobs/sub/b.json"}},
	} {
		if got := names(tc.args...); !slices.Equal(got, tc.want) {
			t.Errorf("%v: %v, want %v", tc.args, got, tc.want)
		}
	}
}
