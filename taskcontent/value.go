package taskcontent

import (
	"bytes"
	"encoding/json"
	"fmt"
	"iter"
	"strconv"
	"strings"

	"github.com/dilint/dilint/internal/jsonptr"
)

// Value is a read-only handle to one JSON value of a parsed document. The
// zero Value does not exist: Exists reports false and every accessor
// returns a zero result, so chains like v.Get("a").Get("b").Str() are safe.
type Value struct {
	t *tree
	i int32
}

func (v Value) n() *node { return &v.t.nodes[v.i] }

// Exists reports whether the value is present in the document.
func (v Value) Exists() bool { return v.t != nil }

// Type returns the JSON type of the value, or TypeInvalid if it does not exist.
func (v Value) Type() Type {
	if v.t == nil {
		return TypeInvalid
	}
	return v.n().typ
}

// Raw returns the value's bytes exactly as written in the content (for a
// string, with its quotes and escapes). The slice aliases the document and
// must not be modified.
func (v Value) Raw() []byte {
	if v.t == nil {
		return nil
	}
	n := v.n()
	return v.t.src[n.start:n.end]
}

// Str returns the decoded text of a string value, and "" for any other type.
func (v Value) Str() string {
	if v.t == nil || v.n().typ != TypeString {
		return ""
	}
	n := v.n()
	raw := v.t.src[n.start+1 : n.end-1]
	if n.flags&flagEscaped == 0 {
		return string(raw)
	}
	return unescape(raw)
}

// StrEqual reports whether v is a string equal to s, without allocating for
// strings that have no escapes.
func (v Value) StrEqual(s string) bool {
	if v.t == nil || v.n().typ != TypeString {
		return false
	}
	n := v.n()
	raw := v.t.src[n.start+1 : n.end-1]
	if n.flags&flagEscaped == 0 {
		return string(raw) == s
	}
	return unescape(raw) == s
}

// Bool returns the value of a boolean; ok is false for other types.
func (v Value) Bool() (value, ok bool) {
	if v.t == nil || v.n().typ != TypeBool {
		return false, false
	}
	return v.n().flags&flagTrueBool != 0, true
}

// IsNull reports whether the value is JSON null.
func (v Value) IsNull() bool { return v.Type() == TypeNull }

// Number returns a number's spelling as written ("1", "1.0", "9007199254740993"),
// and "" for other types. It never passes through float64.
func (v Value) Number() json.Number {
	if v.Type() != TypeNumber {
		return ""
	}
	return json.Number(v.Raw())
}

// Int returns a number as an int64; ok is false for non-numbers, fractions and
// values outside the int64 range.
func (v Value) Int() (n int64, ok bool) {
	if v.Type() != TypeNumber {
		return 0, false
	}
	n, err := parseIntSpelling(string(v.Raw()))
	return n, err == nil
}

// parseIntSpelling parses an integer written as a JSON number, accepting an
// integral fraction or exponent ("8.0", "1e2") without going through float64.
func parseIntSpelling(s string) (int64, error) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, nil
	}
	mant, exp := s, 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.Atoi(s[i+1:])
		if err != nil || e > 30 || e < -30 {
			return 0, fmt.Errorf("%s is not an integer in range", s)
		}
		mant, exp = s[:i], e
	}
	neg := strings.HasPrefix(mant, "-")
	mant = strings.TrimPrefix(mant, "-")
	intPart, frac, _ := strings.Cut(mant, ".")
	digits := intPart + frac
	exp -= len(frac)
	for exp < 0 {
		if !strings.HasSuffix(digits, "0") {
			return 0, fmt.Errorf("%s is not an integer", s)
		}
		digits = digits[:len(digits)-1]
		exp++
	}
	digits += strings.Repeat("0", exp)
	if neg {
		digits = "-" + digits
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%s is not an integer in the int64 range", s)
	}
	return n, nil
}

// Len returns the number of elements of an array or members of an object.
func (v Value) Len() int {
	if v.t == nil {
		return 0
	}
	return v.t.nkids(v.i)
}

func (v Value) kid(k int) Value { return Value{t: v.t, i: v.t.kid(v.i, k)} }

// Index returns the i-th element of an array (or member of an object), or
// the zero Value when out of range.
func (v Value) Index(i int) Value {
	if i < 0 || i >= v.Len() {
		return Value{}
	}
	return v.kid(i)
}

// Get returns the member of an object with the given key. If the key occurs
// more than once, the last occurrence wins, as in encoding/json.
func (v Value) Get(key string) Value {
	if v.Type() != TypeObject {
		return Value{}
	}
	kids := v.t.children(v.i)
	if len(kids) > indexedObject {
		if k, ok := v.t.memberIndex(v.i)[key]; ok {
			return Value{t: v.t, i: k}
		}
		return Value{}
	}
	for j := len(kids) - 1; j >= 0; j-- {
		if v.t.keyIs(kids[j], key) {
			return Value{t: v.t, i: kids[j]}
		}
	}
	return Value{}
}

// indexedObject is the most members Get scans; a larger object is looked
// up through a map of its keys, built on the first Get. Scanning made
// every pointer into an object of 50,000 unknown keys (one schema
// finding each) cost 50,000 comparisons: minutes in all.
const indexedObject = 64

// memberIndex returns the map from decoded key to the last member with
// that key of object i, building it once for all readers.
func (t *tree) memberIndex(i int32) map[string]int32 {
	if m, ok := t.indexes.Load(i); ok {
		return m.(map[string]int32)
	}
	kids := t.children(i)
	m := make(map[string]int32, len(kids))
	for _, k := range kids {
		m[t.keyString(k)] = k
	}
	actual, _ := t.indexes.LoadOrStore(i, m)
	return actual.(map[string]int32)
}

