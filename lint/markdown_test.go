package lint

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestRulePages keeps docs/rules equal to what the code says and does: each
// page shows the diagnostics the engine really reports for the rule's bad
// example. Run with -update to regenerate after changing a rule.
func TestRulePages(t *testing.T) {
	dir := filepath.Join("..", "docs", "rules")
	pages := map[string][]byte{"README.md": MarkdownIndex()}
	for _, r := range All() {
		pages[r.Name+".md"] = Markdown(r)
	}
	if *update {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		old, _ := filepath.Glob(filepath.Join(dir, "*.md"))
		for _, f := range old {
			if _, ok := pages[filepath.Base(f)]; !ok {
				os.Remove(f)
			}
		}
		for name, b := range pages {
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	for name, want := range pages {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("docs/rules/%s is out of date; run go test ./lint -run TestRulePages -update", name)
		}
	}
	existing, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	if len(existing) != len(pages) {
		t.Errorf("docs/rules has %d pages, want %d (one per rule and README.md)", len(existing), len(pages))
	}
}
