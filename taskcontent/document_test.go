package taskcontent

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dilint/dilint/internal/jsonptr"

	"github.com/google/go-cmp/cmp"

	"github.com/dilint/dilint/internal/corpus"
)

func readFixture(t testing.TB, name string) *Document {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	d, err := ParseFile(name, src)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return d
}

// decodeStd decodes JSON the way encoding/json does, with json.Number, as
// an independent reference for what the content means.
func decodeStd(t testing.TB, b []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("encoding/json cannot decode: %v\n%s", err, b)
	}
	return v
}

func TestKinds(t *testing.T) {
	tests := []struct {
		file      string
		kind      Kind
		container Container
	}{
		{"batch_mysql_odps.json", KindJob, ContainerPlain},
		{"realtime_holo.json", KindJob, ContainerPlain},
		{"envelope_query.json", KindJob, ContainerEnvelope},
		{"envelope_fail.json", KindNone, ContainerEnvelope},
		{"taskcontent_string.json", KindJob, ContainerString},
		{"taskparam_create.json", KindTaskParam, ContainerPlain},
		{"taskparam_realtime.json", KindRealtimeTaskParam, ContainerPlain},
		{"taskparam_update.json", KindUpdateTaskParam, ContainerPlain},
		{"loose.jsonc", KindJob, ContainerPlain},
		{"envelope_code.json", KindJob, ContainerEnvelope},
		{"envelope_solution.json", KindSolution, ContainerEnvelope},
		{"solution_processcontent.json", KindSolution, ContainerPlain},
		{"taskparam_camelcase.json", KindTaskParam, ContainerPlain},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			d := readFixture(t, tt.file)
			if d.Kind() != tt.kind || d.Container() != tt.container {
				t.Errorf("kind %s/%s, want %s/%s", d.Kind(), d.Container(), tt.kind, tt.container)
			}
		})
	}
}

// TestRoundTrip checks that every fixture survives parse → bytes byte for
// byte, and that the compact and indented forms mean the same as the
// original (numbers compared by spelling, never through float64).
func TestRoundTrip(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.json")
	if len(files) < 8 {
		t.Fatalf("only %d fixtures", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			d := readFixture(t, filepath.Base(f))
			src, _ := os.ReadFile(f)
			if !bytes.Equal(d.Bytes(), src) {
				t.Fatal("Bytes differ from the input")
			}
			if d.Root().Exists() == false {
				return
			}
			want := decodeStd(t, d.Content())
			compact, err := d.Compact()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, decodeStd(t, compact)); diff != "" {
				t.Errorf("compact changed the content (-want +got):\n%s", diff)
			}
			indented, _ := d.Indent("")
			if diff := cmp.Diff(want, decodeStd(t, indented)); diff != "" {
				t.Errorf("indent changed the content (-want +got):\n%s", diff)
			}
			again, err := Parse(indented)
			if err != nil {
				t.Fatal(err)
			}
			if twice, _ := again.Indent(""); !bytes.Equal(twice, indented) {
				t.Error("Indent is not idempotent")
			}
			if !d.Root().Equal(again.Root()) {
				t.Error("Value.Equal says the indented form differs")
			}
		})
	}
}

func TestNumbersKeepSpelling(t *testing.T) {
	src := []byte(`{"a": 9007199254740993, "b": 1.0, "c": "1", "d": 1e2, "e": -0, "f": 123456789012345678901234567890}`)
	d, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	root := d.Root()
	for key, want := range map[string]string{"a": "9007199254740993", "b": "1.0", "d": "1e2", "e": "-0", "f": "123456789012345678901234567890"} {
		if got := root.Get(key).Number(); string(got) != want {
			t.Errorf("%s: spelling %q, want %q", key, got, want)
		}
	}
	if n, ok := root.Get("a").Int(); !ok || n != 9007199254740993 {
		t.Errorf("Int() = %d, %v", n, ok)
	}
	if n, ok := root.Get("d").Int(); !ok || n != 100 {
		t.Errorf("1e2 Int() = %d, %v", n, ok)
	}
	if _, ok := root.Get("f").Int(); ok {
		t.Error("Int() of a 30-digit number should fail")
	}
	if got := root.Interface().(map[string]any)["a"]; got != json.Number("9007199254740993") {
		t.Errorf("Interface gives %#v", got)
	}
	compact, _ := d.Compact()
	if !bytes.Contains(compact, []byte(`"a":9007199254740993,"b":1.0,"c":"1","d":1e2,"e":-0`)) {
		t.Errorf("compact lost a spelling: %s", compact)
	}
}

