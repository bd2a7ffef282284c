package taskcontent

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/tidwall/sjson"
)

const queryJob = `{
  "type": "job",
  "steps": [
    {"stepType": "mysql", "category": "reader", "parameter": {"where": "id > 1", "column": ["a", "b"]}},
    {"stepType": "odps", "category": "writer", "parameter": {"truncate": true, "column": ["c"]}}
  ]
}`

func TestQueryPositions(t *testing.T) {
	doc, err := Parse([]byte(queryJob))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path     string
		pointers []string
	}{
		{"steps.1.parameter.truncate", []string{"/steps/1/parameter/truncate"}},
		{`steps.#(category=="writer")#.parameter`, []string{"/steps/1/parameter"}},
		{`steps.#(category=="writer").parameter.column.0`, []string{"/steps/1/parameter/column/0"}},
		{"steps.#.parameter.column", []string{"/steps/0/parameter/column", "/steps/1/parameter/column"}},
		{`steps.#(category=="nothing")#`, nil},
		{"nothing", nil},
		{"@this", []string{""}},
		{"steps.#.parameter.column.#", []string{"-", "-"}}, // counts are computed
		{"steps.@reverse", []string{"-"}},
		{`steps.#(category=="writer")#|#(stepType=="odps")#`, []string{"/steps/1"}},
	}
	for _, tt := range tests {
		ms, err := doc.Query(tt.path)
		if err != nil {
			t.Errorf("Query(%q): %v", tt.path, err)
			continue
		}
		var got []string
		for _, m := range ms {
			if !m.Value.Exists() {
				got = append(got, "-")
				continue
			}
			got = append(got, m.Value.Pointer())
			if !bytes.Equal(m.Value.Raw(), m.Raw) {
				t.Errorf("Query(%q): value %s, raw %s", tt.path, m.Value.Raw(), m.Raw)
			}
		}
		if strings.Join(got, " ") != strings.Join(tt.pointers, " ") {
			t.Errorf("Query(%q) = %q, want %q", tt.path, got, tt.pointers)
		}
	}
}

// An envelope's job is queried as the job; positions are in the response.
func TestQueryEnvelope(t *testing.T) {
	inner := `{"type":"job","steps":[{"category":"writer","parameter":{"note":"a\"b","truncate":true}}]}`
	var esc []byte
	esc = appendQuoted(esc, inner)
	src := []byte("{\n  \"RequestId\": \"x\",\n  \"Data\": {\"Status\": \"success\", \"TaskContent\": " + string(esc) + "}\n}")
	doc, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := doc.Query("steps.0.parameter.truncate")
	if err != nil || len(ms) != 1 || !ms[0].Value.Exists() {
		t.Fatalf("Query: %v %v", ms, err)
	}
	sp := ms[0].Value.Span()
	if got := string(src[sp.Start.Offset:sp.End.Offset]); got != "true" {
		t.Errorf("span covers %q, want true", got)
	}
	key := ms[0].Value.KeySpan()
	if got := string(src[key.Start.Offset:key.End.Offset]); got != `\"truncate\"` {
		t.Errorf("key span covers %q", got)
	}
	if sp.Start.Line != 3 {
		t.Errorf("line %d, want 3", sp.Start.Line)
	}
}

