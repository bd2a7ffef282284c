package lint

import (
	"cmp"
	"slices"

	"github.com/dilint/dilint/taskcontent"
)

// MaxFixRounds bounds how often FixFile re-lints and fixes again. One round
// settles almost every file; more are needed only when a fix uncovers
// another finding, or when two fixes touched the same bytes and the second
// had to wait for the first.
const MaxFixRounds = 8

// SkippedFix is a suggested fix that was not applied, and why.
type SkippedFix struct {
	Diagnostic Diagnostic
	Reason     string
}

// The reasons a fix is skipped.
const (
	ReasonConflict    = "its edits overlap those of another fix applied in the same pass"
	ReasonBreaksJSON  = "applying it would not leave valid JSON"
	ReasonBadEdit     = "an edit lies outside the file"
	ReasonNotSettling = "fixing did not settle within the maximum number of rounds"
)

// ApplyFixes applies the first suggested fix of each diagnostic to doc in
// one pass and returns the new file. Fixes are atomic: all edits of a fix
// are applied or none. A fix whose edits overlap those of an earlier one
// (in diagnostic order) is skipped and listed; an edit identical to one
// already accepted is applied once, so two rules may suggest the same
// change. The result always parses: fixes that together or alone would
// break the JSON (or the JSON embedded in an API response) are found by
// bisection and skipped.
func ApplyFixes(doc *taskcontent.Document, diags []Diagnostic) (src []byte, applied []Diagnostic, skipped []SkippedFix) {
	var accepted []candidate
	var taken []taskcontent.TextEdit // sorted by Start, non-overlapping
	for _, d := range diags {
		if len(d.Fixes) == 0 {
			continue
		}
		edits, ok := newEdits(d.Fixes[0].Edits, taken, len(doc.Bytes()))
		switch {
		case ok == editOutside:
			skipped = append(skipped, SkippedFix{d, ReasonBadEdit})
			continue
		case ok == editConflict:
			skipped = append(skipped, SkippedFix{d, ReasonConflict})
			continue
		}
		for _, e := range edits {
			i, _ := slices.BinarySearchFunc(taken, e, compareEdits)
			taken = slices.Insert(taken, i, e)
		}
		accepted = append(accepted, candidate{d, edits})
	}
	good, bad := keepValid(doc, accepted)
	for _, c := range bad {
		skipped = append(skipped, SkippedFix{c.diag, ReasonBreaksJSON})
	}
	src, _ = apply(doc, good) // keepValid proved good applies and parses
	for _, c := range good {
		applied = append(applied, c.diag)
	}
	return src, applied, skipped
}

// candidate is a fix accepted for a pass, with the edits it still adds.
type candidate struct {
	diag  Diagnostic
	edits []taskcontent.TextEdit
}

type editCheck int

const (
	editFree editCheck = iota
	editConflict
	editOutside
)

func compareEdits(a, b taskcontent.TextEdit) int {
	return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
}

// newEdits returns the edits of a fix that are not already taken, or
// reports that one overlaps a taken edit or lies outside the file.
func newEdits(edits, taken []taskcontent.TextEdit, size int) ([]taskcontent.TextEdit, editCheck) {
	var out []taskcontent.TextEdit
	for _, e := range edits {
		if e.Start < 0 || e.End < e.Start || e.End > size {
			return nil, editOutside
		}
		dup := false
		i, _ := slices.BinarySearchFunc(taken, e, compareEdits)
		for j := max(i-1, 0); j < len(taken) && taken[j].Start <= e.End; j++ {
			t := taken[j]
			if t.Start == e.Start && t.End == e.End && string(t.NewText) == string(e.NewText) {
				dup = true
				break
			}
			if t.Overlaps(e) || (t.Start == t.End && e.Start == e.End && t.Start == e.Start) {
				// Two different insertions at one offset would apply in an
				// order neither fix chose.
				return nil, editConflict
			}
		}
		// Edits of the fix itself must not overlap each other either.
		for _, o := range out {
			if o.Overlaps(e) {
				return nil, editConflict
			}
		}
		if !dup {
			out = append(out, e)
		}
	}
	return out, editFree
}