func TestLocate(t *testing.T) {
	d := readFixture(t, "batch_mysql_odps.json")
	tests := []struct {
		ptr      string
		found    bool
		resolved string
		key      string // line:col of the key, "-" when none
		value    string // line:col of the value
	}{
		{"", true, "", "-", "1:1"},
		{"/steps/0/stepType", true, "/steps/0/stepType", "6:7", "6:19"},
		{"/steps/1/parameter/table", true, "/steps/1/parameter/table", "32:9", "32:18"},
		{"/setting/speed/concurrent", true, "/setting/speed/concurrent", "44:7", "44:21"},
		{"/setting/speed/mbps", false, "/setting/speed", "42:5", "42:14"},
		{"/steps/7/name", false, "/steps", "4:3", "4:12"},
		{"/order/hops/0/to", true, "/order/hops/0/to", "51:9", "51:15"},
		{"#/extend/mode", true, "/extend/mode", "56:5", "56:13"},
	}
	for _, tt := range tests {
		loc := d.Locate(tt.ptr)
		if loc.Found != tt.found || loc.Pointer != tt.resolved || loc.Key.Start.String() != tt.key || loc.Value.Start.String() != tt.value {
			t.Errorf("Locate(%q) = found %v at %q key %s value %s; want %v %q %s %s",
				tt.ptr, loc.Found, loc.Pointer, loc.Key.Start, loc.Value.Start, tt.found, tt.resolved, tt.key, tt.value)
		}
	}
	// A located value's span covers exactly its bytes.
	loc := d.Locate("/steps/0/parameter/column")
	got := string(d.Bytes()[loc.Value.Start.Offset:loc.Value.End.Offset])
	if got != `["order_id", "customer_id", "amount", "created_at"]` {
		t.Errorf("span covers %q", got)
	}
}

// TestLocateEnvelope checks that positions inside an embedded TaskContent
// map back through the string's escapes to the file the user has.
func TestLocateEnvelope(t *testing.T) {
	for _, file := range []string{"envelope_query.json", "taskcontent_string.json"} {
		t.Run(file, func(t *testing.T) {
			d := readFixture(t, file)
			src := d.Bytes()
			count := 0
			var walk func(v Value)
			walk = func(v Value) {
				count++
				loc := d.Locate(v.Pointer())
				if !loc.Found {
					t.Fatalf("%s not found", v.Pointer())
				}
				// The file bytes at the mapped span are the value's own
				// bytes, escaped the way a JSON string escapes them.
				raw := src[loc.Value.Start.Offset:loc.Value.End.Offset]
				if want := appendEscaped(nil, string(v.Raw())); !bytes.Equal(raw, want) {
					t.Fatalf("%s: file has %q at %s, want %q", v.Pointer(), raw, loc.Value.Start, want)
				}
				if v.IsMember() {
					k := src[loc.Key.Start.Offset:loc.Key.End.Offset]
					if want := `\"` + jsonptr.EscapeToken(v.Key()) + `\"`; string(k) != want && !strings.Contains(string(k), "\\u") {
						t.Fatalf("%s: key bytes %q", v.Pointer(), k)
					}
				}
				for _, c := range v.Elems() {
					walk(c)
				}
				for _, c := range v.Members() {
					walk(c)
				}
			}
			walk(d.Root())
			if count < 30 {
				t.Fatalf("walked only %d values", count)
			}
		})
	}
	d := readFixture(t, "envelope_query.json")
	loc := d.Locate("/steps/1/parameter/writeMode")
	if loc.Value.Start.Line != 7 {
		t.Errorf("embedded value on line %d, want 7 (the TaskContent line)", loc.Value.Start.Line)
	}
}

