package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The six policies of docs/policies.md on a job, a TaskParam and a saved
// API response, in every place the text output shows.
func TestPoliciesGolden(t *testing.T) {
	r := dilint(t, "", "", "testdata/policies")
	r.wantCode(t, 1)
	golden(t, "policies.txt", r.stdout)
}

type jsonFinding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Pointer  string `json:"pointer"`
	Start    struct {
		Line, Column int
	} `json:"start"`
}

func jsonFindings(t *testing.T, stdout string) map[string][]jsonFinding {
	t.Helper()
	var files []struct {
		Path        string        `json:"path"`
		Diagnostics []jsonFinding `json:"diagnostics"`
	}
	var doc struct {
		Files []struct {
			Path        string        `json:"path"`
			Diagnostics []jsonFinding `json:"diagnostics"`
		} `json:"files"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	files = doc.Files
	out := map[string][]jsonFinding{}
	for _, f := range files {
		out[f.Path] = f.Diagnostics
	}
	return out
}

func TestPoliciesPositions(t *testing.T) {
	r := dilint(t, "", "", "--only", "policy", "--format", "json", "testdata/policies")
	r.wantCode(t, 1)
	got := jsonFindings(t, r.stdout)
	want := map[string]string{
		"testdata/policies/prod/create_taskparam.json": "3:3 prod-resource-group /ResourceGroup",
		"testdata/policies/prod/query_response.json":   "7:617 prod-writer-no-truncate /steps/1/parameter/truncate",
	}
	for file, w := range want {
		fs := got[file]
		if len(fs) != 1 {
			t.Fatalf("%s: %+v", file, fs)
		}
		f := fs[0]
		if s := strings.Join([]string{itoa(f.Start.Line) + ":" + itoa(f.Start.Column), f.Rule, f.Pointer}, " "); s != w {
			t.Errorf("%s: %s, want %s", file, s, w)
		}
	}
	// The escaped key is where the response has it.
	src, _ := os.ReadFile(filepath.Join(repoRoot, "testdata/policies/prod/query_response.json"))
	line := strings.Split(string(src), "\n")[6]
	if !strings.HasPrefix(line[616:], `\"truncate\":true`) {
		t.Errorf("column 617 of line 7 is %q", line[616:640])
	}
	if fs := got["testdata/policies/dev/orders_dev.json"]; len(fs) != 0 {
		t.Errorf("files: [prod/**] still checks dev: %+v", fs)
	}
	if n := len(got["testdata/policies/prod/orders_defects.json"]); n != 7 {
		t.Errorf("orders_defects.json: %d findings, want 7", n)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestPoliciesSelection(t *testing.T) {
	file := "testdata/policies/prod/orders_defects.json"
	count := func(r run) map[string]int {
		m := map[string]int{}
		for _, fs := range jsonFindings(t, r.stdout) {
			for _, f := range fs {
				m[f.Rule+"="+f.Severity]++
			}
		}
		return m
	}
	r := dilint(t, "", "", "--format", "json", "--only", "prod-writer-no-truncate,shared-group-concurrency", file)
	r.wantCode(t, 1)
	if got := count(r); len(got) != 2 || got["prod-writer-no-truncate=error"] != 1 || got["shared-group-concurrency=warning"] != 1 {
		t.Errorf("--only two policies: %v", got)
	}
	r = dilint(t, "", "", "--format", "json", "--only", "shared-group-concurrency", "--enable", "shared-group-concurrency=error", file)
	if got := count(r); got["shared-group-concurrency=error"] != 1 {
		t.Errorf("--enable NAME=error: %v", got)
	}
	r = dilint(t, "", "", "--format", "json", "--disable", "policy", file)
	for k := range count(r) {
		if strings.Contains(k, "prod-") || strings.Contains(k, "prd-") {
			t.Errorf("--disable policy left %s", k)
		}
	}
	// Only warnings: exit 0 by default, 1 with --fail-on warning.
	dilint(t, "", "", "--only", "shared-group-concurrency", file).wantCode(t, 0)
	dilint(t, "", "", "--only", "shared-group-concurrency", "--fail-on", "warning", file).wantCode(t, 1)
	r = dilint(t, "", "", "--only", "prod-writer-no-truncat", file)
	r.wantCode(t, 2)
	if !strings.Contains(r.stderr, `did you mean "prod-writer-no-truncate"?`) {
		t.Errorf("stderr: %s", r.stderr)
	}
}

func TestPoliciesSARIFAndBaseline(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, filepath.Join(repoRoot, "testdata/policies"), dir)
	sarifRules := func(stdout string) (rules map[string]string, prints map[string]string) {
		var log struct {
			Runs []struct {
				Tool struct {
					Driver struct {
						Rules []struct {
							ID         string `json:"id"`
							Properties struct {
								Tags []string `json:"tags"`
							} `json:"properties"`
						} `json:"rules"`
					} `json:"driver"`
				} `json:"tool"`
				Results []struct {
					RuleID       string            `json:"ruleId"`
					Fingerprints map[string]string `json:"partialFingerprints"`
					Locations    []struct {
						PhysicalLocation struct {
							Artifact struct {
								URI string `json:"uri"`
							} `json:"artifactLocation"`
						} `json:"physicalLocation"`
					} `json:"locations"`
				} `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal([]byte(stdout), &log); err != nil {
			t.Fatal(err)
		}
		rules, prints = map[string]string{}, map[string]string{}
		for _, r := range log.Runs[0].Tool.Driver.Rules {
			rules[r.ID] = strings.Join(r.Properties.Tags, ",")
		}
		for _, r := range log.Runs[0].Results {
			prints[r.RuleID+" "+r.Locations[0].PhysicalLocation.Artifact.URI] = r.Fingerprints["dilint/v1"]
		}
		return rules, prints
	}
	r := dilint(t, dir, "", "--format", "sarif", ".")
	r.wantCode(t, 1)
	rules, before := sarifRules(r.stdout)
	for _, name := range []string{"prod-writer-no-truncate", "prod-resource-group", "shared-group-concurrency", "mysql-where-needs-splitpk", "prd-datasource-names", "odps-bizdate-partition"} {
		if rules[name] != "policy" {
			t.Errorf("tool.driver.rules: %s has tags %q", name, rules[name])
		}
	}
	// Lines moving above a finding keep its fingerprint.
	defects := filepath.Join(dir, "prod/orders_defects.json")
	src, _ := os.ReadFile(defects)
	if err := os.WriteFile(defects, []byte("\n\n"+string(src)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, after := sarifRules(dilint(t, dir, "", "--format", "sarif", ".").stdout)
	for k, v := range before {
		if after[k] != v {
			t.Errorf("fingerprint of %s changed: %s → %s", k, v, after[k])
		}
	}
	dilint(t, dir, "", "--write-baseline", "base.json", ".").wantCode(t, 0)
	r = dilint(t, dir, "", "--baseline", "base.json", ".")
	r.wantCode(t, 0)
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestPoliciesRulesAndExplain(t *testing.T) {
	dir := filepath.Join(repoRoot, "testdata/policies")
	r := dilint(t, dir, "", "rules")
	r.wantCode(t, 0)
	if !strings.Contains(r.stdout, "prod-writer-no-truncate    policy    error") {
		t.Errorf("rules:\n%s", r.stdout)
	}
	r = dilint(t, "", "", "rules", "--config", "testdata/policies/.dilint.yaml", "--format", "json")
	if !strings.Contains(r.stdout, `"name": "odps-bizdate-partition"`) {
		t.Errorf("rules --config --format json:\n%s", r.stdout)
	}
	r = dilint(t, dir, "", "explain", "prd-datasource-names")
	r.wantCode(t, 0)
	for _, want := range []string{"data sources of production jobs are named prd_*.", "group: policy", "given: steps.#.parameter", "schema-file: schemas/prd-datasource.yaml", `"pattern": "^prd_"`} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("explain lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestPoliciesConfigErrors(t *testing.T) {
	for _, tt := range []struct{ yaml, want string }{
		{"policies:\n  - name: p\n    given: steps.#(category==\"writer\"\n    schema: {}\n", `.dilint.yaml:3:12: policy "p": invalid gjson path`},
		{"policies:\n  - name: syntax\n    given: steps\n    schema: {}\n", `.dilint.yaml:2:11: policy name: "syntax" is a built-in rule`},
		{"policies:\n  - name: p\n    given: steps\n    schema: {minimum: x}\n", `.dilint.yaml:4:23: policy "p": got string, want number`},
		{"policies:\n  - name: p\n    given: steps\n    schema-file: missing.yaml\n", `.dilint.yaml:4:18: policy "p": open `},
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, ".dilint.yaml"), []byte(tt.yaml), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "job.json"), []byte(`{"type":"job","steps":[]}`), 0o644); err != nil {
			t.Fatal(err)
		}
		r := dilint(t, dir, "", "job.json")
		r.wantCode(t, 3)
		if !strings.Contains(r.stderr, tt.want) {
			t.Errorf("stderr %q, want %q", r.stderr, tt.want)
		}
	}
}
