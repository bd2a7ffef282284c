package schema

// The bundle for standard validators. dilint's own schemas use two things
// that strict validators (ajv in its default strict mode, which fails on
// unknown keywords and warns on loose types) reject or warn about:
//
//   - enumDescriptions, VS Code's annotation for enum values: kept only in
//     the VS Code bundle (BundleVSCode);
//   - union types (["integer", "string"], for values published both ways)
//     and object keywords (required, properties) in anyOf/if/then branches
//     without a type of their own.
//
// standardize rewrites the second kind: a union type becomes anyOf with one
// branch per type, each taking the keywords that apply to its type (the
// same meaning); a schema without a type whose type keywords all belong to
// one type (required and properties: object) gets that type. That second
// step would change the meaning only for instances of another type, and
// dilint's schemas give every value their keywords describe its type where
// it is declared (a step, a parameter, a connection is an object), so such
// an instance is invalid either way; it is not done under "not", where it
// would turn a failure into a success. TestAjvAgrees and TestBundleVerdicts
// check the verdicts on every fixture.

// typeKeywords are the keywords that constrain one type only; everything
// else (annotations, enum, const, applicators, $ref) stays where it is.
var typeKeywords = map[string]string{
	"minimum": "number", "maximum": "number", "exclusiveMinimum": "number", "exclusiveMaximum": "number", "multipleOf": "number",
	"minLength": "string", "maxLength": "string", "pattern": "string", "format": "string",
	"contentEncoding": "string", "contentMediaType": "string", "contentSchema": "string",
	"items": "array", "prefixItems": "array", "contains": "array", "minItems": "array", "maxItems": "array",
	"uniqueItems": "array", "minContains": "array", "maxContains": "array", "unevaluatedItems": "array",
	"properties": "object", "patternProperties": "object", "additionalProperties": "object", "required": "object",
	"minProperties": "object", "maxProperties": "object", "propertyNames": "object", "dependentRequired": "object",
	"dependentSchemas": "object", "unevaluatedProperties": "object",
}

// keywordApplies reports whether a keyword of type kt applies to instances
// of type t ("integer" is a kind of "number").
func keywordApplies(kt, t string) bool {
	return kt == t || (kt == "number" && t == "integer")
}

// standardize returns a copy of a decoded schema rewritten for strict
// validators; underNot says a "not" encloses it.
func standardize(node any, underNot bool) any {
	switch n := node.(type) {
	case []any:
		out := make([]any, len(n))
		for i, v := range n {
			out[i] = standardize(v, underNot)
		}
		return out
	case map[string]any:
		return standardizeSchema(n, underNot)
	}
	return node
}

func standardizeSchema(n map[string]any, underNot bool) map[string]any {
	m := make(map[string]any, len(n))
	for k, v := range n {
		if k != "enumDescriptions" {
			m[k] = v
		}
	}
	if types, ok := m["type"].([]any); ok && len(types) > 1 {
		m = splitUnion(m, types)
	}
	if _, typed := m["type"]; !typed && !underNot {
		if t := impliedType(m); t != "" {
			m["type"] = t
		}
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		switch k {
		case "not":
			out[k] = standardize(v, true)
			continue
		case "properties", "patternProperties", "$defs", "dependentSchemas":
			// Maps of schemas: each value is a schema of its own instance.
			if mm, ok := v.(map[string]any); ok {
				sub := make(map[string]any, len(mm))
				for name, s := range mm {
					sub[name] = standardize(s, underNot)
				}
				out[k] = sub
				continue
			}
		case "enum", "const", "examples", "default", "required", "dependentRequired":
			out[k] = v // values, not schemas
			continue
		}
		out[k] = standardize(v, underNot)
	}
	return out
}

// impliedType is the one type that all of a schema's type keywords
// belong to, or "" when it has none or they belong to several.
func impliedType(m map[string]any) string {
	t := ""
	for k := range m {
		kt, ok := typeKeywords[k]
		if !ok {
			continue
		}
		if t != "" && t != kt {
			return ""
		}
		t = kt
	}
	return t
}

// splitUnion turns {"type": [A, B], kw...} into {"anyOf": [{"type": A,
// kw of A...}, {"type": B, kw of B...}], other kw...}. An existing anyOf
// moves into an allOf beside it.
func splitUnion(m map[string]any, types []any) map[string]any {
	out := map[string]any{}
	branches := make([]any, 0, len(types))
	for _, t := range types {
		ts, _ := t.(string)
		b := map[string]any{"type": ts}
		for k, v := range m {
			if kt, ok := typeKeywords[k]; ok && keywordApplies(kt, ts) {
				b[k] = v
			}
		}
		branches = append(branches, b)
	}
	for k, v := range m {
		if _, typed := typeKeywords[k]; !typed && k != "type" {
			out[k] = v
		}
	}
	if prev, ok := out["anyOf"]; ok {
		delete(out, "anyOf")
		all, _ := out["allOf"].([]any)
		out["allOf"] = append(append([]any(nil), all...), map[string]any{"anyOf": prev})
	}
	out["anyOf"] = branches
	return out
}