func TestEnvelope(t *testing.T) {
	d := readFixture(t, "envelope_fail.json")
	env, ok := d.Envelope()
	if !ok {
		t.Fatal("no envelope")
	}
	if env.Status.Str() != "fail" || env.Message.Str() != "fileId:[100] is invalid." {
		t.Errorf("status %q message %q", env.Status.Str(), env.Message.Str())
	}
	if got := env.Message.Span().Start.String(); got != "6:16" {
		t.Errorf("message at %s", got)
	}
	if d.Root().Exists() || d.ContentErr() != nil {
		t.Error("a failed process has no content and no content error")
	}
}

func TestEmbeddedContentNotJSON(t *testing.T) {
	src := []byte("{\n  \"RequestId\": \"r\",\n  \"Data\": {\"Status\": \"success\", \"TaskContent\": \"{\\\"type\\\":\\\"job\\\",]\"}\n}\n")
	d, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	var se *SyntaxError
	if !errors.As(d.ContentErr(), &se) {
		t.Fatalf("ContentErr = %v", d.ContentErr())
	}
	// The ']' is at line 3; its column is where it is in the file, after
	// the escaped quotes.
	col := bytes.IndexByte(src[bytes.Index(src, []byte("job")):], ']') + bytes.Index(src, []byte("job")) - bytes.LastIndexByte(src[:bytes.Index(src, []byte("job"))], '\n')
	if se.Pos.Line != 3 || se.Pos.Column != col || se.Where != "/Data/TaskContent" {
		t.Errorf("error at %s in %q, want 3:%d: %v", se.Pos, se.Where, col, se)
	}
	if d.Kind() != KindUnknown {
		t.Errorf("kind %s", d.Kind())
	}
}

func TestViews(t *testing.T) {
	d := readFixture(t, "batch_mysql_odps.json")
	job := d.Job()
	if job.Type() != "job" || job.Version() != "2.0" {
		t.Errorf("type %q version %q", job.Type(), job.Version())
	}
	r, ok := job.Reader()
	if st := r.StepType(); !ok || st != "mysql" || r.Name() != "Reader" {
		t.Errorf("reader %q %q", st, r.Name())
	}
	for _, c := range r.Connections() {
		if c.Datasource() != "orders_rds" || c.Tables().Index(0).Str() != "orders" {
			t.Errorf("connection %q", c.Datasource())
		}
	}
	for _, h := range job.Hops() {
		if h.From() != "Reader" || h.To() != "Writer" {
			t.Errorf("hop %s → %s", h.From(), h.To())
		}
	}
	s := job.Setting()
	if n, ok := s.Concurrent().Int(); !ok || n != 2 || s.Concurrent().Spelling != SpellingNumber {
		t.Errorf("concurrent %d %v %s", n, ok, s.Concurrent().Spelling)
	}
	if n, ok := s.ErrorRecord().Int(); !ok || n != 0 || s.ErrorRecord().Spelling != SpellingString {
		t.Errorf("record %d %v %s", n, ok, s.ErrorRecord().Spelling)
	}
	if b, ok := s.Throttle().Bool(); !ok || b {
		t.Errorf("throttle %v %v", b, ok)
	}
	if s.Mbps().Spelling != SpellingAbsent {
		t.Error("mbps should be absent")
	}

	rt := readFixture(t, "envelope_query.json").Job()
	w, _ := rt.Writer()
	tmr := w.TableMappingRule()
	if n, _ := tmr.TotalTableMapping().Int(); n != 2 || tmr.RuleCount() != 2 {
		t.Errorf("total %d rules %d", n, tmr.RuleCount())
	}
	var tables []string
	for rule := range tmr.Rules() {
		info := rule.DstCreateTableInfo()
		tables = append(tables, rule.SrcDB()+"."+rule.SrcTable()+"→"+rule.DstTable()+"="+info.SchemaName()+"."+info.TableName())
		for _, c := range info.Columns() {
			if c.Name() == "" || c.Type() == "" {
				t.Errorf("column without name or type at %s", c.Value.Pointer())
			}
		}
	}
	if want := []string{"shop.customers→ods.customers=ods.customers", "shop.payments→ods.payments=ods.payments"}; !cmp.Equal(tables, want) {
		t.Errorf("rules %v", tables)
	}
	rd, _ := rt.Reader()
	var selected []string
	for _, c := range rd.Connections() {
		for _, db := range c.SelectedTables() {
			for ti := range db.Tables() {
				if ti.Enabled() {
					selected = append(selected, db.DBName()+"."+ti.Table())
				}
			}
		}
	}
	if want := []string{"shop.customers", "shop.payments"}; !cmp.Equal(selected, want) {
		t.Errorf("selected %v", selected)
	}
	p := readFixture(t, "loose.jsonc").Job()
	n := 0
	for range p.Steps() {
		n++
	}
	if n != 2 {
		t.Error("steps of a document with trailing commas")
	}
}

