package cli_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The tests in this file hand dilint's output to real consumers: the
// official SARIF schema and Go's XML decoder. reviewdog itself parses the
// rdjson and rdjsonl golden files in tools/reviewdog.

func lintSamples(t *testing.T, format string) run {
	t.Helper()
	args := append([]string{"--only", goldenRules, "--format", format}, goldenInputs...)
	r := dilint(t, "", "", args...)
	r.wantCode(t, 1)
	return r
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	sch := compileSchema(t, filepath.Join("testdata", "sarif", "sarif-2.1.0.json"))

	for name, args := range map[string][]string{
		"findings": nil,
		// A path that does not exist becomes a tool execution
		// notification, which has its own part of the schema.
		"failure": {"testdata/samples/no-such-job.json"},
	} {
		t.Run(name, func(t *testing.T) {
			all := append(append([]string{"--only", goldenRules, "--format", "sarif"}, goldenInputs...), args...)
			r := dilint(t, "", "", all...)
			inst, err := jsonschema.UnmarshalJSON(strings.NewReader(r.stdout))
			if err != nil {
				t.Fatalf("not JSON: %v", err)
			}
			if err := sch.Validate(inst); err != nil {
				t.Fatalf("SARIF output is not valid SARIF 2.1.0:\n%v", err)
			}
		})
	}

	// Beyond the schema: what GitHub code scanning needs of every result.
	var log struct {
		Runs []struct {
			ColumnKind string
			Tool       struct {
				Driver struct {
					Rules []struct {
						ID      string
						HelpURI string
						Help    struct{ Text string }
					}
				}
			}
			Results []struct {
				RuleID              string
				RuleIndex           int
				PartialFingerprints map[string]string
				Locations           []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn, EndLine, EndColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(lintSamples(t, "sarif").stdout), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if run.ColumnKind != "utf16CodeUnits" {
		t.Errorf("columnKind = %q", run.ColumnKind)
	}
	for _, rule := range run.Tool.Driver.Rules {
		if rule.HelpURI == "" || rule.Help.Text == "" {
			t.Errorf("rule %s lacks helpUri or help text", rule.ID)
		}
	}
	found := false
	for _, res := range run.Results {
		if run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s has ruleIndex %d naming %s", res.RuleID, res.RuleIndex, run.Tool.Driver.Rules[res.RuleIndex].ID)
		}
		if res.PartialFingerprints["dilint/v1"] == "" {
			t.Errorf("result %s has no partial fingerprint", res.RuleID)
		}
		loc := res.Locations[0].PhysicalLocation
		if loc.Region.StartLine == 0 || loc.Region.EndLine == 0 || loc.Region.StartColumn == 0 || loc.Region.EndColumn == 0 {
			t.Errorf("result %s at %s has an incomplete region %+v", res.RuleID, loc.ArtifactLocation.URI, loc.Region)
		}
		// unicode.json line 8: the duplicate key is at byte column 67;
		// before it are 备注 and 每秒 (3 bytes, 1 UTF-16 unit each) and 🚀
		// (4 bytes, 2 units), so SARIF's column is 67-4-4-2 = 57.
		if strings.HasSuffix(loc.ArtifactLocation.URI, "unicode.json") && res.RuleID == "duplicate-key" {
			found = true
			if loc.Region.StartColumn != 57 || loc.Region.EndColumn != 69 {
				t.Errorf("UTF-16 columns %d-%d, want 57-69", loc.Region.StartColumn, loc.Region.EndColumn)
			}
		}
	}
	if !found {
		t.Error("no duplicate-key result for unicode.json")
	}
}

func TestCheckstyleParsesAsXML(t *testing.T) {
	var report struct {
		XMLName xml.Name `xml:"checkstyle"`
		Version string   `xml:"version,attr"`
		Files   []struct {
			Name   string `xml:"name,attr"`
			Errors []struct {
				Line     int    `xml:"line,attr"`
				Column   int    `xml:"column,attr"`
				Severity string `xml:"severity,attr"`
				Message  string `xml:"message,attr"`
				Source   string `xml:"source,attr"`
			} `xml:"error"`
		} `xml:"file"`
	}
	out := lintSamples(t, "checkstyle").stdout
	if err := xml.NewDecoder(strings.NewReader(out)).Decode(&report); err != nil {
		t.Fatal(err)
	}
	if report.Version != "5.0" {
		t.Errorf("version %q", report.Version)
	}
	n := 0
	for _, f := range report.Files {
		for _, e := range f.Errors {
			n++
			if e.Line == 0 || e.Column == 0 || e.Severity != "error" || !strings.HasPrefix(e.Source, "dilint.") || e.Message == "" {
				t.Errorf("%s: incomplete error %+v", f.Name, e)
			}
		}
	}
	if len(report.Files) != 6 || n != 5 {
		t.Errorf("got %d files and %d errors, want 6 and 5", len(report.Files), n)
	}
}

func TestJUnitParsesAsXML(t *testing.T) {
	type testcase struct {
		Name    string `xml:"name,attr"`
		Failure *struct {
			Type string `xml:"type,attr"`
			Text string `xml:",chardata"`
		} `xml:"failure"`
	}
	var report struct {
		XMLName  xml.Name `xml:"testsuites"`
		Tests    int      `xml:"tests,attr"`
		Failures int      `xml:"failures,attr"`
		Suites   []struct {
			Name  string     `xml:"name,attr"`
			Time  string     `xml:"time,attr"`
			Cases []testcase `xml:"testcase"`
		} `xml:"testsuite"`
	}
	out := lintSamples(t, "junit").stdout
	if err := xml.NewDecoder(strings.NewReader(out)).Decode(&report); err != nil {
		t.Fatal(err)
	}
	if report.Failures != 5 || report.Tests != 8 || len(report.Suites) != 6 {
		t.Errorf("tests=%d failures=%d suites=%d, want 8, 5, 6", report.Tests, report.Failures, len(report.Suites))
	}
	for _, s := range report.Suites {
		if s.Time == "" {
			t.Errorf("suite %s has no time", s.Name)
		}
		for _, c := range s.Cases {
			if c.Failure != nil && !strings.Contains(c.Failure.Text, s.Name+":") {
				t.Errorf("failure text %q does not start with the file", c.Failure.Text)
			}
		}
	}
}

// TestRDJSONShape checks what reviewdog requires without reviewdog: every
// field known (strict decoding), byte columns, an exclusive end, and
// suggestions from fixes. tools/reviewdog runs reviewdog's own parser.
func TestRDJSONShape(t *testing.T) {
	type position struct{ Line, Column int }
	type rng struct {
		Start position
		End   *position
	}
	type diagnostic struct {
		Message  string
		Location struct {
			Path  string
			Range *rng
		}
		Severity    string
		Source      *struct{ Name, URL string }
		Code        *struct{ Value, URL string }
		Suggestions []struct {
			Range rng
			Text  string
		}
		RelatedLocations []struct {
			Message  string
			Location struct {
				Path  string
				Range *rng
			}
		}
	}
	var result struct {
		Source      struct{ Name, URL string }
		Diagnostics []diagnostic
	}
	dec := json.NewDecoder(strings.NewReader(lintSamples(t, "rdjson").stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&result); err != nil {
		t.Fatal(err)
	}
	var lines []diagnostic
	for _, l := range strings.Split(strings.TrimSpace(lintSamples(t, "rdjsonl").stdout), "\n") {
		var d diagnostic
		dec := json.NewDecoder(strings.NewReader(l))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&d); err != nil {
			t.Fatalf("%v in %s", err, l)
		}
		lines = append(lines, d)
	}
	if len(lines) != len(result.Diagnostics) || len(lines) != 5 {
		t.Fatalf("rdjsonl has %d diagnostics, rdjson %d; want 5", len(lines), len(result.Diagnostics))
	}
	suggestions := 0
	for _, d := range result.Diagnostics {
		src, err := os.ReadFile(filepath.Join(repoRoot, d.Location.Path))
		if err != nil {
			t.Fatal(err)
		}
		r := d.Location.Range
		// The range's start is a 1-based byte column: the key of a
		// duplicate starts with its quote.
		if d.Code.Value == "duplicate-key" {
			line := bytes.Split(src, []byte("\n"))[r.Start.Line-1]
			if got := string(line[r.Start.Column-1 : r.End.Column-1]); got != `"concurrent"` {
				t.Errorf("%s: range selects %q, want the key", d.Location.Path, got)
			}
		}
		suggestions += len(d.Suggestions)
	}
	if suggestions != 2 {
		t.Errorf("%d suggestions, want 2 (comment, trailing comma)", suggestions)
	}
}

// TestCodeQualityReport checks --format codequality against what GitLab
// reads (testdata/codequality, from GitLab's report format page) and the
// two properties its merge request widget relies on: fingerprints are
// unique within a report (GitLab keeps only the first of each) and stay
// the same when the findings move to other lines.
func TestCodeQualityReport(t *testing.T) {
	sch := compileSchema(t, filepath.Join("testdata", "codequality", "gitlab-codequality.schema.json"))
	type issue struct {
		CheckName   string `json:"check_name"`
		Fingerprint string
		Severity    string
		Location    struct {
			Path  string
			Lines struct{ Begin int }
		}
	}
	report := func(t *testing.T, stdout string) []issue {
		t.Helper()
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(stdout))
		if err != nil {
			t.Fatalf("not JSON: %v\n%s", err, stdout)
		}
		if err := sch.Validate(inst); err != nil {
			t.Fatalf("not a Code Quality report GitLab reads:\n%v", err)
		}
		var issues []issue
		if err := json.Unmarshal([]byte(stdout), &issues); err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, is := range issues {
			if seen[is.Fingerprint] {
				t.Errorf("fingerprint %s used twice", is.Fingerprint)
			}
			seen[is.Fingerprint] = true
		}
		return issues
	}

	issues := report(t, lintSamples(t, "codequality").stdout)
	if len(issues) == 0 {
		t.Fatal("no issues for the samples")
	}
	// A missing file is reported too, as an issue of the run.
	r := dilint(t, "", "", "--format", "codequality", "testdata/samples/no-such-job.json")
	r.wantCode(t, 3)
	if got := report(t, r.stdout); len(got) != 1 || got[0].Severity != "blocker" {
		t.Errorf("missing file: %+v", got)
	}
	// No findings: an empty array.
	r = dilint(t, "", "", "--format", "codequality", "--only", "syntax", "testdata/samples/batch_mysql_odps.json")
	r.wantCode(t, 0)
	if got := report(t, r.stdout); len(got) != 0 {
		t.Errorf("clean file: %+v", got)
	}

	// The same findings three lines further down keep their fingerprints.
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "samples", "defects.json"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	lintAt := func(content []byte) []issue {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, "job.json"), content, 0o644); err != nil {
			t.Fatal(err)
		}
		r := dilint(t, dir, "", "--format", "codequality", "job.json")
		return report(t, r.stdout)
	}
	before := lintAt(src)
	after := lintAt(append([]byte("\n\n\n"), src...))
	if len(before) == 0 || len(before) != len(after) {
		t.Fatalf("%d issues before the move, %d after", len(before), len(after))
	}
	for i := range before {
		if before[i].Fingerprint != after[i].Fingerprint {
			t.Errorf("%s: fingerprint changed when the finding moved down", before[i].CheckName)
		}
		if after[i].Location.Lines.Begin != before[i].Location.Lines.Begin+3 {
			t.Errorf("%s: line %d after the move, want %d", before[i].CheckName, after[i].Location.Lines.Begin, before[i].Location.Lines.Begin+3)
		}
	}
}

// TestTextColumnsMatchSARIF: the text format's path:line:col names the
// same character as SARIF's region on every finding, including after the
// multi-byte characters of unicode.json (byte columns would be 10 further
// right there).
func TestTextColumnsMatchSARIF(t *testing.T) {
	text := lintSamples(t, "text").stdout
	var log struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(lintSamples(t, "sarif").stdout), &log); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, res := range log.Runs[0].Results {
		loc := res.Locations[0].PhysicalLocation
		want := fmt.Sprintf("%s:%d:%d: ", loc.ArtifactLocation.URI, loc.Region.StartLine, loc.Region.StartColumn)
		if !strings.Contains(text, "\n"+want) && !strings.HasPrefix(text, want) {
			t.Errorf("text output has no finding at %s", want)
		}
		n++
	}
	if n == 0 || !strings.Contains(text, "unicode.json:8:57: ") {
		t.Errorf("no findings compared, or unicode.json's duplicate key not at 8:57:\n%s", text)
	}
}

// compileSchema compiles a JSON Schema file of testdata with formats
// asserted, as the consumers of an output format check it.
func compileSchema(t *testing.T, path string) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	url := "https://dilint.test/" + filepath.Base(path)
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}
