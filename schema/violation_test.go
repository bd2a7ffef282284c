package schema

import (
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// testSchema is one schema compiled both by CompileStandalone and by
// jsonschema v6 (the oracle), under the same URL.
type testSchema struct {
	st *Standalone
	v6 *jsonschema.Schema
}

func compileString(t *testing.T, src string) testSchema {
	t.Helper()
	st, err := CompileStandalone([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.UseRegexpEngine(ecmaRegexpEngine)
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource(baseURL+standaloneFile, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(baseURL + standaloneFile)
	if err != nil {
		t.Fatal(err)
	}
	return testSchema{st: st, v6: sch}
}

// check returns the violations of instance, after requiring that they are
// exactly those of the jsonschema v6 path.
func check(t *testing.T, sch testSchema, instance string) []Violation {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(instance))
	if err != nil {
		t.Fatal(err)
	}
	got := sch.st.violations(inst)
	var want []Violation
	if err := sch.v6.Validate(inst); err != nil {
		want = oracleViolations(err.(*jsonschema.ValidationError), sch.st.docs, inst)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("violations differ from jsonschema v6 (-v6 +new):\n%s", diff)
	}
	return got
}

// TestSecretsNotEchoed puts wrong values under secret-like keys and requires
// that no message repeats them.
func TestSecretsNotEchoed(t *testing.T) {
	sch := compileString(t, `{
		"properties": {
			"password": {"enum": ["a", "b"]},
			"accessKey": {"pattern": "^x+$"},
			"securityToken": {"const": "t0ken"},
			"conn": {"properties": {"passwd": {"maximum": 1}, "clientSecret": {"type": "integer", "minLength": 30}}}
		}
	}`)
	secrets := []string{"hunter2", "AKIAEXAMPLE", "t0ken-leaked", "987654", "s3cr3t"}
	vs := check(t, sch, `{"password": "hunter2", "accessKey": "AKIAEXAMPLE", "securityToken": "t0ken-leaked",
		"conn": {"passwd": 987654, "clientSecret": "s3cr3t"}}`)
	if len(vs) != 5 {
		t.Fatalf("got %d violations, want 5: %v", len(vs), vs)
	}
	for _, v := range vs {
		for _, s := range secrets {
			if strings.Contains(v.String(), s) || strings.Contains(v.Suggestion, s) {
				t.Errorf("%s: message echoes a secret", v)
			}
		}
	}
}

func TestViolationsOrder(t *testing.T) {
	sch := compileString(t, `{"type": "array", "items": {"required": ["b", "a"]}}`)
	vs := check(t, sch, `[{"a":1}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}]`)
	var got []string
	for _, v := range vs {
		got = append(got, v.Pointer)
	}
	want := []string{"/0/b", "/1/a", "/1/b", "/2/a", "/2/b", "/3/a", "/3/b", "/4/a", "/4/b", "/5/a", "/5/b",
		"/6/a", "/6/b", "/7/a", "/7/b", "/8/a", "/8/b", "/9/a", "/9/b", "/10/a", "/10/b"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	for _, v := range vs {
		if !v.Missing || v.Keyword != "required" {
			t.Errorf("%+v: want a missing required key", v)
		}
	}
}

func TestViolationDetails(t *testing.T) {
	sch := compileString(t, `{
		"type": "object",
		"additionalProperties": false,
		"properties": {
			"n": {"type": ["integer", "string"]},
			"mode": {"enum": ["insert", "replace", "update"]},
			"a~b": {"type": "object", "properties": {"x/y": {"const": 1}}},
			"kind": {"type": "string", "pattern": "^[Ll][Oo][Nn][Gg]$", "examples": ["long"]},
			"alt": {"anyOf": [{"required": ["p"]}, {"required": ["q"]}]}
		}
	}`)
	vs := check(t, sch, `{"n": true, "mode": "Upadte", "a~b": {"x/y": 2}, "kind": "lnog", "alt": {}, "mdoe": 1}`)
	want := []Violation{
		{Pointer: "/alt", Keyword: "anyOf", SchemaLocation: "standalone.json#/properties/alt/anyOf",
			Message: `needs one of the keys "p" or "q"`, Allowed: []string{"p", "q"}},
		{Pointer: "/a~0b/x~1y", Keyword: "const", SchemaLocation: "standalone.json#/properties/a~0b/properties/x~1y/const",
			Message: `must be 1, got 2`, Allowed: []string{"1"}},
		{Pointer: "/kind", Keyword: "pattern", SchemaLocation: "standalone.json#/properties/kind/pattern",
			Message: `"lnog" does not match ^[Ll][Oo][Nn][Gg]$; did you mean "long"?`, Suggestion: "long"},
		{Pointer: "/mdoe", Keyword: "additionalProperties", SchemaLocation: "standalone.json#/additionalProperties",
			Message: `unknown key "mdoe"; did you mean "mode"?`, Allowed: []string{"alt", "a~b", "kind", "mode", "n"}, Suggestion: "mode"},
		{Pointer: "/mode", Keyword: "enum", SchemaLocation: "standalone.json#/properties/mode/enum",
			Message:    `"Upadte" is not one of "insert", "replace", "update"; did you mean "update"?`,
			Allowed:    []string{`"insert"`, `"replace"`, `"update"`},
			Suggestion: "update"},
		{Pointer: "/n", Keyword: "type", SchemaLocation: "standalone.json#/properties/n/type",
			Message: "expected integer or string, got boolean", Expected: []string{"integer", "string"}, Actual: "boolean"},
	}
	if diff := cmp.Diff(want, vs); diff != "" {
		t.Errorf("violations (-want +got):\n%s", diff)
	}
}

func TestViolationString(t *testing.T) {
	for _, tc := range []struct {
		v    Violation
		want string
	}{
		{Violation{Pointer: "", Message: "missing required key \"type\""}, `(root): missing required key "type"`},
		{Violation{Pointer: "/setting/speed/concurrent", Message: "40 is greater than the maximum 32"}, "/setting/speed/concurrent: 40 is greater than the maximum 32"},
	} {
		if got := tc.v.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
	}
}

func TestValidateUnknownName(t *testing.T) {
	_, err := Validate("dag", map[string]any{})
	var unknown *UnknownNameError
	if !errors.As(err, &unknown) || unknown.Name != "dag" {
		t.Fatalf("err = %v, want *UnknownNameError for dag", err)
	}
	if Describe("dag") != "" {
		t.Error("Describe of an unknown name is not empty")
	}
}

func TestNamesDescribed(t *testing.T) {
	for _, n := range Names() {
		if Describe(n) == "" {
			t.Errorf("Describe(%q) is empty", n)
		}
		if _, err := oracleCompiled(n); err != nil {
			t.Errorf("compile %s: %v", n, err)
		}
	}
}

// TestValidateConcurrent runs first-use compilation and validation from
// many goroutines; run it with -race.
func TestValidateConcurrent(t *testing.T) {
	job, err := jsonschema.UnmarshalJSON(strings.NewReader(`{"type":"job","version":"2.0","steps":[]}`))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := Names()[i%len(Names())]
			if _, err := Validate(name, job); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
}
