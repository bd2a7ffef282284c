package taskcontent

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
)

// TextEdit replaces the bytes [Start, End) of the file with NewText. Start
// == End inserts. Offsets are in the file the user has, so an edit of
// content embedded in an API response is already escaped for its string.
type TextEdit struct {
	Start   int    `json:"start"`
	End     int    `json:"end"`
	NewText []byte `json:"newText"`
}

// Overlaps reports whether two edits touch the same bytes. Two insertions
// at one offset do not overlap (they apply in order); an insertion at the
// boundary of a replacement does not overlap it either.
func (e TextEdit) Overlaps(f TextEdit) bool {
	if e.Start == e.End || f.Start == f.End {
		return e.Start > f.Start && e.Start < f.End || f.Start > e.Start && f.Start < e.End
	}
	return e.Start < f.End && f.Start < e.End
}

// ConflictError reports edits of one batch that overlap.
type ConflictError struct {
	A, B TextEdit
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("conflicting edits: bytes [%d,%d) and [%d,%d) overlap", e.A.Start, e.A.End, e.B.Start, e.B.End)
}

// ApplyEdits applies edits to src in one pass and returns the new bytes.
// Edits are ordered by offset (insertions at one offset keep their order);
// overlapping edits give a *ConflictError and no output. Cost is linear in
// len(src) plus the edits' text.
func ApplyEdits(src []byte, edits []TextEdit) ([]byte, error) {
	if len(edits) == 0 {
		return bytes.Clone(src), nil
	}
	sorted := slices.Clone(edits)
	slices.SortStableFunc(sorted, func(a, b TextEdit) int {
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		// Insertions before replacements that start at the same offset.
		return cmp.Compare(a.End-a.Start, b.End-b.Start)
	})
	size := len(src)
	for i, e := range sorted {
		if e.Start < 0 || e.End < e.Start || e.End > len(src) {
			return nil, fmt.Errorf("edit [%d,%d) is outside the %d-byte file", e.Start, e.End, len(src))
		}
		if i > 0 && sorted[i-1].End > e.Start {
			return nil, &ConflictError{A: sorted[i-1], B: e}
		}
		size += len(e.NewText) - (e.End - e.Start)
	}
	out := make([]byte, 0, size)
	last := 0
	for _, e := range sorted {
		out = append(out, src[last:e.Start]...)
		out = append(out, e.NewText...)
		last = e.End
	}
	return append(out, src[last:]...), nil
}

// contentEdit turns an edit of t's bytes into an edit of the file: for
// embedded content the offsets are mapped and the new text is escaped for
// the string that holds it.
func (d *Document) contentEdit(t *tree, start, end int, text []byte) TextEdit {
	if t == d.content && d.emb != nil {
		return TextEdit{Start: d.emb.fileOffset(start), End: d.emb.fileOffset(end), NewText: appendEscaped(nil, string(text))}
	}
	return TextEdit{Start: start, End: end, NewText: text}
}

// ReplaceValue returns the edit that replaces v with raw, which must be
// one JSON value.
func (d *Document) ReplaceValue(v Value, raw []byte) TextEdit {
	n := v.n()
	return d.contentEdit(v.t, int(n.start), int(n.end), raw)
}

// RenameKey returns the edit that gives the member v a new key.
func (d *Document) RenameKey(v Value, key string) TextEdit {
	start, end, _ := v.t.keyRange(v.i)
	return d.contentEdit(v.t, int(start), int(end), appendQuoted(nil, key))
}

// DeleteValue returns the edit that removes the member or element v with
// the comma that separates it from a neighbour, so the result stays JSON.
func (d *Document) DeleteValue(v Value) TextEdit {
	start, end := deleteRange(v)
	return d.contentEdit(v.t, start, end, nil)
}

// deleteRange is the byte range that removes v from its parent: from the
// end of the previous sibling to the end of v, or, for the first child,
// from v's start to the next sibling's start.
func deleteRange(v Value) (int, int) {
	n := v.n()
	start := int(n.start)
	if key, _, ok := v.t.keyRange(v.i); ok {
		start = int(key)
	}
	parent := v.Parent()
	idx := v.IndexInParent()
	if idx > 0 {
		return int(parent.kid(idx - 1).n().end), int(n.end)
	}
	if parent.Len() > 1 {
		next := parent.kid(1)
		ns := int(next.n().start)
		if key, _, ok := v.t.keyRange(next.i); ok {
			ns = int(key)
		}
		return start, ns
	}
	// The only child: remove just it, leaving the brackets and their layout.
	return start, int(n.end)
}

