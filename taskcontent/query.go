package taskcontent

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/tidwall/gjson"
)

// A Match is one value a gjson path selects in a document's content.
type Match struct {
	// Value is the selected value of the document, with its pointer and
	// position. It does not exist when the path computed a new value
	// instead of selecting one (a modifier such as @reverse, a multipath
	// such as [a,b], a count such as steps.#).
	Value Value
	// Raw is the JSON text of the match as gjson returns it.
	Raw []byte
}

// Query selects values of the content with a gjson path
// (https://github.com/tidwall/gjson/blob/master/SYNTAX.md), as written
// for the job itself: for an API response the path addresses the job
// inside Data.TaskContent, not the response. A path that ends in a query
// over all elements (steps.#(category=="writer")#.parameter) or goes
// through # (steps.#.parameter) gives one Match per element; any other
// path gives one Match, or none when nothing matches. Each Match's Value
// knows its position in the file the user has, also through the escapes of
// an API response. The path is checked with CheckPath first.
func (d *Document) Query(path string) ([]Match, error) {
	if err := CheckPath(path); err != nil {
		return nil, err
	}
	if d.content == nil {
		return nil, nil
	}
	src := d.content.src
	r := gjson.GetBytes(src, path)
	if !r.Exists() {
		return nil, nil
	}
	m := d.match(r)
	if r.Indexes == nil && (m.Value.Exists() || !r.IsArray() || !strings.Contains(path, "#")) {
		return []Match{m}, nil
	}
	// Each element of what # collected is a match of its own; gjson gives
	// no offsets when the query matched nothing or the elements are
	// computed (steps.#.parameter.column.#).
	var out []Match
	r.ForEach(func(_, elem gjson.Result) bool {
		out = append(out, d.match(elem))
		return true
	})
	return out, nil
}

// match ties a gjson result to the document value it was read from: the
// node that starts at the result's offset and has the same bytes. gjson
// reports offset 0, or a wrong one, for values it computed.
func (d *Document) match(r gjson.Result) Match {
	m := Match{Raw: bytes.TrimSpace([]byte(r.Raw))} // @this keeps the trailing newline
	if v := d.content.valueAt(r.Index); v.Exists() && bytes.Equal(v.Raw(), m.Raw) {
		m.Value = v
	} else if len(m.Raw) > 0 && (m.Raw[0] == '{' || m.Raw[0] == '[') {
		// After a pipe (steps.#(…)#|#(…)#) gjson counts offsets from the
		// intermediate result. An object or array written once in the
		// document is still that one; a number or string could be a count
		// that only happens to be written somewhere.
		m.Value = d.content.uniqueRaw(m.Raw)
	}
	return m
}

// uniqueRaw returns the one value written exactly as raw, or the zero
// Value when there is none or more than one.
func (t *tree) uniqueRaw(raw []byte) Value {
	found := Value{}
	for i := range t.nodes {
		n := &t.nodes[i]
		if int(n.end-n.start) != len(raw) || !bytes.Equal(t.src[n.start:n.end], raw) {
			continue
		}
		if found.Exists() {
			return Value{}
		}
		found = Value{t: t, i: int32(i)}
	}
	return found
}

// valueAt returns the value whose first byte is at off in t's source, or
// the zero Value. Nodes are stored in the order their first bytes appear,
// so a binary search finds it.
func (t *tree) valueAt(off int) Value {
	i := sort.Search(len(t.nodes), func(i int) bool { return int(t.nodes[i].start) >= off })
	if i == len(t.nodes) || int(t.nodes[i].start) != off {
		return Value{}
	}
	return Value{t: t, i: int32(i)}
}

// PathError is a gjson path that cannot select anything as written.
type PathError struct {
	Path string
	// Offset is the byte of Path where the problem is.
	Offset int
	Msg    string
}

func (e *PathError) Error() string {
	return fmt.Sprintf("invalid gjson path %q: %s at byte %d", e.Path, e.Msg, e.Offset+1)
}

// CheckPath reports whether path is a well-formed gjson path: not empty,
// brackets, braces and query parentheses closed in order, query strings
// terminated, no dangling escape, and every @modifier one gjson knows.
// gjson itself reads any string as some path, so a typo such as
// `steps.#(category=="writer"` would silently select nothing.
func CheckPath(path string) error {
	if strings.TrimSpace(path) == "" {
		return &PathError{Path: path, Msg: "empty path"}
	}
	var open []int // offsets of the unclosed ( [ {
	componentStart := true
	for i := 0; i < len(path); i++ {
		c := path[i]
		if componentStart && c == '@' {
			name := path[i+1:]
			if j := strings.IndexAny(name, ":.|,]}"); j >= 0 {
				name = name[:j]
			}
			if !gjson.ModifierExists(name, nil) {
				return &PathError{Path: path, Offset: i, Msg: fmt.Sprintf("unknown modifier @%s", name)}
			}
		}
		componentStart = false
		switch c {
		case '\\':
			if i+1 == len(path) {
				return &PathError{Path: path, Offset: i, Msg: "dangling backslash"}
			}
			i++
		case '"':
			if len(open) == 0 {
				continue // a quote in a plain key is just a character
			}
			end := closingQuote(path, i+1)
			if end < 0 {
				return &PathError{Path: path, Offset: i, Msg: "unterminated string"}
			}
			i = end
		case '(', '[', '{':
			open = append(open, i)
			componentStart = c != '('
		case ')', ']', '}':
			want := map[byte]byte{')': '(', ']': '[', '}': '{'}[c]
			if len(open) == 0 || path[open[len(open)-1]] != want {
				return &PathError{Path: path, Offset: i, Msg: fmt.Sprintf("unexpected %q", c)}
			}
			open = open[:len(open)-1]
		case '.', '|', ',':
			componentStart = true
		}
	}
	if len(open) > 0 {
		at := open[len(open)-1]
		return &PathError{Path: path, Offset: at, Msg: fmt.Sprintf("%q is not closed", path[at])}
	}
	return nil
}

// closingQuote returns the offset of the quote that ends the string whose
// text starts at i, or -1.
func closingQuote(s string, i int) int {
	for ; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return -1
}

// Get returns what a gjson path gives for the content as one Match: the
// value itself for a plain path, or the array gjson builds for a query
// over all elements. ok is false when nothing matches.
func (d *Document) Get(path string) (m Match, ok bool, err error) {
	if err := CheckPath(path); err != nil {
		return Match{}, false, err
	}
	if d.content == nil {
		return Match{}, false, nil
	}
	r := gjson.GetBytes(d.content.src, path)
	if !r.Exists() {
		return Match{}, false, nil
	}
	return d.match(r), true, nil
}
