package lint

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// Every YAML example of docs/policies.md is a configuration that loads,
// and each of its six policies is the one testdata/policies runs, so the
// page cannot drift from what the tests check.
func TestPolicyDocsExamples(t *testing.T) {
	page, err := os.ReadFile("../docs/policies.md")
	if err != nil {
		t.Fatal(err)
	}
	cfgFile := filepath.Join("..", "testdata", "policies", ".dilint.yaml")
	src, err := os.ReadFile(cfgFile)
	if err != nil {
		t.Fatal(err)
	}
	want := policiesByName(t, src)
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllSubmatch(page, -1)
	if len(blocks) < 7 {
		t.Fatalf("%d yaml examples, want the overview and six policies", len(blocks))
	}
	documented := 0
	for i, b := range blocks {
		cfg, err := ParseConfig(cfgFile, b[1])
		if err != nil {
			t.Errorf("example %d does not load: %v\n%s", i+1, err, b[1])
			continue
		}
		if i == 0 {
			continue // the overview shows the keys, not a policy verbatim
		}
		for name, p := range policiesByName(t, b[1]) {
			documented++
			if w, ok := want[name]; !ok || w != p {
				t.Errorf("policy %s in docs/policies.md differs from %s:\n%s\nwant\n%s", name, cfgFile, p, w)
			}
		}
		if len(cfg.Policies()) == 0 {
			t.Errorf("example %d defines no policy", i+1)
		}
	}
	if documented != len(want) || documented < 6 {
		t.Errorf("docs show %d policies, testdata runs %d", documented, len(want))
	}
}

// policiesByName returns each policy of a configuration re-encoded as
// YAML, which compares them independently of layout and comments.
func policiesByName(t *testing.T, src []byte) map[string]string {
	t.Helper()
	var doc struct {
		Policies []map[string]any `yaml:"policies"`
	}
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, p := range doc.Policies {
		b, err := yaml.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		out[p["name"].(string)] = strings.TrimSpace(string(b))
	}
	return out
}
