package output

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/dilint/dilint/lint"
	"github.com/dilint/dilint/taskcontent"
)

// reviewdog's Diagnostic Format (proto/rdf/reviewdog.proto): rdjson is one
// DiagnosticResult object, rdjsonl one Diagnostic per line. Columns are
// 1-based UTF-8 byte counts and a range's end is exclusive — exactly
// taskcontent's positions. The first suggested fix of a diagnostic
// becomes its suggestions, which reviewdog's github-pr-review reporter
// posts as suggested changes.
type rdResult struct {
	Source      rdSource       `json:"source"`
	Diagnostics []rdDiagnostic `json:"diagnostics"`
}

type rdSource struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type rdDiagnostic struct {
	Message          string      `json:"message"`
	Location         rdLocation  `json:"location"`
	Severity         string      `json:"severity"`
	Source           *rdSource   `json:"source,omitempty"`
	Code             *rdCode     `json:"code,omitempty"`
	Suggestions      []rdSuggest `json:"suggestions,omitempty"`
	RelatedLocations []rdRelated `json:"relatedLocations,omitempty"`
}

type rdLocation struct {
	Path  string   `json:"path"`
	Range *rdRange `json:"range,omitempty"`
}

type rdRange struct {
	Start rdPosition  `json:"start"`
	End   *rdPosition `json:"end,omitempty"`
}

type rdPosition struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

type rdCode struct {
	Value string `json:"value"`
	URL   string `json:"url,omitempty"`
}

type rdSuggest struct {
	Range rdRange `json:"range"`
	Text  string  `json:"text"`
}

type rdRelated struct {
	Message  string     `json:"message,omitempty"`
	Location rdLocation `json:"location"`
}

type rdjsonOutput struct {
	w      io.Writer
	lines  bool
	result rdResult
}

func newRDJSON(w io.Writer, _ Options, lines bool) *rdjsonOutput {
	return &rdjsonOutput{w: w, lines: lines, result: rdResult{
		Source:      rdSource{Name: "dilint", URL: InformationURI},
		Diagnostics: []rdDiagnostic{},
	}}
}

func rdRangeOf(start, end taskcontent.Position) *rdRange {
	if !start.IsValid() {
		return nil
	}
	r := &rdRange{Start: rdPosition{Line: start.Line, Column: start.Column}}
	if end.IsValid() && end.Offset >= start.Offset {
		r.End = &rdPosition{Line: end.Line, Column: end.Column}
	}
	return r
}

func rdSeverity(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return "ERROR"
	case lint.SeverityWarning:
		return "WARNING"
	}
	return "INFO"
}

func (o *rdjsonOutput) Write(f *File) error {
	var out []rdDiagnostic
	if f.Err != nil {
		// reviewdog has no notion of a tool failure; a file-level error
		// keeps it visible in review.
		out = append(out, rdDiagnostic{
			Message:  f.Err.Error(),
			Location: rdLocation{Path: f.Path},
			Severity: "ERROR",
		})
	}
	for _, d := range f.Diagnostics {
		rd := rdDiagnostic{
			Message:  d.Message,
			Location: rdLocation{Path: f.Path, Range: rdRangeOf(d.Start, d.End)},
			Severity: rdSeverity(d.Severity),
			Code:     &rdCode{Value: d.Rule, URL: ruleURL(d)},
		}
		if len(d.Fixes) > 0 && f.Doc != nil {
			for _, e := range d.Fixes[0].Edits {
				start, end := f.Doc.Position(e.Start), f.Doc.Position(e.End)
				rd.Suggestions = append(rd.Suggestions, rdSuggest{
					Range: rdRange{Start: rdPosition{start.Line, start.Column}, End: &rdPosition{end.Line, end.Column}},
					Text:  string(e.NewText),
				})
			}
		}
		for _, r := range d.Related {
			if rg := rdRangeOf(r.Start, r.End); rg != nil {
				rd.RelatedLocations = append(rd.RelatedLocations, rdRelated{Message: r.Message, Location: rdLocation{Path: f.Path, Range: rg}})
			}
		}
		out = append(out, rd)
	}
	if !o.lines {
		o.result.Diagnostics = append(o.result.Diagnostics, out...)
		return nil
	}
	for i := range out {
		out[i].Source = &o.result.Source
		b, err := marshalLine(out[i])
		if err != nil {
			return err
		}
		if _, err := o.w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

// marshalLine encodes v as one line of JSON without HTML escaping.
func marshalLine(v any) ([]byte, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}

func (o *rdjsonOutput) Flush(Summary) error {
	if o.lines {
		return nil
	}
	enc := json.NewEncoder(o.w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(o.result)
}
