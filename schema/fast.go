package schema

import (
	"sync"
	"unicode/utf8"
)

// NodeKind is the JSON type of a Node.
type NodeKind uint8

// The JSON types. The zero NodeKind is no JSON value; Valid rejects it.
const (
	KindNull NodeKind = iota + 1
	KindBool
	KindNumber
	KindString
	KindObject
	KindArray
)

// Node is a read-only JSON value that Valid walks without decoding it. N
// is the implementing type itself, so that a small struct handle into a
// parsed document is passed by value instead of boxed per node.
//
// The byte slices Key, Text and Number return may alias the document; Valid
// never modifies or keeps them.
type Node[N any] interface {
	// Kind returns the JSON type.
	Kind() NodeKind
	// Len returns the number of elements of an array or members of an
	// object, duplicates included.
	Len() int
	// Index returns the i-th element of an array or member of an object,
	// members in document order.
	Index(i int) N
	// Key returns the decoded key of an object member.
	Key() []byte
	// Shadowed reports whether a later member of the same object has the
	// same key. Decoders keep the last of duplicate keys, and so does
	// validation: a shadowed member is not checked.
	Shadowed() bool
	// Has reports whether an object has a member with the given key.
	Has(key string) bool
	// Member returns the last member of an object with the given key (the
	// one decoders keep), and whether there is one.
	Member(key string) (N, bool)
	// Text returns the decoded bytes of a string.
	Text() []byte
	// Number returns a number's spelling as written ("1", "1.0", "2e3").
	Number() []byte
	// Bool returns the value of a boolean.
	Bool() bool
}

// Valid reports whether the instance n is valid against the named schema.
// Its verdict is the one ValidateNode and Validate give (no violations
// means valid), but Valid does not allocate, so a caller that needs only
// the verdict runs it instead.
//
// A number whose exponent is too large for math/big ("1e9999999") fails
// the minimum, maximum and multipleOf keywords, as in ValidateNode.
//
// The error is non-nil only for an unknown name (*UnknownNameError) or a
// schema that fails to compile. Each schema is compiled on first use, once;
// Valid is safe for concurrent use.
func Valid[N Node[N]](name Name, n N) (bool, error) {
	compile, ok := fastCompilers[name]
	if !ok {
		return false, &UnknownNameError{Name: name}
	}
	s, err := compile()
	if err != nil {
		return false, err
	}
	ok = valid(s, n)
	if err := deferredError(); err != nil {
		return false, err
	}
	return ok, nil
}

// fastCompilers holds one lazily compiled fast schema per top-level name.
var fastCompilers = func() map[Name]func() (*fastSchema, error) {
	m := make(map[Name]func() (*fastSchema, error), len(names))
	for _, n := range names {
		m[n] = sync.OnceValues(func() (*fastSchema, error) { return compileFast(n) })
	}
	return m
}()

// Type bits of fastSchema.types: one per NodeKind, plus integer.
const (
	typeInteger uint8 = 1 << 7
)

func kindBit(k NodeKind) uint8 { return 1 << k }

// fastSchema is one compiled schema object with its references resolved.
// Absent keywords are nil, empty or negative.
type fastSchema struct {
	loc string // file#pointer, for compile errors

	// isBool marks a boolean schema: true accepts everything, false nothing.
	isBool, boolValue bool

	types uint8 // kindBit per allowed type, typeInteger; 0 when absent
	ref   *fastSchema
	// lazy, in a placeholder for a location compiled on first use, is the
	// reference to it (the placeholder has no other keyword).
	lazy *lazyRef
	// forward marks a schema with no keyword but $ref (or lazy): it
	// validates as its target does, except that it rejects kind 0 even
	// when the target is true.
	forward  bool
	constant *fastValue
	enum     []fastValue

	// Object keywords.
	required []string
	// requiredHas holds the required names that the member walk does not
	// account for, checked with Has; requiredWalk has bit r for each
	// required[r] that is a declared property, and the walk clears the
	// bits of the properties it meets (fastProp.requiredBits). Without
	// walkMembers, requiredHas is required.
	requiredHas  []string
	requiredWalk uint64
	props        []fastProp
	propIndex    map[string]*fastProp // props by name, when there are many
	patternProps []fastPattern
	additional   *fastSchema
	// walkMembers is set when a keyword applies to each member.
	walkMembers bool

	// Array keywords.
	items, contains *fastSchema
	minItems        int

	// String keywords.
	pattern   *ecmaPattern
	minLength int

	// Number keywords; checksNumbers is set when one is present.
	minimum, maximum, multipleOf *fastNumber
	checksNumbers                bool

	// In-place applicators.
	allOf, anyOf         []*fastSchema
	not, ifS, thenS, els *fastSchema

	// dispatch, when set, evaluates allOf for objects by looking up a
	// discriminating property; allOf stays complete for other readers.
	dispatch *fastDispatch
}

type fastProp struct {
	name string
	s    *fastSchema
	// requiredBits has bit r when required[r] is name.
	requiredBits uint64
}

type fastPattern struct {
	re *ecmaPattern
	s  *fastSchema
}

// fastValue is a scalar of const or enum.
type fastValue struct {
	kind NodeKind
	str  string
	num  fastNumber
	b    bool
}

// propIndexMin is the property count from which a map beats comparing
// names one by one.
const propIndexMin = 9

