package jsonschema_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	upstream "github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/dilint/dilint/internal/third_party/jsonschema"
)

// The copy must behave exactly as the module it was generated from: for
// each schema and instance, both must give the same compile error or the
// same verdict, with the same messages, GoString and basic and detailed
// output.

// options are the Compiler settings a case runs with.
type options struct {
	assertFormat, assertContent bool
}

// resource is one schema document known to the compiler by URL.
type resource struct {
	url, json string
}

// transcript is what a caller can observe of compiling a schema and
// validating instances with it.
type transcript struct {
	// Compile is the text of the errors of adding the resources and
	// compiling; when compiling failed, there are no Results.
	Compile string
	// Results holds, for each instance, "valid" or everything the
	// ValidationError shows.
	Results []string
}

// transcriptCopy compiles resources[0] (after adding every resource) with
// the copy and validates each instance.
func transcriptCopy(t *testing.T, opt options, resources []resource, instances []string) transcript {
	t.Helper()
	var b strings.Builder
	var out transcript
	c := jsonschema.NewCompiler()
	if opt.assertFormat {
		c.AssertFormat()
	}
	if opt.assertContent {
		c.AssertContent()
	}
	for _, r := range resources {
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(r.json))
		if err != nil {
			t.Fatalf("%s: %v", r.url, err)
		}
		if err := c.AddResource(r.url, doc); err != nil {
			fmt.Fprintf(&b, "add %s: %s %v\n", r.url, typeName(err), err)
		}
	}
	sch, err := c.Compile(resources[0].url)
	if err != nil {
		fmt.Fprintf(&b, "compile: %s %v\n", typeName(err), err)
		out.Compile = b.String()
		return out
	}
	out.Compile = b.String()
	for _, inst := range instances {
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(inst))
		if err != nil {
			t.Fatalf("instance %s: %v", inst, err)
		}
		b.Reset()
		err = sch.Validate(v)
		if ve, ok := err.(*jsonschema.ValidationError); ok {
			b.WriteString(canonCopy(ve))
			for _, text := range []string{ve.Error(), fmt.Sprintf("%#v", ve), jsonText(t, ve.BasicOutput()), jsonText(t, ve.DetailedOutput())} {
				b.WriteString("\n" + sortedRunes(text))
			}
		} else if err != nil {
			fmt.Fprintf(&b, "%s %v", typeName(err), err)
		} else {
			b.WriteString("valid")
		}
		out.Results = append(out.Results, b.String())
	}
	return out
}

// transcriptUpstream is transcriptCopy with the module itself.
func transcriptUpstream(t *testing.T, opt options, resources []resource, instances []string) transcript {
	t.Helper()
	var b strings.Builder
	var out transcript
	c := upstream.NewCompiler()
	if opt.assertFormat {
		c.AssertFormat()
	}
	if opt.assertContent {
		c.AssertContent()
	}
	for _, r := range resources {
		doc, err := upstream.UnmarshalJSON(strings.NewReader(r.json))
		if err != nil {
			t.Fatalf("%s: %v", r.url, err)
		}
		if err := c.AddResource(r.url, doc); err != nil {
			fmt.Fprintf(&b, "add %s: %s %v\n", r.url, typeName(err), err)
		}
	}
	sch, err := c.Compile(resources[0].url)
	if err != nil {
		fmt.Fprintf(&b, "compile: %s %v\n", typeName(err), err)
		out.Compile = b.String()
		return out
	}
	out.Compile = b.String()
	for _, inst := range instances {
		v, err := upstream.UnmarshalJSON(strings.NewReader(inst))
		if err != nil {
			t.Fatalf("instance %s: %v", inst, err)
		}
		b.Reset()
		err = sch.Validate(v)
		if ve, ok := err.(*upstream.ValidationError); ok {
			b.WriteString(canonUpstream(ve))
			for _, text := range []string{ve.Error(), fmt.Sprintf("%#v", ve), jsonText(t, ve.BasicOutput()), jsonText(t, ve.DetailedOutput())} {
				b.WriteString("\n" + sortedRunes(text))
			}
		} else if err != nil {
			fmt.Fprintf(&b, "%s %v", typeName(err), err)
		} else {
			b.WriteString("valid")
		}
		out.Results = append(out.Results, b.String())
	}
	return out
}

