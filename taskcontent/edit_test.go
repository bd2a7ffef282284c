package taskcontent

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// checkEdit applies an edit batch, re-parses the result and checks that
// the content equals the original content with change applied to its
// decoded form — so nothing else moved — and that the bytes before the
// first changed byte are untouched.
func checkEdit(t *testing.T, d *Document, edit func(*Editor), change func(m map[string]any)) *Document {
	t.Helper()
	e := d.Edit()
	edit(e)
	out, err := e.Apply()
	if err != nil {
		t.Fatalf("apply: %v", err)
	}
	again, err := ParseFile(d.Name(), out.Bytes())
	if err != nil {
		t.Fatalf("result does not parse: %v", err)
	}
	want := decodeStd(t, d.Content()).(map[string]any)
	change(want)
	if diff := cmp.Diff(want, decodeStd(t, again.Content())); diff != "" {
		t.Errorf("content after edit (-want +got):\n%s", diff)
	}
	return out
}

func get(m any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m = m.(map[string]any)[k]
		case int:
			m = m.([]any)[k]
		}
	}
	return m
}

func TestEditSetAndDelete(t *testing.T) {
	d := readFixture(t, "batch_mysql_odps.json")
	out := checkEdit(t, d, func(e *Editor) {
		e.Set("/steps/0/parameter/splitPk", "customer_id")
		e.Set("/setting/speed/mbps", json.Number("5"))
		e.Set("/setting/speed/throttle", true)
		e.Set("/extend/owner/team", "dw")
		e.Set("/extend/owner/oncall", "alice")
		e.Delete("/steps/0/parameter/where")
		e.Set("/steps/0/parameter/column/-", "note")
	}, func(m map[string]any) {
		get(m, "steps", 0, "parameter").(map[string]any)["splitPk"] = "customer_id"
		speed := get(m, "setting", "speed").(map[string]any)
		speed["mbps"], speed["throttle"] = json.Number("5"), true
		get(m, "extend").(map[string]any)["owner"] = map[string]any{"team": "dw", "oncall": "alice"}
		delete(get(m, "steps", 0, "parameter").(map[string]any), "where")
		p := get(m, "steps", 0, "parameter").(map[string]any)
		p["column"] = append(p["column"].([]any), "note")
	})
	// Untouched lines keep their bytes and the new members follow the
	// file's layout.
	src := string(out.Bytes())
	for _, want := range []string{
		"\n      \"concurrent\": 2,\n      \"mbps\": 5\n",
		"\"resourceGroupId\": 9007199254740993,\n    \"owner\": {\n      \"team\": \"dw\",\n      \"oncall\": \"alice\"\n    }\n",
		`"column": ["order_id", "customer_id", "amount", "created_at", "note"]`,
		"\"splitPk\": \"customer_id\",\n        \"encoding\"",
	} {
		if !strings.Contains(src, want) {
			t.Errorf("output lacks %q:\n%s", want, src)
		}
	}
}

