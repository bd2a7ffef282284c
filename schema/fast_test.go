package schema

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dilint/dilint/internal/jsonptr"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// testValue is a decoded JSON value as a Node, for tests that start from
// jsonschema.UnmarshalJSON output. Object members are sorted by key.
type testValue struct {
	kind     NodeKind
	key      []byte
	text     []byte
	num      []byte
	b        bool
	kids     []*testValue
	shadowed bool
}

type testNode struct{ v *testValue }

func (n testNode) Kind() NodeKind       { return n.v.kind }
func (n testNode) Len() int             { return len(n.v.kids) }
func (n testNode) Index(i int) testNode { return testNode{n.v.kids[i]} }
func (n testNode) Key() []byte          { return n.v.key }
func (n testNode) Shadowed() bool       { return n.v.shadowed }
func (n testNode) Text() []byte         { return n.v.text }
func (n testNode) Number() []byte       { return n.v.num }
func (n testNode) Bool() bool           { return n.v.b }
func (n testNode) Member(key string) (testNode, bool) {
	for i := len(n.v.kids) - 1; i >= 0; i-- {
		if k := n.v.kids[i]; string(k.key) == key {
			return testNode{k}, true
		}
	}
	return testNode{}, false
}

func (n testNode) Has(key string) bool {
	for _, k := range n.v.kids {
		if string(k.key) == key {
			return true
		}
	}
	return false
}

// NodeOf lets the external benchmarks run Valid over a decoded instance.
func NodeOf(tb testing.TB, v any) testNode { return toTestNode(tb, v) }

func toTestNode(t testing.TB, v any) testNode {
	t.Helper()
	var conv func(v any, key string) *testValue
	conv = func(v any, key string) *testValue {
		out := &testValue{key: []byte(key)}
		switch v := v.(type) {
		case nil:
			out.kind = KindNull
		case bool:
			out.kind, out.b = KindBool, v
		case json.Number:
			out.kind, out.num = KindNumber, []byte(v)
		case string:
			out.kind, out.text = KindString, []byte(v)
		case []any:
			out.kind = KindArray
			for _, e := range v {
				out.kids = append(out.kids, conv(e, ""))
			}
		case map[string]any:
			out.kind = KindObject
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				out.kids = append(out.kids, conv(v[k], k))
			}
		default:
			t.Fatalf("unexpected %T", v)
		}
		return out
	}
	return testNode{conv(v, "")}
}

func decode(t testing.TB, text string) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(strings.NewReader(text))
	if err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	return v
}

