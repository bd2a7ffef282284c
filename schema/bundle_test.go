package schema

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

func decodeBundle(t *testing.T) map[string]any {
	t.Helper()
	return decodeBundleBytes(t, Bundle())
}

func decodeBundleBytes(t *testing.T, b []byte) map[string]any {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return doc.(map[string]any)
}

// TestBundleMetaschema validates the bundle, as an instance, against the
// draft 2020-12 metaschema that jsonschema embeds.
func TestBundleMetaschema(t *testing.T) {
	c := jsonschema.NewCompiler()
	meta, err := c.Compile("https://json-schema.org/draft/2020-12/schema")
	if err != nil {
		t.Fatal(err)
	}
	if err := meta.Validate(decodeBundle(t)); err != nil {
		t.Fatalf("bundle does not match the 2020-12 metaschema: %v", err)
	}
}

func TestBundleSelfContained(t *testing.T) {
	var refs []string
	var walk func(any)
	walk = func(n any) {
		switch n := n.(type) {
		case map[string]any:
			for k, v := range n {
				if s, ok := v.(string); ok && k == "$ref" {
					refs = append(refs, s)
				}
				walk(v)
			}
		case []any:
			for _, v := range n {
				walk(v)
			}
		}
	}
	doc := decodeBundle(t)
	walk(doc)
	if len(refs) == 0 {
		t.Fatal("bundle has no $ref")
	}
	for _, r := range refs {
		if !strings.HasPrefix(r, "#/$defs/") {
			t.Errorf("$ref %q is not local", r)
			continue
		}
		if _, ok := lookupIn(doc, r[1:]); !ok {
			t.Errorf("$ref %q does not resolve inside the bundle", r)
		}
	}
	if !json.Valid(Bundle()) {
		t.Error("bundle is not valid JSON")
	}
}

func lookupIn(doc any, ptr string) (any, bool) {
	return lookup(map[string]any{"x.json": doc}, baseURL+"x.json#"+ptr)
}

// TestBundleMatchesFiles compiles each top-level schema from the bundles
// with jsonschema v6 and, on every fixture, requires the VS Code bundle
// to give the same violations (pointer and keyword) as the embedded files,
// and the standard bundle, whose union types are anyOf branches, the same
// places (pointers) and so the same verdict.
func TestBundleMatchesFiles(t *testing.T) {
	t.Run("vscode", func(t *testing.T) { testBundleMatchesFiles(t, BundleVSCode(), pointerKeywords) })
	t.Run("standard", func(t *testing.T) { testBundleMatchesFiles(t, Bundle(), pointersOnly) })
}

func pointersOnly(vs []Violation) []string {
	seen := map[string]bool{}
	var out []string
	for _, v := range vs {
		if !seen[v.Pointer] {
			seen[v.Pointer] = true
			out = append(out, v.Pointer)
		}
	}
	sort.Strings(out)
	return out
}

func testBundleMatchesFiles(t *testing.T, bundle []byte, key func([]Violation) []string) {
	c := jsonschema.NewCompiler()
	c.UseRegexpEngine(ecmaRegexpEngine)
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource(bundleID, decodeBundleBytes(t, bundle)); err != nil {
		t.Fatal(err)
	}
	docs, err := rawDocs()
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"../testdata/published", "testdata/cases"} {
		var exps []struct {
			File   string `json:"file"`
			Schema Name   `json:"schema"`
		}
		readJSON(t, filepath.Join(dir, "expect.json"), &exps)
		for _, exp := range exps {
			if exp.Schema == "" {
				continue // not JSON as published (comments): lint's test covers it
			}
			sch, err := c.Compile(bundleID + "#/$defs/" + defName(exp.Schema.file()))
			if err != nil {
				t.Fatal(err)
			}
			var inst any
			readJSON(t, filepath.Join(dir, exp.File), &inst)
			fromFiles, err := Validate(exp.Schema, inst)
			if err != nil {
				t.Fatal(err)
			}
			var fromBundle []Violation
			if err := sch.Validate(inst); err != nil {
				fromBundle = oracleViolations(err.(*jsonschema.ValidationError), docs, inst)
			}
			if diff := cmp.Diff(key(fromFiles), key(fromBundle)); diff != "" {
				t.Errorf("%s: bundle and files disagree (-files +bundle):\n%s", exp.File, diff)
			}
		}
	}
}

func pointerKeywords(vs []Violation) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.Keyword + " " + v.Pointer
	}
	return out
}