func TestEditTypedHelpers(t *testing.T) {
	d := readFixture(t, "batch_mysql_odps.json")
	checkEdit(t, d, func(e *Editor) {
		e.SetResourceGroup("S_res_group_new")
		e.SetConcurrent(8)
		e.SetThrottle(true, 20)
		e.SetErrorLimit("Tolerance", 10)
		e.RenameStep("Reader", "orders_reader")
		e.SetWriteMode("insert")
	}, func(m map[string]any) {
		get(m, "extend").(map[string]any)["resourceGroup"] = "S_res_group_new"
		speed := get(m, "setting", "speed").(map[string]any)
		speed["concurrent"], speed["throttle"], speed["mbps"] = json.Number("8"), true, json.Number("20")
		el := get(m, "setting", "errorLimit").(map[string]any)
		el["strategy"], el["record"] = "Tolerance", "10" // record keeps its string spelling
		get(m, "steps", 0).(map[string]any)["name"] = "orders_reader"
		get(m, "order", "hops", 0).(map[string]any)["from"] = "orders_reader"
		get(m, "steps", 1, "parameter").(map[string]any)["writeMode"] = "insert"
	})
	checkEdit(t, d, func(e *Editor) { e.SetThrottle(false, 0).SetErrorLimit("ZeroTolerance", 0) }, func(m map[string]any) {
		get(m, "setting", "speed").(map[string]any)["throttle"] = false
		el := get(m, "setting", "errorLimit").(map[string]any)
		el["strategy"] = "ZeroTolerance"
		delete(el, "record")
	})
	for name, bad := range map[string]func(*Editor){
		"concurrent": func(e *Editor) { e.SetConcurrent(40) },
		"throttle":   func(e *Editor) { e.SetThrottle(true, 0) },
		"strategy":   func(e *Editor) { e.SetErrorLimit("Lenient", 1) },
		"rename":     func(e *Editor) { e.RenameStep("Nope", "x") },
		"mapping":    func(e *Editor) { e.AddTableMapping(TableMapping{SrcTable: "t", DstSchema: "s"}) },
	} {
		e := d.Edit()
		bad(e)
		if _, err := e.Apply(); err == nil {
			t.Errorf("%s: invalid edit applied", name)
		}
	}
	tp := readFixture(t, "taskparam_create.json")
	checkEdit(t, tp, func(e *Editor) { e.SetResourceGroup("rg2") }, func(m map[string]any) { m["ResourceGroup"] = "rg2" })
	rt := readFixture(t, "taskparam_realtime.json")
	checkEdit(t, rt, func(e *Editor) { e.SetResourceGroup("rg3") }, func(m map[string]any) {
		get(m, "setting").(map[string]any)["resourceGroup"] = "rg3"
	})
}

func TestEditTableMappings(t *testing.T) {
	d := readFixture(t, "realtime_holo.json")
	out := checkEdit(t, d, func(e *Editor) {
		e.AddTableMapping(TableMapping{SrcDB: "shop", SrcTable: "refunds", DstSchema: "ods", PrimaryKey: []string{"id"},
			Columns: []MappingColumn{{Name: "id", Type: "int8"}, {Name: "reason", Type: "text"}}})
		e.AddTableMapping(TableMapping{SrcDB: "archive", SrcTable: "orders_2019", DstSchema: "ods", DstTable: "orders_hist", Columns: orderCols})
		e.AddTableMapping(TableMapping{SrcDB: "archive", SrcTable: "orders_2020", DstSchema: "ods", DstTable: "orders_hist2", Columns: orderCols})
		e.RemoveTableMapping("shop", "payments")
	}, func(m map[string]any) {
		rules := get(m, "steps", 1, "parameter", "tableMappingRule", "datasource", 0).(map[string]any)
		rs := rules["tableRule"].([]any)[:1]
		rs = append(rs, ruleMap("shop", "refunds", "ods", "refunds", []string{"id"}, []MappingColumn{{Name: "id", Type: "int8"}, {Name: "reason", Type: "text"}}))
		rs = append(rs, ruleMap("archive", "orders_2019", "ods", "orders_hist", nil, orderCols))
		rs = append(rs, ruleMap("archive", "orders_2020", "ods", "orders_hist2", nil, orderCols))
		rules["tableRule"] = rs
		get(m, "steps", 1, "parameter", "tableMappingRule").(map[string]any)["totalTableMapping"] = json.Number("4")
		conn := get(m, "steps", 0, "parameter", "connection", 0).(map[string]any)
		sel := conn["selectedTables"].([]any)
		shop := get(sel[0], "schema", 0).(map[string]any)
		shop["tableInfos"] = []any{get(shop, "tableInfos", 0), tableInfo("refunds")}
		conn["selectedTables"] = append(sel, map[string]any{"dbName": "archive", "schema": []any{
			map[string]any{"tableInfos": []any{tableInfo("orders_2019"), tableInfo("orders_2020")}},
		}})
	})
	// The three stay consistent: a second batch can remove what the first added.
	checkEdit(t, out, func(e *Editor) { e.RemoveTableMapping("archive", "orders_2019").SetDestinationSchema("stage") }, func(m map[string]any) {
		tmr := get(m, "steps", 1, "parameter", "tableMappingRule").(map[string]any)
		ds := get(tmr, "datasource", 0).(map[string]any)
		rs := ds["tableRule"].([]any)
		rs = append(rs[:2], rs[3])
		for _, r := range rs {
			r := r.(map[string]any)
			info := r["dstCreateTableInfo"].(map[string]any)
			info["schemaName"] = "stage"
			r["dstTable"] = "stage." + info["tableName"].(string)
		}
		ds["tableRule"] = rs
		tmr["totalTableMapping"] = json.Number("3")
		sel := get(m, "steps", 0, "parameter", "connection", 0, "selectedTables", 1, "schema", 0).(map[string]any)
		sel["tableInfos"] = sel["tableInfos"].([]any)[1:]
	})
}