// canonCopy writes a ValidationError tree down in an order of its own:
// upstream orders causes, and the names in a message, by map iteration,
// so the same error comes out in different orders from run to run.
func canonCopy(e *jsonschema.ValidationError) string {
	var causes []string
	for _, c := range e.Causes {
		causes = append(causes, canonCopy(c))
	}
	return canonNode(e.ErrorKind, e.InstanceLocation, e.ErrorKind.KeywordPath(), e.SchemaURL, causes)
}

func canonUpstream(e *upstream.ValidationError) string {
	var causes []string
	for _, c := range e.Causes {
		causes = append(causes, canonUpstream(c))
	}
	return canonNode(e.ErrorKind, e.InstanceLocation, e.ErrorKind.KeywordPath(), e.SchemaURL, causes)
}

// canonNode is one node of canonCopy: the error kind, its message with the
// kind's []string fields sorted, where it is and its causes, sorted.
func canonNode(k any, loc, kw []string, schemaURL string, causes []string) string {
	v := reflect.ValueOf(k).Elem()
	sorted := reflect.New(v.Type())
	sorted.Elem().Set(v)
	for i := 0; i < v.NumField(); i++ {
		if f := sorted.Elem().Field(i); f.Type() == reflect.TypeFor[[]string]() && f.CanSet() {
			f.Set(reflect.ValueOf(slices.Sorted(slices.Values(f.Interface().([]string)))))
		}
	}
	msg := sorted.Interface().(interface {
		LocalizedString(*message.Printer) string
	}).LocalizedString(printer)
	slices.Sort(causes)
	return fmt.Sprintf("%s %q %q %s %q [%s]", typeName(k), loc, kw, schemaURL, msg, strings.Join(causes, ", "))
}

var printer = message.NewPrinter(language.English)

// sortedRunes is s's characters in order: a text compared by them may
// list the same things in another order, but not other things.
func sortedRunes(s string) string {
	r := []rune(s)
	slices.Sort(r)
	return string(r)
}

// typeName names a value's type without its package, which differs
// between the copy and upstream.
func typeName(v any) string {
	t := reflect.TypeOf(v)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Name()
}