// Path follows object keys from v: v.Path("setting", "speed", "concurrent").
func (v Value) Path(keys ...string) Value {
	for _, k := range keys {
		v = v.Get(k)
	}
	return v
}

// Elems iterates over the elements of an array with their indexes.
func (v Value) Elems() iter.Seq2[int, Value] {
	return func(yield func(int, Value) bool) {
		if v.Type() != TypeArray {
			return
		}
		for j := range v.Len() {
			if !yield(j, v.kid(j)) {
				return
			}
		}
	}
}

// All iterates over v and every value inside it, depth first in document
// order (each container before its children), as a recursive walk would
// visit them. It reads the parsed values in storage order, with no stack
// and no per-level bookkeeping: a value's descendants are stored right
// after it, up to the first value that starts past its end.
func (v Value) All() iter.Seq[Value] {
	return func(yield func(Value) bool) {
		if v.t == nil {
			return
		}
		nodes := v.t.nodes
		end := nodes[v.i].end
		if !yield(v) {
			return
		}
		for i := v.i + 1; int(i) < len(nodes) && nodes[i].start < end; i++ {
			if !yield(Value{t: v.t, i: i}) {
				return
			}
		}
	}
}

// Members iterates over the members of an object in document order,
// duplicates included.
func (v Value) Members() iter.Seq2[string, Value] {
	return func(yield func(string, Value) bool) {
		if v.Type() != TypeObject {
			return
		}
		for j := range v.Len() {
			m := v.kid(j)
			if !yield(m.Key(), m) {
				return
			}
		}
	}
}

// Key returns the decoded key of an object member, or "" for other values.
func (v Value) Key() string {
	if v.t == nil || !v.t.isMember(v.i) {
		return ""
	}
	return v.t.keyString(v.i)
}

// IsMember reports whether the value is a member of an object (has a key).
func (v Value) IsMember() bool { return v.t != nil && v.t.isMember(v.i) }

// Parent returns the enclosing array or object, or the zero Value for the root.
func (v Value) Parent() Value {
	if v.t == nil {
		return Value{}
	}
	p := v.t.parent(v.i)
	if p < 0 {
		return Value{}
	}
	return Value{t: v.t, i: p}
}

// IndexInParent returns the position of the value in its parent array or
// object, or -1 for the root.
func (v Value) IndexInParent() int {
	if v.t == nil {
		return -1
	}
	p := v.t.parent(v.i)
	if p < 0 {
		return -1
	}
	kids := v.t.children(p)
	// Children are stored in order, so a binary search by node index finds it.
	lo, hi := 0, len(kids)
	for lo < hi {
		m := (lo + hi) / 2
		if kids[m] < v.i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// Pointer returns the JSON Pointer (RFC 6901) of the value within its document.
func (v Value) Pointer() string {
	if v.t == nil {
		return ""
	}
	var parts []string
	for c := v; c.t.parent(c.i) >= 0; c = c.Parent() {
		if c.t.isMember(c.i) {
			parts = append(parts, jsonptr.EscapeToken(c.Key()))
		} else {
			parts = append(parts, strconv.Itoa(c.IndexInParent()))
		}
	}
	var b strings.Builder
	for j := len(parts) - 1; j >= 0; j-- {
		b.WriteByte('/')
		b.WriteString(parts[j])
	}
	return b.String()
}

// Interface decodes the value into Go values: map[string]any, []any,
// string, bool, nil, and json.Number for numbers (never float64). This is
// the form JSON Schema validators take. For duplicate keys the last wins.
func (v Value) Interface() any {
	if v.t == nil {
		return nil
	}
	switch n := v.n(); n.typ {
	case TypeNull:
		return nil
	case TypeBool:
		return n.flags&flagTrueBool != 0
	case TypeNumber:
		return json.Number(v.t.src[n.start:n.end])
	case TypeString:
		return v.Str()
	case TypeArray:
		out := make([]any, v.Len())
		for j := range out {
			out[j] = v.kid(j).Interface()
		}
		return out
	case TypeObject:
		out := make(map[string]any, v.Len())
		for j := range v.Len() {
			m := v.kid(j)
			out[m.Key()] = m.Interface()
		}
		return out
	}
	return nil
}

// Equal reports whether two values are the same JSON: same types, same
// decoded strings, same number spellings, and objects with the same keys
// (in any order; for duplicate keys the last occurrence counts).
func (v Value) Equal(w Value) bool {
	if v.Type() != w.Type() {
		return false
	}
	switch v.Type() {
	case TypeInvalid, TypeNull:
		return true
	case TypeBool:
		a, _ := v.Bool()
		b, _ := w.Bool()
		return a == b
	case TypeNumber:
		return bytes.Equal(v.Raw(), w.Raw())
	case TypeString:
		return v.Str() == w.Str()
	case TypeArray:
		if v.Len() != w.Len() {
			return false
		}
		for j := range v.Len() {
			if !v.kid(j).Equal(w.kid(j)) {
				return false
			}
		}
		return true
	default:
		// Objects compare as decoders see them: by key, last duplicate wins.
		for k := range v.Members() {
			if !v.Get(k).Equal(w.Get(k)) {
				return false
			}
		}
		for k := range w.Members() {
			if !v.Get(k).Exists() {
				return false
			}
		}
		return true
	}
}
