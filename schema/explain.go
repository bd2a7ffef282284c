package schema

import (
	"encoding/json"
	"fmt"
	"math/big"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// failKind is the keyword of a failure, named as jsonschema v6 names its
// error kinds.
type failKind uint8

const (
	failType failKind = iota + 1
	failConst
	failEnum
	failRequired
	failAdditional
	failMinItems
	failContains
	failMinLength
	failPattern
	failMinimum
	failMaximum
	failMultipleOf
	failFalse
	failNot
	failAnyOf
	failInvalid
)

// failure is one failed keyword, the leaf of the error tree jsonschema v6
// builds, except for anyOf, whose branches keep their own failures. It
// holds what the messages need; Validate words them.
type failure struct {
	kind failKind
	s    *fastSchema // the schema object holding the keyword
	loc  []string    // instance location tokens

	keys     []string    // missing keys (required) or unknown ones (additionalProperties)
	got      any         // the instance value: string, json.Number, bool, nil, map or slice (see nodeValue)
	count    int         // items or characters found (minItems, minLength)
	rat      *big.Rat    // the instance number (minimum, maximum, multipleOf); nil beyond math/big
	far      bool        // the instance number is of extreme magnitude (see far); rat is nil
	types    string      // the instance's JSON type (type)
	branches [][]failure // anyOf: the failures of each branch, in schema order
}

// keyword returns the schema keyword of the failure, as jsonschema v6's
// ErrorKind.KeywordPath names it ("" for a false schema and not).
func (f *failure) keyword() string {
	switch f.kind {
	case failType:
		return "type"
	case failConst:
		return "const"
	case failEnum:
		return "enum"
	case failRequired:
		return "required"
	case failAdditional:
		return "additionalProperties"
	case failMinItems:
		return "minItems"
	case failContains:
		return "contains"
	case failMinLength:
		return "minLength"
	case failPattern:
		return "pattern"
	case failMinimum:
		return "minimum"
	case failMaximum:
		return "maximum"
	case failMultipleOf:
		return "multipleOf"
	case failAnyOf:
		return "anyOf"
	}
	return ""
}

// schemaURL is the location of the schema object holding the keyword
// relative to baseURL, spelt as jsonschema v6 spells it: the file, "#" and
// the JSON Pointer with each token URL-path-escaped.
func (f *failure) schemaURL() string {
	file, ptr, _ := strings.Cut(f.s.loc, "#")
	var b strings.Builder
	b.WriteString(file)
	b.WriteByte('#')
	for i, tok := range strings.Split(ptr, "/") {
		if i > 0 {
			b.WriteByte('/')
		}
		b.WriteString(url.PathEscape(tok))
	}
	return b.String()
}

// explainer walks an instance against a compiled schema and records every
// failed keyword, the way jsonschema v6 evaluates them: type, const and
// enum end the schema object's checks; $ref, object, array, string and
// number keywords, not, allOf, anyOf and if/then/else follow in that order.
// A keyword whose verdict alone matters (not, if, contains, anyOf with a
// matching branch) is decided by valid.
type explainer[N Node[N]] struct {
	path []string
	out  []failure
}

func (e *explainer[N]) fail(f failure) {
	f.loc = slices.Clone(e.path)
	e.out = append(e.out, f)
}

func (e *explainer[N]) walk(s *fastSchema, n N) {
	if s.isBool {
		if !s.boolValue {
			e.fail(failure{kind: failFalse, s: s})
		}
		return
	}
	k := n.Kind()
	if k == 0 {
		e.fail(failure{kind: failInvalid, s: s})
		return
	}
	if s.types != 0 && !typeMatches(s.types, k, n) {
		e.fail(failure{kind: failType, s: s, types: kindName(k)})
		return
	}
	if s.constant != nil && !equalValue(s.constant, k, n) {
		e.fail(failure{kind: failConst, s: s, got: nodeValue(k, n)})
		return
	}
	if s.enum != nil && !inEnum(s.enum, k, n) {
		e.fail(failure{kind: failEnum, s: s, got: nodeValue(k, n)})
		return
	}
	if s.lazy != nil {
		e.walk(s.lazy.get(), n)
	}
	if s.ref != nil {
		e.walk(s.ref, n)
	}
	switch k {
	case KindObject:
		e.object(s, n)
	case KindArray:
		e.array(s, n)
	case KindString:
		if s.minLength >= 0 {
			if c := utf8.RuneCount(n.Text()); c < s.minLength {
				e.fail(failure{kind: failMinLength, s: s, count: c})
			}
		}
		if s.pattern != nil && !s.pattern.Match(n.Text()) {
			e.fail(failure{kind: failPattern, s: s, got: string(n.Text())})
		}
	case KindNumber:
		if s.checksNumbers {
			e.number(s, n.Number())
		}
	}
	if s.not != nil && valid(s.not, n) {
		e.fail(failure{kind: failNot, s: s})
	}
	for _, sub := range s.allOf {
		e.walk(sub, n)
	}
	if s.anyOf != nil && !anyValid(s.anyOf, n) {
		f := failure{kind: failAnyOf, s: s, branches: make([][]failure, len(s.anyOf))}
		for i, sub := range s.anyOf {
			b := explainer[N]{path: e.path}
			b.walk(sub, n)
			f.branches[i] = b.out
		}
		e.fail(f)
	}
	if s.ifS != nil {
		if valid(s.ifS, n) {
			if s.thenS != nil {
				e.walk(s.thenS, n)
			}
		} else if s.els != nil {
			e.walk(s.els, n)
		}
	}
}

func (e *explainer[N]) object(s *fastSchema, n N) {
	var missing []string
	for _, key := range s.required {
		if !n.Has(key) {
			missing = append(missing, key)
		}
	}
	if missing != nil {
		e.fail(failure{kind: failRequired, s: s, keys: missing})
	}
	if !s.walkMembers {
		return
	}
	var unknown []string
	for i := range n.Len() {
		m := n.Index(i)
		if m.Shadowed() {
			continue
		}
		key := m.Key()
		evaluated := false
		if p, ok := s.property(key); ok {
			e.member(p, m, key)
			evaluated = true
		}
		for j := range s.patternProps {
			if pp := &s.patternProps[j]; pp.re.Match(key) {
				e.member(pp.s, m, key)
				evaluated = true
			}
		}
		if !evaluated && s.additional != nil {
			// jsonschema v6 keeps a literal boolean additionalProperties
			// as a boolean: false collects the keys in one error.
			if a := s.additional; a.isBool {
				if !a.boolValue {
					unknown = append(unknown, string(key))
				}
			} else {
				e.member(a, m, key)
			}
		}
	}
	if unknown != nil {
		e.fail(failure{kind: failAdditional, s: s, keys: unknown})
	}
}

// member walks the member m (with the given key) of an object against s,
// unless it is valid: a valid value has no failures, and skipping it
// spares building its location.
func (e *explainer[N]) member(s *fastSchema, m N, key []byte) {
	if valid(s, m) {
		return
	}
	e.path = append(e.path, string(key))
	e.walk(s, m)
	e.path = e.path[:len(e.path)-1]
}

func (e *explainer[N]) array(s *fastSchema, n N) {
	size := n.Len()
	if size < s.minItems {
		e.fail(failure{kind: failMinItems, s: s, count: size})
	}
	if s.items != nil {
		for i := range size {
			if m := n.Index(i); !valid(s.items, m) {
				e.path = append(e.path, strconv.Itoa(i))
				e.walk(s.items, m)
				e.path = e.path[:len(e.path)-1]
			}
		}
	}
	if s.contains != nil {
		for i := range size {
			if valid(s.contains, n.Index(i)) {
				return
			}
		}
		e.fail(failure{kind: failContains, s: s})
	}
}

// number checks minimum, maximum and multipleOf. A number big.Rat cannot
// parse ("1e9999999") fails each of them; jsonschema v6 panics there.
func (e *explainer[N]) number(s *fastSchema, b []byte) {
	var r *big.Rat
	parsed := false
	_, isFar := far(b)
	rat := func() *big.Rat {
		// A number of extreme magnitude shows as written: its value
		// would take big.Rat a power of ten to build and a message a
		// million digits to write.
		if !parsed && !isFar {
			r, _ = instanceRat(b)
			parsed = true
		}
		return r
	}
	got := json.Number(b)
	if s.minimum != nil {
		if c, ok := compareNumber(b, s.minimum); !ok || c < 0 {
			e.fail(failure{kind: failMinimum, s: s, rat: rat(), far: isFar, got: got})
		}
	}
	if s.maximum != nil {
		if c, ok := compareNumber(b, s.maximum); !ok || c > 0 {
			e.fail(failure{kind: failMaximum, s: s, rat: rat(), far: isFar, got: got})
		}
	}
	if s.multipleOf != nil {
		if m, ok := isMultiple(b, s.multipleOf); !ok || !m {
			e.fail(failure{kind: failMultipleOf, s: s, rat: rat(), far: isFar, got: got})
		}
	}
}

// kindName is the JSON type name of a kind, as in the "type" keyword.
func kindName(k NodeKind) string {
	switch k {
	case KindNull:
		return "null"
	case KindBool:
		return "boolean"
	case KindNumber:
		return "number"
	case KindString:
		return "string"
	case KindObject:
		return "object"
	case KindArray:
		return "array"
	}
	return "invalid"
}

// typeNames lists the types of a type keyword in jsonschema v6's order.
func typeNames(bits uint8) []string {
	var out []string
	for _, t := range []struct {
		bit  uint8
		name string
	}{
		{kindBit(KindNull), "null"}, {kindBit(KindBool), "boolean"}, {kindBit(KindNumber), "number"},
		{typeInteger, "integer"}, {kindBit(KindString), "string"}, {kindBit(KindArray), "array"},
		{kindBit(KindObject), "object"},
	} {
		if bits&t.bit != 0 {
			out = append(out, t.name)
		}
	}
	return out
}

// nodeValue is the instance value a message shows: scalars decoded (numbers
// as json.Number of their spelling), objects and arrays as empty values of
// their type, except that a decoded instance gives its own value.
func nodeValue[N Node[N]](k NodeKind, n N) any {
	if d, ok := any(n).(anyNode); ok {
		return d.v
	}
	switch k {
	case KindString:
		return string(n.Text())
	case KindNumber:
		return json.Number(n.Number())
	case KindBool:
		return n.Bool()
	case KindObject:
		return map[string]any{}
	case KindArray:
		return []any{}
	}
	return nil
}

// explain returns the failures of n against s; none when n is valid. The
// walk costs about one valid pass for a valid instance, since it descends
// only into members and items that valid rejects.
func explain[N Node[N]](s *fastSchema, n N) []failure {
	var e explainer[N]
	e.walk(s, n)
	return e.out
}

// ValidateNode checks the instance n against the named schema and returns
// its violations, exactly as Validate does for the decoded instance, but
// without decoding it: a caller holding a parsed tree (package
// taskcontent) passes a handle into it. Numbers too large for math/big
// ("1e9999999") fail minimum, maximum and multipleOf.
//
// The error is non-nil only for an unknown name (*UnknownNameError) or a
// schema that fails to compile. ValidateNode is safe for concurrent use.
func ValidateNode[N Node[N]](name Name, n N) ([]Violation, error) {
	compile, ok := fastCompilers[name]
	if !ok {
		return nil, &UnknownNameError{Name: name}
	}
	s, err := compile()
	if err != nil {
		return nil, err
	}
	fs := explain(s, n)
	if err := deferredError(); err != nil {
		return nil, err
	}
	if fs == nil {
		return nil, nil
	}
	docs, err := rawDocs()
	if err != nil {
		return nil, err
	}
	return violations(fs, docs), nil
}

// anyNode is a Node over a decoded instance: maps, slices, strings,
// booleans, nil, json.Number (and other Go numbers). Object members come
// in sorted key order.
type anyNode struct {
	v    any
	key  string
	keys []string // sorted keys of an object
}

func newAnyNode(v any, key string) anyNode {
	n := anyNode{v: v, key: key}
	if m, ok := v.(map[string]any); ok {
		n.keys = make([]string, 0, len(m))
		for k := range m {
			n.keys = append(n.keys, k)
		}
		slices.Sort(n.keys)
	}
	return n
}

func (n anyNode) Kind() NodeKind {
	switch v := n.v.(type) {
	case nil:
		return KindNull
	case bool:
		return KindBool
	case json.Number, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return KindNumber
	case float64:
		if v != v || v > 1.7976931348623157e308 || v < -1.7976931348623157e308 {
			return 0
		}
		return KindNumber
	case float32:
		return anyNode{v: float64(v)}.Kind()
	case string:
		return KindString
	case map[string]any:
		return KindObject
	case []any:
		return KindArray
	}
	return 0
}

func (n anyNode) Len() int {
	switch v := n.v.(type) {
	case map[string]any:
		return len(v)
	case []any:
		return len(v)
	}
	return 0
}

func (n anyNode) Index(i int) anyNode {
	switch v := n.v.(type) {
	case map[string]any:
		k := n.keys[i]
		return newAnyNode(v[k], k)
	case []any:
		return newAnyNode(v[i], "")
	}
	return anyNode{}
}

func (n anyNode) Key() []byte    { return []byte(n.key) }
func (n anyNode) Shadowed() bool { return false }

func (n anyNode) Member(key string) (anyNode, bool) {
	m, _ := n.v.(map[string]any)
	if v, ok := m[key]; ok {
		return newAnyNode(v, key), true
	}
	return anyNode{}, false
}

func (n anyNode) Has(key string) bool {
	m, _ := n.v.(map[string]any)
	_, ok := m[key]
	return ok
}

func (n anyNode) Text() []byte {
	s, _ := n.v.(string)
	return []byte(s)
}

func (n anyNode) Number() []byte {
	if s, ok := n.v.(json.Number); ok {
		return []byte(s)
	}
	return fmt.Append(nil, n.v)
}

func (n anyNode) Bool() bool {
	b, _ := n.v.(bool)
	return b
}