func TestSyntaxErrors(t *testing.T) {
	tests := []struct {
		src, pos, msg string
	}{
		{``, "1:1", "empty document"},
		{`{"a": 1,,}`, "1:9", `unexpected ','`},
		{"{\n  \"a\": 1\n  \"b\": 2\n}", "3:3", "missing ','"},
		{`{"a": NaN}`, "1:7", "NaN is not a JSON number"},
		{`{"a": -Infinity}`, "1:7", "-Infinity is not a JSON number"},
		{`{"a": 'x'}`, "1:7", "double quotes"},
		{`{'a': 1}`, "1:2", "keys must use double quotes"},
		{`{a: 1}`, "1:2", "double-quoted string"},
		{`{"a": True}`, "1:7", "lower case"},
		{`{"a": 01}`, "1:7", "leading zeros"},
		{`{"a": 1.}`, "1:7", "decimal point"},
		{`{"a": .5}`, "1:7", "starts with a digit"},
		{"{\"user\": \"//User Name\n}", "1:22", "newline in string"},
		{`{"a": "\x"}`, "1:8", `invalid escape \x`},
		{`{"a": "\u12"}`, "1:8", `\u must be followed`},
		{`{"a": 1} x`, "1:10", "after the top-level value"},
		{`{"a": [1, 2}`, "1:12", "expected ',' or ']'"},
		{`{"a": 1`, "1:1", "unterminated object"},
		{`[1, 2`, "1:1", "unterminated array"},
		{`"abc`, "1:1", "unterminated string"},
		{`{"a": 1} /`, "1:10", "no comments or regular expressions"},
		{`{"a": 1 /* x`, "1:9", "unterminated /* comment"},
		{`{"a": undefined}`, "1:7", "write null"},
		{`{"a": 0x1F}`, "1:7", "hexadecimal"},
	}
	for _, tt := range tests {
		_, err := ParseFile("job.json", []byte(tt.src))
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%q: error %v, want a SyntaxError", tt.src, err)
			continue
		}
		if se.Pos.String() != tt.pos || !strings.Contains(se.Msg, tt.msg) || !strings.HasPrefix(se.Error(), "job.json:"+tt.pos+": ") {
			t.Errorf("%q: %v; want %s %q", tt.src, err, tt.pos, tt.msg)
		}
	}
}

func TestSyntaxErrorHidesSecrets(t *testing.T) {
	src := []byte("{\"parameter\": {\"password\": \"hunter2-Secret\", \"jdbcUrl\": \"x\" \"column\": []}}")
	_, err := Parse(src)
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("error shows the password or is nil: %v", err)
	}
	src = []byte("{\"accessKeySecret\": \"abcDEF123\n}")
	_, err = Parse(src)
	if err == nil || strings.Contains(err.Error(), "abcDEF") {
		t.Fatalf("error shows the secret or is nil: %v", err)
	}
}