func jsonText(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// suiteGroup is one group of a JSON-Schema-Test-Suite file.
type suiteGroup struct {
	Description string          `json:"description"`
	Schema      json.RawMessage `json:"schema"`
	Tests       []struct {
		Data  json.RawMessage `json:"data"`
		Valid bool            `json:"valid"`
	} `json:"tests"`
}

// TestSuiteMatchesUpstream runs the vendored draft 2020-12 suite (schema
// package's testdata), required and optional, through the copy and
// through upstream, with format and content assertions off and on.
func TestSuiteMatchesUpstream(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "schema", "testdata", "JSON-Schema-Test-Suite", "tests", "draft2020-12")
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	optional, err := filepath.Glob(filepath.Join(dir, "optional", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, optional...)
	groups, tests, agree := 0, 0, 0
	for _, opt := range []options{{}, {assertFormat: true, assertContent: true}} {
		for _, path := range files {
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var file []suiteGroup
			if err := json.Unmarshal(raw, &file); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			name := filepath.ToSlash(strings.TrimPrefix(path, dir+string(filepath.Separator)))
			for i, g := range file {
				res := []resource{{fmt.Sprintf("http://suite.test/%s/%d.json", name, i), string(g.Schema)}}
				instances := make([]string, len(g.Tests))
				for j, tc := range g.Tests {
					instances[j] = string(tc.Data)
				}
				got := transcriptCopy(t, opt, res, instances)
				if diff := cmp.Diff(transcriptUpstream(t, opt, res, instances), got); diff != "" {
					t.Errorf("%s: %s (%+v): the copy differs from upstream (-upstream +copy):\n%s", name, g.Description, opt, diff)
				}
				groups++
				tests += len(g.Tests)
				for j, r := range got.Results {
					if (r == "valid") == g.Tests[j].Valid {
						agree++
					}
				}
			}
		}
	}
	if groups < 800 || tests < 2800 || agree < tests*9/10 {
		t.Errorf("compared %d groups and %d tests, %d agreeing with the suite: the suite is not all there", groups, tests, agree)
	}
	t.Logf("%d groups, %d tests the same through the copy and upstream; %d of the verdicts are the suite's", groups, tests, agree)
}

// TestPolicySchemasMatchUpstream compiles schemas as dilint's policies do
// (file URLs beside the configuration, format asserted) and with the
// default and all-assertions settings: other drafts through $schema, a
// custom metaschema's $vocabulary, $ref to a metaschema and to another
// file, content assertions, and schemas the metaschemas reject.
func TestPolicySchemasMatchUpstream(t *testing.T) {
	const base = "file:///team/.dilint-policy-p.json"
	cases := []struct {
		name      string
		resources []resource
		instances []string
	}{
		{"draft-07", []resource{{base, `{
			"$schema": "http://json-schema.org/draft-07/schema#",
			"type": "object",
			"required": ["owner"],
			"properties": {"owner": {"format": "email"}, "start": {"format": "date-time"}, "n": {"exclusiveMaximum": 5}},
			"dependencies": {"a": ["b"], "c": {"required": ["d"]}},
			"if": {"properties": {"env": {"const": "prod"}}},
			"then": {"required": ["ticket"]},
			"additionalProperties": {"type": ["string", "number"]}}`}},
			[]string{`{"owner": "a@b.example"}`, `{"owner": "not-an-email", "start": "yesterday"}`, `{}`,
				`{"owner": "a@b.example", "a": 1, "c": 2, "n": 5}`, `{"owner": "a@b.example", "env": "prod", "x": {}, "y": [], "z": true}`, `[]`}},
		{"draft-04", []resource{{base, `{
			"$schema": "http://json-schema.org/draft-04/schema#",
			"id": "http://example.test/d4.json",
			"properties": {"n": {"type": "number", "maximum": 5, "exclusiveMaximum": true}, "s": {"format": "ipv4"}}}`}},
			[]string{`{"n": 4}`, `{"n": 5, "s": "1.2.3"}`, `{"n": "5"}`}},
		{"draft 2019-09", []resource{{base, `{
			"$schema": "https://json-schema.org/draft/2019-09/schema",
			"$recursiveAnchor": true,
			"properties": {"a": {}, "b": {}, "kids": {"items": {"$recursiveRef": "#"}}, "when": {"format": "date"}},
			"dependentRequired": {"a": ["b"]},
			"unevaluatedProperties": false}`}},
			[]string{`{"a": 1, "b": 2}`, `{"a": 1, "c": 3, "when": "2026-13-01"}`, `{"kids": [{"a": 1}, {"z": 0}]}`}},
		{"draft 2020-12", []resource{{base, `{
			"properties": {
				"truncate": {"enum": [false, "false"]},
				"group": {"$ref": "#/$defs/prod"},
				"concurrent": {"anyOf": [{"type": "integer", "minimum": 1, "maximum": 8}, {"type": "string", "pattern": "^[1-8]$"}]},
				"ds": {"oneOf": [{"pattern": "^prd_"}, {"pattern": "_a$"}]},
				"column": {"uniqueItems": true, "prefixItems": [{"const": "id"}]},
				"site": {"format": "uri"},
				"password": {"minLength": 8}},
			"dependentRequired": {"where": ["splitPk"]},
			"$defs": {"prod": {"type": "string", "pattern": "^S_res_group_prod_"}}}`}},
			[]string{`{"truncate": false, "group": "S_res_group_prod_1", "concurrent": 8, "ds": "prd_b", "column": ["id"], "site": "https://a.example/"}`,
				`{"truncate": true, "group": "S_res_group_1", "concurrent": 9, "ds": "prd_a", "column": ["x", "x"], "site": "not a uri", "password": "short", "where": "1"}`}},
		{"custom metaschema with $vocabulary", []resource{
			{base, `{"$schema": "https://example.test/meta", "properties": {"owner": {"format": "email"}, "n": {"minimum": 3}}}`},
			{"https://example.test/meta", `{
				"$schema": "https://json-schema.org/draft/2020-12/schema",
				"$id": "https://example.test/meta",
				"$vocabulary": {
					"https://json-schema.org/draft/2020-12/vocab/core": true,
					"https://json-schema.org/draft/2020-12/vocab/applicator": true,
					"https://json-schema.org/draft/2020-12/vocab/format-assertion": true},
				"$dynamicAnchor": "meta",
				"allOf": [
					{"$ref": "https://json-schema.org/draft/2020-12/meta/core"},
					{"$ref": "https://json-schema.org/draft/2020-12/meta/applicator"},
					{"$ref": "https://json-schema.org/draft/2020-12/meta/format-assertion"}]}`}},
			[]string{`{"owner": "a@b.example", "n": 1}`, `{"owner": "nope"}`}},
		{"$ref to a metaschema", []resource{{base, `{"$ref": "https://json-schema.org/draft/2020-12/schema"}`}},
			[]string{`{"type": "string"}`, `{"type": 5, "minLength": -1, "properties": {"a": {"type": "nope"}}}`, `{"$defs": {"x": {"pattern": "("}}}`}},
		{"$ref to a draft-07 metaschema", []resource{{base, `{"$ref": "http://json-schema.org/draft-07/schema#"}`}},
			[]string{`{"type": "string"}`, `{"type": 5, "required": "a"}`}},
		{"$ref to another file", []resource{
			{base, `{"properties": {"datasource": {"$ref": "schemas/ds.json#/$defs/ds"}}}`},
			{"file:///team/schemas/ds.json", `{"$defs": {"ds": {"type": "string", "pattern": "^prd_"}}}`}},
			[]string{`{"datasource": "prd_a"}`, `{"datasource": "dev_a"}`}},
		{"content", []resource{{base, `{"contentEncoding": "base64", "contentMediaType": "application/json", "contentSchema": {"type": "object"}}`}},
			[]string{`"e30="`, `"WzFd"`, `"not base64!"`}},
		{"type is not a type", []resource{{base, `{"properties": {"a": {"type": 12}}}`}}, nil},
		{"draft-07 minLength below zero", []resource{{base, `{"$schema": "http://json-schema.org/draft-07/schema#", "minLength": -1}`}}, nil},
		{"draft-03", []resource{{base, `{"$schema": "http://json-schema.org/draft-03/schema#"}`}}, nil},
		{"bad pattern", []resource{{base, `{"patternProperties": {"(": {}}}`}}, nil},
		{"bad vocabulary", []resource{
			{base, `{"$schema": "https://example.test/meta2"}`},
			{"https://example.test/meta2", `{"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.test/meta2", "$vocabulary": {"https://example.test/vocab/nope": true}}`}},
			nil},
	}
	invalid := 0
	for _, opt := range []options{{assertFormat: true}, {}, {assertFormat: true, assertContent: true}} {
		for _, tc := range cases {
			got := transcriptCopy(t, opt, tc.resources, tc.instances)
			if diff := cmp.Diff(transcriptUpstream(t, opt, tc.resources, tc.instances), got); diff != "" {
				t.Errorf("%s (%+v): the copy differs from upstream (-upstream +copy):\n%s", tc.name, opt, diff)
			}
			if tc.instances == nil && got.Compile == "" {
				t.Errorf("%s (%+v): compiled, want an error", tc.name, opt)
			}
			for _, r := range got.Results {
				if r != "valid" {
					invalid++
				}
			}
		}
	}
	if invalid < 30 {
		t.Errorf("only %d instances failed: the cases test little", invalid)
	}
}
