package schema

import (
	"fmt"
	"strconv"
	"strings"
)

// Standalone is a small self-contained JSON Schema (draft 2020-12)
// compiled by the validator of the embedded schemas, for documents other
// than DataWorks ones (dilint's own configuration file). It implements the
// keywords the embedded schemas use (type, $ref within the document,
// const, enum, required, properties, patternProperties,
// additionalProperties, items, contains, minItems, pattern, minLength,
// minimum, maximum, multipleOf, allOf, anyOf, not, if/then/else); any
// other keyword fails CompileStandalone.
type Standalone struct {
	root *fastSchema
	docs map[string]any
	// base is the URL of the document; SchemaLocation starts with it.
	base string
}

// standaloneFile names a schema without a $id under baseURL.
const standaloneFile = "standalone.json"

// CompileStandalone compiles a schema document. Its $id, when present,
// must lie under https://dilint.dev/schema/; references may only point
// into the document itself.
func CompileStandalone(doc []byte) (*Standalone, error) {
	v, err := decodeBytes(doc)
	if err != nil {
		return nil, fmt.Errorf("schema: decode standalone schema: %w", err)
	}
	file := standaloneFile
	if m, ok := v.(map[string]any); ok {
		if id, ok := m["$id"].(string); ok {
			f, ok := strings.CutPrefix(id, baseURL)
			if !ok || f == "" || strings.ContainsAny(f, "#?") {
				return nil, fmt.Errorf("schema: standalone schema $id %q is not under %s", id, baseURL)
			}
			file = f
		}
	}
	docs := map[string]any{file: v}
	root, err := compileFile(docs, file)
	if err != nil {
		return nil, err
	}
	return &Standalone{root: root, docs: docs, base: baseURL + file}, nil
}

// Failure is one failed keyword of an instance checked against a
// Standalone schema: a leaf of the error tree jsonschema v6 builds, with
// its English message. The failures of every branch of an anyOf that
// matched no branch are reported; a failed contains is reported itself,
// not the failures of its items.
type Failure struct {
	// Keyword is the failed keyword ("type", "required",
	// "additionalProperties", ...), or "" for a false schema and for not.
	Keyword string
	// InstanceLocation holds the tokens of the instance location (not
	// escaped).
	InstanceLocation []string
	// SchemaLocation is the URL of the schema object holding the keyword:
	// the document's URL, "#" and a JSON Pointer whose tokens are
	// URL-path-escaped ("https://dilint.dev/schema/x.json#/$defs/rule").
	SchemaLocation string
	// Message is jsonschema v6's English wording ("missing property
	// 'files'", "got string, want array"); numbers of minimum, maximum and
	// multipleOf are printed without digit grouping.
	Message string
	// Keys are the missing keys of required or the unknown keys of
	// additionalProperties.
	Keys []string
	// Got is the instance value of a failed enum or const, as passed to
	// Failures.
	Got any
	// Want holds the values of a failed enum, or the value of a failed
	// const, as decoded from the schema (numbers as json.Number).
	Want []any
}

// Failures checks a decoded instance (as a json.Decoder with UseNumber
// produces it) and returns its failures in evaluation order; none means
// the instance is valid.
func (s *Standalone) Failures(instance any) []Failure {
	fs := explain(s.root, newAnyNode(instance, ""))
	var out []Failure
	s.flatten(fs, &out)
	return out
}

func (s *Standalone) flatten(fs []failure, out *[]Failure) {
	for i := range fs {
		f := &fs[i]
		if f.kind == failAnyOf {
			for _, b := range f.branches {
				s.flatten(b, out)
			}
			continue
		}
		_, frag, _ := strings.Cut(f.schemaURL(), "#")
		g := Failure{
			Keyword:          f.keyword(),
			InstanceLocation: f.loc,
			SchemaLocation:   s.base + "#" + frag,
			Keys:             f.keys,
		}
		switch f.kind {
		case failEnum:
			want, _ := lookup(s.docs, f.schemaURL()+"/enum")
			g.Want, _ = want.([]any)
			g.Got = f.got
		case failConst:
			want, _ := lookup(s.docs, f.schemaURL()+"/const")
			g.Want = []any{want}
			g.Got = f.got
		}
		g.Message = v6Message(f, g.Want)
		*out = append(*out, g)
	}
}