// TestFastCompilesEveryName compiles every top-level schema, every file's
// root and every $defs entry, so that a keyword the fast validator does not
// implement fails here, wherever it is added.
func TestFastCompilesEveryName(t *testing.T) {
	for _, name := range Names() {
		if _, err := fastCompilers[name](); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	docs, err := rawDocs()
	if err != nil {
		t.Fatal(err)
	}
	c := newMapCompiler(docs)
	for file, doc := range docs {
		if _, err := c.at(file, ""); err != nil {
			t.Errorf("%s: %v", file, err)
		}
		defs, _ := doc.(map[string]any)["$defs"].(map[string]any)
		for def := range defs {
			if _, err := c.at(file, "/$defs/"+jsonptr.EscapeToken(def)); err != nil {
				t.Errorf("%s: %v", file, err)
			}
		}
	}
}

func compileTestSchema(t *testing.T, schemaJSON string) (*fastSchema, error) {
	t.Helper()
	c := newMapCompiler(map[string]any{"t.json": decode(t, schemaJSON)})
	s, err := c.at("t.json", "")
	if err != nil {
		return nil, err
	}
	return s, checkInPlaceCycles(s)
}

func TestFastCompileFailsLoudly(t *testing.T) {
	for _, tc := range []struct{ schema, keyword string }{
		{`{"format": "date"}`, "format"},
		{`{"properties": {"a": {"unevaluatedProperties": false}}}`, "unevaluatedProperties"},
		{`{"oneOf": [true]}`, "oneOf"},
		{`{"propertyNames": {"pattern": "^a"}}`, "propertyNames"},
		{`{"items": [true]}`, ""},
		{`{"const": {"a": 1}}`, "const"},
		{`{"enum": [[1]]}`, "enum"},
		{`{"$ref": "#anchor"}`, "$ref"},
		{`{"$ref": "https://example.com/x.json"}`, "$ref"},
		{`{"$ref": "#/$defs/missing"}`, ""},
		{`{"pattern": "(?<"}`, "pattern"},
		{`{"type": "float"}`, "type"},
		{`{"multipleOf": 0}`, "multipleOf"},
		{`{"minLength": -1}`, "minLength"},
		{`{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"allOf": [{"$ref": "#/$defs/a"}]}}, "$ref": "#/$defs/a"}`, ""},
		{`{"properties": {"a": {"$id": "https://example.com/a"}}}`, "$id"},
	} {
		_, err := compileTestSchema(t, tc.schema)
		var ce *FastCompileError
		if !errors.As(err, &ce) {
			t.Errorf("%s: err = %v, want *FastCompileError", tc.schema, err)
			continue
		}
		if ce.Keyword != tc.keyword {
			t.Errorf("%s: keyword %q, want %q (%v)", tc.schema, ce.Keyword, tc.keyword, err)
		}
	}
	// A recursive schema that descends into the instance is fine.
	if _, err := compileTestSchema(t, `{"$defs": {"tree": {"properties": {"kids": {"items": {"$ref": "#/$defs/tree"}}}}}, "$ref": "#/$defs/tree"}`); err != nil {
		t.Errorf("recursive schema: %v", err)
	}
}

// v6Verdict validates an instance against a one-file schema with
// jsonschema v6, the reference the fast validator must match.
func v6Verdict(t *testing.T, schemaJSON string, instance any) bool {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.UseRegexpEngine(ecmaRegexpEngine)
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource(baseURL+"t.json", decode(t, schemaJSON)); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(baseURL + "t.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch.Validate(instance) == nil
}

// TestFastKeywordSemantics checks edge cases of every implemented keyword
// against jsonschema v6.
func TestFastKeywordSemantics(t *testing.T) {
	cases := []struct {
		schema    string
		instances []string
	}{
		{`{"type": "integer"}`, []string{`1`, `1.0`, `1.5`, `1e2`, `1.5e1`, `-0`, `-0.0`, `1e-2`, `123456789012345678901234567890`, `"1"`, `null`}},
		{`{"type": ["integer", "string"]}`, []string{`2.50`, `"x"`, `true`, `{}`, `[]`, `0.0e0`}},
		{`{"type": "number"}`, []string{`1`, `1.25`, `"1"`}},
		{`{"type": ["null", "boolean", "object", "array"]}`, []string{`null`, `false`, `{}`, `[]`, `0`, `""`}},
		{`{"const": 1}`, []string{`1`, `1.0`, `10e-1`, `1.00000000000000000001`, `true`, `"1"`, `-1`}},
		{`{"const": 0}`, []string{`0`, `-0`, `0.0`, `0e5`, `-0e-5`}},
		{`{"const": 1.5}`, []string{`1.5`, `15e-1`, `1.50`, `1`, `3`}},
		{`{"const": 123456789012345678901234567890}`, []string{`123456789012345678901234567890`, `1.2345678901234567890123456789e29`, `123456789012345678901234567891`, `1`}},
		{`{"const": "2.0"}`, []string{`"2.0"`, `2.0`, `"2"`, `"2.0 "`}},
		{`{"const": null}`, []string{`null`, `0`, `false`, `""`}},
		{`{"const": false}`, []string{`false`, `true`, `0`, `null`}},
		{`{"enum": [true, false, "true", "false"]}`, []string{`true`, `"false"`, `"False"`, `1`, `null`}},
		{`{"enum": [0, 1]}`, []string{`0`, `1.0`, `1e0`, `2`, `"0"`, `-0`}},
		{`{"minimum": 1, "maximum": 32}`, []string{`1`, `0`, `32`, `33`, `32.0`, `32.5`, `0.99999`, `3.2e1`, `3.3e1`, `"0"`, `-123456789012345678901`, `123456789012345678901`}},
		{`{"minimum": 0.5}`, []string{`0`, `1`, `0.5`, `0.49`, `5e-1`}},
		{`{"multipleOf": 0.5}`, []string{`1`, `1.5`, `0.25`, `1e2`, `1.25e1`, `-3`, `123456789012345678901234567890`, `1.0000000000000000000001`}},
		{`{"multipleOf": 3}`, []string{`9`, `10`, `9.0`, `-9`, `0`, `999999999999999999999`, `1e30`}},
		{`{"minLength": 2}`, []string{`"ab"`, `"a"`, `"é"`, `"éé"`, `"😀"`, `"\ud83d\ude00x"`, `""`, `1`}},
		{`{"minItems": 2}`, []string{`[]`, `[1]`, `[1,2]`, `{}`}},
		{`{"pattern": "^[1-9][0-9]*$"}`, []string{`"12"`, `"012"`, `""`, `"1\n"`, `12`}},
		{`{"pattern": "^\\s|\\s$"}`, []string{`" a"`, `"a "`, `"a"`, `"a\u00a0"`, `"\u2003a"`, `"a\t"`}},
		{`{"pattern": "é"}`, []string{`"café"`, `"cafe"`}},
		{`{"required": ["a", "b"]}`, []string{`{"a":1,"b":2}`, `{"a":1}`, `{}`, `[]`, `"a"`}},
		{`{"properties": {"a": {"type": "string"}}, "additionalProperties": false}`, []string{`{"a":"x"}`, `{"a":1}`, `{"b":1}`, `{}`}},
		{`{"properties": {"a": true, "b": true, "c": true, "d": true, "e": true, "f": true, "g": true, "h": true, "i": {"type": "string"}, "j": true}, "additionalProperties": false}`, []string{`{"a":1,"i":"x","j":null}`, `{"i":1}`, `{"k":1}`}},
		{`{"patternProperties": {"^x-": {"type": "integer"}}, "additionalProperties": {"type": "string"}}`, []string{`{"x-a":1,"b":"s"}`, `{"x-a":"s"}`, `{"b":1}`, `{}`}},
		{`{"properties": {"x-a": {"minimum": 5}}, "patternProperties": {"^x-": {"type": "integer"}}, "additionalProperties": false}`, []string{`{"x-a":6}`, `{"x-a":4}`, `{"x-a":6.5}`, `{"x-b":1}`, `{"y":1}`}},
		{`{"items": {"type": "string"}}`, []string{`[]`, `["a","b"]`, `["a",1]`, `"ab"`}},
		{`{"contains": {"const": "reader"}}`, []string{`["reader"]`, `["writer","reader"]`, `[]`, `["writer"]`, `{"a":"reader"}`}},
		{`{"allOf": [{"minimum": 1}, {"maximum": 2}]}`, []string{`1`, `3`, `0`, `"x"`}},
		{`{"anyOf": [{"required": ["a"]}, {"required": ["b"]}]}`, []string{`{"a":1}`, `{"b":1}`, `{"c":1}`, `1`}},
		{`{"not": {"required": ["a"]}}`, []string{`{"a":1}`, `{"b":1}`, `1`}},
		{`{"if": {"properties": {"k": {"const": "x"}}, "required": ["k"]}, "then": {"required": ["t"]}, "else": {"required": ["e"]}}`, []string{`{"k":"x","t":1}`, `{"k":"x","e":1}`, `{"k":"y","e":1}`, `{"e":1}`, `{"t":1}`, `3`}},
		{`{"if": {"type": "string"}, "then": {"minLength": 3}}`, []string{`"abc"`, `"ab"`, `2`}},
		{`{"if": {"type": "string"}, "else": {"type": "integer"}}`, []string{`"a"`, `1`, `1.5`}},
		{`{"then": false, "else": false}`, []string{`1`, `{}`}},
		{`{"$ref": "#/$defs/s", "type": "string", "$defs": {"s": {"minLength": 2}}}`, []string{`"ab"`, `"a"`, `1`}},
		{`{"$ref": "#/$defs/a~1b/properties/c%25d", "$defs": {"a/b": {"properties": {"c%d": {"type": "string"}}}}}`, []string{`"x"`, `1`}},
		{`false`, []string{`1`, `{}`}},
		{`true`, []string{`1`, `{}`}},
	}
	for _, tc := range cases {
		s, err := compileTestSchema(t, tc.schema)
		if err != nil {
			t.Errorf("%s: %v", tc.schema, err)
			continue
		}
		for _, inst := range tc.instances {
			v := decode(t, inst)
			want := v6Verdict(t, tc.schema, v)
			if got := valid(s, toTestNode(t, v)); got != want {
				t.Errorf("%s against %s: fast %v, v6 %v", inst, tc.schema, got, want)
			}
		}
	}
}

func TestFastShadowedMembers(t *testing.T) {
	s, err := compileTestSchema(t, `{"properties": {"a": {"type": "string"}}, "additionalProperties": false}`)
	if err != nil {
		t.Fatal(err)
	}
	obj := &testValue{kind: KindObject, kids: []*testValue{
		{kind: KindNumber, key: []byte("a"), num: []byte("1"), shadowed: true},
		{kind: KindString, key: []byte("a"), text: []byte("x")},
	}}
	if !valid(s, testNode{obj}) {
		t.Error("a shadowed member was checked")
	}
	obj.kids[0].shadowed = false
	if valid(s, testNode{obj}) {
		t.Error("an unshadowed member was not checked")
	}
}

// TestFastMatchesValidateOnFixtures compares the verdicts of Valid and
// Validate on every fixture with an expectation and on generated jobs.
func TestFastMatchesValidateOnFixtures(t *testing.T) {
	type input struct {
		name   string
		schema Name
		doc    any
	}
	var inputs []input
	for _, dir := range []string{"../testdata/published", "testdata/cases"} {
		data, err := os.ReadFile(filepath.Join(dir, "expect.json"))
		if err != nil {
			t.Fatal(err)
		}
		var exps []struct {
			File   string `json:"file"`
			Schema Name   `json:"schema"`
		}
		if err := json.Unmarshal(data, &exps); err != nil {
			t.Fatal(err)
		}
		for _, e := range exps {
			if e.Schema == "" {
				continue
			}
			src, err := os.ReadFile(filepath.Join(dir, e.File))
			if err != nil {
				t.Fatal(err)
			}
			doc := decode(t, string(src))
			inputs = append(inputs, input{dir + "/" + e.File, e.Schema, doc})
			// Against the other schemas too: most of those are invalid,
			// which exercises the failing branches.
			for _, other := range Names() {
				if other != e.Schema {
					inputs = append(inputs, input{dir + "/" + e.File + " as " + string(other), other, doc})
				}
			}
		}
	}
	valids := 0
	for _, in := range inputs {
		vs, err := Validate(in.schema, in.doc)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Valid(in.schema, toTestNode(t, in.doc))
		if err != nil {
			t.Fatal(err)
		}
		if want := len(vs) == 0; got != want {
			t.Errorf("%s: Valid %v, Validate %v (%d violations: %v)", in.name, got, want, len(vs), vs)
		}
		if got {
			valids++
		}
	}
	t.Logf("%d of %d inputs valid", valids, len(inputs))
	if valids < 10 || valids == len(inputs) {
		t.Errorf("%d of %d inputs valid: the comparison exercises too little", valids, len(inputs))
	}
}

func TestValidUnknownName(t *testing.T) {
	_, err := Valid(Name("nope"), testNode{&testValue{kind: KindNull}})
	var unknown *UnknownNameError
	if !errors.As(err, &unknown) {
		t.Errorf("err = %v", err)
	}
}

// TestNumberOutOfRange covers a number big.Rat cannot hold where a bound
// applies: Valid says invalid, and Validate reports a violation of the
// bound. This is a deliberate difference from jsonschema v6, which panics
// there (the oracle recovers and returns an error).
func TestNumberOutOfRange(t *testing.T) {
	doc := decode(t, `{"Cu": 1e9999999}`)
	if ok, err := Valid(TaskParam, toTestNode(t, doc)); ok || err != nil {
		t.Errorf("Valid = %v, %v", ok, err)
	}
	vs, err := Validate(TaskParam, doc)
	if err != nil || len(vs) != 1 || vs[0].Pointer != "/Cu" || vs[0].Keyword != "multipleOf" ||
		vs[0].Message != "1e9999999 is too large a number to check as a multiple of 0.5" {
		t.Errorf("Validate = %v, %v; want one multipleOf violation at /Cu", vs, err)
	}
	if vs, err := oracleValidate(TaskParam, doc); err == nil {
		t.Errorf("jsonschema v6 = %v, want an error (it panics on such numbers)", vs)
	}
	st, err := CompileStandalone([]byte(`{"properties": {"a": {"minimum": 1}, "b": {"maximum": 1}, "p": {"properties": {"password": {"minimum": 1}}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	got := st.violations(decode(t, `{"a": 1e9999999, "b": -1e9999999, "p": {"password": 1e9999999}}`))
	var msgs []string
	for _, v := range got {
		msgs = append(msgs, v.String())
	}
	want := []string{
		"/a: 1e9999999 is too large a number to compare with the minimum 1",
		"/b: -1e9999999 is too large a number to compare with the maximum 1",
		"/p/password: the value is too large a number to compare with the minimum 1",
	}
	if diff := cmp.Diff(want, msgs); diff != "" {
		t.Errorf("out-of-range bounds (-want +got):\n%s", diff)
	}
}

// BenchmarkFastCompile measures what the first Valid of each name pays
// once (the decoded files are shared with Validate and not counted).
func BenchmarkFastCompile(b *testing.B) {
	if _, err := rawDocs(); err != nil {
		b.Fatal(err)
	}
	for _, name := range Names() {
		b.Run(string(name), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := compileFast(name); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestForwardRejectsNoValue: a schema of only $ref (or a lazy placeholder)
// validates as its target, except that a Node of kind 0 fails even when
// the target is true, as the nested call it replaces made it.
func TestForwardRejectsNoValue(t *testing.T) {
	none := testNode{&testValue{}}
	null := testNode{&testValue{kind: KindNull}}
	for _, target := range []bool{true, false} {
		to := &fastSchema{isBool: true, boolValue: target}
		ref := &fastSchema{minLength: -1, ref: to, forward: true}
		twice := &fastSchema{minLength: -1, ref: ref, forward: true}
		for _, s := range []*fastSchema{ref, twice} {
			if valid(s, none) {
				t.Errorf("target %v: kind 0 is valid", target)
			}
			if got := valid(s, null); got != target {
				t.Errorf("target %v: null valid = %v", target, got)
			}
			// Without forward, the nested call gives the same verdicts.
			plain := *s
			plain.forward = false
			if valid(&plain, none) || valid(&plain, null) != target {
				t.Errorf("target %v: nested call disagrees", target)
			}
		}
	}
}
