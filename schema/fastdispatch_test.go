package schema

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dilint/dilint/internal/jsonptr"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/dilint/dilint/internal/corpus"
)

// withoutDispatch clears every dispatch reachable from root, so that valid
// takes the general path everywhere. root must come from its own compile.
func withoutDispatch(root *fastSchema) *fastSchema {
	eachReachable(root, func(s *fastSchema) { s.dispatch = nil })
	return root
}

// TestDispatchBuiltForStepSchemas checks that the step schemas get their
// dispatch: every if/then entry of their allOf lists is looked up by value
// instead of evaluated, and the plugin list by stepType.
func TestDispatchBuiltForStepSchemas(t *testing.T) {
	docs, err := rawDocs()
	if err != nil {
		t.Fatal(err)
	}
	c := newMapCompiler(docs)
	for _, tc := range []struct{ ptr, key string }{
		{"/$defs/plugins", "stepType"},
		{"/$defs/shape", "category"},
		{"/$defs/batch", ""},
		{"/$defs/solution", ""},
	} {
		s, err := c.at("step.json", tc.ptr)
		if err != nil {
			t.Fatal(err)
		}
		d := s.dispatch
		if d == nil {
			t.Errorf("step.json#%s: no dispatch", tc.ptr)
			continue
		}
		if tc.key != "" && d.key != tc.key {
			t.Errorf("step.json#%s: dispatch on %q, want %q", tc.ptr, d.key, tc.key)
		}
		raw := lookupRaw(t, docs["step.json"], tc.ptr).(map[string]any)["allOf"].([]any)
		ifThen := 0
		for _, e := range raw {
			if _, ok := e.(map[string]any)["if"]; ok {
				ifThen++
			}
		}
		dispatched := make(map[*fastSchema]bool)
		for value, cases := range d.cases {
			for _, fc := range cases {
				dispatched[fc.entry] = true
				if !fc.exact {
					t.Errorf("step.json#%s: the case for %q at %s is not exact", tc.ptr, value, fc.entry.loc)
				}
			}
		}
		if len(dispatched) != ifThen || len(d.rest) != len(raw)-ifThen {
			t.Errorf("step.json#%s: %d entries dispatched and %d evaluated, want %d and %d", tc.ptr, len(dispatched), len(d.rest), ifThen, len(raw)-ifThen)
		}
	}
	// The compiled top-level schema of a job reaches the plugin dispatch.
	root, err := compileFast(Job)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	eachReachable(root, func(s *fastSchema) {
		found = found || s.loc == "step.json#/$defs/plugins" && s.dispatch != nil
	})
	if !found {
		t.Error("the job schema does not reach the plugin dispatch")
	}
}

func lookupRaw(t *testing.T, node any, ptr string) any {
	t.Helper()
	for _, tok := range strings.Split(ptr[1:], "/") {
		node = node.(map[string]any)[jsonptr.UnescapeToken(tok)]
	}
	return node
}

// dispatchSchema has an allOf list of entries on either side of every
// condition under which an entry may or may not be dispatched.
const dispatchSchema = `{"allOf": [
	{"if": {"properties": {"k": {"const": "a"}}, "required": ["k"]}, "then": {"required": ["ta"]}},
	{"if": {"properties": {"k": {"enum": ["a", "b", "b"]}}, "required": ["k"]}, "then": {"required": ["tab"]}},
	{"if": {"properties": {"k": {"const": "c"}}}, "then": {"required": ["tc"]}},
	{"if": {"properties": {"k": {"enum": ["d", 1, null]}}, "required": ["k"]}, "then": {"required": ["td"]}},
	{"if": {"properties": {"k": {"const": "e"}, "j": {"type": "string"}}, "required": ["k", "j"]}, "then": {"required": ["te"]}},
	{"if": {"properties": {"k": {"const": "f"}, "j": {"const": "x"}}, "required": ["j", "k"]}, "then": {"required": ["tf"]}},
	{"if": {"properties": {"k": {"const": "g"}}, "required": ["k", "z"]}, "then": {"required": ["tg"]}},
	{"if": {"properties": {"k": {"const": "p"}, "j": {"const": "x"}}, "required": ["k"]}, "then": {"required": ["tp"]}},
	{"if": {"properties": {"k": {"const": "h"}}, "required": ["k"]}, "then": {"required": ["th"]}, "else": {"required": ["eh"]}},
	{"if": {"properties": {"k": {"const": "i"}}, "required": ["k"]}, "then": {"required": ["ti"]}, "type": "object"},
	{"if": {"properties": {"k": {"const": "l", "type": "string"}}, "required": ["k"]}, "then": {"required": ["tl"]}},
	{"if": {"properties": {"k": {"const": "m"}}, "required": ["k"], "not": {"required": ["z"]}}, "then": {"required": ["tm"]}},
	{"if": {"properties": {"k": {"const": "n"}}, "required": ["k"]}, "description": "no then"},
	{"if": {"properties": {"k": {"const": 1}}, "required": ["k"]}, "then": {"required": ["t1"]}},
	{"if": {"properties": {"k": {"const": ""}}, "required": ["k"]}, "then": {"required": ["tempty"]}},
	{"if": true, "then": {"required": ["always"]}},
	{"properties": {"n": {"type": "integer"}}}
]}`