// violations words the failures of an instance as Validate does.
func (s *Standalone) violations(instance any) []Violation {
	fs := explain(s.root, newAnyNode(instance, ""))
	if fs == nil {
		return nil
	}
	return violations(fs, s.docs)
}

// v6Message is jsonschema v6's English message for a failure
// (ErrorKind.LocalizedString with an English printer).
func v6Message(f *failure, want []any) string {
	switch f.kind {
	case failType:
		return fmt.Sprintf("got %s, want %s", f.types, strings.Join(typeNames(f.s.types), " or "))
	case failEnum:
		for _, w := range want {
			switch w.(type) {
			case []any, map[string]any:
				return "'enum' failed"
			}
		}
		if len(want) == 1 {
			return "value must be " + v6Display(want[0])
		}
		shown := make([]string, len(want))
		for i, w := range want {
			shown[i] = v6Display(w)
		}
		return "value must be one of " + strings.Join(shown, ", ")
	case failConst:
		switch want[0].(type) {
		case []any, map[string]any:
			return "'const' failed"
		}
		return "value must be " + v6Display(want[0])
	case failRequired:
		if len(f.keys) == 1 {
			return "missing property " + v6Quote(f.keys[0])
		}
		return "missing properties " + v6JoinQuoted(f.keys)
	case failAdditional:
		return "additional properties " + v6JoinQuoted(f.keys) + " not allowed"
	case failMinItems:
		return "minItems: got " + groupDigits(f.count) + ", want " + groupDigits(f.s.minItems)
	case failMinLength:
		return "minLength: got " + groupDigits(f.count) + ", want " + groupDigits(f.s.minLength)
	case failPattern:
		got, _ := f.got.(string)
		return fmt.Sprintf("%s does not match pattern %s", v6Quote(got), v6Quote(f.s.pattern.String()))
	case failMinimum:
		return fmt.Sprintf("minimum: got %v, want %v", ratFloat(f), floatOf(f.s.minimum))
	case failMaximum:
		return fmt.Sprintf("maximum: got %v, want %v", ratFloat(f), floatOf(f.s.maximum))
	case failMultipleOf:
		return fmt.Sprintf("multipleOf: got %v, want %v", ratFloat(f), floatOf(f.s.multipleOf))
	case failContains:
		return "no items match contains schema"
	case failFalse:
		return "false schema"
	case failNot:
		return "'not' failed"
	}
	return "invalid JSON value"
}

func ratFloat(f *failure) any {
	if f.rat == nil {
		return f.got
	}
	v, _ := f.rat.Float64()
	return v
}

func floatOf(n *fastNumber) float64 {
	v, _ := n.rat.Float64()
	return v
}

// v6Quote quotes as jsonschema v6 does: Go quoting between single quotes,
// double quotes unescaped and single quotes escaped.
func v6Quote(s string) string {
	s = strconv.Quote(s)
	s = strings.ReplaceAll(s, `\"`, `"`)
	s = strings.ReplaceAll(s, `'`, `\'`)
	return "'" + s[1:len(s)-1] + "'"
}

func v6JoinQuoted(list []string) string {
	quoted := make([]string, len(list))
	for i, s := range list {
		quoted[i] = v6Quote(s)
	}
	return strings.Join(quoted, ", ")
}

func v6Display(v any) string {
	if s, ok := v.(string); ok {
		return v6Quote(s)
	}
	return fmt.Sprintf("%v", v)
}

// groupDigits formats an integer with English digit grouping ("1,000"), as
// jsonschema v6's message printer does.
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
