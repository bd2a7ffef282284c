package taskcontent

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"math/bits"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/dilint/dilint/internal/prefault"
)

// MaxDepth is the deepest nesting of objects and arrays Parse accepts. Real
// jobs nest about a dozen levels; the bound turns hostile input (a megabyte
// of '[') into an error instead of a stack overflow.
const MaxDepth = 1000

// Type is the JSON type of a Value.
type Type uint8

// The JSON types. TypeInvalid is the type of the zero Value (a value that
// does not exist).
const (
	TypeInvalid Type = iota
	TypeNull
	TypeBool
	TypeNumber
	TypeString
	TypeObject
	TypeArray
)

var typeNames = [...]string{"invalid", "null", "boolean", "number", "string", "object", "array"}

// String returns the JSON Schema name of the type ("object", "number", …).
func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return fmt.Sprintf("Type(%d)", t)
}

const (
	flagEscaped  uint8 = 1 << iota // the string value contains escapes
	flagKeyEsc                     // the member key contains escapes
	flagTrueBool                   // a bool node is true
	flagMember                     // the value is an object member (has a key)
	flagFarKey                     // the key's offsets are in tree.farKeys
)

// node is one JSON value in a flat tree, 16 bytes. Offsets are relative to
// the parsed content bytes; int32 keeps them small (documents are far below
// 2 GiB). A member's key is found from start: it ends keyGap bytes before
// the value and is keyLen bytes long with its quotes; the rare key too far
// or too long for a byte is in tree.farKeys instead. Only containers have
// children, so their count and list live in tree.kids. Keys, parents and
// children are read through the tree's helpers (keyRange, keyRaw, parent,
// children, nkids, kid), never from the fields.
type node struct {
	start int32 // first byte of the value
	end   int32 // one past the last byte of the value
	// link is the parent of a scalar (-1 for the root); for an object or
	// array it is the index in tree.kids of its header: the parent, the
	// number of children, then the children.
	link   int32
	typ    Type
	flags  uint8
	keyGap uint8 // bytes between the key's closing quote and start
	keyLen uint8 // bytes of the key with its quotes
}

// tree is the parsed form of one JSON text.
type tree struct {
	doc      *Document
	src      []byte
	nodes    []node
	kids     []int32
	farKeys  map[int32][2]int32 // key and keyEnd of members with flagFarKey
	problems []rawProblem
	indexes  sync.Map // object node → its memberIndex, for objects Get does not scan
}

func isContainer(typ Type) bool { return typ >= TypeObject }

// parent returns the enclosing container of node i, or -1 for the root.
func (t *tree) parent(i int32) int32 {
	n := &t.nodes[i]
	if isContainer(n.typ) {
		return t.kids[n.link]
	}
	return n.link
}

// children returns the children of node i in document order: elements of
// an array, members of an object, nothing for a scalar.
func (t *tree) children(i int32) []int32 {
	n := &t.nodes[i]
	if !isContainer(n.typ) {
		return nil
	}
	h := n.link
	return t.kids[h+2 : h+2+t.kids[h+1]]
}

// nkids returns the number of children of node i.
func (t *tree) nkids(i int32) int {
	n := &t.nodes[i]
	if !isContainer(n.typ) {
		return 0
	}
	return int(t.kids[n.link+1])
}

// kid returns the k-th child of container i.
func (t *tree) kid(i int32, k int) int32 {
	return t.kids[int(t.nodes[i].link)+2+k]
}

// isMember reports whether node i is an object member.
func (t *tree) isMember(i int32) bool { return t.nodes[i].flags&flagMember != 0 }

// keyRange returns the offsets of member i's key: its opening quote and one
// past its closing quote. ok is false when i is not a member.
func (t *tree) keyRange(i int32) (key, keyEnd int32, ok bool) {
	n := &t.nodes[i]
	switch {
	case n.flags&flagMember == 0:
		return -1, -1, false
	case n.flags&flagFarKey != 0:
		k := t.farKeys[i]
		return k[0], k[1], true
	}
	keyEnd = n.start - int32(n.keyGap)
	return keyEnd - int32(n.keyLen), keyEnd, true
}

