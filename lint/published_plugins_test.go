package lint

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestPublishedPluginDemos lints the script-mode demos of the plugin pages
// (../testdata/published, files 50 to 79) with every rule at its default
// severity, as the command line does: none may get an error but the blank
// data source the demos leave for the reader to fill in ("datasource": ""),
// which DataWorks cannot run and schema-other reports. Before the
// plugin list and record shapes, two of them were rejected by column-count
// (an HBase reader in multiVersionFixedColumn mode, a Tablestore writer's
// primaryKey) and ten were told their stepType was not a plugin id.
func TestPublishedPluginDemos(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "published", "*.json"))
	l := &Linter{}
	n := 0
	for _, file := range files {
		base := filepath.Base(file)
		num, err := strconv.Atoi(strings.SplitN(base, "-", 2)[0])
		if err != nil || num < 50 || num > 79 {
			continue
		}
		n++
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		_, diags := l.LintFile(base, src)
		for _, d := range diags {
			blankSource := d.Rule == "schema-other" && strings.HasSuffix(d.Pointer, "/datasource") && d.Message == "must not be empty"
			if (d.Severity == SeverityError && !blankSource) || d.Rule == "unknown-step-type" || d.Rule == "column-count" {
				t.Errorf("%s: %s %s %s: %s", base, d.Severity, d.Rule, d.Start, d.Message)
			}
		}
	}
	if n < 20 {
		t.Errorf("only %d plugin demos in ../testdata/published", n)
	}
}