// TestDispatchSemantics compares the verdicts with and without dispatch,
// and with jsonschema v6, over generated instances of a schema made of
// every kind of entry, and over the real schemas with generated steps.
func TestDispatchSemantics(t *testing.T) {
	s, err := compileTestSchema(t, dispatchSchema)
	if err != nil {
		t.Fatal(err)
	}
	if s.dispatch == nil || s.dispatch.key != "k" {
		t.Fatalf("no dispatch on k: %+v", s.dispatch)
	}
	general, err := compileTestSchema(t, dispatchSchema)
	if err != nil {
		t.Fatal(err)
	}
	withoutDispatch(general)
	c := jsonschema.NewCompiler()
	c.UseRegexpEngine(ecmaRegexpEngine)
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource(baseURL+"t.json", decode(t, dispatchSchema)); err != nil {
		t.Fatal(err)
	}
	oracle, err := c.Compile(baseURL + "t.json")
	if err != nil {
		t.Fatal(err)
	}
	values := []string{`"a"`, `"b"`, `"c"`, `"d"`, `"e"`, `"f"`, `"g"`, `"h"`, `"i"`, `"l"`, `"m"`, `"n"`, `"p"`, `""`, `"A"`, `"zz"`, `1`, `1.0`, `null`, `true`, `{}`, `["a"]`}
	others := []string{"ta", "tab", "tc", "td", "te", "tf", "tg", "th", "eh", "ti", "tl", "tm", "tp", "t1", "tempty", "always", "z"}
	rng := rand.New(rand.NewPCG(7, 7))
	counts := map[bool]int{}
	check := func(label string, n testNode, oracleInstance any) {
		got, want := valid(s, n), valid(general, n)
		if got != want {
			t.Errorf("%s: with dispatch %v, without %v", label, got, want)
		}
		if oracleInstance != nil {
			if v6 := oracle.Validate(oracleInstance) == nil; v6 != got {
				t.Errorf("%s: fast %v, v6 %v", label, got, v6)
			}
		}
		counts[got]++
	}
	for range 6000 {
		var members []string
		if rng.IntN(8) != 0 {
			members = append(members, `"k":`+values[rng.IntN(len(values))])
		}
		switch rng.IntN(3) {
		case 0:
			members = append(members, `"j":"x"`)
		case 1:
			members = append(members, `"j":`+values[rng.IntN(len(values))])
		}
		for _, o := range others {
			if rng.IntN(3) != 0 {
				members = append(members, fmt.Sprintf("%q:0", o))
			}
		}
		if rng.IntN(10) == 0 {
			members = append(members, `"n":1.5`)
		}
		text := "{" + strings.Join(members, ",") + "}"
		doc := decode(t, text)
		n := toTestNode(t, doc)
		check(text, n, doc)
		// The same members with k given twice: the first is shadowed.
		dup := &testValue{kind: KindObject, kids: append([]*testValue{}, n.v.kids...)}
		first := toTestNode(t, decode(t, values[rng.IntN(len(values))])).v
		first.key, first.shadowed = []byte("k"), hasKey(dup, "k")
		dup.kids = append([]*testValue{first}, dup.kids...)
		check(text+" after a shadowed k", testNode{dup}, nil)
		// k given last, shadowing the one of text.
		last := toTestNode(t, decode(t, values[rng.IntN(len(values))])).v
		last.key = []byte("k")
		shadowing := &testValue{kind: KindObject}
		for _, kid := range n.v.kids {
			cp := *kid
			cp.shadowed = string(kid.key) == "k"
			shadowing.kids = append(shadowing.kids, &cp)
		}
		shadowing.kids = append(shadowing.kids, last)
		check(text+" before a shadowing k", testNode{shadowing}, nil)
	}
	for _, text := range []string{`1`, `"a"`, `null`, `[]`, `["k"]`, `true`} {
		doc := decode(t, text)
		check(text, toTestNode(t, doc), doc)
	}
	t.Logf("synthetic schema: %v", counts)
	if counts[true] < 100 || counts[false] < 100 {
		t.Errorf("too few verdicts of one kind: %v", counts)
	}
	checkStepVariants(t)
}

