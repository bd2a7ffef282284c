package lint

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sync"
)

// BaselineVersion is the format version WriteBaseline writes.
const BaselineVersion = 1

// Baseline records the findings a repository has today so that later runs
// report only new ones: how a team adopts the linter on existing jobs,
// since JSON has no comments to suppress a finding inline.
//
// A finding is identified by its Fingerprint: rule, file, JSON Pointer and
// a hash of the message, never a line number, so it survives edits that
// move lines. The same finding may be recorded several times (two
// identical hops); Filter suppresses as many occurrences as were recorded.
// A Baseline is safe for concurrent use.
type Baseline struct {
	mu      sync.Mutex
	entries map[string]*BaselineEntry
}

// BaselineEntry is one recorded finding. Messages are stored only as a
// hash: the baseline is committed to the repository and must not leak what
// a message says.
type BaselineEntry struct {
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule"`
	File        string `json:"file"`
	Pointer     string `json:"pointer"`
	Count       int    `json:"count"`
}

type baselineFile struct {
	Version  int              `json:"version"`
	Findings []*BaselineEntry `json:"findings"`
}

// NewBaseline returns an empty baseline.
func NewBaseline() *Baseline {
	return &Baseline{entries: map[string]*BaselineEntry{}}
}

// Fingerprint identifies a diagnostic of a file independently of its line.
func Fingerprint(file string, d Diagnostic) string {
	h := sha256.New()
	for _, s := range []string{d.Rule, baselinePath(file), d.Pointer, d.Message} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// baselinePath normalises a file name so that a baseline written on one
// system matches on another.
func baselinePath(file string) string {
	return filepath.ToSlash(filepath.Clean(file))
}

// Add records the diagnostics of a file.
func (b *Baseline) Add(file string, diags []Diagnostic) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, d := range diags {
		fp := Fingerprint(file, d)
		if e, ok := b.entries[fp]; ok {
			e.Count++
			continue
		}
		b.entries[fp] = &BaselineEntry{Fingerprint: fp, Rule: d.Rule, File: baselinePath(file), Pointer: d.Pointer, Count: 1}
	}
}

// Len returns the number of recorded findings, occurrences counted.
func (b *Baseline) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	n := 0
	for _, e := range b.entries {
		n += e.Count
	}
	return n
}

// Filter returns the diagnostics of a file that the baseline does not
// record, in their order, and how many it suppressed. Occurrences beyond
// the recorded count are new and kept.
func (b *Baseline) Filter(file string, diags []Diagnostic) (kept []Diagnostic, suppressed int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	used := map[string]int{}
	for _, d := range diags {
		fp := Fingerprint(file, d)
		if e, ok := b.entries[fp]; ok && used[fp] < e.Count {
			used[fp]++
			suppressed++
			continue
		}
		kept = append(kept, d)
	}
	return kept, suppressed
}

// Entries returns the recorded findings sorted by file, pointer and rule.
func (b *Baseline) Entries() []BaselineEntry {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]BaselineEntry, 0, len(b.entries))
	for _, e := range b.entries {
		out = append(out, *e)
	}
	slices.SortFunc(out, func(x, y BaselineEntry) int {
		return cmp.Or(cmp.Compare(x.File, y.File), cmp.Compare(x.Pointer, y.Pointer),
			cmp.Compare(x.Rule, y.Rule), cmp.Compare(x.Fingerprint, y.Fingerprint))
	})
	return out
}

// Write writes the baseline as indented JSON, sorted, so that it diffs
// well under version control.
func (b *Baseline) Write(w io.Writer) error {
	entries := b.Entries()
	f := baselineFile{Version: BaselineVersion, Findings: make([]*BaselineEntry, len(entries))}
	for i := range entries {
		f.Findings[i] = &entries[i]
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(f)
}

// BaselineError reports a baseline file that cannot be read.
type BaselineError struct {
	Msg string
}

func (e *BaselineError) Error() string { return "baseline: " + e.Msg }

// ReadBaseline reads a baseline written by Write.
func ReadBaseline(r io.Reader) (*Baseline, error) {
	var f baselineFile
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, &BaselineError{Msg: err.Error()}
	}
	if f.Version != BaselineVersion {
		return nil, &BaselineError{Msg: fmt.Sprintf("unsupported version %d (this dilint reads version %d)", f.Version, BaselineVersion)}
	}
	b := NewBaseline()
	for i, e := range f.Findings {
		if e == nil || e.Fingerprint == "" || e.Count < 1 {
			return nil, &BaselineError{Msg: fmt.Sprintf("finding %d: needs a fingerprint and a count of at least 1", i)}
		}
		if old, ok := b.entries[e.Fingerprint]; ok {
			old.Count += e.Count
			continue
		}
		b.entries[e.Fingerprint] = e
	}
	return b, nil
}
