package schema

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The JSON-Schema-Test-Suite (testdata/JSON-Schema-Test-Suite, its draft
// 2020-12 tests with their LICENSE; see README.md there for the commit)
// run against the fast validator: every test whose schema compiles must
// give the suite's verdict, through valid and through explain.

// suiteUnsupportedKeywords are the keywords the fast validator does not
// compile, so the suite's groups that use them are skipped: dilint's
// schemas do not use them, and TestFastCompilesEveryName fails if one is
// added. The value says what the keyword is.
var suiteUnsupportedKeywords = map[string]string{
	"$anchor":               "plain-name fragments",
	"$dynamicAnchor":        "dynamic scope",
	"$dynamicRef":           "dynamic scope",
	"$id":                   "embedded resources and base URIs (only a file's own URL is accepted)",
	"$vocabulary":           "custom metaschemas",
	"additionalItems":       "draft 2019-09 and earlier",
	"contentEncoding":       "annotation-only in 2020-12, unused",
	"contentMediaType":      "annotation-only in 2020-12, unused",
	"contentSchema":         "annotation-only in 2020-12, unused",
	"dependencies":          "draft 7 and earlier",
	"dependentRequired":     "unused",
	"dependentSchemas":      "unused",
	"exclusiveMaximum":      "unused",
	"exclusiveMinimum":      "unused",
	"format":                "unused (an annotation by default in 2020-12)",
	"maxContains":           "unused",
	"maxItems":              "unused",
	"maxLength":             "unused",
	"maxProperties":         "unused",
	"minContains":           "unused",
	"minProperties":         "unused",
	"oneOf":                 "unused: the schemas write alternatives as anyOf",
	"prefixItems":           "unused",
	"propertyNames":         "unused: key rules are patternProperties",
	"unevaluatedItems":      "unused",
	"unevaluatedProperties": "unused",
	"uniqueItems":           "unused",
}

// suiteCompileLimits are what the fast compiler refuses besides keywords,
// by a phrase of the FastCompileError's reason: dilint's schemas are files
// that refer to each other by relative path and JSON Pointer, with scalar
// enums.
var suiteCompileLimits = map[string]string{
	"uses an anchor":                     "$ref to an anchor (#name)",
	"leaves the embedded schemas":        "$ref to an absolute URI ($id-based or remote)",
	"no such schema file":                "$ref resolved against an embedded $id",
	"only scalar values are implemented": "const or enum of objects or arrays",
	"not a non-empty array":              "an empty enum",
}

// suiteKnownGaps are single groups or tests the fast validator compiles but
// judges differently from the suite, each for a reason that does not touch
// dilint's own schemas. Keys are "file: group description" or
// "file: group description: test description".
var suiteKnownGaps = map[string]string{
	// $ref to another file: the runner gives each group one file, and the
	// suite's remotes (http://localhost:1234/…) are not vendored.
	"refRemote.json":                    "remote references",
	"optional/cross-draft.json":         "remote references",
	"optional/refOfUnknownKeyword.json": "references into unknown keywords",
	"optional/unknownKeyword.json":      "references into unknown keywords",
	"optional/format-assertion.json":    "custom metaschemas",
	"vocabulary.json":                   "custom metaschemas",
	"defs.json":                         "validates the schema against the metaschema (a remote reference)",
}

// suiteFile is one file of the suite.
type suiteFile []struct {
	Description string          `json:"description"`
	Schema      json.RawMessage `json:"schema"`
	Tests       []struct {
		Description string          `json:"description"`
		Data        json.RawMessage `json:"data"`
		Valid       bool            `json:"valid"`
	} `json:"tests"`
}

func TestJSONSchemaTestSuite(t *testing.T) {
	dir := filepath.Join("testdata", "JSON-Schema-Test-Suite", "tests", "draft2020-12")
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	optional, err := filepath.Glob(filepath.Join(dir, "optional", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, optional...)
	if len(files) < 50 {
		t.Fatalf("only %d suite files under %s", len(files), dir)
	}
	passed, skipped := 0, 0
	skippedBy := map[string]int{}
	// The files of keywords dilint's schemas rely on most, and whose
	// groups use no other keyword, run in full.
	mustRun := map[string]int{
		"optional/ecmascript-regex.json": 0, "optional/non-bmp-regex.json": 0, "pattern.json": 0,
		"patternProperties.json": 0, "required.json": 0, "minimum.json": 0, "maximum.json": 0, "multipleOf.json": 0,
	}
	skip := func(name, reason string, n int) {
		skippedBy[reason] += n
		skipped += n
		if _, ok := mustRun[name]; ok {
			mustRun[name] += n
		}
	}
	usedGaps := map[string]bool{}
	for _, path := range files {
		name := filepath.ToSlash(strings.TrimPrefix(path, dir+string(filepath.Separator)))
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var groups suiteFile
		if err := json.Unmarshal(raw, &groups); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, g := range groups {
			groupKey := name + ": " + g.Description
			if reason, ok := suiteKnownGaps[name]; ok {
				usedGaps[name] = true
				skip(name, reason, len(g.Tests))
				continue
			}
			if reason, ok := suiteKnownGaps[groupKey]; ok {
				usedGaps[groupKey] = true
				skip(name, reason, len(g.Tests))
				continue
			}
			root, err := compileFile(map[string]any{"suite.json": decode(t, string(g.Schema))}, "suite.json")
			var ce *FastCompileError
			if errors.As(err, &ce) {
				if _, ok := suiteUnsupportedKeywords[ce.Keyword]; ok {
					skip(name, "keyword "+ce.Keyword, len(g.Tests))
					continue
				}
			}
			if limit := compileLimit(err); limit != "" {
				skip(name, "compile limit: "+limit, len(g.Tests))
				continue
			}
			if err != nil {
				t.Errorf("%s: compile: %v", groupKey, err)
				continue
			}
			for _, test := range g.Tests {
				testKey := groupKey + ": " + test.Description
				if reason, ok := suiteKnownGaps[testKey]; ok {
					usedGaps[testKey] = true
					skip(name, reason, 1)
					continue
				}
				n := toTestNode(t, decode(t, string(test.Data)))
				got := valid(root, n)
				explained := len(explain(root, n)) == 0
				if got != test.Valid || explained != test.Valid {
					t.Errorf("%s: valid = %v, explain finds none = %v, want %v\n\tschema %s\n\tdata %s", testKey, got, explained, test.Valid, g.Schema, test.Data)
					continue
				}
				passed++
			}
		}
	}
	for key := range suiteKnownGaps {
		if !usedGaps[key] {
			t.Errorf("suiteKnownGaps names %q, which the suite does not have", key)
		}
	}
	reasons := make([]string, 0, len(skippedBy))
	for r := range skippedBy {
		reasons = append(reasons, r)
	}
	slices.Sort(reasons)
	for _, r := range reasons {
		t.Logf("skipped %4d: %s", skippedBy[r], r)
	}
	t.Logf("%d files: %d tests passed, %d skipped", len(files), passed, skipped)
	for name, n := range mustRun {
		if n > 0 {
			t.Errorf("%s: %d tests skipped, want all run", name, n)
		}
	}
	if passed < 500 {
		t.Errorf("only %d suite tests ran", passed)
	}
}

// compileLimit returns the suiteCompileLimits entry that explains err, or
// "".
func compileLimit(err error) string {
	var ce *FastCompileError
	if !errors.As(err, &ce) {
		return ""
	}
	for phrase, limit := range suiteCompileLimits {
		if strings.Contains(ce.Reason, phrase) {
			return limit
		}
	}
	return ""
}