func (s *fastSchema) property(key []byte) (*fastSchema, bool) {
	if p := s.propertyAt(key); p != nil {
		return p.s, true
	}
	return nil, false
}

// propertyAt returns the declared property named key, or nil.
func (s *fastSchema) propertyAt(key []byte) *fastProp {
	if s.propIndex != nil {
		return s.propIndex[string(key)]
	}
	for i := range s.props {
		if p := &s.props[i]; p.name == string(key) {
			return p
		}
	}
	return nil
}

func valid[N Node[N]](s *fastSchema, n N) bool {
	if s.isBool {
		return s.boolValue
	}
	k := n.Kind()
	for s.forward {
		if s.lazy != nil {
			s = s.lazy.get()
		} else {
			s = s.ref
		}
		if s.isBool {
			return s.boolValue && k != 0
		}
	}
	if s.types != 0 && !typeMatches(s.types, k, n) {
		return false
	}
	if s.constant != nil && !equalValue(s.constant, k, n) {
		return false
	}
	if s.enum != nil && !inEnum(s.enum, k, n) {
		return false
	}
	if s.lazy != nil && !valid(s.lazy.get(), n) {
		return false
	}
	if s.ref != nil && !valid(s.ref, n) {
		return false
	}
	switch k {
	case KindObject:
		if !validObject(s, n) {
			return false
		}
	case KindArray:
		if !validArray(s, n) {
			return false
		}
	case KindString:
		if s.pattern != nil || s.minLength >= 0 {
			t := n.Text()
			if s.minLength >= 0 && utf8.RuneCount(t) < s.minLength {
				return false
			}
			if s.pattern != nil && !s.pattern.Match(t) {
				return false
			}
		}
	case KindNumber:
		if s.checksNumbers && !validNumber(s, n.Number()) {
			return false
		}
	case 0:
		return false
	}
	if s.not != nil && valid(s.not, n) {
		return false
	}
	if s.dispatch != nil && k == KindObject {
		if !validDispatch(s.dispatch, n) {
			return false
		}
	} else {
		for _, sub := range s.allOf {
			if !valid(sub, n) {
				return false
			}
		}
	}
	if s.anyOf != nil && !anyValid(s.anyOf, n) {
		return false
	}
	if s.ifS != nil {
		if valid(s.ifS, n) {
			return s.thenS == nil || valid(s.thenS, n)
		}
		return s.els == nil || valid(s.els, n)
	}
	return true
}

func anyValid[N Node[N]](list []*fastSchema, n N) bool {
	for _, sub := range list {
		if valid(sub, n) {
			return true
		}
	}
	return false
}

func typeMatches[N Node[N]](types uint8, k NodeKind, n N) bool {
	if types&kindBit(k) != 0 {
		return true
	}
	return k == KindNumber && types&typeInteger != 0 && isIntegerSpelling(n.Number())
}

func equalValue[N Node[N]](v *fastValue, k NodeKind, n N) bool {
	if v.kind != k {
		return false
	}
	switch k {
	case KindString:
		return string(n.Text()) == v.str
	case KindNumber:
		return numberEqual(n.Number(), &v.num)
	case KindBool:
		return n.Bool() == v.b
	}
	return k == KindNull
}

func inEnum[N Node[N]](enum []fastValue, k NodeKind, n N) bool {
	for i := range enum {
		if equalValue(&enum[i], k, n) {
			return true
		}
	}
	return false
}

func validObject[N Node[N]](s *fastSchema, n N) bool {
	for _, key := range s.requiredHas {
		if !n.Has(key) {
			return false
		}
	}
	if !s.walkMembers {
		return true
	}
	// Every key of the object is the key of a member that is not
	// shadowed (the last of duplicates), so the walk meets each present
	// required property.
	missing := s.requiredWalk
	for i := range n.Len() {
		m := n.Index(i)
		if m.Shadowed() {
			continue
		}
		key := m.Key()
		evaluated := false
		if p := s.propertyAt(key); p != nil {
			if !valid(p.s, m) {
				return false
			}
			missing &^= p.requiredBits
			evaluated = true
		}
		for j := range s.patternProps {
			if pp := &s.patternProps[j]; pp.re.Match(key) {
				if !valid(pp.s, m) {
					return false
				}
				evaluated = true
			}
		}
		if !evaluated && s.additional != nil && !valid(s.additional, m) {
			return false
		}
	}
	return missing == 0
}

func validArray[N Node[N]](s *fastSchema, n N) bool {
	size := n.Len()
	if size < s.minItems {
		return false
	}
	if s.items != nil {
		for i := range size {
			if !valid(s.items, n.Index(i)) {
				return false
			}
		}
	}
	if s.contains != nil {
		for i := range size {
			if valid(s.contains, n.Index(i)) {
				return true
			}
		}
		return false
	}
	return true
}

func validNumber(s *fastSchema, b []byte) bool {
	if s.minimum != nil {
		if c, ok := compareNumber(b, s.minimum); !ok || c < 0 {
			return false
		}
	}
	if s.maximum != nil {
		if c, ok := compareNumber(b, s.maximum); !ok || c > 0 {
			return false
		}
	}
	if s.multipleOf != nil {
		if m, ok := isMultiple(b, s.multipleOf); !ok || !m {
			return false
		}
	}
	return true
}