func TestProblems(t *testing.T) {
	d := readFixture(t, "loose.jsonc")
	type row struct{ Code, At, Ptr, Related string }
	var got []row
	for _, p := range d.Problems() {
		got = append(got, row{p.Code.String(), p.Span.Start.String(), p.Pointer, p.Related.Start.String()})
	}
	want := []row{
		{"comment", "2:18", "", "-"},
		{"comment", "4:3", "", "-"},
		{"trailing-comma", "6:126", "", "-"},
		{"trailing-comma", "7:97", "", "-"},
		{"duplicate-key", "10:42", "/setting/speed/concurrent", "10:25"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	// Get follows encoding/json: the last duplicate wins.
	if n, _ := d.Job().Setting().Concurrent().Int(); n != 2 {
		t.Errorf("concurrent %d, want the last value 2", n)
	}

	d, err := Parse([]byte("\xef\xbb\xbf{\"a\": \"caf\xe9\"}"))
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, p := range d.Problems() {
		codes = append(codes, p.Code.String()+"@"+p.Span.Start.String())
	}
	if want := []string{"byte-order-mark@1:1", "invalid-utf8@1:14"}; !cmp.Equal(codes, want) {
		t.Errorf("problems %v, want %v", codes, want)
	}
}

func TestDuplicateKeysInLargeObject(t *testing.T) {
	var b strings.Builder
	b.WriteString("{")
	for i := range 100 {
		b.WriteString(`"k` + string(rune('a'+i%26)) + strings.Repeat("x", i/26) + `": 1,`)
	}
	b.WriteString(`"ka": 2}`)
	d, err := Parse([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if ps := d.Problems(); len(ps) != 1 || ps[0].Pointer != "/ka" {
		t.Fatalf("problems %+v", ps)
	}
}

func TestDeepNesting(t *testing.T) {
	for _, src := range [][]byte{bytes.Repeat([]byte("["), 1<<20), bytes.Repeat([]byte(`{"a":`), 200000)} {
		_, err := Parse(src)
		if err == nil || !strings.Contains(err.Error(), "nesting deeper than") {
			t.Errorf("err = %v", err)
		}
	}
	ok := strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth)
	if _, err := Parse([]byte(ok)); err != nil {
		t.Errorf("depth %d rejected: %v", MaxDepth, err)
	}
}

func TestPointers(t *testing.T) {
	d, err := Parse([]byte(`{"a/b": {"m~n": [10, 20]}, "": 1, "x": {"0": "zero"}}`))
	if err != nil {
		t.Fatal(err)
	}
	for ptr, want := range map[string]string{
		"/a~1b/m~0n/1": "20",
		"/":            "1",
		"/x/0":         `"zero"`,
		"#/a~1b/m~0n":  "[10, 20]",
	} {
		v, ok := d.Lookup(ptr)
		if !ok || string(v.Raw()) != want {
			t.Errorf("Lookup(%q) = %q %v, want %s", ptr, v.Raw(), ok, want)
		}
	}
	for _, bad := range []string{"a", "/a~2", "/a~1b/m~0n/01", "/a~1b/m~0n/-1", "/a~1b/m~0n/2"} {
		if _, ok := d.Lookup(bad); ok {
			t.Errorf("Lookup(%q) succeeded", bad)
		}
	}
	v, _ := d.Lookup("/a~1b/m~0n/1")
	if v.Pointer() != "/a~1b/m~0n/1" {
		t.Errorf("Pointer() = %q", v.Pointer())
	}
	if JoinPointer("a/b", "m~n", "1") != "/a~1b/m~0n/1" {
		t.Error("JoinPointer")
	}
}

// TestGeneratedSolution runs the round trip, views and a bulk edit over a
// generated solution with 3,000 table mappings, indented and compact.
func TestGeneratedSolution(t *testing.T) {
	for _, indent := range []bool{false, true} {
		src := corpus.Solution(corpus.Options{Tables: 3000, Indent: indent, Seed: 3})
		d, err := Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(d.Bytes(), src) {
			t.Fatal("round trip")
		}
		w, _ := d.Job().Writer()
		tmr := w.TableMappingRule()
		if n, _ := tmr.TotalTableMapping().Int(); n != 3000 || tmr.RuleCount() != 3000 {
			t.Fatalf("total %d rules %d", n, tmr.RuleCount())
		}
		last := d.Locate("/steps/1/parameter/tableMappingRule/datasource/0/tableRule/2999/srcTable")
		if !last.Found || string(src[last.Value.Start.Offset:last.Value.End.Offset]) != `"t_billing_02999"` {
			t.Fatalf("last rule at %+v", last)
		}
		out, err := d.Edit().SetDestinationSchema("stage").RemoveTableMapping("crm", "t_crm_00001").Apply()
		if err != nil {
			t.Fatal(err)
		}
		ow, _ := out.Job().Writer()
		if n, _ := ow.TableMappingRule().TotalTableMapping().Int(); n != 2999 {
			t.Errorf("total after removal %d", n)
		}
		for r := range ow.TableMappingRule().Rules() {
			if !strings.HasPrefix(r.DstTable(), "stage.") || r.DstCreateTableInfo().SchemaName() != "stage" {
				t.Fatalf("rule %s not moved", r.Value.Pointer())
			}
		}
	}
}

func TestColumnsInOtherUnits(t *testing.T) {
	d, err := Parse([]byte("{\"名前\": \"😀\", \"x\": 1}"))
	if err != nil {
		t.Fatal(err)
	}
	p := d.Locate("/x").Key.Start
	if p.Column != 20 || d.ColumnRunes(p) != 13 || d.ColumnUTF16(p) != 14 {
		t.Errorf("byte %d rune %d utf16 %d", p.Column, d.ColumnRunes(p), d.ColumnUTF16(p))
	}
	if d.LineText(1) != "{\"名前\": \"😀\", \"x\": 1}" || d.LineText(2) != "" {
		t.Error("LineText")
	}
}

// TestEmbeddedContentEncodedTwice: content that is itself a JSON string
// would be read back as another string container once written out, so it
// is a content error, not a root; an empty string is still no content.
func TestEmbeddedContentEncodedTwice(t *testing.T) {
	for _, tc := range []struct {
		src   string
		kind  Kind
		errAt string // position of the content error, "" for none
	}{
		{`""`, KindNone, ""},
		{`" "`, KindNone, ""},
		{`"\"\""`, KindUnknown, "1:2"},
		{`" \"x\" "`, KindUnknown, "1:3"},
		{`"\"{\\\"type\\\":\\\"job\\\"}\""`, KindUnknown, "1:2"},
		{"{\"RequestId\":\"r\",\"Data\":{\n\"TaskContent\":\"\\\"\\\"\"}}", KindUnknown, "2:16"},
		{`{"RequestId":"r","Data":{"TaskContent":""}}`, KindNone, ""},
		{`"1"`, KindUnknown, ""},
		{`"{\"type\":\"job\"}"`, KindJob, ""},
	} {
		d, err := Parse([]byte(tc.src))
		if err != nil {
			t.Fatalf("%s: %v", tc.src, err)
		}
		if d.Kind() != tc.kind {
			t.Errorf("%s: kind %s, want %s", tc.src, d.Kind(), tc.kind)
		}
		var se *SyntaxError
		if tc.errAt == "" {
			if d.ContentErr() != nil {
				t.Errorf("%s: ContentErr %v", tc.src, d.ContentErr())
			}
		} else if !errors.As(d.ContentErr(), &se) || se.Pos.String() != tc.errAt || !strings.Contains(se.Msg, "encoded twice") {
			t.Errorf("%s: ContentErr %v, want one at %s", tc.src, d.ContentErr(), tc.errAt)
		}
		root := d.Root()
		if root.Type() == TypeString || (tc.errAt != "" || tc.kind == KindNone) && root.Exists() {
			t.Errorf("%s: root %s", tc.src, root.Type())
		}
		if !root.Exists() {
			continue
		}
		// What exists survives a round trip through its compact form.
		compact, err := d.Compact()
		if err != nil {
			t.Fatal(err)
		}
		again, err := Parse(compact)
		if err != nil || !again.Root().Equal(root) {
			t.Errorf("%s: compact form %s means something else: %v", tc.src, compact, err)
		}
	}
}

// TestSolutionInEnvelope checks a GetDISyncTask response for a solution:
// Code is null, the content is SolutionDetail.ProcessContent, and a defect
// in its real-time job is positioned in the file, inside the escaped string.
func TestSolutionInEnvelope(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "envelope_solution.json"))
	if err != nil {
		t.Fatal(err)
	}
	bad := bytes.Replace(src, []byte(`\"datasource\":\"holo\",`), nil, 1)
	if bytes.Equal(bad, src) {
		t.Fatal("the fixture has no holo writer datasource to remove")
	}
	d, err := ParseFile("resp.json", bad)
	if err != nil {
		t.Fatal(err)
	}
	if d.Kind() != KindSolution {
		t.Fatalf("kind %s", d.Kind())
	}
	vs, err := d.Validate()
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 1 || vs[0].Pointer != "/realtimeSyncConfig/content/steps/1/parameter/datasource" || vs[0].Keyword != "required" {
		t.Fatalf("violations %v, want the holo writer's missing datasource", vs)
	}
	if loc := vs[0].Location; loc.Pointer != "/realtimeSyncConfig/content/steps/1/parameter" || loc.Start().Line < 5 {
		t.Errorf("location %+v, want the parameter inside Data.SolutionDetail.ProcessContent", loc)
	}
	good, err := ParseFile("resp.json", src)
	if err != nil {
		t.Fatal(err)
	}
	if vs, err := good.Validate(); err != nil || len(vs) != 0 {
		t.Errorf("published ProcessContent: %v %v, want valid", vs, err)
	}
}

// TestLineBreaks: CR, LF and CRLF each end a line, as editors count them,
// so a file saved with classic Mac line endings is not reported all on
// line 1, and a CRLF file's columns and line texts leave the CR out.
func TestLineBreaks(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		line, col int
		text      string // the text of the line of "x"
	}{
		{"LF", "{\n\"a\": 1,\n  \"x\": 2\n}", 3, 3, `  "x": 2`},
		{"CRLF", "{\r\n\"a\": 1,\r\n  \"x\": 2\r\n}", 3, 3, `  "x": 2`},
		{"CR", "{\r\"a\": 1,\r  \"x\": 2\r}", 3, 3, `  "x": 2`},
		{"mixed", "{\r\n\"a\": 1,\r\r  \"x\": 2\n}", 4, 3, `  "x": 2`},
		{"blank CRLF lines", "{\r\n\r\n\"x\": 2\r\n}", 3, 1, `"x": 2`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Parse([]byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			p := d.Locate("/x").Key.Start
			if p.Line != tc.line || p.Column != tc.col {
				t.Errorf("/x at %s, want %d:%d", p, tc.line, tc.col)
			}
			if got := d.LineText(p.Line); got != tc.text {
				t.Errorf("LineText(%d) = %q, want %q", p.Line, got, tc.text)
			}
			if got := d.LineText(p.Line - 1); strings.ContainsAny(got, "\r\n") {
				t.Errorf("LineText(%d) = %q keeps a line break", p.Line-1, got)
			}
		})
	}
}

