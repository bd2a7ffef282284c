package taskcontent

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
)

// Editor collects a batch of edits of one document and applies them in one
// pass. Every edit is addressed against the document as it was when the
// batch began; setting the same pointer twice keeps the last value, and
// edits that overlap otherwise (setting /a and /a/b) fail Apply with a
// *ConflictError. Everything the edits do not touch stays byte for byte.
//
// A batch of k edits on an n-byte document costs O(n + k log k): the
// edits are sorted and spliced in one pass, and the result is parsed once.
type Editor struct {
	doc   *Document
	edits []TextEdit
	// byTarget indexes edits that replace or delete a whole value, keyed by
	// the value's start offset, so a later edit of the same value replaces
	// the earlier one.
	byTarget map[int]int
	// appends counts, per container node, children appended in this batch;
	// deletes counts children removed, so separators stay right.
	appends map[int32][]*pending
	deletes map[int32]int
	err     error
	// recount asks Apply to set totalTableMapping from the edited rules,
	// which only the result of the batch can tell.
	recount bool
}

// pending is a value created by this batch that does not exist in the
// document yet: a leaf with raw JSON, or an object or array whose members
// are pending too. Building new values as a small tree lets several edits
// add to the same new object (such as setting speed.throttle and
// speed.mbps where there is no speed) without writing it twice.
type pending struct {
	key  string
	raw  []byte
	arr  bool // an array of kids; otherwise an object of kids when raw is nil
	kids []*pending
}

func (p *pending) render(out []byte) []byte {
	if p.raw != nil {
		return append(out, p.raw...)
	}
	open, closing := byte('{'), byte('}')
	if p.arr {
		open, closing = '[', ']'
	}
	out = append(out, open)
	for i, k := range p.kids {
		if i > 0 {
			out = append(out, ',')
		}
		if !p.arr {
			out = appendQuoted(out, k.key)
			out = append(out, ':')
		}
		out = k.render(out)
	}
	return append(out, closing)
}

func (p *pending) member(key string) *pending {
	for _, k := range p.kids {
		if k.key == key {
			return k
		}
	}
	return nil
}

// slot is a place edits can add to: an existing value or a pending one.
type slot struct {
	v Value
	p *pending
}

// Edit starts a batch of edits.
func (d *Document) Edit() *Editor {
	return &Editor{doc: d, byTarget: map[int]int{}, appends: map[int32][]*pending{}, deletes: map[int32]int{}}
}

// Err returns the first error recorded by an edit of the batch.
func (e *Editor) Err() error { return e.err }

func (e *Editor) fail(err error) {
	if e.err == nil {
		e.err = err
	}
}

func (e *Editor) add(target int, te TextEdit) {
	if target >= 0 {
		if i, ok := e.byTarget[target]; ok {
			e.edits[i] = te
			return
		}
		e.byTarget[target] = len(e.edits)
	}
	e.edits = append(e.edits, te)
}

