package taskcontent

import (
	"bytes"
	"errors"
	"slices"
	"strings"
)

// ErrNoContent is returned when a document has no parsable content to format.
var ErrNoContent = errors.New("taskcontent: document has no parsable content")

// Compact returns the content without insignificant whitespace, comments
// or trailing commas: the TaskContent string to send to CreateDISyncTask or
// UpdateDISyncTask. Strings, numbers and key order are kept as written.
func (d *Document) Compact() ([]byte, error) {
	root := d.Root()
	if !root.Exists() {
		return nil, ErrNoContent
	}
	return root.AppendCompact(make([]byte, 0, len(root.Raw()))), nil
}

// Indent returns the content re-indented with indent per level (two spaces
// when indent is empty) and a final newline. Strings, numbers and key
// order are kept as written; comments and trailing commas are dropped.
func (d *Document) Indent(indent string) ([]byte, error) {
	root := d.Root()
	if !root.Exists() {
		return nil, ErrNoContent
	}
	if indent == "" {
		indent = "  "
	}
	w := writer{indent: indent}
	out := w.appendValue(make([]byte, 0, len(root.Raw())+len(root.Raw())/4), root, Value{}, 0)
	return append(out, '\n'), nil
}

// AppendCompact appends the value in compact form.
func (v Value) AppendCompact(out []byte) []byte {
	return writer{}.appendValue(out, v, Value{}, 0)
}

// writer formats values from the tree. With an empty indent it writes
// compact JSON. With sortKeys, object members are written in the order
// given by keyRank and then alphabetically.
type writer struct {
	indent   string
	eol      string // the line ending; "\n" when empty
	prefix   string // written after every newline, before the indentation
	sortKeys bool
	keyRank  map[string]int
	// On one line (indent ""), colonSpace writes `"k": v` and commaSpace
	// `a, b`.
	colonSpace, commaSpace bool
}

func (w writer) newline(out []byte, depth int) []byte {
	if w.indent == "" {
		return out
	}
	if w.eol == "" {
		out = append(out, '\n')
	} else {
		out = append(out, w.eol...)
	}
	out = append(out, w.prefix...)
	for range depth {
		out = append(out, w.indent...)
	}
	return out
}

// appendValue writes v. tmpl, when it exists, is a value of the document
// that v will stand beside (its sibling): where tmpl is a container of the
// same type written on one line, v is written on one line too, with
// tmpl's spacing, and the children of a multi-line tmpl guide v's
// children, by key in an object and by position (the last for the rest)
// in an array.
func (w writer) appendValue(out []byte, v, tmpl Value, depth int) []byte {
	n := v.n()
	if n.typ != TypeObject && n.typ != TypeArray {
		return append(out, v.t.src[n.start:n.end]...)
	}
	if tmpl.Exists() && tmpl.Type() != n.typ {
		tmpl = Value{}
	}
	if tmpl.Exists() && bytes.IndexByte(tmpl.Raw(), '\n') < 0 {
		l := containerLayout(tmpl)
		one := writer{colonSpace: l.colonSpace, commaSpace: l.commaSpace}
		if tmpl.Len() == 1 {
			// One child shows no comma; a colon with a space suggests the
			// comma has one too.
			one.commaSpace = l.colonSpace
		}
		return one.appendValue(out, v, Value{}, 0)
	}
	open, closing := byte('{'), byte('}')
	if n.typ == TypeArray {
		open, closing = '[', ']'
	}
	out = append(out, open)
	if v.Len() == 0 {
		return append(out, closing)
	}
	for j, k := range w.memberOrder(v) {
		if j > 0 {
			out = append(out, ',')
			if w.indent == "" && w.commaSpace {
				out = append(out, ' ')
			}
		}
		out = w.newline(out, depth+1)
		c := v.kid(k)
		var ct Value
		if n.typ == TypeObject {
			key, keyEnd, _ := v.t.keyRange(c.i)
			out = append(out, v.t.src[key:keyEnd]...)
			out = append(out, ':')
			if w.indent != "" || w.colonSpace {
				out = append(out, ' ')
			}
			if tmpl.Exists() {
				ct = tmpl.Get(c.Key())
			}
		} else if tmpl.Len() > 0 {
			ct = tmpl.kid(min(k, tmpl.Len()-1))
		}
		out = w.appendValue(out, c, ct, depth+1)
	}
	out = w.newline(out, depth)
	return append(out, closing)
}

// memberOrder returns the order in which to write the children of v.
func (w writer) memberOrder(v Value) []int {
	order := make([]int, v.Len())
	for j := range order {
		order[j] = j
	}
	if !w.sortKeys || v.Type() != TypeObject {
		return order
	}
	keys := make([]string, len(order))
	for j := range order {
		keys[j] = v.kid(j).Key()
	}
	rank := func(k string) int {
		if r, ok := w.keyRank[k]; ok {
			return r
		}
		return len(w.keyRank)
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if ra, rb := rank(keys[a]), rank(keys[b]); ra != rb {
			return ra - rb
		}
		return strings.Compare(keys[a], keys[b])
	})
	return order
}

// canonicalKeyOrder ranks the keys DataWorks documents in the order its
// documentation writes them; other keys follow alphabetically.
var canonicalKeyOrder = func() map[string]int {
	keys := []string{
		"type", "version", "steps", "order", "setting", "extend",
		"stepType", "name", "category", "parameter",
		"datasource", "table", "column", "where", "splitPk",
		"hops", "from", "to",
		"errorLimit", "speed", "record", "strategy", "concurrent", "throttle", "mbps",
	}
	m := make(map[string]int, len(keys))
	for i, k := range keys {
		m[k] = i
	}
	return m
}()

// Format returns the content in dilint's canonical layout: indent per
// level (two spaces when empty), a final newline and, with sortKeys, the
// documented keys first in documentation order and the rest sorted. Lines
// end as the content's first line does (CRLF stays CRLF; LF when it has
// one line), as prettier's endOfLine "auto" does, so formatting a file
// checked out with Windows line endings changes no line ending. It is
// idempotent and keeps strings and numbers exactly as written.
func (d *Document) Format(indent string, sortKeys bool) ([]byte, error) {
	root := d.Root()
	if !root.Exists() {
		return nil, ErrNoContent
	}
	if indent == "" {
		indent = "  "
	}
	w := writer{indent: indent, eol: LineEnding(d.Content())}
	if sortKeys {
		w.sortKeys, w.keyRank = true, canonicalKeyOrder
	}
	out := w.appendValue(make([]byte, 0, len(root.Raw())*5/4), root, Value{}, 0)
	return append(out, w.eol...), nil
}

// LineEnding returns the line ending of src's first line: "\r\n", "\r"
// or "\n" (also when src has a single line).
func LineEnding(src []byte) string {
	for i, c := range src {
		switch c {
		case '\n':
			return "\n"
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				return "\r\n"
			}
			return "\r"
		}
	}
	return "\n"
}
