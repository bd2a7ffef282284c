package taskcontent

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tidwall/sjson"
)

// PathEdit sets the value at a path (sjson syntax,
// https://github.com/tidwall/sjson#path-syntax) to Raw, one JSON value.
type PathEdit struct {
	Path string
	Raw  []byte
}

// SetPaths applies the edits in order with sjson semantics — a missing
// member or element is created, steps.-1 appends — and returns the edited
// document, re-parsed. Paths address the content as Query does: for an
// API response, the job inside Data.TaskContent, which is escaped again
// into its string so the response stays a valid response. Only the bytes
// the edits change differ from the original; everything else, including
// the escaping of the rest of an embedded job, stays as it was.
func (d *Document) SetPaths(edits ...PathEdit) (*Document, error) {
	if d.content == nil {
		if err := d.ContentErr(); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("%s: the document has no content to edit", d.name)
	}
	orig := d.content.src
	cur := orig
	var regions changedRegions
	for _, e := range edits {
		if err := CheckSetPath(e.Path); err != nil {
			return nil, err
		}
		if !validJSONValue(e.Raw) {
			return nil, fmt.Errorf("value for %s is not one JSON value: %s", e.Path, e.Raw)
		}
		next, err := sjson.SetRawBytesOptions(cur, e.Path, e.Raw, &sjson.Options{Optimistic: false, ReplaceInPlace: false})
		if err != nil {
			return nil, fmt.Errorf("setting %s: %v", e.Path, err)
		}
		regions.add(cur, next)
		cur = next
	}
	var tes []TextEdit
	for _, r := range regions {
		oStart, oEnd, cStart, cEnd := alignRunes(orig, cur, r)
		tes = append(tes, d.contentEdit(d.content, oStart, oEnd, cur[cStart:cEnd]))
	}
	src, err := ApplyEdits(d.src, tes)
	if err != nil {
		return nil, err
	}
	out, err := ParseFile(d.name, src)
	if err != nil {
		return nil, fmt.Errorf("the edits do not leave JSON: %w", err)
	}
	if out.content == nil {
		return nil, fmt.Errorf("the edits made the embedded content unparsable: %v", out.ContentErr())
	}
	return out, nil
}

// CheckSetPath reports whether path is an sjson path: keys and indexes
// separated by dots, with -1 to append. gjson's queries, modifiers,
// wildcards and multipaths select values but cannot say where to write.
func CheckSetPath(path string) error {
	if strings.TrimSpace(path) == "" {
		return &PathError{Path: path, Msg: "empty path"}
	}
	for i := 0; i < len(path); i++ {
		switch c := path[i]; c {
		case '\\':
			if i+1 == len(path) {
				return &PathError{Path: path, Offset: i, Msg: "dangling backslash"}
			}
			i++
		case '#', '@', '*', '?', '|', '(', ')', '[', ']', '{', '}':
			return &PathError{Path: path, Offset: i, Msg: fmt.Sprintf("%q: set takes keys and indexes only (escape a %q in a key as \\%c)", c, c, c)}
		}
	}
	return nil
}

func validJSONValue(raw []byte) bool {
	d, err := ParseFile("", raw)
	return err == nil && len(d.Problems()) == 0
}

// region says that the bytes [cur, curEnd) of the edited content replace
// [orig, origEnd) of the original.
type region struct {
	orig, origEnd int
	cur, curEnd   int
}

// changedRegions are the disjoint, ordered regions where the edited
// content differs from the original, so that a batch of edits replaces
// only what changed and not the bytes between two edits (which for an
// embedded job would be escaped anew).
type changedRegions []region

// add records one edit that turned before into after: the bytes between
// their common prefix and common suffix changed. Regions that the edit
// touches merge with it; later ones shift.
func (rs *changedRegions) add(before, after []byte) {
	p := 0
	for p < len(before) && p < len(after) && before[p] == after[p] {
		p++
	}
	s := 0
	for s < len(before)-p && s < len(after)-p && before[len(before)-1-s] == after[len(after)-1-s] {
		s++
	}
	a, b := p, len(before)-s // the changed bytes of before
	delta := (len(after) - s) - b
	if a == b && delta == 0 {
		return
	}
	// Every region r has r.orig = r.cur − (growth of the regions before
	// it), and so has every unchanged offset; the merged region's ends are
	// one or the other.
	growth := func(r region) int { return (r.curEnd - r.cur) - (r.origEnd - r.orig) }
	var head, tail changedRegions
	merged := region{cur: a, curEnd: b}
	shiftBefore, shiftThrough := 0, 0
	for _, r := range *rs {
		switch {
		case r.curEnd < a:
			head = append(head, r)
			shiftBefore += growth(r)
			shiftThrough += growth(r)
		case r.cur > b:
			r.cur += delta
			r.curEnd += delta
			tail = append(tail, r)
		default:
			merged.cur = min(merged.cur, r.cur)
			merged.curEnd = max(merged.curEnd, r.curEnd)
			shiftThrough += growth(r)
		}
	}
	merged.orig = merged.cur - shiftBefore
	merged.origEnd = merged.curEnd - shiftThrough
	merged.curEnd += delta
	*rs = append(append(head, merged), tail...)
}

// alignRunes widens a region to whole UTF-8 characters, so that an edit
// of an embedded job never splits a character that the original wrote as
// a \u escape. The bytes added on either side are the same in both texts.
func alignRunes(orig, cur []byte, r region) (oStart, oEnd, cStart, cEnd int) {
	oStart, oEnd, cStart, cEnd = r.orig, r.origEnd, r.cur, r.curEnd
	for oStart > 0 && !utf8.RuneStart(orig[oStart]) {
		oStart--
		cStart--
	}
	for oEnd < len(orig) && !utf8.RuneStart(orig[oEnd]) {
		oEnd++
		cEnd++
	}
	return oStart, oEnd, cStart, cEnd
}