// ProblemCode classifies a non-fatal defect found while parsing.
type ProblemCode uint8

// The non-fatal parse problems. Parse accepts them so that the rest of the
// document can still be checked; the linter reports each one.
const (
	ProblemDuplicateKey  ProblemCode = iota + 1 // an object has the same key twice
	ProblemComment                              // a // or /* */ comment, which JSON does not allow
	ProblemTrailingComma                        // a comma before } or ]
	ProblemByteOrderMark                        // a UTF-8 byte order mark before the value
	ProblemInvalidUTF8                          // bytes that are not UTF-8 inside a string
)

var problemNames = map[ProblemCode]string{
	ProblemDuplicateKey:  "duplicate-key",
	ProblemComment:       "comment",
	ProblemTrailingComma: "trailing-comma",
	ProblemByteOrderMark: "byte-order-mark",
	ProblemInvalidUTF8:   "invalid-utf8",
}

// String returns a short kebab-case name of the code.
func (c ProblemCode) String() string {
	if s, ok := problemNames[c]; ok {
		return s
	}
	return fmt.Sprintf("ProblemCode(%d)", c)
}

// rawProblem is a problem in content offsets, before positions are known.
type rawProblem struct {
	code         ProblemCode
	msg          string
	start, end   int
	related      int // start of the related span (first key of a duplicate), or -1
	relatedEnd   int
	relatedLabel string
	node         int32 // the value the problem is about, or 0 when unknown
}

// parseError is a fatal error in content offsets.
type parseError struct {
	off int
	msg string
	// encoding is set when the text is not UTF-8 at all.
	encoding bool
}

type parser struct {
	t     *tree
	s     []byte
	i     int
	depth int
	stack []int32
	err   *parseError
}

// SniffEncoding names the Unicode encoding of a JSON text that is not
// UTF-8, from its byte order mark or, as RFC 4627 §3 does, from the NUL
// bytes around its first character (which JSON makes ASCII): "UTF-16LE",
// "UTF-16BE", "UTF-32LE" or "UTF-32BE", followed by " with a byte order
// mark" when there is one. It returns "" for UTF-8 (or anything else).
func SniffEncoding(src []byte) string {
	const bom = " with a byte order mark"
	switch {
	case bytes.HasPrefix(src, []byte{0, 0, 0xfe, 0xff}):
		return "UTF-32BE" + bom
	case bytes.HasPrefix(src, []byte{0xff, 0xfe, 0, 0}):
		return "UTF-32LE" + bom
	case bytes.HasPrefix(src, []byte{0xfe, 0xff}):
		return "UTF-16BE" + bom
	case bytes.HasPrefix(src, []byte{0xff, 0xfe}):
		return "UTF-16LE" + bom
	case len(src) < 2:
		return ""
	case len(src) >= 4 && src[0] == 0 && src[1] == 0 && src[2] == 0 && src[3] != 0:
		return "UTF-32BE"
	case len(src) >= 4 && src[0] != 0 && src[1] == 0 && src[2] == 0 && src[3] == 0:
		return "UTF-32LE"
	case src[0] == 0 && src[1] != 0:
		return "UTF-16BE"
	case src[0] != 0 && src[0] < utf8.RuneSelf && src[1] == 0:
		return "UTF-16LE"
	}
	return ""
}