func TestUTF16Len(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int
	}{
		{"", 0}, {"abc", 3}, {"名前", 2}, {"😀", 2}, {"a\xffb", 3}, {"\xf0\x9f", 2},
	} {
		if got := UTF16Len([]byte(tc.text)); got != tc.want {
			t.Errorf("UTF16Len(%q) = %d, want %d", tc.text, got, tc.want)
		}
	}
}

// TestLoneSurrogatesStayDistinct: "A\ud800" and "A\udc00" are two strings
// and two keys. Decoding both to U+FFFD made them equal: a false
// duplicate, a false step-name clash, a hop that closes a cycle. Written
// back, a decoded lone surrogate is the escape it came from.
func TestLoneSurrogatesStayDistinct(t *testing.T) {
	d, err := Parse([]byte(`{"a": "A\ud800", "b": "A\udc00", "c": "A\ud83d\ude00", "A\ud800": 1, "A\udc00": 2}`))
	if err != nil {
		t.Fatal(err)
	}
	root := d.Root()
	a, b := root.Get("a").Str(), root.Get("b").Str()
	if a == b || root.Get("a").Equal(root.Get("b")) {
		t.Errorf("%q and %q are equal", a, b)
	}
	if got := root.Get("c").Str(); got != "A😀" {
		t.Errorf("a surrogate pair decodes to %q", got)
	}
	if root.Get(a).Raw() == nil || string(root.Get(a).Raw()) != "1" || string(root.Get(b).Raw()) != "2" {
		t.Errorf("keys %q and %q do not find their members", a, b)
	}
	for _, p := range d.Problems() {
		t.Errorf("problem %s: %s", p.Code, p.Message)
	}
	out, err := d.Edit().Set("/x", a).Set("/y", b).Apply()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out.Bytes(), []byte(`"A\ud800"`)) || !bytes.Contains(out.Bytes(), []byte(`"A\udc00"`)) || !utf8.Valid(out.Bytes()) {
		t.Errorf("written back as %s", out.Bytes())
	}
	if out.Root().Get("x").Str() != a || out.Root().Get("y").Str() != b {
		t.Error("the strings do not survive a round trip")
	}
}

