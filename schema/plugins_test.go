package schema

import (
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// TestPluginsSourced checks that every plugin id has its source: a title
// and an https address, and at least one documented direction (the
// transformer step, which MigrationX emits, is neither).
func TestPluginsSourced(t *testing.T) {
	list := Plugins()
	if len(list) < 40 {
		t.Fatalf("only %d plugin ids", len(list))
	}
	seen := map[string]bool{}
	for _, p := range list {
		if p.ID == "" || seen[p.ID] {
			t.Errorf("plugin id %q is empty or listed twice", p.ID)
		}
		seen[p.ID] = true
		u, err := url.Parse(p.URL)
		if p.Title == "" || err != nil || u.Scheme != "https" || u.Host == "" {
			t.Errorf("%s: source %q %q is not a title and an https address", p.ID, p.Title, p.URL)
		}
		if !p.Reader && !p.Writer && p.ID != "transformer" {
			t.Errorf("%s: neither reader nor writer", p.ID)
		}
	}
	for _, id := range []string{"clickhouse", "starrocks", "doris", "polardb", "analyticdb_for_mysql", "loghub", "redis", "gbase8a", "public_dataset", "lindorm", "dm", "apsaradb_for_oceanbase", "selectdb", "tidb"} {
		if !seen[id] {
			t.Errorf("documented plugin %s is missing", id)
		}
	}
}

// TestPluginDispatch checks the plugin list against step.json: every
// example and every dispatched stepType is a listed id, every schema file
// is reached from a listed id, and a plugin's schema has a reader or writer
// only where its page documents that direction.
func TestPluginDispatch(t *testing.T) {
	docs, err := rawDocs()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]Plugin{}
	for _, p := range Plugins() {
		byID[p.ID] = p
	}
	step := docs["step.json"].(map[string]any)
	node, _ := lookup(docs, baseURL+"step.json#/$defs/shape/properties/stepType/examples")
	for _, v := range node.([]any) {
		if _, ok := byID[v.(string)]; !ok {
			t.Errorf("step.json example %q is not a listed plugin id", v)
		}
	}
	data, _ := json.Marshal(step)
	for _, entry := range step["$defs"].(map[string]any)["plugins"].(map[string]any)["allOf"].([]any) {
		props := entry.(map[string]any)["if"].(map[string]any)["properties"].(map[string]any)
		id := props["stepType"].(map[string]any)["const"].(string)
		category := props["category"].(map[string]any)["const"].(string)
		p, ok := byID[id]
		switch {
		case !ok:
			t.Errorf("step.json dispatches stepType %q, which is not a listed plugin id", id)
		case category == "reader" && !p.Reader, category == "writer" && !p.Writer:
			t.Errorf("step.json dispatches a %s for %s, whose page documents no %s", category, id, category)
		}
	}
	for file := range docs {
		id, ok := strings.CutPrefix(file, "plugins/")
		if !ok {
			continue
		}
		id = strings.TrimSuffix(id, ".json")
		if _, listed := byID[id]; !listed {
			t.Errorf("%s: %s is not a listed plugin id", file, id)
		}
		if !strings.Contains(string(data), `"plugins/`+id+`.json#/$defs/`) {
			t.Errorf("%s is not dispatched from step.json", file)
		}
	}
}

// TestPluginConstraintsCited checks that in the plugin files added with
// their documentation pages every required, anyOf and enum sits under a
// $comment that cites an https address.
func TestPluginConstraintsCited(t *testing.T) {
	docs, err := rawDocs()
	if err != nil {
		t.Fatal(err)
	}
	cited := []string{"clickhouse", "starrocks", "doris", "polardb", "analyticdb_for_mysql", "gbase8a", "hive", "hbase", "ftp", "db2", "redis", "loghub", "selectdb", "public_dataset", "vertica", "tidb"}
	var walk func(file, path string, n any, comment bool)
	walk = func(file, path string, n any, comment bool) {
		switch n := n.(type) {
		case map[string]any:
			if c, _ := n["$comment"].(string); strings.Contains(c, "https://") {
				comment = true
			}
			for _, k := range []string{"required", "anyOf", "enum"} {
				if _, ok := n[k]; ok && !comment && !strings.Contains(path, "/if") {
					t.Errorf("%s#%s: %s without a cited source", file, path, k)
				}
			}
			for k, v := range n {
				walk(file, path+"/"+k, v, comment)
			}
		case []any:
			for _, v := range n {
				walk(file, path, v, comment)
			}
		}
	}
	for _, id := range cited {
		file := "plugins/" + id + ".json"
		doc, ok := docs[file]
		if !ok {
			t.Errorf("no %s", file)
			continue
		}
		walk(file, "", doc, false)
		if !slices.ContainsFunc(Plugins(), func(p Plugin) bool { return p.ID == id }) {
			t.Errorf("%s is not a listed plugin id", id)
		}
	}
}