// parseTree parses src into a flat tree. On a fatal error it returns the
// error with the offset where parsing stopped.
func parseTree(src []byte) (*tree, *parseError) {
	t := &tree{src: src}
	// Every value but the first of a container follows a comma, so commas
	// plus brackets bound the number of values (commas inside strings only
	// overcount). Counting bytes is far cheaper than regrowing the slices.
	// Each container adds a two-entry header to the child lists.
	containers := bytes.Count(src, []byte{'{'}) + bytes.Count(src, []byte{'['})
	n := bytes.Count(src, []byte{','}) + containers + 1
	t.nodes = make([]node, 0, n)
	t.kids = make([]int32, 0, n+2*containers)
	// The node lists of a large document are megabytes of fresh memory;
	// they are backed on another CPU while the parser starts filling them
	// (package prefault).
	if prefault.Large(t.nodes) {
		go prefault.Slice(t.nodes)
	}
	if prefault.Large(t.kids) {
		go prefault.Slice(t.kids)
	}
	p := &parser{t: t, s: src}
	if enc := SniffEncoding(src); enc != "" {
		from := strings.Fields(enc)[0]
		if strings.HasSuffix(enc, "mark") {
			// iconv reads the byte order from the mark and drops it.
			from = from[:len(from)-2]
		}
		return nil, &parseError{off: 0, msg: fmt.Sprintf("the file is %s; DataWorks expects UTF-8: convert it (iconv -f %s -t UTF-8)", enc, from), encoding: true}
	}
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		t.problems = append(t.problems, rawProblem{code: ProblemByteOrderMark, msg: "byte order mark (U+FEFF) before the JSON value", start: 0, end: 3, related: -1})
		p.i = 3
	}
	p.skipSpace()
	if p.err != nil {
		return nil, p.err
	}
	if p.i >= len(src) {
		return nil, &parseError{off: p.i, msg: "empty document: expected a JSON value"}
	}
	p.value(-1, -1, -1, 0)
	if p.err != nil {
		return nil, p.err
	}
	p.skipSpace()
	if p.err != nil {
		return nil, p.err
	}
	if p.i < len(src) {
		return nil, &parseError{off: p.i, msg: fmt.Sprintf("unexpected %s after the top-level value", describeByte(src, p.i))}
	}
	return t, nil
}

func (p *parser) fail(off int, format string, args ...any) {
	if p.err == nil {
		p.err = &parseError{off: off, msg: fmt.Sprintf(format, args...)}
	}
}

// spaceNext reports whether whitespace or a comment may come next. It is
// small enough to inline, so hot paths call skipSpace only when it does:
// compact documents have no space at all.
func (p *parser) spaceNext() bool {
	i := p.i
	return i >= len(p.s) || p.s[i] <= ' ' || p.s[i] == '/'
}

// skipSpace skips JSON whitespace and, as a recorded problem, comments.
func (p *parser) skipSpace() {
	s := p.s
	for p.i < len(s) {
		switch s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		case '/':
			p.comment()
			if p.err != nil {
				return
			}
		default:
			return
		}
	}
}

