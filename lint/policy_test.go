package lint

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dilint/dilint/taskcontent"
)

const policyJob = `{
  "type": "job",
  "version": "2.0",
  "steps": [
    {"stepType": "mysql", "category": "reader", "name": "r",
     "parameter": {"datasource": "prd_a", "where": "id > 0", "column": ["id"], "connection": [{"datasource": "prd_a", "table": ["t"]}]}},
    {"stepType": "odps", "category": "writer", "name": "w",
     "parameter": {"datasource": "prd_b", "table": "t", "truncate": true, "partition": "pt=${bizdate}", "column": ["id"]}}
  ],
  "setting": {"speed": {"concurrent": 2, "throttle": false}, "errorLimit": {"record": 0}},
  "order": {"hops": [{"from": "r", "to": "w"}]}
}`

const truncatePolicy = `
policies:
  - name: no-truncate
    message: production writers never truncate
    given: steps.#(category=="writer")#.parameter
    schema:
      properties:
        truncate: {const: false}
`

// policyFindings lints src under the configuration and returns the
// findings of policies as "line:col rule: message".
func policyFindings(t *testing.T, cfgYAML, name, src string) []string {
	t.Helper()
	cfg, err := ParseConfig("cfg.yaml", []byte(cfgYAML))
	if err != nil {
		t.Fatal(err)
	}
	_, diags := (&Linter{Selector: cfg}).LintFile(name, []byte(src))
	var out []string
	for _, d := range diags {
		if r, ok := Lookup(d.Rule); ok && r.Group != PolicyGroup {
			continue
		}
		out = append(out, d.Start.String()+" "+d.Rule+" "+d.Severity.String()+": "+d.Message)
	}
	return out
}

func TestPolicyOnJob(t *testing.T) {
	got := policyFindings(t, truncatePolicy, "job.json", policyJob)
	want := []string{`8:57 no-truncate error: production writers never truncate: truncate: value must be false`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	clean := strings.Replace(policyJob, `"truncate": true`, `"truncate": false`, 1)
	if got := policyFindings(t, truncatePolicy, "job.json", clean); len(got) > 0 {
		t.Errorf("clean job: %q", got)
	}
}

// Inside a saved API response the finding is at the escaped member in the
// response, on its line and column.
func TestPolicyOnEnvelope(t *testing.T) {
	inner := strings.Join(strings.Fields(policyJob), " ")
	var b strings.Builder
	b.WriteString("{\n  \"RequestId\": \"r\",\n  \"Success\": true,\n  \"Data\": {\n    \"Status\": \"success\",\n    \"TaskContent\": \"")
	b.WriteString(strings.ReplaceAll(inner, `"`, `\"`))
	b.WriteString("\"\n  }\n}\n")
	src := b.String()
	got := policyFindings(t, truncatePolicy, "resp.json", src)
	if len(got) != 1 {
		t.Fatalf("got %q", got)
	}
	off := strings.Index(src, `\"truncate\"`)
	line := strings.Count(src[:off], "\n") + 1
	col := off - strings.LastIndex(src[:off], "\n")
	if want := "6:" + strconv.Itoa(col); line != 6 || !strings.HasPrefix(got[0], want+" ") {
		t.Errorf("got %q, want at %d:%d", got[0], line, col)
	}
}

func TestPolicyOnTaskParam(t *testing.T) {
	cfg := `
policies:
  - name: prod-group
    severity: warning
    given: "@this"
    schema:
      properties:
        ResourceGroup: {type: string, pattern: "^S_res_group_prod_"}
`
	src := "{\n  \"FileFolderPath\": \"a/b\",\n  \"ResourceGroup\": \"S_res_group_1\",\n  \"Cu\": 2\n}\n"
	got := policyFindings(t, cfg, "tp.json", src)
	want := `3:3 prod-group warning: prod-group: ResourceGroup: 'S_res_group_1' does not match pattern '^S_res_group_prod_'`
	if len(got) != 1 || !strings.HasPrefix(got[0], "3:3 prod-group warning: ") || !strings.Contains(got[0], "does not match pattern") {
		t.Errorf("got %q, want %q", got, want)
	}
}

// The full 2020-12 vocabulary works, not the subset dilint's own schemas
// use: oneOf, dependentRequired, uniqueItems, format, if/then.
func TestPolicyFullJSONSchema(t *testing.T) {
	cfg := `
policies:
  - name: reader-rules
    message: reader rules
    given: steps.0.parameter
    schema:
      dependentRequired: {where: [splitPk]}
      properties:
        column: {uniqueItems: true}
        owner: {format: email}
        datasource:
          oneOf:
            - {pattern: "^prd_"}
            - {pattern: "_a$"}
`
	src := strings.Replace(policyJob, `"column": ["id"], "connection"`, `"column": ["id", "id"], "owner": "not-an-email", "connection"`, 1)
	got := policyFindings(t, cfg, "job.json", src)
	joined := strings.Join(got, "\n")
	for _, want := range []string{
		"properties 'splitPk' required, if 'where' exists",
		"column: items at 0 and 1 are equal",
		"owner: 'not-an-email' is not valid email",
		"datasource: 'oneOf' failed, subschemas 0, 1 matched",
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("missing %q in\n%s", want, joined)
		}
	}
}