// marshal encodes a Go value as JSON without escaping HTML characters.
// json.RawMessage and json.Number pass through as written. A string is
// quoted by appendQuoted, which writes a decoded lone surrogate back as
// its escape where encoding/json would make it U+FFFD.
func marshal(v any) ([]byte, error) {
	if s, ok := v.(string); ok {
		return appendQuoted(nil, s), nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// Set sets the value at a JSON Pointer to v, encoded as JSON (use
// json.RawMessage for prepared JSON, json.Number to choose a number's
// spelling). Missing object members along the way are created; array
// elements must exist, except that "-" appends (RFC 6901).
func (e *Editor) Set(ptr string, v any) *Editor {
	raw, err := marshal(v)
	if err != nil {
		e.fail(fmt.Errorf("set %s: %w", ptr, err))
		return e
	}
	return e.SetRaw(ptr, raw)
}

// SetRaw is Set with the value given as JSON text.
func (e *Editor) SetRaw(ptr string, raw []byte) *Editor {
	if _, perr := parseTree(raw); perr != nil {
		e.fail(fmt.Errorf("set %s: value is not JSON: %s", ptr, perr.msg))
		return e
	}
	toks, err := SplitPointer(ptr)
	if err != nil {
		e.fail(err)
		return e
	}
	root := e.doc.Root()
	if !root.Exists() {
		e.fail(fmt.Errorf("set %s: %w", ptr, ErrNoContent))
		return e
	}
	if len(toks) == 0 {
		e.add(0, e.doc.ReplaceValue(root, raw))
		return e
	}
	s := slot{v: root}
	for _, tok := range toks[:len(toks)-1] {
		if s = e.member(s, tok, false); s.v.t == nil && s.p == nil {
			e.fail(fmt.Errorf("set %s: cannot create %q: its parent is not an object", ptr, tok))
			return e
		}
	}
	e.setMember(s, toks[len(toks)-1], raw, ptr)
	return e
}

// member returns the child of s named key (an array index for arrays),
// creating a pending object (or array, with arr) when an object lacks it.
// It returns the zero slot when s cannot have such a child.
func (e *Editor) member(s slot, key string, arr bool) slot {
	if s.p != nil {
		if s.p.arr {
			return slot{}
		}
		if k := s.p.member(key); k != nil {
			if k.raw != nil {
				return slot{}
			}
			return slot{p: k}
		}
		k := &pending{key: key, arr: arr}
		s.p.kids = append(s.p.kids, k)
		return slot{p: k}
	}
	if c := s.v.child(key); c.Exists() {
		return slot{v: c}
	}
	if s.v.Type() != TypeObject {
		return slot{}
	}
	for _, k := range e.appends[s.v.i] {
		if k.key == key {
			if k.raw != nil {
				return slot{}
			}
			return slot{p: k}
		}
	}
	k := &pending{key: key, arr: arr}
	e.appends[s.v.i] = append(e.appends[s.v.i], k)
	return slot{p: k}
}

// setMember sets the member key of s to raw, replacing an existing value.
func (e *Editor) setMember(s slot, key string, raw []byte, ptr string) {
	if s.p != nil {
		if s.p.arr {
			if key != "-" {
				e.fail(fmt.Errorf("set %s: only \"-\" can address an element of a new array", ptr))
				return
			}
			s.p.kids = append(s.p.kids, &pending{raw: raw})
			return
		}
		if k := s.p.member(key); k != nil {
			k.raw, k.kids = raw, nil
			return
		}
		s.p.kids = append(s.p.kids, &pending{key: key, raw: raw})
		return
	}
	if c := s.v.child(key); c.Exists() {
		e.add(int(c.n().start), e.doc.ReplaceValue(c, raw))
		return
	}
	switch s.v.Type() {
	case TypeArray:
		if key != "-" {
			e.fail(fmt.Errorf("set %s: array index %q does not exist at %s", ptr, key, s.v.Pointer()))
			return
		}
		e.appends[s.v.i] = append(e.appends[s.v.i], &pending{raw: raw})
	case TypeObject:
		for _, k := range e.appends[s.v.i] {
			if k.key == key {
				k.raw, k.kids = raw, nil
				return
			}
		}
		e.appends[s.v.i] = append(e.appends[s.v.i], &pending{key: key, raw: raw})
	default:
		e.fail(fmt.Errorf("set %s: %s is a %s, not an object or array", ptr, s.v.Pointer(), s.v.Type()))
	}
}

// push appends an element to an array slot and returns it.
func (e *Editor) push(s slot, raw []byte) *pending {
	k := &pending{raw: raw}
	if raw == nil {
		k.kids = []*pending{}
	}
	if s.p != nil {
		s.p.kids = append(s.p.kids, k)
	} else if s.v.Type() == TypeArray {
		e.appends[s.v.i] = append(e.appends[s.v.i], k)
	}
	return k
}

// Delete removes the member or element at a JSON Pointer. Deleting a value
// that does not exist is not an error.
func (e *Editor) Delete(ptr string) *Editor {
	v, ok := e.doc.Lookup(ptr)
	if !ok {
		return e
	}
	return e.DeleteValue(v)
}

// DeleteValue removes a member or element given as a Value of this document.
func (e *Editor) DeleteValue(v Value) *Editor {
	if v.Parent().t == nil {
		e.fail(fmt.Errorf("cannot delete the document root"))
		return e
	}
	start, end := deleteRange(v)
	if _, ok := e.byTarget[-start-1]; ok {
		return e
	}
	p := v.Parent()
	e.deletes[p.i]++
	e.add(-start-1, e.doc.contentEdit(v.t, start, end, nil))
	return e
}

// SetValue replaces a Value of this document with v encoded as JSON.
func (e *Editor) SetValue(target Value, v any) *Editor {
	raw, err := marshal(v)
	if err != nil {
		e.fail(err)
		return e
	}
	e.add(int(target.n().start), e.doc.ReplaceValue(target, raw))
	return e
}

// Edits returns the file edits of the batch so far, without applying them
// (children appended to one container are merged into one insertion).
func (e *Editor) Edits() ([]TextEdit, error) {
	if e.err != nil {
		return nil, e.err
	}
	out := slices.Clone(e.edits)
	for idx, kids := range e.appends {
		c := Value{t: e.doc.content, i: idx}
		existing := c.Len() - e.deletes[idx]
		var merged TextEdit
		for j, k := range kids {
			te, err := e.doc.insertChild(c, k.key, k.render(nil), existing+j)
			if err != nil {
				return nil, err
			}
			if j == 0 {
				merged = te
			} else {
				merged.NewText = append(merged.NewText, te.NewText...)
			}
		}
		out = append(out, merged)
	}
	// Deleting every child of a container leaves separators right only if
	// the deletions are merged; overlapping pure deletions are unioned.
	return mergeDeletions(out), nil
}

// mergeDeletions unions overlapping edits that only delete, and drops
// edits that fall inside a deleted range: changing a value that the same
// batch removes is moot, not a conflict.
func mergeDeletions(edits []TextEdit) []TextEdit {
	isDel := func(te TextEdit) bool { return len(te.NewText) == 0 && te.Start < te.End }
	slices.SortStableFunc(edits, func(a, b TextEdit) int { return a.Start - b.Start })
	var dels []TextEdit
	for _, te := range edits {
		if !isDel(te) {
			continue
		}
		if n := len(dels); n > 0 && dels[n-1].End > te.Start {
			dels[n-1].End = max(dels[n-1].End, te.End)
			continue
		}
		dels = append(dels, te)
	}
	out := dels
	for _, te := range edits {
		if isDel(te) {
			continue
		}
		inside := false
		// Deletions are few next to edits; a binary search keeps it n log n.
		i, _ := slices.BinarySearchFunc(dels, te.Start, func(d TextEdit, off int) int { return d.Start - off })
		for _, j := range []int{i - 1, i} {
			if j >= 0 && j < len(dels) && within(te, dels[j]) {
				inside = true
			}
		}
		if !inside {
			out = append(out, te)
		}
	}
	return out
}

// within reports whether te lies inside the deletion d. An insertion at
// either end of d is outside: it lands next to the deleted bytes.
func within(te, d TextEdit) bool {
	if te.Start == te.End {
		return d.Start < te.Start && te.Start < d.End
	}
	return d.Start <= te.Start && te.End <= d.End
}

// Apply applies the batch and returns the edited document, re-parsed. The
// original Document is unchanged. The result is guaranteed to parse: an
// edit that would break the JSON fails instead.
func (e *Editor) Apply() (*Document, error) {
	edits, err := e.Edits()
	if err != nil {
		return nil, err
	}
	src, err := ApplyEdits(e.doc.src, edits)
	if err != nil {
		return nil, err
	}
	d, err := ParseFile(e.doc.name, src)
	if err != nil {
		return nil, fmt.Errorf("edits produced invalid JSON (a bug in taskcontent): %w", err)
	}
	if e.doc.content != nil && d.content == nil {
		return nil, fmt.Errorf("edits made the embedded content unparsable (a bug in taskcontent): %v", d.ContentErr())
	}
	if e.recount {
		next := d.Edit()
		recountMappings(next)
		if len(next.edits) > 0 || len(next.appends) > 0 {
			return next.Apply()
		}
	}
	return d, nil
}