// layout describes how a container writes its children, so an inserted
// child looks like its siblings.
type layout struct {
	multiline  bool
	eol        string // the line break before the first child
	indent     []byte // whitespace before each child on its line
	unit       string // one level of indentation
	colonSpace bool   // `"k": v` rather than `"k":v`
	commaSpace bool   // `a, b` rather than `a,b` on one line
}

func containerLayout(c Value) layout {
	src := c.t.src
	l := layout{unit: "  "}
	if c.Len() == 0 {
		return l
	}
	first := c.kid(0)
	fs := int(first.n().start)
	if key, keyEnd, ok := c.t.keyRange(first.i); ok {
		fs = int(key)
		l.colonSpace = bytes.IndexByte(src[keyEnd:first.n().start], ' ') >= 0
	}
	gap := src[c.n().start+1 : fs]
	if nl := bytes.LastIndexAny(gap, "\r\n"); nl >= 0 {
		l.multiline = true
		l.indent = gap[nl+1:]
		// A child added on a line of its own ends the line before it as
		// the first child's line ends: CRLF stays CRLF.
		switch {
		case gap[nl] == '\r':
			l.eol = "\r"
		case nl > 0 && gap[nl-1] == '\r':
			l.eol = "\r\n"
		default:
			l.eol = "\n"
		}
		// The container's own line indentation tells the unit.
		ls := bytes.LastIndexAny(src[:c.n().start], "\r\n") + 1
		own := ls
		for own < int(c.n().start) && (src[own] == ' ' || src[own] == '\t') {
			own++
		}
		if u := len(l.indent) - (own - ls); u > 0 && u <= len(l.indent) {
			l.unit = string(l.indent[len(l.indent)-u:])
		}
	} else if c.Len() > 1 {
		prev := c.kid(0).n()
		next := c.kid(1)
		ns := int(next.n().start)
		if key, _, ok := c.t.keyRange(next.i); ok {
			ns = int(key)
		}
		l.commaSpace = bytes.IndexByte(src[prev.end:ns], ' ') >= 0
	} else {
		// One child on one line: spaced colons suggest spaced commas.
		l.commaSpace = l.colonSpace || bytes.IndexByte(src[c.n().start+1:fs], ' ') >= 0
	}
	return l
}

// renderChild formats a new member (key != nil) or element in layout l.
// A new element of an array is laid out like tmpl, its last sibling,
// where they have the same shape: the parts that the sibling writes on
// one line are written on one line, with its spacing.
func renderChild(l layout, key *string, raw []byte, tmpl Value) ([]byte, error) {
	val := raw
	if l.multiline {
		t, perr := parseTree(raw)
		if perr != nil {
			return nil, fmt.Errorf("invalid JSON value: %s", perr.msg)
		}
		w := writer{indent: l.unit, eol: l.eol, prefix: string(l.indent)}
		val = w.appendValue(nil, Value{t: t, i: 0}, tmpl, 0)
	}
	var out []byte
	if key != nil {
		out = appendQuoted(out, *key)
		out = append(out, ':')
		if l.colonSpace || l.multiline {
			out = append(out, ' ')
		}
	}
	return append(out, val...), nil
}

// InsertChild returns the edit that appends a member (for an object; key is
// its name) or an element (for an array; key is ignored) to container c,
// formatted like its siblings. raw must be one JSON value.
func (d *Document) InsertChild(c Value, key string, raw []byte) (TextEdit, error) {
	return d.insertChild(c, key, raw, c.Len())
}

// insertChild appends after `existing` children are known to be present
// (fewer than c.Len() when earlier edits of a batch delete some).
func (d *Document) insertChild(c Value, key string, raw []byte, existing int) (TextEdit, error) {
	if t := c.Type(); t != TypeObject && t != TypeArray {
		return TextEdit{}, fmt.Errorf("cannot insert into %s at %s", t, c.Pointer())
	}
	var kp *string
	if c.Type() == TypeObject {
		kp = &key
	}
	l := containerLayout(c)
	var tmpl Value
	if c.Type() == TypeArray && c.Len() > 0 {
		tmpl = c.kid(c.Len() - 1)
	}
	child, err := renderChild(l, kp, raw, tmpl)
	if err != nil {
		return TextEdit{}, err
	}
	var text []byte
	var at int
	if c.Len() == 0 {
		at = int(c.n().start) + 1
		text = child
	} else {
		at = int(c.kid(c.Len() - 1).n().end)
		if existing > 0 {
			text = append(text, ',')
		}
		switch {
		case l.multiline:
			text = append(text, l.eol...)
			text = append(text, l.indent...)
		case l.commaSpace && existing > 0:
			text = append(text, ' ')
		}
		text = append(text, child...)
	}
	return d.contentEdit(c.t, at, at, text), nil
}