func apply(doc *taskcontent.Document, cs []candidate) ([]byte, bool) {
	var edits []taskcontent.TextEdit
	for _, c := range cs {
		edits = append(edits, c.edits...)
	}
	out, err := taskcontent.ApplyEdits(doc.Bytes(), edits)
	if err != nil {
		return nil, false
	}
	if len(edits) == 0 {
		return out, true
	}
	nd, err := taskcontent.ParseFile(doc.Name(), out)
	if err != nil {
		return nil, false
	}
	if doc.Root().Exists() && !nd.Root().Exists() {
		return nil, false
	}
	return out, true
}

// keepValid splits the candidates into a set whose edits together leave
// valid JSON and those that break it. The common case costs one parse;
// each breaking fix costs O(log n) more.
func keepValid(doc *taskcontent.Document, cs []candidate) (good, bad []candidate) {
	if _, ok := apply(doc, cs); ok {
		return cs, nil
	}
	var try func(chunk []candidate)
	try = func(chunk []candidate) {
		if _, ok := apply(doc, append(slices.Clip(good), chunk...)); ok {
			good = append(good, chunk...)
			return
		}
		if len(chunk) == 1 {
			bad = append(bad, chunk[0])
			return
		}
		try(chunk[:len(chunk)/2])
		try(chunk[len(chunk)/2:])
	}
	try(cs)
	return good, bad
}

// FixResult is the outcome of FixFile.
type FixResult struct {
	// Src is the fixed file (the input when nothing was fixed).
	Src []byte
	// Input is the file as given, parsed; nil when it is not JSON. A
	// driver decides from it, not from Doc, whether the file is a
	// document it may write: a fix must not make a file it would skip
	// look like one it checks.
	Input *taskcontent.Document
	// Doc is Src parsed; nil when the file is not JSON.
	Doc *taskcontent.Document
	// Diagnostics are what remains after fixing.
	Diagnostics []Diagnostic
	// Applied lists the diagnostics fixed, over all rounds.
	Applied []Diagnostic
	// Skipped lists remaining diagnostics whose fix could not be applied.
	Skipped []SkippedFix
	// Rounds is the number of fix passes that changed the file.
	Rounds int
}

// Changed reports whether fixing changed the file.
func (r *FixResult) Changed() bool { return r.Rounds > 0 }

// FixFile lints src, applies the fixes in one pass, re-parses and re-lints
// the result, and repeats until no fix applies (at most MaxFixRounds). The
// result is a fixed point: fixing it again changes nothing. It always
// parses when src did.
func (l *Linter) FixFile(name string, src []byte) *FixResult {
	res := &FixResult{Src: src}
	res.Doc, res.Diagnostics = l.LintFile(name, src)
	res.Input = res.Doc
	for res.Doc != nil {
		if !hasFixes(res.Diagnostics) {
			res.Skipped = nil
			return res
		}
		if res.Rounds == MaxFixRounds {
			res.Skipped = nil
			for _, d := range res.Diagnostics {
				if len(d.Fixes) > 0 {
					res.Skipped = append(res.Skipped, SkippedFix{d, ReasonNotSettling})
				}
			}
			return res
		}
		out, applied, skipped := ApplyFixes(res.Doc, res.Diagnostics)
		res.Skipped = skipped
		if len(applied) == 0 {
			return res
		}
		res.Rounds++
		res.Applied = append(res.Applied, applied...)
		res.Src = out
		res.Doc, res.Diagnostics = l.LintFile(name, out)
	}
	return res
}

func hasFixes(ds []Diagnostic) bool {
	for _, d := range ds {
		if len(d.Fixes) > 0 {
			return true
		}
	}
	return false
}
