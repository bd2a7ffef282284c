package schema

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dilint/dilint/internal/jsonptr"
)

// FastCompileError reports a schema the fast validator cannot compile: a
// keyword it does not implement, a malformed value or a reference it
// cannot resolve. The embedded schemas are fixed at build time and a test
// compiles them all, so a released binary never returns it; it exists so
// that a schema edit cannot silently weaken Valid.
type FastCompileError struct {
	// Location is the schema file and JSON Pointer of the offending
	// schema object: "step.json#/$defs/shape".
	Location string
	// Keyword is the offending keyword, when there is one.
	Keyword string
	Reason  string
}

func (e *FastCompileError) Error() string {
	if e.Keyword == "" {
		return fmt.Sprintf("schema: fast compile %s: %s", e.Location, e.Reason)
	}
	return fmt.Sprintf("schema: fast compile %s: %s: %s", e.Location, e.Keyword, e.Reason)
}

// ignoredKeywords are annotations and identifiers that do not affect
// validity.
var ignoredKeywords = map[string]bool{
	"$schema": true, "$id": true, "$defs": true, "$comment": true,
	"title": true, "description": true, "examples": true, "default": true,
	"enumDescriptions": true, "deprecated": true, "readOnly": true, "writeOnly": true,
}

// fastKeywords are the assertions and applicators compileFast implements.
// Any other keyword fails the compile.
var fastKeywords = map[string]bool{
	"type": true, "$ref": true, "const": true, "enum": true,
	"required": true, "properties": true, "patternProperties": true, "additionalProperties": true,
	"items": true, "contains": true, "minItems": true,
	"pattern": true, "minLength": true,
	"minimum": true, "maximum": true, "multipleOf": true,
	"allOf": true, "anyOf": true, "not": true, "if": true, "then": true, "else": true,
}

var typeBits = map[string]uint8{
	"null": kindBit(KindNull), "boolean": kindBit(KindBool), "number": kindBit(KindNumber),
	"string": kindBit(KindString), "object": kindBit(KindObject), "array": kindBit(KindArray),
	"integer": typeInteger,
}

// fastCompiler turns the decoded schema files into fastSchema trees. Each
// schema location compiles once, so references to it share one node and
// recursive schemas become cycles of pointers.
type fastCompiler struct {
	// doc returns a decoded schema file; ok is false when there is none.
	doc  func(file string) (v any, ok bool, err error)
	done map[string]*fastSchema
	// deferFile, when set, names the files whose schemas a $ref from
	// another file compiles on first use rather than now (the plugin
	// files); mu serialises those later compilations, which share done,
	// patterns and refs.
	deferFile func(file string) bool
	mu        sync.Mutex
	deferred  map[string]*fastSchema // the placeholder of each deferred location
	// patterns holds each pattern compiled so far, for patterns repeated
	// across files.
	patterns map[string]*ecmaPattern
	// refs holds the location each $ref of each file resolves to: most
	// references ("../common.json#/$defs/boolean") recur many times.
	refs map[[2]string]refTarget
}

type refTarget struct{ file, ptr string }

// compileFast compiles a top-level schema from the embedded files. The
// plugin files are compiled (and decoded) only when a document first
// reaches them: linting one file pays for the plugins of its own steps.
func compileFast(name Name) (*fastSchema, error) {
	sf, err := embedded()
	if err != nil {
		return nil, err
	}
	return compileFiles(sf, name.file())
}

// compileFiles compiles the root schema of file from sf, deferring plugin
// files.
func compileFiles(sf *schemaFiles, file string) (*fastSchema, error) {
	c := &fastCompiler{doc: sf.doc, done: make(map[string]*fastSchema), deferFile: isPluginFile}
	return c.root(file)
}

// isPluginFile reports whether a schema file is one plugin's.
func isPluginFile(file string) bool { return strings.HasPrefix(file, "plugins/") }

// compileFile compiles the root schema of one file of docs (decoded schema
// files keyed by their path under baseURL), all of it at once.
func compileFile(docs map[string]any, file string) (*fastSchema, error) {
	return newMapCompiler(docs).root(file)
}

