package schema

import (
	"encoding/json"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/dilint/dilint/internal/jsonptr"
)

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d := json.NewDecoder(strings.NewReader(string(data)))
	d.UseNumber()
	if err := d.Decode(v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func TestSchemaFilesHeader(t *testing.T) {
	docs, err := rawDocs()
	if err != nil {
		t.Fatal(err)
	}
	for file, doc := range docs {
		m := doc.(map[string]any)
		if m["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
			t.Errorf("%s: $schema = %v", file, m["$schema"])
		}
		if m["$id"] != baseURL+file {
			t.Errorf("%s: $id = %v, want %s", file, m["$id"], baseURL+file)
		}
		for _, k := range []string{"title", "description"} {
			if s, _ := m[k].(string); s == "" {
				t.Errorf("%s: no %s", file, k)
			}
		}
	}
}

// TestSchemaFilesDescribed requires a description on every declared
// property (editors show it on hover) and one enum description per enum
// value. Property lists inside if and contains are conditions, not
// declarations, and are skipped.
func TestSchemaFilesDescribed(t *testing.T) {
	docs, err := rawDocs()
	if err != nil {
		t.Fatal(err)
	}
	var walk func(file, path string, n any)
	walk = func(file, path string, n any) {
		switch n := n.(type) {
		case map[string]any:
			if props, ok := n["properties"].(map[string]any); ok {
				for name, p := range props {
					if d, _ := p.(map[string]any)["description"].(string); d == "" {
						t.Errorf("%s#%s/properties/%s: no description", file, path, name)
					}
				}
			}
			if e, ok := n["enum"].([]any); ok {
				if d, ok := n["enumDescriptions"].([]any); ok && len(d) != len(e) {
					t.Errorf("%s#%s: %d enum values, %d enumDescriptions", file, path, len(e), len(d))
				}
			}
			if _, ok := n["propertyNames"]; ok {
				// jsonschema v6.0.3 reports propertyNames failures at an
				// instance location that later validation may overwrite;
				// key-name rules use patternProperties instead.
				t.Errorf("%s#%s: propertyNames is not used, see keyNames in common.json", file, path)
			}
			for k, v := range n {
				if k == "if" || k == "contains" || k == "examples" || k == "default" || k == "enum" || k == "const" {
					continue
				}
				walk(file, path+"/"+jsonptr.EscapeToken(k), v)
			}
		case []any:
			for i, v := range n {
				walk(file, path+"/"+strconv.Itoa(i), v)
			}
		}
	}
	for file, doc := range docs {
		walk(file, "", doc)
	}
}

// TestPluginCoverage checks that the plugins the issue lists have a
// parameter schema, that every plugin schema is dispatched from step.json,
// and that every plugin id is among StepTypes.
func TestPluginCoverage(t *testing.T) {
	docs, err := rawDocs()
	if err != nil {
		t.Fatal(err)
	}
	required := []string{"mysql", "postgresql", "sqlserver", "oracle", "drds", "odps", "holo", "oss", "hdfs", "kafka", "datahub", "elasticsearch", "mongodb", "ots", "otsstream", "stream"}
	var plugins []string
	for file := range docs {
		if id, ok := strings.CutPrefix(file, "plugins/"); ok {
			plugins = append(plugins, strings.TrimSuffix(id, ".json"))
		}
	}
	sort.Strings(plugins)
	for _, id := range required {
		if !slices.Contains(plugins, id) {
			t.Errorf("no parameter schema for %s", id)
		}
	}
	stepJSON, err := json.Marshal(docs["step.json"])
	if err != nil {
		t.Fatal(err)
	}
	realtimeJSON, err := json.Marshal(docs["realtime-taskparam.json"])
	if err != nil {
		t.Fatal(err)
	}
	stepTypes := StepTypes()
	for _, id := range plugins {
		if !slices.Contains(stepTypes, id) {
			t.Errorf("plugin %s is not in StepTypes", id)
		}
		defs := docs["plugins/"+id+".json"].(map[string]any)["$defs"].(map[string]any)
		for def := range defs {
			ref := `"plugins/` + id + `.json#/$defs/` + def + `"`
			if !strings.Contains(string(stepJSON), ref) && !strings.Contains(string(realtimeJSON), ref) && !referencedWithin(defs, def) {
				t.Errorf("%s is never referenced", ref)
			}
		}
	}
}

// referencedWithin reports whether another definition of the same plugin
// file refers to def.
func referencedWithin(defs map[string]any, def string) bool {
	data, _ := json.Marshal(defs)
	return strings.Contains(string(data), `"#/$defs/`+def+`"`)
}
