package output

import (
	"encoding/xml"
	"fmt"
	"io"
	"time"
)

// junit writes JUnit XML for CI test reports: one testsuite per file; a
// clean file is one passing testcase, each finding a failing testcase
// named after its rule and position, and a file that could not be checked
// a testcase with an error. Times are in seconds, as Buildkite and Jenkins
// expect.
type junit struct {
	w      io.Writer
	report junitSuites
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
	elapsed  time.Duration
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure"`
	Error     *junitProblem `xml:"error"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

func newJUnit(w io.Writer) *junit {
	return &junit{w: w, report: junitSuites{Name: "dilint"}}
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.3f", d.Seconds()) }

func (j *junit) Write(f *File) error {
	s := junitSuite{Name: f.Path, Time: seconds(f.Elapsed)}
	switch {
	case f.Err != nil:
		s.Errors++
		s.Cases = append(s.Cases, junitCase{Name: "check", Classname: f.Path, Time: s.Time,
			Error: &junitProblem{Message: f.Err.Error(), Type: "error", Text: f.Path + ": " + f.Err.Error()}})
	case len(f.Diagnostics) == 0:
		s.Cases = append(s.Cases, junitCase{Name: "check", Classname: f.Path, Time: s.Time})
	}
	for _, d := range f.Diagnostics {
		where := f.Path
		name := d.Rule
		if d.Start.IsValid() {
			where += ":" + d.Start.String()
			name += " at " + d.Start.String()
		}
		text := fmt.Sprintf("%s: %s: %s [%s]", where, d.Severity, d.Message, d.Rule)
		if u := ruleURL(d); u != "" {
			text += "\n" + u
		}
		s.Failures++
		s.Cases = append(s.Cases, junitCase{Name: name, Classname: f.Path, Time: "0.000",
			Failure: &junitProblem{Message: d.Message, Type: d.Severity.String(), Text: text}})
	}
	s.Tests = len(s.Cases)
	j.report.Tests += s.Tests
	j.report.Failures += s.Failures
	j.report.Errors += s.Errors
	j.report.elapsed += f.Elapsed
	j.report.Suites = append(j.report.Suites, s)
	return nil
}

func (j *junit) Flush(Summary) error {
	j.report.Time = seconds(j.report.elapsed)
	if _, err := io.WriteString(j.w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(j.w)
	enc.Indent("", "  ")
	if err := enc.Encode(j.report); err != nil {
		return err
	}
	_, err := io.WriteString(j.w, "\n")
	return err
}