// A policy's schema may name another draft with $schema; format is
// asserted in each, as policies configure the compiler.
func TestPolicyOtherDrafts(t *testing.T) {
	cfg := `
policies:
  - name: draft-07
    given: steps.0.parameter
    schema:
      $schema: "http://json-schema.org/draft-07/schema#"
      properties:
        owner: {format: email}
      dependencies: {where: [splitPk]}
  - name: draft-04
    given: setting.speed
    schema:
      $schema: "http://json-schema.org/draft-04/schema#"
      properties:
        concurrent: {maximum: 2, exclusiveMaximum: true}
  - name: draft-2019-09
    given: steps.1.parameter
    schema:
      $schema: "https://json-schema.org/draft/2019-09/schema"
      properties:
        table: {}
        truncate: {}
      unevaluatedProperties: false
`
	src := strings.Replace(policyJob, `"column": ["id"], "connection"`, `"column": ["id"], "owner": "not-an-email", "connection"`, 1)
	got := policyFindings(t, cfg, "job.json", src)
	want := []string{
		`6:43 draft-07 error: does not satisfy policy draft-07: properties 'splitPk' required, if 'where' exists`,
		`6:80 draft-07 error: does not satisfy policy draft-07: owner: 'not-an-email' is not valid email: missing @`,
		`8:20 draft-2019-09 error: does not satisfy policy draft-2019-09: datasource: false schema`,
		`8:75 draft-2019-09 error: does not satisfy policy draft-2019-09: partition: false schema`,
		`8:105 draft-2019-09 error: does not satisfy policy draft-2019-09: column: false schema`,
		`10:25 draft-04 error: does not satisfy policy draft-04: concurrent: exclusiveMaximum: got 2, want 2`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestPolicyFilesAndSelection(t *testing.T) {
	cfg := truncatePolicy + `    files: ["prod/**"]
overrides:
  - files: ["prod/legacy/*.json"]
    disable: [no-truncate]
`
	if got := policyFindings(t, cfg, "dev/job.json", policyJob); len(got) != 0 {
		t.Errorf("dev: %q", got)
	}
	if got := policyFindings(t, cfg, "prod/job.json", policyJob); len(got) != 1 {
		t.Errorf("prod: %q", got)
	}
	if got := policyFindings(t, cfg, "prod/legacy/job.json", policyJob); len(got) != 0 {
		t.Errorf("prod/legacy: %q", got)
	}
	// The group and the policy's name select it like a built-in rule.
	for _, sel := range []string{"only: [policy]", "only: [no-truncate]", "rules: {no-truncate: warning}"} {
		got := policyFindings(t, truncatePolicy+sel+"\n", "job.json", policyJob)
		if len(got) != 1 {
			t.Errorf("%s: %q", sel, got)
		}
	}
	got := policyFindings(t, truncatePolicy+"rules: {no-truncate: info}\n", "job.json", policyJob)
	if len(got) != 1 || !strings.Contains(got[0], " info: ") {
		t.Errorf("severity from rules: %q", got)
	}
	if got := policyFindings(t, truncatePolicy+"disable: [policy]\n", "job.json", policyJob); len(got) != 0 {
		t.Errorf("disable policy: %q", got)
	}
}

func TestPolicyConfigErrors(t *testing.T) {
	tests := []struct{ name, yaml, want string }{
		{"bad path", "policies:\n  - name: p\n    given: steps.#(category==\"writer\"\n    schema: {}\n", `cfg.yaml:3:12: policy "p": invalid gjson path`},
		{"unknown modifier", "policies:\n  - name: p\n    given: steps.@nope\n    schema: {}\n", `cfg.yaml:3:12: policy "p": invalid gjson path "steps.@nope": unknown modifier @nope`},
		{"built-in name", "policies:\n  - name: duplicate-key\n    given: steps\n    schema: {}\n", `cfg.yaml:2:11: policy name: "duplicate-key" is a built-in rule`},
		{"group name", "policies:\n  - name: schema\n    given: steps\n    schema: {}\n", `cfg.yaml:2:11: policy name: "schema" is a rule group`},
		{"twice", "policies:\n  - name: p\n    given: a\n    schema: {}\n  - name: p\n    given: b\n    schema: {}\n", `cfg.yaml:5:11: policy name: a policy named "p" is already defined`},
		{"bad schema", "policies:\n  - name: p\n    given: steps\n    schema:\n      properties:\n        truncate: {type: bool}\n", `cfg.yaml:6:26: policy "p": 'anyOf' failed (value must be one of 'array', 'boolean', 'integer', 'null', 'number', 'object', 'string'; got string, want array)`},
		{"bad regexp", "policies:\n  - name: p\n    given: steps\n    schema: {pattern: \"(\"}\n", `cfg.yaml:4:23: policy "p": '(' is not valid regex`},
		{"no schema", "policies:\n  - name: p\n    given: steps\n", `cfg.yaml:2:5: policy "p": a policy needs a schema or a schema-file`},
		{"missing file", "policies:\n  - name: p\n    given: steps\n    schema-file: nope.json\n", `cfg.yaml:4:18: policy "p": open `},
		{"bad name", "policies:\n  - name: No Spaces\n    given: steps\n    schema: {}\n", `cfg.yaml:2:11: `},
		{"unknown key", "policies:\n  - name: p\n    givn: steps\n    schema: {}\n", `cfg.yaml:3:5: unknown key "givn"; did you mean "given"?`},
		{"bad severity", "policies:\n  - name: p\n    given: steps\n    severity: fatal\n    schema: {}\n", `cfg.yaml:4:15: "fatal" is not one of`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseConfig("cfg.yaml", []byte(tt.yaml))
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("error %T is not a *ConfigError: %v", err, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error\n got %s\nwant %s…", err, tt.want)
			}
		})
	}
}

func TestPolicySchemaFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("schemas/defs.json", `{"$defs": {"prd": {"type": "string", "pattern": "^prd_"}}}`)
	write("schemas/ds.yaml", "properties:\n  datasource: {$ref: defs.json#/$defs/prd}\n")
	write(".dilint.yaml", "policies:\n  - name: prd\n    given: steps.#.parameter\n    schema-file: schemas/ds.yaml\n  - name: prd-too\n    given: steps.#.parameter\n    schema-file: schemas/ds.yaml\n    files: [other/**]\n")
	cfg, err := LoadConfig(filepath.Join(dir, ".dilint.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(policyJob, `"datasource": "prd_b"`, `"datasource": "odps_b"`, 1)
	_, diags := (&Linter{Selector: cfg}).LintFile("job.json", []byte(src))
	var got []string
	for _, d := range diags {
		if d.Rule == "prd" {
			got = append(got, d.Pointer)
		}
	}
	if strings.Join(got, " ") != "/steps/1/parameter/datasource" {
		t.Errorf("got %q", got)
	}
}

// A Config built in Go takes policies too, and a bad one is a
// *PolicyError naming the field.
func TestAddPolicy(t *testing.T) {
	cfg := Default()
	err := cfg.AddPolicy(Policy{Name: "no-truncate", Given: `steps.#(category=="writer")#.parameter`, Schema: map[string]any{"properties": map[string]any{"truncate": map[string]any{"const": false}}}})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := taskcontent.Parse([]byte(policyJob))
	if err != nil {
		t.Fatal(err)
	}
	diags := (&Linter{Selector: cfg}).Lint(doc)
	n := 0
	for _, d := range diags {
		if d.Rule == "no-truncate" {
			n++
			if d.Pointer != "/steps/1/parameter/truncate" || d.Severity != SeverityError {
				t.Errorf("%+v", d)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d findings", n)
	}
	err = cfg.AddPolicy(Policy{Name: "x", Given: "steps.#(", Schema: true})
	var pe *PolicyError
	if !errors.As(err, &pe) || pe.Field != "given" {
		t.Errorf("bad path: %v", err)
	}
	if rs := cfg.Policies(); len(rs) != 1 || rs[0].Group != PolicyGroup {
		t.Errorf("Policies() = %v", rs)
	}
}

// A credential is never quoted by a policy's finding.
func TestPolicyHidesSecrets(t *testing.T) {
	cfg := "policies:\n  - name: pw\n    given: steps.0.parameter\n    schema:\n      properties:\n        password: {pattern: \"^\\\\$\\\\{\"}\n"
	src := strings.Replace(policyJob, `"where": "id > 0"`, `"password": "hunter2secret"`, 1)
	got := policyFindings(t, cfg, "job.json", src)
	if len(got) != 1 || strings.Contains(got[0], "hunter2") {
		t.Errorf("got %q", got)
	}
}

// BenchmarkPolicies lints one job with the six policies of
// testdata/policies and without them: what the policies add per file, the
// schemas being compiled once when the configuration loads.
func BenchmarkPolicies(b *testing.B) {
	src, err := os.ReadFile("../testdata/policies/prod/orders_defects.json")
	if err != nil {
		b.Fatal(err)
	}
	cfg, err := LoadConfig("../testdata/policies/.dilint.yaml")
	if err != nil {
		b.Fatal(err)
	}
	name := filepath.Join(cfg.Dir, "prod", "orders_defects.json")
	for _, bc := range []struct {
		name string
		sel  Selector
	}{{"none", Default()}, {"six", cfg}} {
		b.Run(bc.name, func(b *testing.B) {
			l := &Linter{Selector: bc.sel}
			b.ReportAllocs()
			for b.Loop() {
				l.LintFile(name, src)
			}
		})
	}
}

// A schema file of YAML aliases that would expand a small file into a
// billion values is refused before it is decoded.
func TestPolicySchemaFileAliasBomb(t *testing.T) {
	dir := t.TempDir()
	bomb := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i", "j"} {
		bomb += n + ": &" + n + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n"
		prev = n
	}
	if err := os.WriteFile(filepath.Join(dir, "bomb.yaml"), []byte(bomb), 0o644); err != nil {
		t.Fatal(err)
	}
	cfgPath := filepath.Join(dir, ".dilint.yaml")
	if err := os.WriteFile(cfgPath, []byte("policies:\n  - name: p\n    given: steps\n    schema-file: bomb.yaml\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadConfig(cfgPath)
	if err == nil || !strings.Contains(err.Error(), "aliases expand to more than") {
		t.Errorf("got %v", err)
	}
}

// A path that computes its value (a multipath) is still checked; the
// finding stands at the start of the content.
func TestPolicyComputedValue(t *testing.T) {
	cfg := "policies:\n  - name: two-steps\n    given: \"[steps.0.category,steps.1.category]\"\n    schema: {items: {const: reader}}\n"
	got := policyFindings(t, cfg, "job.json", policyJob)
	if len(got) != 1 || !strings.HasPrefix(got[0], "1:1 two-steps error: ") || !strings.Contains(got[0], "(in the value [steps.0.category,steps.1.category] computes)") {
		t.Errorf("got %q", got)
	}
}

// One configuration's compiled policies serve many files at once.
func TestPolicyConcurrentFiles(t *testing.T) {
	cfg, err := LoadConfig("../testdata/policies/.dilint.yaml")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../testdata/policies/prod/*.json")
	var names []string
	for range 8 {
		names = append(names, files...)
	}
	l := &Driver{Linter: Linter{Selector: cfg}, Workers: 4}
	want := map[string]int{}
	for r := range l.RunFiles(names...) {
		n := 0
		for _, d := range r.Diagnostics {
			if _, builtin := Lookup(d.Rule); !builtin {
				n++
			}
		}
		if w, ok := want[r.Name]; ok && w != n {
			t.Errorf("%s: %d policy findings, then %d", r.Name, w, n)
		}
		want[r.Name] = n
	}
	if want["../testdata/policies/prod/orders_defects.json"] != 7 {
		t.Errorf("findings per file: %v", want)
	}
}
