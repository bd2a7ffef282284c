// Package output writes lint results in the formats people, CI systems
// and code-review bots read: text for terminals, json, SARIF 2.1.0 for
// code scanning, reviewdog's rdjson and rdjsonl, GitHub Actions workflow
// commands, Checkstyle XML, JUnit XML and GitLab Code Quality JSON.
//
// Every format implements Output: the driver calls Write once per file,
// in a deterministic order, then Flush once with the run's Summary.
// Formats that must see every file before they can write (json, SARIF,
// rdjson, XML) buffer their input and write it in Flush; the others
// stream.
//
// Columns follow each consumer's convention. taskcontent positions count
// bytes; text, json, rdjson and rdjsonl keep bytes (rdjson requires them);
// SARIF, GitHub annotations and Checkstyle count UTF-16 code units, which
// is SARIF's default columnKind and what JavaScript and Java tools count.
package output

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/dilint/dilint/lint"
	"github.com/dilint/dilint/taskcontent"
)

// Output receives the results of a run, one file at a time.
type Output interface {
	// Write records the result of one file. Files arrive in the order the
	// driver chose; an Output must not reorder them.
	Write(f *File) error
	// Flush writes whatever the format buffered and the summary, if the
	// format has one. It is called once, after the last Write.
	Flush(s Summary) error
}

// File is the result of checking one file.
type File struct {
	// Path names the file as the user should see it: slash-separated, as
	// given on the command line or found under a directory given there.
	Path string
	// Src is the file's content; nil when it could not be read.
	Src []byte
	// Doc is the parsed document; nil when the file is not JSON or could
	// not be read.
	Doc *taskcontent.Document
	// Diagnostics are the findings, sorted by position.
	Diagnostics []lint.Diagnostic
	// Hidden counts the findings left out of Diagnostics by
	// lint.LimitSame, which puts a notice in their place.
	Hidden int
	// Err says why the file could not be checked at all (it does not
	// exist, cannot be read, is too large, …). Diagnostics is empty then.
	Err error
	// Fixed is the number of fixes applied and written to the file; zero
	// when only shown (--diff) or when writing failed.
	Fixed int
	// WriteErr says why the fixed file could not be written. The file
	// keeps its content then, and Src and Diagnostics describe it.
	WriteErr error
	// Elapsed is how long reading and checking the file took.
	Elapsed time.Duration

	secrets *taskcontent.Secrets // see secretsOf
}

// Summary counts the results of a run.
type Summary struct {
	Files    int // files checked or attempted
	Failed   int // files that could not be checked (File.Err set)
	Problems int // files with at least one diagnostic
	Errors   int // diagnostics by severity
	Warnings int
	Infos    int
	Fixed    int // fixes applied and written
	// NotWritten counts the files whose fixes could not be written.
	NotWritten int
	// Skipped counts the files left out because they are JSON but no
	// DataWorks document (package.json, tsconfig.json, …); they are not
	// in Files.
	Skipped int
	Hidden  int // findings not shown (File.Hidden)
}

// Add counts one file into the summary.
func (s *Summary) Add(f *File) {
	s.Files++
	s.Fixed += f.Fixed
	if f.WriteErr != nil {
		s.NotWritten++
	}
	if f.Err != nil {
		s.Failed++
		return
	}
	if len(f.Diagnostics) > 0 {
		s.Problems++
	}
	s.Hidden += f.Hidden
	for _, d := range f.Diagnostics {
		switch d.Severity {
		case lint.SeverityError:
			s.Errors++
		case lint.SeverityWarning:
			s.Warnings++
		default:
			s.Infos++
		}
	}
}

// Options configure an Output.
type Options struct {
	// Rules are the rules the run knew about, for formats that describe
	// them (SARIF's tool.driver.rules).
	Rules []*lint.Rule
	// ToolVersion is dilint's version, recorded by formats that carry it.
	ToolVersion string
	// Color enables ANSI colours in the text format.
	Color bool
	// Quiet leaves out the text format's summary line.
	Quiet bool
}

// Formats lists the format names New accepts.
var Formats = []string{"text", "json", "sarif", "rdjson", "rdjsonl", "github", "checkstyle", "junit", "codequality"}

// UnknownFormatError is returned by New for a format it does not know.
type UnknownFormatError struct{ Name string }

func (e *UnknownFormatError) Error() string {
	return fmt.Sprintf("unknown format %q (valid: %s)", e.Name, strings.Join(Formats, ", "))
}

// New returns the Output for the named format, writing to w. Every
// format masks the file's secrets (taskcontent.Secrets) in what it writes.
func New(format string, w io.Writer, opts Options) (Output, error) {
	o, err := newFormat(format, w, opts)
	if err != nil {
		return nil, err
	}
	return redacting{o}, nil
}

func newFormat(format string, w io.Writer, opts Options) (Output, error) {
	switch format {
	case "text":
		return newText(w, opts), nil
	case "json":
		return newJSON(w, opts), nil
	case "sarif":
		return newSARIF(w, opts), nil
	case "rdjson":
		return newRDJSON(w, opts, false), nil
	case "rdjsonl":
		return newRDJSON(w, opts, true), nil
	case "github":
		return newGitHub(w), nil
	case "checkstyle":
		return newCheckstyle(w), nil
	case "junit":
		return newJUnit(w), nil
	case "codequality":
		return newCodeQuality(w), nil
	}
	return nil, &UnknownFormatError{Name: format}
}

// IsFormat reports whether name is a format New accepts.
func IsFormat(name string) bool { return slices.Contains(Formats, name) }

// ruleURL returns the documentation URL of a diagnostic's rule.
func ruleURL(d lint.Diagnostic) string {
	if d.URL != "" {
		return d.URL
	}
	if r, ok := lint.Lookup(d.Rule); ok {
		return r.URL
	}
	return ""
}