// newMapCompiler returns a compiler over decoded files that defers nothing.
func newMapCompiler(docs map[string]any) *fastCompiler {
	return &fastCompiler{doc: func(file string) (any, bool, error) {
		v, ok := docs[file]
		return v, ok, nil
	}, done: make(map[string]*fastSchema)}
}

func (c *fastCompiler) root(file string) (*fastSchema, error) {
	root, err := c.at(file, "")
	if err != nil {
		return nil, err
	}
	if err := checkInPlaceCycles(root); err != nil {
		return nil, err
	}
	return root, nil
}

// at compiles the schema at a file and JSON Pointer.
func (c *fastCompiler) at(file, ptr string) (*fastSchema, error) {
	loc := file + "#" + ptr
	if s, ok := c.done[loc]; ok {
		return s, nil
	}
	node, ok, err := c.doc(file)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, &FastCompileError{Location: loc, Reason: "no such schema file"}
	}
	if ptr != "" {
		for _, tok := range strings.Split(ptr[1:], "/") {
			if strings.Contains(tok, "~") {
				tok = jsonptr.UnescapeToken(tok)
			}
			switch n := node.(type) {
			case map[string]any:
				node, ok = n[tok]
			case []any:
				i, err := index(tok, len(n))
				if ok = err == nil; ok {
					node = n[i]
				}
			default:
				ok = false
			}
			if !ok {
				return nil, &FastCompileError{Location: loc, Reason: "no value at this pointer"}
			}
		}
	}
	s := &fastSchema{loc: loc, minLength: -1}
	c.done[loc] = s
	if err := c.fill(s, file, ptr, node); err != nil {
		return nil, err
	}
	return s, nil
}

// sub compiles the schema under keyword (and further tokens) of the schema
// at ptr.
func (c *fastCompiler) sub(file, ptr string, tokens ...string) (*fastSchema, error) {
	for _, tok := range tokens {
		ptr += "/" + jsonptr.EscapeToken(tok)
	}
	return c.at(file, ptr)
}