// TestGetLargeObject: Get on an object too large to scan finds the last
// member of each key, escaped keys decoded, as on a small one.
func TestGetLargeObject(t *testing.T) {
	var b strings.Builder
	b.WriteString("{")
	for i := range 3 * indexedObject {
		fmt.Fprintf(&b, `"k%d": %d, `, i%(2*indexedObject), i)
	}
	b.WriteString(`"\u006b7": "escaped", "A\ud800": 1, "A\udc00": 2}`)
	d, err := Parse([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	root := d.Root()
	for i := range 2 * indexedObject {
		want := i
		if i < indexedObject {
			want = i + 2*indexedObject
		}
		if i == 7 {
			continue
		}
		if got := string(root.Get(fmt.Sprintf("k%d", i)).Raw()); got != strconv.Itoa(want) {
			t.Errorf("k%d = %s, want %d", i, got, want)
		}
	}
	if root.Get("k7").Str() != "escaped" || string(root.Get("A\xed\xa0\x80").Raw()) != "1" || root.Get("nope").Exists() {
		t.Error("escaped or missing keys")
	}
}

// TestGetSimilarKeys looks up keys of one length that differ in one
// middle byte, an escaped key, an empty key and a duplicate (the last
// wins): the cases a faster lookup (a key fingerprint, an index) must
// still tell apart.
func TestGetSimilarKeys(t *testing.T) {
	d, err := Parse([]byte(`{"aXbc": 1, "aYbc": 2, "\u0061Zbc": 3, "aXbc": 4, "": 5, "k\"": 6}`))
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"aXbc": "4", "aYbc": "2", "aZbc": "3", "": "5", `k"`: "6", "aWbc": "", "aXb": ""} {
		if got := string(d.Root().Get(key).Number()); got != want {
			t.Errorf("Get(%q) = %q, want %q", key, got, want)
		}
	}
}

// TestAllMatchesRecursiveWalk checks that Value.All visits exactly the
// values a recursive walk over Elems and Members visits, in the same order,
// from every value of documents with nesting, empty containers, duplicates
// and escapes.
func TestAllMatchesRecursiveWalk(t *testing.T) {
	for _, src := range []string{
		`7`,
		`[]`,
		`{"a": {"b": [1, {"c": []}, "x"], "d": {}}, "a": null, "e\u0041": [[[""]]], "f": [{}, {"g": true}]}`,
		`[{"k": [1, 2, {"x": {"y": "z"}}]}, [], {}, "s", -1.5e3]`,
	} {
		d, err := Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		var recursive func(v Value, out *[]string)
		recursive = func(v Value, out *[]string) {
			*out = append(*out, v.Pointer())
			for _, e := range v.Elems() {
				recursive(e, out)
			}
			for _, m := range v.Members() {
				recursive(m, out)
			}
		}
		var every []Value
		for v := range d.Root().All() {
			every = append(every, v)
		}
		for _, from := range every {
			var want, got []string
			recursive(from, &want)
			for v := range from.All() {
				got = append(got, v.Pointer())
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: All from %q = %q, want %q", src, from.Pointer(), got, want)
			}
		}
	}
}
