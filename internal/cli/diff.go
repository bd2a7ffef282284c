package cli

import (
	"fmt"

	"github.com/dilint/dilint/internal/graph"
	"github.com/dilint/dilint/internal/output"
	"github.com/dilint/dilint/internal/semdiff"
	"github.com/dilint/dilint/lint"
	"github.com/dilint/dilint/taskcontent"
)

func (c *Command) runDiff(args []string) int {
	fs := c.newFlagSet("diff", "dilint diff [--format text|markdown] [--graph] [--exit-code] OLD NEW")
	format := fs.String("format", "text", "output `format`: text or markdown")
	withGraph := fs.Bool("graph", false, "with --format markdown, add the new job's steps and hops as a Mermaid flowchart")
	exitCode := fs.Bool("exit-code", false, "exit 1 when the documents differ")
	rest, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	if len(rest) != 2 {
		return c.usageError("diff takes two files, OLD and NEW")
	}
	if *format != "text" && *format != "markdown" {
		return c.usageError("diff --format %q: valid formats are text, markdown%s", *format, didYouMean(*format, []string{"text", "markdown"}))
	}
	oldDoc, err := c.readDocument(rest[0], anyDataWorks)
	if err != nil {
		c.failure("%v", err)
		return ExitFailure
	}
	newDoc, err := c.readDocument(rest[1], anyDataWorks)
	if err != nil {
		c.failure("%v", err)
		return ExitFailure
	}
	changes := semdiff.Compare(oldDoc, newDoc)
	if *format == "markdown" {
		g := ""
		if *withGraph {
			g = graph.New(newDoc).Mermaid()
		}
		err = semdiff.WriteMarkdown(c.Stdout, rest[0], rest[1], changes, g)
	} else {
		err = semdiff.WriteText(c.Stdout, changes)
	}
	if err != nil {
		c.failure("%v", err)
		return ExitFailure
	}
	if *exitCode && len(changes) > 0 {
		return ExitFindings
	}
	return ExitOK
}

func (c *Command) runGraph(args []string) int {
	fs := c.newFlagSet("graph", "dilint graph [--format mermaid|dot] FILE")
	format := fs.String("format", "mermaid", "output `format`: mermaid or dot")
	rest, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	if len(rest) != 1 {
		return c.usageError("graph takes one file")
	}
	if *format != "mermaid" && *format != "dot" {
		return c.usageError("graph --format %q: valid formats are mermaid, dot%s", *format, didYouMean(*format, []string{"mermaid", "dot"}))
	}
	doc, err := c.readDocument(rest[0], jobsOnly)
	if err != nil {
		c.failure("%v", err)
		return ExitFailure
	}
	g := graph.New(doc)
	out := g.Mermaid()
	if *format == "dot" {
		out = g.DOT()
	}
	if _, err := fmt.Fprint(c.Stdout, out); err != nil {
		c.failure("%v", err)
		return ExitFailure
	}
	return ExitOK
}

// Which documents a command takes: diff compares any DataWorks document;
// graph draws a job's steps and hops.
var (
	anyDataWorks = kinds{what: "a DataWorks document (a job, a TaskParam or a saved API response)", ok: func(k taskcontent.Kind) bool {
		return k != taskcontent.KindUnknown && k != taskcontent.KindNone
	}}
	jobsOnly = kinds{what: "a job", ok: func(k taskcontent.Kind) bool {
		return k == taskcontent.KindJob || k == taskcontent.KindDataXJob
	}}
)

type kinds struct {
	what string
	ok   func(taskcontent.Kind) bool
}

// readDocument reads and parses one file ("-" for standard input) for
// diff and graph, which need its content, and refuses a document of
// another kind rather than drawing an empty chart or diffing unrelated
// JSON.
func (c *Command) readDocument(path string, want kinds) (*taskcontent.Document, error) {
	d := &lint.Driver{Stdin: c.Stdin}
	src, err := d.Read(lint.Target{Path: path, Name: path, Stdin: path == "-"})
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	doc, err := taskcontent.ParseFile(path, src)
	if err != nil {
		return nil, err
	}
	if cerr := doc.ContentErr(); cerr != nil {
		return nil, cerr
	}
	if !doc.Root().Exists() {
		return nil, fmt.Errorf("%s: has no job content", path)
	}
	if k := doc.Kind(); !want.ok(k) {
		what := "not a DataWorks document"
		if k != taskcontent.KindUnknown && k != taskcontent.KindNone {
			what = "a " + k.String() + ", not " + want.what
		}
		return nil, fmt.Errorf("%s: %s", output.QuotePath(path), what)
	}
	return doc, nil
}
