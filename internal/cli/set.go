package cli

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"

	"github.com/dilint/dilint/internal/fileio"
	"github.com/dilint/dilint/internal/output"
	"github.com/dilint/dilint/lint"
	"github.com/dilint/dilint/taskcontent"
)

const setUsage = "dilint set [--string] [--stdout] [--lint] [--config FILE] FILE PATH VALUE [PATH VALUE]..."

// runSet edits a document at sjson paths in one pass and writes it back
// atomically (or to standard output), changing only the edited bytes. In
// an API response the paths address the job inside Data.TaskContent, which
// is escaped again so the file stays a valid response.
func (c *Command) runSet(args []string) int {
	fs := c.newFlagSet("set", setUsage)
	asString := fs.Bool("string", false, "take every VALUE as a plain string instead of JSON")
	toStdout := fs.Bool("stdout", false, "print the result instead of writing the file")
	lintFirst := fs.Bool("lint", false, "lint the result and write nothing if it has findings at or above fail-on")
	configPath := fs.String("config", "", "configuration `file` for --lint (default: the .dilint.yaml nearest above FILE)")
	rest, status, ok := parseFlags(fs, negativeNumbersLast(args))
	if !ok {
		return status
	}
	if len(rest) < 3 || len(rest)%2 != 1 {
		return c.usageError("set takes a file and pairs of a path and a value: %s", setUsage)
	}
	file := rest[0]
	var edits []taskcontent.PathEdit
	for i := 1; i < len(rest); i += 2 {
		path, value := rest[i], rest[i+1]
		if err := taskcontent.CheckSetPath(path); err != nil {
			return c.usageError("%v", err)
		}
		raw := []byte(value)
		if *asString {
			raw = quoteJSON(value)
		} else if !validValue(raw) {
			return c.usageError("value for %s is not JSON: %s (add --string to set it as a string)", path, value)
		}
		edits = append(edits, taskcontent.PathEdit{Path: path, Raw: raw})
	}
	// The file's state before it is read: the write refuses if the file
	// changed meanwhile, as --fix and fmt do.
	var read *fileio.ReadState
	if !*toStdout && file != "-" {
		var err error
		if read, err = fileio.StatForWrite(file); err != nil {
			c.failure("%s: %v", file, err)
			return ExitFailure
		}
		defer fileio.CleanupOnSignal()()
	}
	doc, err := c.readDocument(file, anyDataWorks)
	if err != nil {
		c.failure("%v", err)
		return ExitFailure
	}
	if read != nil {
		read.Src = doc.Bytes()
	}
	edited, err := doc.SetPaths(edits...)
	if err != nil {
		c.failure("%s: %v", doc.Name(), err)
		return ExitFailure
	}
	if *lintFirst {
		if status := c.lintEdited(edited, *configPath); status != ExitOK {
			return status
		}
	}
	if *toStdout || file == "-" {
		if _, err := c.Stdout.Write(edited.Bytes()); err != nil {
			c.failure("%v", err)
			return ExitFailure
		}
		return ExitOK
	}
	if bytes.Equal(edited.Bytes(), doc.Bytes()) {
		return ExitOK
	}
	if err := fileio.WriteAtomic(file, edited.Bytes(), read); err != nil {
		c.failure("%s: not written: %v", file, err)
		return ExitFailure
	}
	return ExitOK
}

// lintEdited lints the edited document with its configuration and prints
// the findings; it returns ExitFindings when one reaches fail-on, so that
// nothing is written.
func (c *Command) lintEdited(doc *taskcontent.Document, configPath string) int {
	// Standard input ("<stdin>") takes the configuration of the working
	// directory, as lint does.
	cfg, err := lint.NewConfigFinder(configPath).For(doc.Name())
	if err != nil {
		c.failure("%v", err)
		return ExitFailure
	}
	diags := (&lint.Linter{Selector: cfg}).Lint(doc)
	fails := false
	for _, d := range diags {
		fails = fails || cfg.Fails(d.Severity)
	}
	if len(diags) > 0 {
		f := &output.File{Path: doc.Name(), Src: doc.Bytes(), Doc: doc, Diagnostics: diags}
		if err := c.printFindings(f); err != nil {
			c.failure("writing findings: %v", err)
			return ExitFailure
		}
	}
	if fails {
		c.failure("%s: not written; the result has the findings above", doc.Name())
		return ExitFindings
	}
	return ExitOK
}

func validValue(raw []byte) bool {
	d, err := taskcontent.Parse(raw)
	return err == nil && len(d.Problems()) == 0
}

// quoteJSON encodes s as a JSON string, leaving <, > and & as they are.
func quoteJSON(s string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return bytes.TrimRight(buf.Bytes(), "\n")
}

var negativeNumber = regexp.MustCompile(`^-[0-9]`)

// negativeNumbersLast moves values such as -1, which the flag package
// would take for flags, behind "--" so they stay arguments in place.
func negativeNumbersLast(args []string) []string {
	var flags, positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			positional = append(positional, args[i+1:]...)
			i = len(args)
		case strings.HasPrefix(a, "-") && a != "-" && !negativeNumber.MatchString(a):
			flags = append(flags, a)
			if (a == "--config" || a == "-config") && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
		default:
			positional = append(positional, a)
		}
	}
	return append(append(flags, "--"), positional...)
}
