package output

import (
	"github.com/dilint/dilint/lint"
	"github.com/dilint/dilint/taskcontent"
)

// Every format writes through redacting, so no format can forget the
// redaction policy (taskcontent.Secrets): messages are scrubbed of the
// file's secret values, fixes that would show one are dropped, and the
// text format masks the secrets of its source excerpts.

// redacting passes each file to a format with its secrets redacted.
type redacting struct{ Output }

func (r redacting) Write(f *File) error { return r.Output.Write(redacted(f)) }

// secretsOf returns the secrets of the file: its document's, or, for a
// file that is not JSON, those a scan of its tokens finds. The result is
// kept in the File.
func (f *File) secretsOf() *taskcontent.Secrets {
	if f.secrets == nil {
		switch {
		case f.Doc != nil:
			f.secrets = f.Doc.Secrets()
		case f.Src != nil:
			f.secrets = taskcontent.ScanSecrets(f.Src)
		}
	}
	return f.secrets
}

// redacted returns a copy of f whose diagnostics show no secret.
func redacted(f *File) *File {
	if len(f.Diagnostics) == 0 {
		return f
	}
	g := *f
	s := g.secretsOf()
	if len(s.Ranges()) == 0 {
		return &g
	}
	g.Diagnostics = make([]lint.Diagnostic, len(f.Diagnostics))
	for i, d := range f.Diagnostics {
		d.Message = s.Scrub(d.Message)
		if len(d.Related) > 0 {
			related := make([]lint.Related, len(d.Related))
			for j, r := range d.Related {
				r.Message = s.Scrub(r.Message)
				related[j] = r
			}
			d.Related = related
		}
		if len(d.Fixes) > 0 {
			var fixes []lint.SuggestedFix
			for _, fix := range d.Fixes {
				if showsSecret(s, fix) {
					continue
				}
				fixes = append(fixes, fix)
			}
			d.Fixes = fixes
		}
		g.Diagnostics[i] = d
	}
	return &g
}

// showsSecret reports whether a fix replaces a secret or writes one.
func showsSecret(s *taskcontent.Secrets, fix lint.SuggestedFix) bool {
	if s.Scrub(fix.Message) != fix.Message {
		return true
	}
	for _, e := range fix.Edits {
		if s.Overlaps(e.Start, max(e.End, e.Start+1)) || s.Scrub(string(e.NewText)) != string(e.NewText) {
			return true
		}
	}
	return false
}

// redactExcerpt masks the secrets of text, the bytes of the file from
// offset base, and moves from and to, indexes into text, with them. Text
// whose secrets are not known (after a missing quote) is cut off; ok is
// false when that leaves nothing to point at.
func redactExcerpt(s *taskcontent.Secrets, text []byte, base, from, to int) (_ []byte, _, _ int, ok bool) {
	masked, index, _ := s.Mask(text, base)
	from, to = index(from), index(to)
	if from > len(masked) {
		return nil, 0, 0, false
	}
	return masked, from, min(to, len(masked)), true
}