func TestCheckPath(t *testing.T) {
	good := []string{
		"steps.0.parameter",
		`steps.#(category=="writer")#.parameter`,
		`steps.#(parameter.column.#>2)`,
		`steps.#(name%"re*")`,
		`a\.b`,
		`@reverse`,
		`steps.@reverse.0`,
		`[steps.0,setting]`,
		`{a:steps.0,b:setting}`,
		`steps.#(name=="a)b")`,
		`@pretty:{"indent":"  "}`,
	}
	for _, p := range good {
		if err := CheckPath(p); err != nil {
			t.Errorf("CheckPath(%q): %v", p, err)
		}
	}
	bad := []string{"", "  ", `steps.#(category=="writer"`, `steps.#(category=="writer)`, "steps.0)", "[a,b", "{a:b]", `a\`, "@nosuch", "steps.@nosuch"}
	for _, p := range bad {
		err := CheckPath(p)
		var pe *PathError
		if !errors.As(err, &pe) {
			t.Errorf("CheckPath(%q) = %v, want a *PathError", p, err)
		}
	}
}

func TestSetPathsOnlyEditedBytesChange(t *testing.T) {
	doc, err := Parse([]byte(queryJob))
	if err != nil {
		t.Fatal(err)
	}
	out, err := doc.SetPaths(
		PathEdit{Path: "steps.1.parameter.truncate", Raw: []byte("false")},
		PathEdit{Path: "steps.0.parameter.where", Raw: []byte(`"id > 100"`)},
		PathEdit{Path: "steps.0.parameter.splitPk", Raw: []byte(`"id"`)},
	)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.NewReplacer(`"truncate": true`, `"truncate": false`, `"where": "id > 1"`, `"where": "id > 100"`, `"column": ["a", "b"]}`, `"column": ["a", "b"],"splitPk":"id"}`).Replace(queryJob)
	if got := string(out.Bytes()); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// Inside an envelope the job is escaped again, and the bytes between two
// edits keep their original escaping (here \u003e and \/, which a fresh
// escaping would not write); so do the unchanged characters of an edited
// string (\u4e2d\u6587 stays, only x is inserted).
func TestSetPathsEnvelope(t *testing.T) {
	src := `{"RequestId":"r","Data":{"Status":"success","TaskContent":"{\"type\":\"job\",\"steps\":[{\"category\":\"writer\",\"parameter\":{\"truncate\":true,\"where\":\"id \u003e 1\",\"path\":\"a\/b\",\"name\":\"\u4e2d\u6587\"}}]}"}}`
	doc, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	out, err := doc.SetPaths(
		PathEdit{Path: "steps.0.parameter.truncate", Raw: []byte("false")},
		PathEdit{Path: "steps.0.parameter.name", Raw: []byte(`"中文x"`)},
		PathEdit{Path: "steps.0.parameter.quote", Raw: []byte(`"say \"hi\""`)},
	)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.NewReplacer(`\"truncate\":true`, `\"truncate\":false`,
		`\"name\":\"\u4e2d\u6587\"`, `\"name\":\"\u4e2d\u6587x\",\"quote\":\"say \\\"hi\\\"\"`).Replace(src)
	if got := string(out.Bytes()); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if out.Kind() != KindJob || out.Container() != ContainerEnvelope {
		t.Errorf("kind %v container %v", out.Kind(), out.Container())
	}
	ms, _ := out.Query("steps.0.parameter.quote")
	if len(ms) != 1 || ms[0].Value.Str() != `say "hi"` {
		t.Errorf("quote = %v", ms)
	}
}

func TestSetPathsRejects(t *testing.T) {
	doc, _ := Parse([]byte(queryJob))
	for _, e := range []PathEdit{
		{Path: "steps.0", Raw: []byte("{")},
		{Path: "steps.0", Raw: []byte("1 2")},
		{Path: `steps.#(a==1`, Raw: []byte("1")},
		{Path: `steps.#(category=="writer").parameter`, Raw: []byte("1")},
		{Path: `steps.*`, Raw: []byte("1")},
		{Path: `steps.@reverse`, Raw: []byte("1")},
	} {
		if _, err := doc.SetPaths(e); err == nil {
			t.Errorf("SetPaths(%q, %s) succeeded", e.Path, e.Raw)
		}
	}
}

// For a plain document the regions SetPaths replaces must rebuild exactly
// what sjson produced, for any sequence of edits, overlapping or not.
func TestSetPathsRegionsRebuildSjson(t *testing.T) {
	paths := []string{"type", "steps.0.parameter.where", "steps.1.parameter", "steps.1.parameter.truncate", "steps.0.parameter.column.1", "steps.-1", "steps.0.x", "setting.speed.concurrent", "steps.0.parameter.column.-1"}
	values := []string{`1`, `"a"`, `{"k":[1,2]}`, `null`, `"中文"`, `true`, `[]`}
	seed := uint64(1)
	next := func(n int) int {
		seed = seed*6364136223846793005 + 1442695040888963407
		return int(seed>>33) % n
	}
	for round := 0; round < 300; round++ {
		doc, _ := Parse([]byte(queryJob))
		var edits []PathEdit
		for range 1 + next(5) {
			edits = append(edits, PathEdit{Path: paths[next(len(paths))], Raw: []byte(values[next(len(values))])})
		}
		out, err := doc.SetPaths(edits...)
		if err != nil {
			t.Fatalf("%v: %v", edits, err)
		}
		want := []byte(queryJob)
		for _, e := range edits {
			want, _ = sjson.SetRawBytes(want, e.Path, e.Raw)
		}
		if !bytes.Equal(out.Bytes(), want) {
			t.Fatalf("%v:\n got %s\nwant %s", edits, out.Bytes(), want)
		}
	}
}