func hasKey(v *testValue, key string) bool { return testNode{v}.Has(key) }

// checkStepVariants validates jobs whose steps get every combination of
// stepType and category values (and duplicates of them) against every
// name, with and without dispatch.
func checkStepVariants(t *testing.T) {
	fast := make(map[Name]*fastSchema)
	general := make(map[Name]*fastSchema)
	for _, name := range Names() {
		var err error
		if fast[name], err = compileFast(name); err != nil {
			t.Fatal(err)
		}
		g, err := compileFast(name)
		if err != nil {
			t.Fatal(err)
		}
		general[name] = withoutDispatch(g)
	}
	var srcs [][]byte
	for i := range 18 {
		srcs = append(srcs, corpus.Batch(i, false))
	}
	srcs = append(srcs, corpus.Solution(corpus.Options{Tables: 2, Seed: 3}))
	for _, dir := range []string{"testdata/cases", "../testdata/published", "../testdata/samples"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.json"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "expect.json") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			srcs = append(srcs, b)
		}
	}
	stepTypes := []string{`"mysql"`, `"odps"`, `"holo"`, `"oss"`, `"kafka"`, `"stream"`, `"sqlserver"`, `"otsstream"`, `"MySQL"`, `""`, `"transformer"`, `null`, `1`, `{}`}
	categories := []string{`"reader"`, `"writer"`, `"processor"`, `"transformer"`, `"Reader"`, `1`, `null`}
	counts := map[bool]int{}
	compare := func(label string, root testNode) {
		for _, name := range Names() {
			got, want := valid(fast[name], root), valid(general[name], root)
			if got != want {
				t.Errorf("%s as %s: with dispatch %v, without %v", label, name, got, want)
			}
			counts[got]++
		}
	}
	docs := 0
	for i, src := range srcs {
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(string(src)))
		if err != nil {
			continue // fixtures that are not JSON
		}
		root := toTestNode(t, doc)
		steps := stepObjects(root.v)
		if len(steps) == 0 {
			continue
		}
		docs++
		for j, site := range steps {
			orig := site.parent.kids[site.index]
			replace := func(v *testValue) { site.parent.kids[site.index] = v }
			label := fmt.Sprintf("document %d step %d", i, j)
			for _, st := range append(stepTypes, "") {
				for _, cat := range append(categories, "") {
					replace(withMember(t, withMember(t, orig, "stepType", st, false), "category", cat, false))
					compare(label+" stepType "+st+" category "+cat, root)
				}
				// A second stepType: the original one is shadowed.
				replace(withMember(t, orig, "stepType", st, true))
				compare(label+" shadowed stepType, then "+st, root)
			}
			for _, cat := range categories {
				replace(withMember(t, orig, "category", cat, true))
				compare(label+" shadowed category, then "+cat, root)
			}
			for _, other := range []string{`"x"`, `1`, `[]`, `null`} {
				replace(toTestNode(t, decode(t, other)).v)
				compare(label+" replaced by "+other, root)
			}
			replace(orig)
		}
	}
	t.Logf("%d documents with steps: %v", docs, counts)
	if docs < 20 || counts[true] < 100 || counts[false] < 1000 {
		t.Errorf("too few documents or verdicts of one kind: %d documents, %v", docs, counts)
	}
}

type stepSite struct {
	parent *testValue
	index  int
}

// stepObjects finds the elements of arrays that have a category member.
func stepObjects(v *testValue) []stepSite {
	var out []stepSite
	for i, kid := range v.kids {
		if v.kind == KindArray && kid.kind == KindObject && hasKey(kid, "category") {
			out = append(out, stepSite{v, i})
		}
		out = append(out, stepObjects(kid)...)
	}
	return out
}