func (c *fastCompiler) fill(s *fastSchema, file, ptr string, node any) error {
	if b, ok := node.(bool); ok {
		s.isBool, s.boolValue = true, b
		return nil
	}
	obj, ok := node.(map[string]any)
	if !ok {
		return &FastCompileError{Location: s.loc, Reason: fmt.Sprintf("a schema must be an object or a boolean, not %T", node)}
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	keywords := 0
	for _, k := range keys {
		if ignoredKeywords[k] {
			continue
		}
		keywords++
		if !fastKeywords[k] {
			return &FastCompileError{Location: s.loc, Keyword: k, Reason: "keyword not implemented by the fast validator"}
		}
		if err := c.keyword(s, file, ptr, k, obj[k]); err != nil {
			if _, ok := err.(*FastCompileError); ok {
				return err
			}
			return &FastCompileError{Location: s.loc, Keyword: k, Reason: err.Error()}
		}
	}
	if id, ok := obj["$id"]; ok && (ptr != "" || id != baseURL+file) {
		return &FastCompileError{Location: s.loc, Keyword: "$id", Reason: "only a file's root may have an $id, and it must be the file's URL"}
	}
	if _, ok := obj["$schema"]; ok && ptr != "" {
		return &FastCompileError{Location: s.loc, Keyword: "$schema", Reason: "only a file's root may name a dialect"}
	}
	if list, ok := obj["allOf"].([]any); ok && len(list) == len(s.allOf) {
		s.dispatch = buildDispatch(list, s.allOf)
	}
	s.walkMembers = len(s.props) > 0 || len(s.patternProps) > 0 || s.additional != nil
	s.requiredHas = s.required
	if s.walkMembers && len(s.required) <= 64 {
		s.requiredHas = nil
		for r, name := range s.required {
			if p := s.propertyAt([]byte(name)); p != nil {
				p.requiredBits |= 1 << r
				s.requiredWalk |= 1 << r
			} else {
				s.requiredHas = append(s.requiredHas, name)
			}
		}
	}
	s.forward = keywords == 1 && s.ref != nil
	s.checksNumbers = s.minimum != nil || s.maximum != nil || s.multipleOf != nil
	return nil
}

func (c *fastCompiler) keyword(s *fastSchema, file, ptr, k string, v any) error {
	var err error
	switch k {
	case "type":
		s.types, err = compileTypes(v)
	case "$ref":
		ref, ok := v.(string)
		if !ok {
			return fmt.Errorf("not a string")
		}
		s.ref, err = c.ref(file, ref)
	case "const":
		var fv fastValue
		fv, err = compileValue(v)
		s.constant = &fv
	case "enum":
		list, ok := v.([]any)
		if !ok || len(list) == 0 {
			return fmt.Errorf("not a non-empty array")
		}
		s.enum = make([]fastValue, len(list))
		for i, item := range list {
			if s.enum[i], err = compileValue(item); err != nil {
				return err
			}
		}
	case "required":
		s.required, err = stringList(v)
	case "properties":
		m, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("not an object")
		}
		for _, name := range sortedKeys(m) {
			p, err := c.sub(file, ptr, k, name)
			if err != nil {
				return err
			}
			s.props = append(s.props, fastProp{name: name, s: p})
		}
		if len(s.props) >= propIndexMin {
			s.propIndex = make(map[string]*fastProp, len(s.props))
			for i := range s.props {
				s.propIndex[s.props[i].name] = &s.props[i]
			}
		}
	case "patternProperties":
		m, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("not an object")
		}
		for _, pat := range sortedKeys(m) {
			cp, err := c.pattern(pat)
			if err != nil {
				return err
			}
			p, err := c.sub(file, ptr, k, pat)
			if err != nil {
				return err
			}
			s.patternProps = append(s.patternProps, fastPattern{re: cp, s: p})
		}
	case "additionalProperties":
		s.additional, err = c.sub(file, ptr, k)
	case "items":
		s.items, err = c.sub(file, ptr, k)
	case "contains":
		s.contains, err = c.sub(file, ptr, k)
	case "minItems":
		s.minItems, err = count(v)
	case "minLength":
		s.minLength, err = count(v)
	case "pattern":
		pat, ok := v.(string)
		if !ok {
			return fmt.Errorf("not a string")
		}
		s.pattern, err = c.pattern(pat)
	case "minimum":
		s.minimum, err = number(v)
	case "maximum":
		s.maximum, err = number(v)
	case "multipleOf":
		if s.multipleOf, err = number(v); err == nil && s.multipleOf.rat.Sign() <= 0 {
			err = fmt.Errorf("must be greater than 0")
		}
	case "allOf":
		s.allOf, err = c.list(file, ptr, k, v)
	case "anyOf":
		s.anyOf, err = c.list(file, ptr, k, v)
	case "not":
		s.not, err = c.sub(file, ptr, k)
	case "if":
		s.ifS, err = c.sub(file, ptr, k)
	case "then":
		s.thenS, err = c.sub(file, ptr, k)
	case "else":
		s.els, err = c.sub(file, ptr, k)
	}
	return err
}

// ref resolves a $ref against the file's URL, as the jsonschema compiler
// does; only JSON Pointer fragments into the embedded files resolve.
func (c *fastCompiler) ref(file, ref string) (*fastSchema, error) {
	t, ok := c.refs[[2]string{file, ref}]
	if !ok {
		var err error
		if t, err = resolveRef(file, ref); err != nil {
			return nil, err
		}
		if c.refs == nil {
			c.refs = make(map[[2]string]refTarget)
		}
		c.refs[[2]string{file, ref}] = t
	}
	if c.deferFile != nil && t.file != file && c.deferFile(t.file) {
		return c.deferredAt(t), nil
	}
	return c.at(t.file, t.ptr)
}

// deferredAt returns the placeholder of a location compiled on first use:
// a schema with nothing but a lazyRef to it, so it validates exactly as
// the location does.
func (c *fastCompiler) deferredAt(t refTarget) *fastSchema {
	loc := t.file + "#" + t.ptr
	if s, ok := c.done[loc]; ok {
		return s // compiled already (a later deferred compilation did it)
	}
	if s, ok := c.deferred[loc]; ok {
		return s
	}
	if c.deferred == nil {
		c.deferred = make(map[string]*fastSchema)
	}
	s := &fastSchema{loc: loc, minLength: -1, lazy: &lazyRef{c: c, target: t}, forward: true}
	c.deferred[loc] = s
	return s
}

