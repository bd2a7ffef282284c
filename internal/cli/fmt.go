package cli

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/dilint/dilint/internal/fileio"
	"github.com/dilint/dilint/internal/output"
	"github.com/dilint/dilint/lint"
	"github.com/dilint/dilint/taskcontent"
)

func (c *Command) runFmt(args []string) int {
	fs := c.newFlagSet("fmt", `dilint fmt [--check] [--diff] [--sort-keys] [paths | globs | -]...

Rewrites DataWorks documents in dilint's canonical layout: 2-space
indentation, one member per line, line endings as the file has them;
numbers, strings and unknown fields stay as written. It changes layout
only: a file with comments, trailing commas or a byte order mark is
refused (dilint --fix removes them). Published and exported jobs mostly
use other layouts, so adopt it for a whole repository or not at all.`)
	check := fs.Bool("check", false, "change nothing; list the files that are not formatted and exit 1 if there are any")
	diff := fs.Bool("diff", false, "change nothing; print the changes as a unified diff")
	sortKeys := fs.Bool("sort-keys", false, "also put keys in canonical order: documented keys first, the rest alphabetically")
	var include, exclude repeatedFlag
	fs.Var(&include, "include", "`glob` of files to format in directories (repeatable; default *.json)")
	fs.Var(&exclude, "exclude", "`glob` of files and directories to skip (repeatable)")
	stdinName := fs.String("stdin-filename", "", "`name` to report for standard input (-)")
	maxSize := byteSize(32 << 20)
	fs.Var(&maxSize, "max-file-size", "skip files larger than this `size` in bytes, or with a unit: 512KiB, 32MiB, 1GB (default 32MiB)")
	paths, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	if len(paths) == 0 {
		return c.usageError("fmt: no paths given; try 'dilint fmt .'")
	}
	filter := lint.Filter{Include: include, Exclude: exclude}
	if err := filter.Validate(); err != nil {
		return c.usageError("%v", err)
	}
	d := &lint.Driver{MaxFileSize: int64(maxSize), Stdin: c.Stdin}
	writes := !*check && !*diff
	if writes {
		defer fileio.CleanupOnSignal()()
	}
	exit := ExitOK
	worse := func(s int) {
		if s == ExitFailure || exit == ExitOK {
			exit = s
		}
	}
	for t := range lint.Discover(paths, filter, *stdinName) {
		name := output.QuotePath(t.Name)
		if t.Err != nil {
			c.failure("%s: %v", name, t.Err)
			worse(ExitFailure)
			continue
		}
		var read *fileio.ReadState
		if writes && !t.Stdin {
			var err error
			if read, err = fileio.StatForWrite(t.Path); err != nil {
				c.failure("%s: %v", name, err)
				worse(ExitFailure)
				continue
			}
		}
		src, err := d.Read(t)
		if err != nil {
			c.failure("%s: %v", name, err)
			worse(ExitFailure)
			continue
		}
		if read != nil {
			read.Src = src
		}
		formatted, err := formatDocument(name, src, *sortKeys)
		var skip *skipError
		switch {
		case errors.As(err, &skip):
			if t.Explicit && !skip.quiet {
				fmt.Fprintf(c.Stderr, "dilint: %s: %v; not formatted\n", name, skip.reason)
			}
			continue
		case err != nil:
			c.failure("%v", err)
			worse(ExitFindings)
			continue
		}
		changed := !bytes.Equal(src, formatted)
		switch {
		case t.Stdin && !*check && !*diff:
			if _, err := c.Stdout.Write(formatted); err != nil {
				c.failure("%v", err)
				return ExitFailure
			}
		case !changed:
		case *diff:
			patch, masked := unifiedDiff(t.Name, src, formatted, secretsIn(src), secretsIn(formatted))
			if _, err := c.Stdout.Write(patch); err != nil {
				c.failure("%v", err)
				return ExitFailure
			}
			if masked > 0 {
				fmt.Fprint(c.Stderr, maskedNote(t.Name, masked))
			}
			if *check {
				worse(ExitFindings)
			}
		case *check:
			fmt.Fprintln(c.Stdout, name)
			worse(ExitFindings)
		default:
			if err := fileio.WriteAtomic(t.Path, formatted, read); err != nil {
				c.failure("%s: not written: %v", name, err)
				worse(ExitFailure)
				continue
			}
			fmt.Fprintln(c.Stdout, name)
		}
	}
	return exit
}

// skipError is a file fmt leaves alone on purpose; quiet ones (JSON that
// is no DataWorks document, such as package.json named by a pre-commit
// hook) are not mentioned.
type skipError struct {
	reason string
	quiet  bool
}

func (e *skipError) Error() string { return e.reason }

// formatDocument returns the canonical layout of a plain DataWorks
// document. API responses and JSON-string files are left alone (their
// content is an escaped string, not a layout); files with comments,
// trailing commas or a byte order mark are refused.
func formatDocument(name string, src []byte, sortKeys bool) ([]byte, error) {
	doc, err := taskcontent.ParseFile(name, src)
	if err != nil {
		return nil, err
	}
	if doc.Container() != taskcontent.ContainerPlain {
		return nil, &skipError{reason: "the document is embedded in " + doc.Container().String() + " form"}
	}
	if doc.Kind() == taskcontent.KindUnknown {
		return nil, &skipError{reason: "not a DataWorks document", quiet: true}
	}
	// fmt changes layout, never content: what is not JSON is refused,
	// not dropped in silence. dilint --fix removes each of these.
	for _, p := range doc.Problems() {
		var what string
		switch p.Code {
		case taskcontent.ProblemComment:
			what = "a comment"
		case taskcontent.ProblemTrailingComma:
			what = "a trailing comma"
		case taskcontent.ProblemByteOrderMark:
			what = "a byte order mark"
		default:
			continue
		}
		return nil, fmt.Errorf("%s:%s: has %s, which is not JSON and which formatting would drop; 'dilint --fix %s' removes it", name, p.Span.Start, what, name)
	}
	return doc.Format("  ", sortKeys)
}