func (p *parser) comment() {
	s, start := p.s, p.i
	if start+1 >= len(s) || (s[start+1] != '/' && s[start+1] != '*') {
		p.fail(start, "unexpected '/': JSON has no comments or regular expressions")
		return
	}
	if s[start+1] == '/' {
		end := bytes.IndexByte(s[start:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		p.i = end
	} else {
		end := bytes.Index(s[start+2:], []byte("*/"))
		if end < 0 {
			p.fail(start, "unterminated /* comment")
			return
		}
		p.i = start + 2 + end + 2
	}
	p.t.problems = append(p.t.problems, rawProblem{code: ProblemComment, msg: "comment: JSON does not allow comments and DataWorks rejects them", start: start, end: p.i, related: -1})
}

// addNode appends a value; key < 0 means it is not an object member. link
// is the parent, for containers until finishContainer writes the header.
func (p *parser) addNode(typ Type, flags uint8, start, end, link, key, keyEnd int32) int32 {
	idx := int32(len(p.t.nodes))
	n := node{start: start, end: end, link: link, typ: typ, flags: flags}
	if key >= 0 {
		if gap, size := uint32(start-keyEnd), uint32(keyEnd-key); gap|size <= math.MaxUint8 {
			n.flags |= flagMember
			n.keyGap, n.keyLen = uint8(gap), uint8(size)
		} else {
			n.flags |= p.farKey(idx, key, keyEnd)
		}
	}
	p.t.nodes = append(p.t.nodes, n)
	return idx
}

// farKey records the key of member idx whose offsets do not fit the node.
func (p *parser) farKey(idx, key, keyEnd int32) uint8 {
	if p.t.farKeys == nil {
		p.t.farKeys = make(map[int32][2]int32)
	}
	p.t.farKeys[idx] = [2]int32{key, keyEnd}
	return flagMember | flagFarKey
}

// value parses one value at p.i (whitespace already skipped).
func (p *parser) value(parent int32, key, keyEnd int32, keyFlags uint8) {
	s := p.s
	start := p.i
	if start >= len(s) {
		p.fail(start, "unexpected end of input: expected a value")
		return
	}
	switch c := s[start]; {
	case c == '{':
		p.container(TypeObject, parent, key, keyEnd, keyFlags)
	case c == '[':
		p.container(TypeArray, parent, key, keyEnd, keyFlags)
	case c == '"':
		end, flags := p.str(start)
		if p.err != nil {
			return
		}
		p.i = end
		p.addNode(TypeString, flags|keyFlags, int32(start), int32(end), parent, key, keyEnd)
	case c == '-' || (c >= '0' && c <= '9'):
		end := p.number(start)
		if p.err != nil {
			return
		}
		p.addNode(TypeNumber, keyFlags, int32(start), int32(end), parent, key, keyEnd)
	case c == 't':
		p.literal(start, "true", TypeBool, flagTrueBool|keyFlags, parent, key, keyEnd)
	case c == 'f':
		p.literal(start, "false", TypeBool, keyFlags, parent, key, keyEnd)
	case c == 'n':
		p.literal(start, "null", TypeNull, keyFlags, parent, key, keyEnd)
	default:
		p.badValue(start)
	}
}

func (p *parser) literal(start int, word string, typ Type, flags uint8, parent, key, keyEnd int32) {
	if !bytes.HasPrefix(p.s[start:], []byte(word)) || (start+len(word) < len(p.s) && isIdentByte(p.s[start+len(word)])) {
		p.badValue(start)
		return
	}
	p.i = start + len(word)
	p.addNode(typ, flags, int32(start), int32(p.i), parent, key, keyEnd)
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// badValue explains the common ways a value is not JSON.
func (p *parser) badValue(start int) {
	s := p.s
	word := s[start:]
	n := 0
	for n < len(word) && n < 16 && isIdentByte(word[n]) {
		n++
	}
	w := string(word[:n])
	switch {
	case w == "NaN" || w == "Infinity" || bytes.HasPrefix(word, []byte("-Infinity")):
		if w == "" {
			w = "-Infinity"
		}
		p.fail(start, "%s is not a JSON number; write a number, null or a string", w)
	case w == "True" || w == "False" || w == "TRUE" || w == "FALSE":
		p.fail(start, "%s is not a JSON literal; JSON spells booleans true and false in lower case", w)
	case w == "None" || w == "NULL" || w == "Null" || w == "undefined":
		p.fail(start, "%s is not a JSON literal; write null", w)
	case s[start] == '\'':
		p.fail(start, "strings must use double quotes, not single quotes")
	case s[start] == '+' || s[start] == '.':
		p.fail(start, "invalid number: a JSON number starts with a digit or '-'")
	case s[start] == '}' || s[start] == ']':
		p.fail(start, "unexpected %s: expected a value", describeByte(s, start))
	case n > 0:
		p.fail(start, "invalid value %q: expected a string, number, object, array, true, false or null", w)
	default:
		p.fail(start, "unexpected %s: expected a value", describeByte(s, start))
	}
}

// str scans a string starting at the opening quote and returns the offset
// one past the closing quote.
func (p *parser) str(start int) (int, uint8) {
	s := p.s
	var flags uint8
	i := start + 1
	for {
		// The hot loop: plain ASCII bytes, eight at a time.
		for i+8 <= len(s) {
			if m := stopBytes(binary.LittleEndian.Uint64(s[i:])); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				break
			}
			i += 8
		}
		for i < len(s) {
			c := s[i]
			if c == '"' || c == '\\' || c < 0x20 || c >= 0x80 {
				break
			}
			i++
		}
		if i >= len(s) {
			p.fail(start, "unterminated string: no closing '\"' before the end of input")
			return 0, 0
		}
		c := s[i]
		switch {
		case c == '"':
			return i + 1, flags
		case c == '\\':
			flags |= flagEscaped
			if i+1 >= len(s) {
				p.fail(start, "unterminated string: no closing '\"' before the end of input")
				return 0, 0
			}
			switch s[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(s) || !isHex4(s[i+2:i+6]) {
					p.fail(i, "invalid escape: \\u must be followed by four hexadecimal digits")
					return 0, 0
				}
				i += 6
			default:
				p.fail(i, "invalid escape %s in string: JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX", describeEscape(s[i+1:]))
				return 0, 0
			}
		case c < 0x20:
			if c == '\n' || c == '\r' {
				p.fail(i, "newline in string: a string must close on the line it starts (missing '\"'?)")
			} else {
				p.fail(i, "control character U+%04X in string: escape it", c)
			}
			return 0, 0
		default:
			r, size := utf8.DecodeRune(s[i:])
			if r == utf8.RuneError && size == 1 {
				p.t.problems = append(p.t.problems, rawProblem{code: ProblemInvalidUTF8, msg: fmt.Sprintf("invalid UTF-8 byte 0x%02X in string", c), start: i, end: i + 1, related: -1})
			}
			i += size
		}
	}
}

const (
	lsbs = 0x0101010101010101
	msbs = 0x8080808080808080
)

// stopBytes marks, in the high bit of each byte of x, the bytes that end the
// plain run of a string: '"', '\\', a control byte (< 0x20) or a non-ASCII
// byte. Borrows can mark bytes above a marked one, so only the lowest mark is
// exact, which is the one str uses. A byte with its high bit set is a stop
// byte itself, so x's own high bits cover the subtractions' false marks.
func stopBytes(x uint64) uint64 {
	q := x ^ (lsbs * '"')
	b := x ^ (lsbs * '\\')
	return ((q - lsbs) | (b - lsbs) | (x - lsbs*0x20) | x) & msbs
}

func isHex4(b []byte) bool {
	for _, c := range b[:4] {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// number scans a JSON number and returns the offset one past it.
func (p *parser) number(start int) int {
	s := p.s
	i := start
	if s[i] == '-' {
		i++
		if i < len(s) && s[i] == 'I' {
			p.badValue(start)
			return 0
		}
	}
	if i >= len(s) || !isDigit(s[i]) {
		p.fail(start, "invalid number: expected a digit after '-'")
		return 0
	}
	if s[i] == '0' {
		i++
		if i < len(s) && isDigit(s[i]) {
			p.fail(start, "invalid number: leading zeros are not allowed (write it as a string to keep them)")
			return 0
		}
		if i < len(s) && (s[i] == 'x' || s[i] == 'X') {
			p.fail(start, "invalid number: JSON has no hexadecimal numbers")
			return 0
		}
	} else {
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	if i < len(s) && s[i] == '.' {
		i++
		if i >= len(s) || !isDigit(s[i]) {
			p.fail(start, "invalid number: expected a digit after the decimal point")
			return 0
		}
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if i >= len(s) || !isDigit(s[i]) {
			p.fail(start, "invalid number: expected a digit in the exponent")
			return 0
		}
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	if i < len(s) && isIdentByte(s[i]) {
		p.fail(start, "invalid number: unexpected %s", describeByte(s, i))
		return 0
	}
	p.i = i
	return i
}

func (p *parser) enter(start int) bool {
	p.depth++
	if p.depth > MaxDepth {
		p.fail(start, "nesting deeper than %d levels", MaxDepth)
		return false
	}
	return true
}

// finishContainer moves the children collected on the stack since base into
// the tree's child lists, after a header of the parent and the count.
func (p *parser) finishContainer(idx int32, base int) {
	t := p.t
	n := &t.nodes[idx]
	h := int32(len(t.kids))
	t.kids = append(t.kids, n.link, int32(len(p.stack)-base))
	t.kids = append(t.kids, p.stack[base:]...)
	p.stack = p.stack[:base]
	n.link = h
	n.end = int32(p.i)
}

// container parses an array or object at p.i: its children, the commas
// between them (recording a trailing one) and the closing bracket.
func (p *parser) container(typ Type, parent int32, key, keyEnd int32, keyFlags uint8) {
	start := p.i
	if !p.enter(start) {
		return
	}
	closing, what := byte(']'), "array"
	if typ == TypeObject {
		closing, what = '}', "object"
	}
	idx := p.addNode(typ, keyFlags, int32(start), 0, parent, key, keyEnd)
	base := len(p.stack)
	p.i++
	if p.spaceNext() {
		p.skipSpace()
	}
	for p.err == nil {
		if p.i >= len(p.s) {
			p.fail(start, "unterminated %s: no closing '%c' before the end of input", what, closing)
			return
		}
		if p.s[p.i] == closing {
			p.i++
			break
		}
		child := int32(len(p.t.nodes))
		if typ == TypeObject {
			p.member(idx, start)
		} else {
			p.value(idx, -1, -1, 0)
		}
		if p.err != nil {
			return
		}
		p.stack = append(p.stack, child)
		if p.spaceNext() {
			p.skipSpace()
		}
		if p.i >= len(p.s) {
			p.fail(start, "unterminated %s: no closing '%c' before the end of input", what, closing)
			return
		}
		switch c := p.s[p.i]; {
		case c == closing:
			p.i++
			p.finish(idx, base)
			return
		case c == ',':
			comma := p.i
			p.i++
			if p.spaceNext() {
				p.skipSpace()
			}
			if p.i < len(p.s) && p.s[p.i] == closing {
				p.t.problems = append(p.t.problems, rawProblem{code: ProblemTrailingComma, msg: fmt.Sprintf("trailing comma before '%c'", closing), start: comma, end: comma + 1, related: -1})
			}
		case c == '"' && typ == TypeObject:
			p.fail(p.i, "missing ',' between object members")
			return
		default:
			p.fail(p.i, "unexpected %s in %s: expected ',' or '%c'", describeByte(p.s, p.i), what, closing)
			return
		}
	}
	if p.err == nil {
		p.finish(idx, base)
	}
}

// finish closes a container: children into the tree, duplicate keys checked.
func (p *parser) finish(idx int32, base int) {
	p.finishContainer(idx, base)
	if p.t.nodes[idx].typ == TypeObject {
		p.checkDuplicates(idx)
	}
	p.depth--
}

// member parses `"key": value` inside the object that starts at objStart.
func (p *parser) member(obj int32, objStart int) {
	c := p.s[p.i]
	if c != '"' {
		switch {
		case c == '\'':
			p.fail(p.i, "object keys must use double quotes, not single quotes")
		case isIdentByte(c):
			p.fail(p.i, "object key must be a double-quoted string")
		default:
			p.fail(p.i, "unexpected %s in object: expected a double-quoted key or '}'", describeByte(p.s, p.i))
		}
		return
	}
	kStart := p.i
	kEnd, kFlags := p.str(kStart)
	if p.err != nil {
		return
	}
	p.i = kEnd
	if p.spaceNext() {
		p.skipSpace()
	}
	if p.i >= len(p.s) {
		p.fail(objStart, "unterminated object: no closing '}' before the end of input")
		return
	}
	if p.s[p.i] != ':' {
		p.fail(p.i, "unexpected %s after object key: expected ':'", describeByte(p.s, p.i))
		return
	}
	p.i++
	if p.spaceNext() {
		p.skipSpace()
	}
	var kf uint8
	if kFlags&flagEscaped != 0 {
		kf = flagKeyEsc
	}
	p.value(obj, int32(kStart), int32(kEnd), kf)
}

// checkDuplicates records keys that occur twice in one object. Small objects
// compare pairwise, key lengths first; large ones use a map so the check
// stays linear.
func (p *parser) checkDuplicates(idx int32) {
	t := p.t
	kids := t.children(idx)
	if len(kids) < 2 {
		return
	}
	report := func(first, dup int32) {
		aKey, aEnd, _ := t.keyRange(first)
		bKey, bEnd, _ := t.keyRange(dup)
		t.problems = append(t.problems, rawProblem{
			code:  ProblemDuplicateKey,
			msg:   fmt.Sprintf("duplicate key %s: parsers disagree on which value wins", t.src[bKey:bEnd]),
			start: int(bKey), end: int(bEnd),
			related: int(aKey), relatedEnd: int(aEnd), relatedLabel: "first defined here",
			node: dup,
		})
	}
	if len(kids) <= smallObject {
		// Keys without escapes are equal only with equal raw lengths, so
		// most pairs are told apart by two integers.
		var keys [smallObject]struct {
			start, size int32
			esc         bool
		}
		for j, k := range kids {
			key, keyEnd, _ := t.keyRange(k)
			keys[j].start, keys[j].size = key, keyEnd-key
			keys[j].esc = t.nodes[k].flags&flagKeyEsc != 0
		}
		for j := 1; j < len(kids); j++ {
			kj := &keys[j]
			for i := 0; i < j; i++ {
				ki := &keys[i]
				var equal bool
				if ki.esc || kj.esc {
					equal = t.keyEqual(kids[i], kids[j])
				} else if ki.size == kj.size {
					equal = bytes.Equal(t.src[ki.start:ki.start+ki.size], t.src[kj.start:kj.start+kj.size])
				}
				if equal {
					report(kids[i], kids[j])
					break
				}
			}
		}
		return
	}
	seen := make(map[string]int32, len(kids))
	for _, k := range kids {
		name := t.keyString(k)
		if first, ok := seen[name]; ok {
			report(first, k)
			continue
		}
		seen[name] = k
	}
}

// smallObject is the most members checkDuplicates compares pairwise.
const smallObject = 16

func (t *tree) keyEqual(a, b int32) bool {
	if (t.nodes[a].flags|t.nodes[b].flags)&flagKeyEsc == 0 {
		return bytes.Equal(t.keyRaw(a), t.keyRaw(b))
	}
	return t.keyString(a) == t.keyString(b)
}

// keyRaw returns the bytes of a member node's key between its quotes, as
// written (escapes not decoded). Every reader of key bytes goes through it,
// so the node layout is known here only.
func (t *tree) keyRaw(i int32) []byte {
	key, keyEnd, _ := t.keyRange(i)
	return t.src[key+1 : keyEnd-1]
}

// keyIs reports whether member i's decoded key is key. A key without
// escapes is compared by length first, straight from the node.
func (t *tree) keyIs(i int32, key string) bool {
	n := &t.nodes[i]
	switch {
	case n.flags&flagKeyEsc != 0:
		return t.keyString(i) == key
	case n.flags&flagFarKey != 0:
		return string(t.keyRaw(i)) == key
	}
	if int(n.keyLen)-2 != len(key) {
		return false
	}
	end := n.start - int32(n.keyGap) - 1
	return string(t.src[end-int32(len(key)):end]) == key
}

// keyString returns the decoded key of a member node.
func (t *tree) keyString(i int32) string {
	n := &t.nodes[i]
	raw := t.keyRaw(i)
	if n.flags&flagKeyEsc == 0 {
		return string(raw)
	}
	return unescape(raw)
}

// describeEscape shows a backslash and the character after it, s[0:], for
// an error message: the whole character, not its first byte.
func describeEscape(s []byte) string {
	r, size := utf8.DecodeRune(s)
	switch {
	case r == utf8.RuneError && size <= 1:
		return fmt.Sprintf("'\\' followed by byte 0x%02X", s[0])
	case !unicode.IsPrint(r):
		return fmt.Sprintf("'\\' followed by U+%04X", r)
	}
	return fmt.Sprintf("\\%c", r)
}

// describeByte names the byte at s[i] for an error message.
func describeByte(s []byte, i int) string {
	if i >= len(s) {
		return "end of input"
	}
	c := s[i]
	switch {
	case c >= 0x20 && c < 0x7f:
		return fmt.Sprintf("'%c'", c)
	case c < 0x80:
		return fmt.Sprintf("byte 0x%02X", c)
	default:
		r, _ := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError {
			return fmt.Sprintf("byte 0x%02X", c)
		}
		return fmt.Sprintf("%q", r)
	}
}