// lazyRef is a reference compiled when a document first reaches it. Its
// compilation holds the compiler's lock; sync.Once publishes the result.
type lazyRef struct {
	c      *fastCompiler
	target refTarget
	once   sync.Once
	s      *fastSchema
	err    error
}

// get compiles the referenced schema on first use. Should that fail (the
// embedded files are fixed, and a test compiles every deferred location,
// so it does not), the reference rejects everything and the error is kept
// for Valid and ValidateNode to return.
func (l *lazyRef) get() *fastSchema {
	l.once.Do(func() {
		c := l.c
		c.mu.Lock()
		defer c.mu.Unlock()
		s, err := c.at(l.target.file, l.target.ptr)
		if err == nil {
			err = checkInPlaceCycles(s)
		}
		if err != nil {
			l.err = err
			lazyCompileErr.CompareAndSwap(nil, &err)
			s = &fastSchema{loc: l.target.file + "#" + l.target.ptr, isBool: true}
		}
		l.s = s
	})
	return l.s
}

// lazyCompileErr is the first error of a deferred compilation, if any.
var lazyCompileErr atomic.Pointer[error]

// deferredError returns the first error of a deferred compilation.
func deferredError() error {
	if p := lazyCompileErr.Load(); p != nil {
		return *p
	}
	return nil
}

// resolveRef resolves a $ref of a file to a file and an escaped JSON
// Pointer.
func resolveRef(file, ref string) (refTarget, error) {
	base, err := url.Parse(baseURL + file)
	if err != nil {
		return refTarget{}, err
	}
	u, err := base.Parse(ref)
	if err != nil {
		return refTarget{}, err
	}
	frag := u.Fragment
	u.Fragment, u.RawFragment = "", ""
	target, ok := strings.CutPrefix(u.String(), baseURL)
	if !ok {
		return refTarget{}, fmt.Errorf("%q leaves the embedded schemas", ref)
	}
	if frag != "" && !strings.HasPrefix(frag, "/") {
		return refTarget{}, fmt.Errorf("%q uses an anchor; only JSON Pointer fragments are implemented", ref)
	}
	// Re-escape the decoded tokens so that every spelling of a location
	// names the same compiled schema.
	ptr := ""
	if frag != "" {
		for _, tok := range strings.Split(frag[1:], "/") {
			ptr += "/" + jsonptr.EscapeToken(jsonptr.UnescapeToken(tok))
		}
	}
	return refTarget{target, ptr}, nil
}

// pattern compiles an ECMA-262 pattern, once per compiler.
func (c *fastCompiler) pattern(pattern string) (*ecmaPattern, error) {
	if p, ok := c.patterns[pattern]; ok {
		return p, nil
	}
	p, err := compileECMA(pattern)
	if err != nil {
		return nil, err
	}
	if c.patterns == nil {
		c.patterns = make(map[string]*ecmaPattern)
	}
	c.patterns[pattern] = p
	return p, nil
}

