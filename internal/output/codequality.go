package output

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"strconv"

	"github.com/dilint/dilint/lint"
)

// codeQuality writes a GitLab Code Quality report: the JSON array of
// Code Climate issues that a job publishes as artifacts:reports:codequality
// and GitLab shows in the merge request's Code Quality widget
// (https://docs.gitlab.com/ci/testing/code_quality/, "Code Quality report
// format"). Each issue has description, check_name, fingerprint,
// severity, location.path and location.lines.begin, and lines.end when a
// finding spans lines. GitLab reads lines only, so no columns are written.
//
// GitLab keeps only the first issue of each fingerprint, so a fingerprint
// names one finding: the file, rule, JSON Pointer and message (stable
// when lines move, as in SARIF) and the finding's rank among identical
// ones in the file.
//
// Issues are streamed: memory does not grow with the number of files.
type codeQuality struct {
	w     *bufio.Writer
	buf   bytes.Buffer
	enc   *json.Encoder // writes into buf
	count int
	err   error
}

type cqIssue struct {
	Type        string     `json:"type"`
	Description string     `json:"description"`
	CheckName   string     `json:"check_name"`
	Fingerprint string     `json:"fingerprint"`
	Severity    string     `json:"severity"`
	Categories  []string   `json:"categories"`
	Location    cqLocation `json:"location"`
}

type cqLocation struct {
	Path  string  `json:"path"`
	Lines cqLines `json:"lines"`
}

type cqLines struct {
	Begin int `json:"begin"`
	End   int `json:"end,omitempty"`
}

func newCodeQuality(w io.Writer) *codeQuality {
	o := &codeQuality{w: bufio.NewWriter(w)}
	o.enc = json.NewEncoder(&o.buf)
	o.enc.SetEscapeHTML(false)
	return o
}

// codeQualitySeverity maps dilint's severities onto GitLab's scale (info,
// minor, major, critical, blocker) as Spectral's code-climate formatter
// does: an error DataWorks would reject is critical, a warning major.
func codeQualitySeverity(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return "critical"
	case lint.SeverityWarning:
		return "major"
	}
	return "minor"
}

func (o *codeQuality) issue(is cqIssue) {
	if o.err != nil {
		return
	}
	o.buf.Reset()
	if o.err = o.enc.Encode(is); o.err != nil {
		return
	}
	if o.count == 0 {
		o.w.WriteString("[\n  ")
	} else {
		o.w.WriteString(",\n  ")
	}
	o.count++
	o.w.Write(bytes.TrimSuffix(o.buf.Bytes(), []byte("\n")))
}

func (o *codeQuality) Write(f *File) error {
	if f.Err != nil {
		o.issue(cqIssue{
			Type:        "issue",
			Description: f.Err.Error(),
			CheckName:   "dilint",
			Fingerprint: codeQualityFingerprint(f.Path, "", "", f.Err.Error(), 0),
			Severity:    "blocker",
			Categories:  []string{"Bug Risk"},
			Location:    cqLocation{Path: f.Path, Lines: cqLines{Begin: 1}},
		})
		return o.err
	}
	seen := map[string]int{}
	for _, d := range f.Diagnostics {
		key := d.Rule + "\x00" + d.Pointer + "\x00" + d.Message
		rank := seen[key]
		seen[key] = rank + 1
		is := cqIssue{
			Type:        "issue",
			Description: d.Message,
			CheckName:   d.Rule,
			Fingerprint: codeQualityFingerprint(f.Path, d.Rule, d.Pointer, d.Message, rank),
			Severity:    codeQualitySeverity(d.Severity),
			Categories:  []string{"Bug Risk"},
			Location:    cqLocation{Path: f.Path, Lines: cqLines{Begin: 1}},
		}
		if d.Start.IsValid() {
			is.Location.Lines.Begin = d.Start.Line
			if d.End.IsValid() && d.End.Line > d.Start.Line {
				is.Location.Lines.End = d.End.Line
			}
		}
		o.issue(is)
	}
	return o.err
}

// codeQualityFingerprint is stable across runs and line moves, and
// distinct for each finding of a file (rank tells identical ones apart).
func codeQualityFingerprint(file, rule, pointer, message string, rank int) string {
	h := sha256.New()
	for _, s := range []string{file, rule, pointer, message, strconv.Itoa(rank)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

func (o *codeQuality) Flush(Summary) error {
	if o.err != nil {
		return o.err
	}
	if o.count == 0 {
		o.w.WriteString("[]\n")
	} else {
		o.w.WriteString("\n]\n")
	}
	return o.w.Flush()
}