// withMember returns a copy of obj with its member key set to the JSON
// value raw, or deleted when raw is empty. With duplicate, the new member
// is added last, shadowing an existing one instead of replacing it.
func withMember(t *testing.T, obj *testValue, key, raw string, duplicate bool) *testValue {
	t.Helper()
	out := &testValue{kind: obj.kind, key: obj.key}
	for _, kid := range obj.kids {
		if string(kid.key) == key {
			if !duplicate {
				continue
			}
			cp := *kid
			cp.shadowed = raw != ""
			kid = &cp
		}
		out.kids = append(out.kids, kid)
	}
	if raw != "" {
		m := toTestNode(t, decode(t, raw)).v
		m.key = []byte(key)
		out.kids = append(out.kids, m)
	}
	return out
}

// TestDispatchShadowed: the value of a duplicated discriminator is the last
// one, as decoders keep it, whichever plugin the shadowed one names.
func TestDispatchShadowed(t *testing.T) {
	docs, err := rawDocs()
	if err != nil {
		t.Fatal(err)
	}
	c := newMapCompiler(docs)
	step, err := c.at("step.json", "/$defs/batch")
	if err != nil {
		t.Fatal(err)
	}
	if step.dispatch == nil {
		t.Fatal("no dispatch")
	}
	general, err := compileTestStep(t)
	if err != nil {
		t.Fatal(err)
	}
	oracle := jsonschema.NewCompiler()
	oracle.UseRegexpEngine(ecmaRegexpEngine)
	for file, doc := range docs {
		if err := oracle.AddResource(baseURL+file, doc); err != nil {
			t.Fatal(err)
		}
	}
	batch, err := oracle.Compile(baseURL + "step.json#/$defs/batch")
	if err != nil {
		t.Fatal(err)
	}
	// An odps writer parameter, and a stream writer parameter that odps
	// rejects.
	odps := `"name":"w","parameter":{"datasource":"d","table":"t","column":["a"],"truncate":true}`
	stream := `"name":"w","parameter":{"print":true}`
	counts := map[bool]int{}
	for _, members := range []string{
		`"stepType":"odps","category":"writer",` + odps,
		`"stepType":"odps","category":"writer",` + stream,
		`"stepType":"stream","category":"writer",` + stream,
		`"stepType":"odps","stepType":"stream","category":"writer",` + stream,
		`"stepType":"stream","stepType":"odps","category":"writer",` + stream,
		`"stepType":"stream","stepType":"odps","category":"writer",` + odps,
		`"stepType":1,"stepType":"odps","category":"writer",` + odps,
		`"stepType":"odps","stepType":1,"category":"writer",` + odps,
		`"stepType":"odps","stepType":null,"category":"writer",` + stream,
		`"stepType":"odps","category":"reader","category":"writer",` + odps,
		`"stepType":"odps","category":"writer","category":"reader",` + odps,
		`"stepType":"odps","category":"writer","category":"reader",` + stream,
		`"category":"writer","stepType":"odps","category":1,` + stream,
		`"stepType":"mysql","category":"reader","stepType":"holo","category":"writer",` + stream,
	} {
		n := objectWithDuplicates(t, members)
		got := valid(step, n)
		// Decoders keep the last of duplicate keys.
		want := batch.Validate(decode(t, "{"+members+"}")) == nil
		if without := valid(general, n); got != without || got != want {
			t.Errorf("{%s}: with dispatch %v, without %v, v6 %v", members, got, without, want)
		}
		counts[got]++
	}
	if counts[true] == 0 || counts[false] == 0 {
		t.Errorf("verdicts all of one kind: %v", counts)
	}
}

func compileTestStep(t *testing.T) (*fastSchema, error) {
	t.Helper()
	docs, err := rawDocs()
	if err != nil {
		return nil, err
	}
	c := newMapCompiler(docs)
	s, err := c.at("step.json", "/$defs/batch")
	if err != nil {
		return nil, err
	}
	return withoutDispatch(s), nil
}

// objectWithDuplicates builds an object from members written as JSON,
// keeping duplicate keys in order and marking all but the last of each
// shadowed.
func objectWithDuplicates(t *testing.T, members string) testNode {
	t.Helper()
	var kids []*testValue
	// Each member is decoded on its own, as a one-member object.
	for _, m := range splitMembers(members) {
		one := toTestNode(t, decode(t, "{"+m+"}")).v.kids[0]
		for _, k := range kids {
			if string(k.key) == string(one.key) {
				k.shadowed = true
			}
		}
		kids = append(kids, one)
	}
	return testNode{&testValue{kind: KindObject, kids: kids}}
}

// splitMembers splits "a":1,"b":{"c":[1,2]} at the commas between members.
func splitMembers(s string) []string {
	var out []string
	depth, start, inString := 0, 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
		case c == ',' && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}