var orderCols = []MappingColumn{{Name: "order_id", Type: "int8"}}

// TestAddTableMappingFollowsSiblings: a new table rule is written like the
// rules beside it — the same key order, multi-line where they are, one
// line where they are (primaryKeyInfo, each dataColumn) — so that a
// mapping of the same shape reads exactly like its neighbour. A mapping
// without columns, or with a primary key that is no column, is refused.
func TestAddTableMappingFollowsSiblings(t *testing.T) {
	d := readFixture(t, "realtime_holo.json")
	out, err := d.Edit().AddTableMapping(TableMapping{SrcDB: "shop", SrcTable: "buyers", DstSchema: "ods", PrimaryKey: []string{"id"},
		Columns: []MappingColumn{{Name: "id", Type: "int8"}, {Name: "email", Type: "text", Comment: "contact"}}}).Apply()
	if err != nil {
		t.Fatal(err)
	}
	sibling, ok := d.Lookup("/steps/1/parameter/tableMappingRule/datasource/0/tableRule/0")
	if !ok {
		t.Fatal("fixture has no table rule")
	}
	rules, _ := out.Lookup("/steps/1/parameter/tableMappingRule/datasource/0/tableRule")
	added := rules.Index(rules.Len() - 1)
	// The sibling with its names replaced and the indexType line (which
	// the editor does not write) removed.
	var want []string
	for _, line := range strings.Split(string(sibling.Raw()), "\n") {
		if !strings.Contains(line, `"indexType"`) {
			want = append(want, strings.ReplaceAll(line, "customers", "buyers"))
		}
	}
	if got := string(added.Raw()); got != strings.Join(want, "\n") {
		t.Errorf("added rule:\n%s\nwant, like its sibling:\n%s", got, strings.Join(want, "\n"))
	}

	for name, m := range map[string]TableMapping{
		"no columns":    {SrcTable: "t", DstSchema: "s"},
		"pk not column": {SrcTable: "t", DstSchema: "s", PrimaryKey: []string{"nope"}, Columns: orderCols},
	} {
		if _, err := d.Edit().AddTableMapping(m).Apply(); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func tableInfo(name string) map[string]any {
	return map[string]any{"enable": true, "table": name, "tableName": name}
}

func ruleMap(db, table, schema, dst string, pk []string, cols []MappingColumn) any {
	b, _ := json.Marshal(newTableRule(TableMapping{SrcDB: db, SrcTable: table, DstSchema: schema, DstTable: dst, PrimaryKey: pk, Columns: cols}))
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	_ = dec.Decode(&v)
	return v
}

// TestEditEnvelope edits a job embedded in a saved API response: the
// response around the string keeps its bytes, the string is re-escaped
// only where it changed, and the result is still an envelope.
func TestEditEnvelope(t *testing.T) {
	d := readFixture(t, "envelope_query.json")
	out := checkEdit(t, d, func(e *Editor) {
		e.SetWriteMode("insert")
		e.Set("/extend/name", `quoted "name" \ and tab	`)
		e.RemoveTableMapping("shop", "customers")
	}, func(m map[string]any) {
		get(m, "steps", 1, "parameter").(map[string]any)["writeMode"] = "insert"
		get(m, "extend").(map[string]any)["name"] = `quoted "name" \ and tab	`
		tmr := get(m, "steps", 1, "parameter", "tableMappingRule").(map[string]any)
		ds := get(tmr, "datasource", 0).(map[string]any)
		ds["tableRule"] = ds["tableRule"].([]any)[1:]
		tmr["totalTableMapping"] = json.Number("1")
		ti := get(m, "steps", 0, "parameter", "connection", 0, "selectedTables", 0, "schema", 0).(map[string]any)
		ti["tableInfos"] = ti["tableInfos"].([]any)[1:]
	})
	if out.Container() != ContainerEnvelope || out.Kind() != KindJob {
		t.Fatalf("result is %s/%s", out.Container(), out.Kind())
	}
	before, after := d.Bytes(), out.Bytes()
	head := bytes.Index(before, []byte(`"TaskContent": "`))
	if !bytes.Equal(before[:head], after[:head]) {
		t.Error("the envelope before TaskContent changed")
	}
	if !bytes.HasSuffix(after, []byte("\"\n  }\n}\n")) {
		t.Error("the envelope after TaskContent changed")
	}
}

func TestEditConflicts(t *testing.T) {
	d := readFixture(t, "batch_mysql_odps.json")
	_, err := d.Edit().Set("/setting/speed", map[string]int{"concurrent": 1}).Set("/setting/speed/concurrent", 3).Apply()
	var ce *ConflictError
	if !errors.As(err, &ce) {
		t.Errorf("overlapping edits: err = %v", err)
	}
	// The same pointer twice: the last value wins.
	out, err := d.Edit().SetConcurrent(3).SetConcurrent(4).Apply()
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := out.Job().Setting().Concurrent().Int(); n != 4 {
		t.Errorf("concurrent %d", n)
	}
	for _, tt := range []struct{ ptr, val string }{
		{"/steps/9/name", `"x"`},
		{"/type/x", `1`},
		{"/steps/0/parameter/column/x", `1`},
		{"bad", `1`},
		{"/x", `{`},
	} {
		if _, err := d.Edit().SetRaw(tt.ptr, []byte(tt.val)).Apply(); err == nil {
			t.Errorf("SetRaw(%q, %s) succeeded", tt.ptr, tt.val)
		}
	}
}

func TestDeleteEveryChild(t *testing.T) {
	for _, src := range []string{
		`{"a": [1, 2, 3], "b": {"x": 1, "y": 2}}`,
		"{\n  \"a\": [\n    1,\n    2,\n    3\n  ],\n  \"b\": {\"x\": 1, \"y\": 2}\n}\n",
	} {
		d, _ := Parse([]byte(src))
		e := d.Edit()
		for _, p := range []string{"/a/0", "/a/1", "/a/2", "/b/x", "/b/y"} {
			e.Delete(p)
		}
		e.Set("/a/-", 9)
		out, err := e.Apply()
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if got := decodeStd(t, out.Content()); !cmp.Equal(got, map[string]any{"a": []any{json.Number("9")}, "b": map[string]any{}}) {
			t.Errorf("%s → %s", src, out.Content())
		}
	}
}

func TestCompactAndFormat(t *testing.T) {
	d := readFixture(t, "loose.jsonc")
	c, err := d.Compact()
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(c) || bytes.Contains(c, []byte("//")) {
		t.Fatalf("compact of a commented file is not plain JSON: %s", c)
	}
	f, _ := d.Format("", true)
	g, _ := mustParse(t, f).Format("", true)
	if !bytes.Equal(f, g) {
		t.Error("Format is not idempotent")
	}
	if !bytes.HasPrefix(f, []byte("{\n  \"type\": \"job\",\n  \"version\": \"2.0\",\n  \"steps\": [")) {
		t.Errorf("canonical order: %s", f)
	}
}

func mustParse(t *testing.T, b []byte) *Document {
	t.Helper()
	d, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
