package output

import (
	"encoding/xml"
	"io"
	"strconv"

	"github.com/dilint/dilint/lint"
)

// checkstyle writes Checkstyle XML (version 5.0 of its report format), as
// golangci-lint does, for CI plugins and reviewdog -f=checkstyle. Columns
// count UTF-16 code units, like the Java tools that read it.
type checkstyle struct {
	w      io.Writer
	report checkstyleReport
}

type checkstyleReport struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     string `xml:"line,attr,omitempty"`
	Column   string `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

func newCheckstyle(w io.Writer) *checkstyle {
	return &checkstyle{w: w, report: checkstyleReport{Version: "5.0"}}
}

func checkstyleSeverity(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return "error"
	case lint.SeverityWarning:
		return "warning"
	}
	return "info"
}

func (c *checkstyle) Write(f *File) error {
	cf := checkstyleFile{Name: f.Path}
	if f.Err != nil {
		cf.Errors = append(cf.Errors, checkstyleError{Severity: "error", Message: f.Err.Error(), Source: "dilint"})
	}
	src := newSource(f)
	for _, d := range f.Diagnostics {
		e := checkstyleError{Severity: checkstyleSeverity(d.Severity), Message: d.Message, Source: "dilint." + d.Rule}
		if d.Start.IsValid() {
			e.Line = strconv.Itoa(d.Start.Line)
			e.Column = strconv.Itoa(src.columnUTF16(d.Start))
		}
		cf.Errors = append(cf.Errors, e)
	}
	c.report.Files = append(c.report.Files, cf)
	return nil
}

func (c *checkstyle) Flush(Summary) error {
	if _, err := io.WriteString(c.w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(c.w)
	enc.Indent("", "  ")
	if err := enc.Encode(c.report); err != nil {
		return err
	}
	_, err := io.WriteString(c.w, "\n")
	return err
}