// TestPluginSchemasFromPages validates steps against the plugin schemas
// written from the data source pages: the pages' own demo shapes pass, a
// key the page requires without default is reported, and alternatives are
// reported once, naming every key that would do.
func TestPluginSchemasFromPages(t *testing.T) {
	job := func(step string) any {
		var v any
		d := json.NewDecoder(strings.NewReader(`{"type": "job", "version": "2.0", "steps": [` + step + `,
		  {"stepType": "stream", "name": "S", "category": "writer", "parameter": {}}],
		  "order": {"hops": [{"from": "R", "to": "S"}]}, "setting": {"speed": {"concurrent": 1}}}`))
		d.UseNumber()
		if err := d.Decode(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tc := range []struct {
		name, step string
		want       []string // "pointer keyword message"
	}{
		{"hive jdbc read with querySql", `{"stepType": "hive", "name": "R", "category": "reader", "parameter": {"datasource": "h", "querySql": "select 1", "readMode": "jdbc"}}`, nil},
		{"hive read without table or querySql", `{"stepType": "hive", "name": "R", "category": "reader", "parameter": {"datasource": "h", "column": ["id"]}}`,
			[]string{`/steps/0/parameter anyOf needs one of the keys "table" or "querySql"`}},
		{"hive readMode outside the page's values", `{"stepType": "hive", "name": "R", "category": "reader", "parameter": {"datasource": "h", "table": "t", "column": ["id"], "readMode": "odbc"}}`,
			[]string{`/steps/0/parameter/readMode enum`}},
		{"hbase reader with a datasource instead of hbaseConfig", `{"stepType": "hbase", "name": "R", "category": "reader", "parameter": {"datasource": "hb", "mode": "normal", "table": "t", "column": [{"name": "rowkey", "type": "string"}]}}`, nil},
		{"hbase reader with neither", `{"stepType": "hbase", "name": "R", "category": "reader", "parameter": {"mode": "normal", "table": "t", "column": []}}`,
			[]string{`/steps/0/parameter anyOf needs one of the keys "datasource" or "hbaseConfig"`}},
		{"hbase multiVersionFixedColumn without maxVersion", `{"stepType": "hbase", "name": "R", "category": "reader", "parameter": {"datasource": "hb", "mode": "multiVersionFixedColumn", "table": "t", "column": []}}`,
			[]string{`/steps/0/parameter/maxVersion required`}},
		{"loghub reader with timestamps", `{"stepType": "loghub", "name": "R", "category": "reader", "parameter": {"datasource": "l", "logstore": "s", "column": ["a"], "beginTimestampMillis": -1, "endTimestampMillis": "-1"}}`, nil},
		{"loghub reader without an end", `{"stepType": "loghub", "name": "R", "category": "reader", "parameter": {"datasource": "l", "logstore": "s", "column": ["a"], "beginDateTime": "${startTime}"}}`,
			[]string{`/steps/0/parameter anyOf needs one of the keys "endDateTime" or "endTimestampMillis"`}},
		{"starrocks reader without table", `{"stepType": "starrocks", "name": "R", "category": "reader", "parameter": {"datasource": "sr", "column": ["id"]}}`,
			[]string{`/steps/0/parameter/table required`}},
		{"doris reader with connection querySql", `{"stepType": "doris", "name": "R", "category": "reader", "parameter": {"column": ["id"], "connection": [{"querySql": ["select 1"], "datasource": "d"}]}}`, nil},
		{"db2 older page form", `{"stepType": "DB2", "name": "R", "category": "reader", "parameter": {"jdbcUrl": "", "username": "", "password": "", "table": "t", "column": ["a"]}}`, nil},
		{"tidb reader with selectedDatabase in connection", `{"stepType": "tidb", "name": "R", "category": "reader", "parameter": {"column": ["id"], "connection": [{"selectedDatabase": "d", "datasource": "t", "table": ["x"]}]}}`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vs, err := Validate(Job, job(tc.step))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, v := range vs {
				s := v.Pointer + " " + v.Keyword
				if v.Keyword == "anyOf" {
					s += " " + v.Message
				}
				got = append(got, s)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}