func (c *fastCompiler) list(file, ptr, k string, v any) ([]*fastSchema, error) {
	items, ok := v.([]any)
	if !ok || len(items) == 0 {
		return nil, fmt.Errorf("not a non-empty array")
	}
	out := make([]*fastSchema, len(items))
	for i := range items {
		var err error
		if out[i], err = c.sub(file, ptr, k, strconv.Itoa(i)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func compileTypes(v any) (uint8, error) {
	var names []string
	switch v := v.(type) {
	case string:
		names = []string{v}
	case []any:
		var err error
		if names, err = stringList(v); err != nil {
			return 0, err
		}
	default:
		return 0, fmt.Errorf("not a string or an array")
	}
	var bits uint8
	for _, name := range names {
		b, ok := typeBits[name]
		if !ok {
			return 0, fmt.Errorf("unknown type %q", name)
		}
		bits |= b
	}
	if bits == 0 {
		return 0, fmt.Errorf("no types")
	}
	return bits, nil
}

// compileValue compiles a const or enum value. Only scalars are
// implemented; no schema compares whole objects or arrays.
func compileValue(v any) (fastValue, error) {
	switch v := v.(type) {
	case nil:
		return fastValue{kind: KindNull}, nil
	case bool:
		return fastValue{kind: KindBool, b: v}, nil
	case string:
		return fastValue{kind: KindString, str: v}, nil
	case json.Number:
		n, ok := newFastNumber(string(v))
		if !ok {
			return fastValue{}, fmt.Errorf("number %s out of range", v)
		}
		return fastValue{kind: KindNumber, num: n}, nil
	}
	return fastValue{}, fmt.Errorf("only scalar values are implemented, not %T", v)
}

func number(v any) (*fastNumber, error) {
	s, ok := v.(json.Number)
	if !ok {
		return nil, fmt.Errorf("not a number")
	}
	n, ok := newFastNumber(string(s))
	if !ok {
		return nil, fmt.Errorf("number %s out of range", s)
	}
	return &n, nil
}

func count(v any) (int, error) {
	s, ok := v.(json.Number)
	if !ok {
		return 0, fmt.Errorf("not a number")
	}
	n, err := strconv.Atoi(string(s))
	if err != nil {
		// 2.0 is an integer in JSON Schema's data model.
		r, ok := new(big.Rat).SetString(string(s))
		if ok && r.IsInt() && r.Num().IsInt64() && r.Num().Int64() <= math.MaxInt32 {
			n, err = int(r.Num().Int64()), nil
		}
	}
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%s is not a non-negative integer", s)
	}
	return n, nil
}

func stringList(v any) ([]string, error) {
	items, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("not an array")
	}
	out := make([]string, len(items))
	for i, item := range items {
		if out[i], ok = item.(string); !ok {
			return nil, fmt.Errorf("item %d is not a string", i)
		}
	}
	return out, nil
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// checkInPlaceCycles rejects schemas that reach themselves through $ref,
// allOf, anyOf, not, if, then or else without descending into the
// instance: validating them would never end.
func checkInPlaceCycles(root *fastSchema) error {
	var all []*fastSchema
	eachReachable(root, func(s *fastSchema) { all = append(all, s) })
	const (
		visiting = 1
		finished = 2
	)
	state := make(map[*fastSchema]int, len(all))
	var visit func(s *fastSchema) error
	visit = func(s *fastSchema) error {
		switch state[s] {
		case visiting:
			return &FastCompileError{Location: s.loc, Reason: "the schema applies itself to the same value (reference cycle)"}
		case finished:
			return nil
		}
		state[s] = visiting
		for _, sub := range s.inPlace() {
			if err := visit(sub); err != nil {
				return err
			}
		}
		state[s] = finished
		return nil
	}
	for _, s := range all {
		if err := visit(s); err != nil {
			return err
		}
	}
	return nil
}

// eachReachable calls visit once for root and every schema it reaches,
// breadth first, before listing what that schema reaches (so visit may
// compile a deferred location and have its schemas followed).
func eachReachable(root *fastSchema, visit func(*fastSchema)) {
	seen := map[*fastSchema]bool{root: true}
	for queue := []*fastSchema{root}; len(queue) > 0; queue = queue[1:] {
		s := queue[0]
		visit(s)
		for _, sub := range append(s.inPlace(), s.descending()...) {
			if !seen[sub] {
				seen[sub] = true
				queue = append(queue, sub)
			}
		}
	}
}

// inPlace lists the subschemas that apply to the same instance.
func (s *fastSchema) inPlace() []*fastSchema {
	out := append([]*fastSchema{}, s.allOf...)
	out = append(out, s.anyOf...)
	for _, sub := range []*fastSchema{s.ref, s.not, s.ifS, s.thenS, s.els} {
		if sub != nil {
			out = append(out, sub)
		}
	}
	// A deferred location counts once compiled. Its compilation writes
	// l.s holding the compiler's lock, and every reader of a compiled one
	// holds it too (or runs after every compilation, as tests do).
	if s.lazy != nil && s.lazy.s != nil {
		out = append(out, s.lazy.s)
	}
	return out
}

// descending lists the subschemas that apply to members or elements.
func (s *fastSchema) descending() []*fastSchema {
	var out []*fastSchema
	for _, p := range s.props {
		out = append(out, p.s)
	}
	for _, p := range s.patternProps {
		out = append(out, p.s)
	}
	for _, sub := range []*fastSchema{s.additional, s.items, s.contains} {
		if sub != nil {
			out = append(out, sub)
		}
	}
	return out
}
