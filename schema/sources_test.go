package schema

import (
	"os"
	"sort"
	"strings"
	"testing"
)

// constraintKeywords are the keywords that can reject a document, which
// must each have a source (schema/SOURCES.md).
var constraintKeywords = map[string]bool{
	"required": true, "dependentRequired": true, "enum": true, "const": true, "pattern": true,
	"patternProperties": true, "minimum": true, "maximum": true, "exclusiveMinimum": true,
	"exclusiveMaximum": true, "multipleOf": true, "minLength": true, "maxLength": true,
	"minItems": true, "maxItems": true, "anyOf": true, "oneOf": true, "contains": true,
}

// TestConstraintSources requires a source for every definition that holds
// a constraint, so no required key, enum or range goes in without the page
// it comes from: a row of SOURCES.md naming it as `file#/$defs/name` (or
// `file` for the root schema), or an address (https://) in the
// definition's own $comment or description.
func TestConstraintSources(t *testing.T) {
	docs, err := rawDocs()
	if err != nil {
		t.Fatal(err)
	}
	sources, err := os.ReadFile("SOURCES.md")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, line := range strings.Split(string(sources), "\n") {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		cell, _, _ := strings.Cut(strings.TrimPrefix(line, "| "), " |")
		file := ""
		for _, name := range strings.Split(cell, ", ") {
			name = strings.Trim(name, "`")
			if f, def, ok := strings.Cut(name, "#"); ok && f != "" {
				file = f
				listed[f+"#"+def] = true
			} else if ok {
				listed[file+"#"+def] = true // "#/$defs/x" continues the row's file
			} else {
				file = name
				listed[name] = true
			}
		}
	}
	var missing []string
	for file, doc := range docs {
		for _, at := range constrainedDefinitions(doc) {
			name := file
			if at != "" {
				name += "#" + at
			}
			if !listed[name] && !citesPage(definition(doc, at)) {
				missing = append(missing, name)
			}
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("SOURCES.md has no row for `%s`, which holds a constraint: name the page it comes from", m)
	}
}

// constrainedDefinitions returns the definitions of a schema file ("" for
// the root schema, "/$defs/name" for the others) that hold a constraint
// keyword anywhere below them, leaving out annotations.
func constrainedDefinitions(doc any) []string {
	var out []string
	seen := map[string]bool{}
	var walk func(def string, n any)
	walk = func(def string, n any) {
		switch n := n.(type) {
		case map[string]any:
			for k, v := range n {
				if constraintKeywords[k] || (k == "additionalProperties" && v == false) {
					if !seen[def] {
						seen[def] = true
						out = append(out, def)
					}
				}
				switch k {
				case "examples", "default", "enumDescriptions", "enum", "const":
					continue
				case "$defs":
					if defs, ok := v.(map[string]any); ok && def == "" {
						for name, d := range defs {
							walk("/$defs/"+name, d)
						}
						continue
					}
				}
				walk(def, v)
			}
		case []any:
			for _, v := range n {
				walk(def, v)
			}
		}
	}
	walk("", doc)
	return out
}

// definition returns the schema at "" (the root) or "/$defs/name".
func definition(doc any, at string) map[string]any {
	m, _ := doc.(map[string]any)
	if name, ok := strings.CutPrefix(at, "/$defs/"); ok {
		defs, _ := m["$defs"].(map[string]any)
		m, _ = defs[name].(map[string]any)
	}
	return m
}

// citesPage reports whether a schema's $comment or description gives the
// address of a page.
func citesPage(s map[string]any) bool {
	for _, k := range []string{"$comment", "description"} {
		if text, _ := s[k].(string); strings.Contains(text, "https://") {
			return true
		}
	}
	return false
}
