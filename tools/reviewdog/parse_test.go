package reviewdog

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reviewdog/reviewdog/parser"
	"github.com/reviewdog/reviewdog/proto/rdf"
	"google.golang.org/protobuf/encoding/protojson"
)

// The golden files are dilint's output for the README's sample jobs and
// the CLI's test inputs, with paths relative to the repository root.
const (
	repoRoot  = "../.."
	goldenDir = "../../internal/cli/testdata/golden"
)

func read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(goldenDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// checkDiagnostics holds what every format must carry through reviewdog:
// five findings, each with a path that exists and a position on a line
// of that file.
func checkDiagnostics(t *testing.T, diags []*rdf.Diagnostic) {
	t.Helper()
	if len(diags) != 5 {
		t.Fatalf("reviewdog read %d diagnostics, want 5", len(diags))
	}
	for _, d := range diags {
		path := d.GetLocation().GetPath()
		src, err := os.ReadFile(filepath.Join(repoRoot, path))
		if err != nil {
			t.Errorf("diagnostic for a file that does not exist: %v", err)
			continue
		}
		start := d.GetLocation().GetRange().GetStart()
		if lines := bytes.Count(src, []byte("\n")) + 1; start.GetLine() < 1 || int(start.GetLine()) > lines {
			t.Errorf("%s: line %d outside the file", path, start.GetLine())
		}
		if d.GetMessage() == "" {
			t.Errorf("%s: empty message", path)
		}
	}
}

func TestRDJSON(t *testing.T) {
	src := read(t, "samples.rdjson")
	// reviewdog's parser discards unknown fields; decoding strictly first
	// catches a misspelt one.
	var strict rdf.DiagnosticResult
	if err := protojson.Unmarshal(src, &strict); err != nil {
		t.Fatalf("not a strict DiagnosticResult: %v", err)
	}
	diags, err := parser.NewRDJSONParser().Parse(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	checkDiagnostics(t, diags)
	checkRDRanges(t, diags)
}

func TestRDJSONL(t *testing.T) {
	src := read(t, "samples.rdjsonl")
	for _, line := range strings.Split(strings.TrimSpace(string(src)), "\n") {
		var strict rdf.Diagnostic
		if err := protojson.Unmarshal([]byte(line), &strict); err != nil {
			t.Fatalf("not a strict Diagnostic: %v\n%s", err, line)
		}
	}
	diags, err := parser.NewRDJSONLParser().Parse(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	checkDiagnostics(t, diags)
	checkRDRanges(t, diags)
}

// checkRDRanges applies rdjson's rules to the files: columns are 1-based
// byte offsets and the end is exclusive, so a duplicate-key range selects
// the quoted key, and applying a suggestion yields the fixed text.
func checkRDRanges(t *testing.T, diags []*rdf.Diagnostic) {
	t.Helper()
	suggestions := 0
	for _, d := range diags {
		src, err := os.ReadFile(filepath.Join(repoRoot, d.GetLocation().GetPath()))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitAfter(string(src), "\n")
		r := d.GetLocation().GetRange()
		if d.GetCode().GetValue() == "duplicate-key" {
			line := lines[r.GetStart().GetLine()-1]
			if got := line[r.GetStart().GetColumn()-1 : r.GetEnd().GetColumn()-1]; got != `"concurrent"` {
				t.Errorf("%s: range selects %q", d.GetLocation().GetPath(), got)
			}
		}
		if d.GetCode().GetUrl() == "" || d.GetSeverity() != rdf.Severity_ERROR {
			t.Errorf("diagnostic without code URL or severity: %v", d)
		}
		for _, s := range d.GetSuggestions() {
			suggestions++
			start, end := offset(lines, s.GetRange().GetStart()), offset(lines, s.GetRange().GetEnd())
			fixed := string(src[:start]) + s.GetText() + string(src[end:])
			switch d.GetCode().GetValue() {
			case "comments":
				if strings.Contains(fixed, "//") {
					t.Errorf("comment suggestion leaves the comment")
				}
			case "trailing-comma":
				if strings.Contains(fixed, ",}") {
					t.Errorf("trailing-comma suggestion leaves the comma")
				}
			}
		}
	}
	if suggestions != 2 {
		t.Errorf("%d suggestions, want 2", suggestions)
	}
}

// offset turns an rdjson position into a byte offset.
func offset(lines []string, p *rdf.Position) int {
	n := 0
	for _, l := range lines[:p.GetLine()-1] {
		n += len(l)
	}
	return n + int(p.GetColumn()) - 1
}

func TestCheckstyle(t *testing.T) {
	diags, err := parser.NewCheckStyleParser().Parse(bytes.NewReader(read(t, "samples.checkstyle")))
	if err != nil {
		t.Fatal(err)
	}
	checkDiagnostics(t, diags)
}

func TestSARIF(t *testing.T) {
	diags, err := parser.NewSarifParser().Parse(bytes.NewReader(read(t, "samples.sarif")))
	if err != nil {
		t.Fatal(err)
	}
	checkDiagnostics(t, diags)
	for _, d := range diags {
		if d.GetCode().GetValue() == "" || d.GetSeverity() != rdf.Severity_ERROR {
			t.Errorf("SARIF result lost its rule or level: %v", d)
		}
	}
}
