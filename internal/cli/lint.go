package cli

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/dilint/dilint/internal/output"
	"github.com/dilint/dilint/lint"
)

// lintOptions are the flags of the lint command.
type lintOptions struct {
	formats, outputs      []string
	only, enable, disable []string
	include, exclude      []string
	configPath            string
	failOn                string
	color                 string
	stdinName             string
	maxFileSize           int64
	fix, diff             bool
}

const lintUsage = "dilint [lint] [flags] [paths | globs | -]..."

func (c *Command) runLint(args []string) int {
	var o lintOptions
	fs := c.newFlagSet("lint", lintUsage)
	fs.Var((*listFlag)(&o.formats), "format", "output `format`: "+strings.Join(output.Formats, ", ")+" (repeatable; default text)")
	fs.Var((*listFlag)(&o.outputs), "output", "write a format to a file, as `FORMAT=PATH` (repeatable)")
	fs.Var((*listFlag)(&o.outputs), "o", "shorthand for --output")
	fs.Var((*listFlag)(&o.only), "only", "run only these `rules or groups` (e.g. schema)")
	fs.Var((*listFlag)(&o.enable), "enable", "enable `rules or groups`, optionally as NAME=SEVERITY")
	fs.Var((*listFlag)(&o.disable), "disable", "disable `rules or groups`")
	fs.Var((*listFlag)(&o.include), "include", "`glob` of files to check in directories (repeatable; default *.json)")
	fs.Var((*listFlag)(&o.exclude), "exclude", "`glob` of files and directories to skip (repeatable)")
	fs.StringVar(&o.configPath, "config", "", "configuration `file` (default: .dilint.yaml found upwards from the working directory)")
	fs.StringVar(&o.failOn, "fail-on", "error", "exit 1 for findings at or above this `severity`: error, warning, info, or none")
	fs.StringVar(&o.color, "color", "auto", "colour text output: auto, always, never (auto honours NO_COLOR)")
	fs.StringVar(&o.stdinName, "stdin-filename", "", "`name` to report for standard input (-)")
	fs.Int64Var(&o.maxFileSize, "max-file-size", 32<<20, "skip files larger than this many `bytes`")
	fs.BoolVar(&o.fix, "fix", false, "apply suggested fixes to the files")
	fs.BoolVar(&o.diff, "diff", false, "with --fix, print the fixes as a unified diff instead of writing them")
	paths, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	if len(paths) == 0 {
		return c.usageError("no paths given; try 'dilint .' or 'dilint -h'")
	}
	if o.diff && !o.fix {
		o.fix = true
	}
	if o.fix && !o.diff && slices.Contains(paths, "-") {
		return c.usageError("--fix cannot write fixes back to standard input; add --diff to print them as a patch")
	}

	failOn, err := lint.ParseSeverity(o.failOn)
	if err != nil {
		return c.usageError("--fail-on: %v", err)
	}
	colorMode := o.color
	if colorMode != "auto" && colorMode != "always" && colorMode != "never" {
		return c.usageError("--color %q: valid values are auto, always, never", colorMode)
	}
	filter := fileFilter{include: o.include, exclude: o.exclude}
	if err := filter.validate(); err != nil {
		return c.usageError("%v", err)
	}
	dests, err := planOutputs(o.formats, o.outputs)
	if err != nil {
		return c.usageError("%v", err)
	}

	rules := lint.All()
	base, err := loadConfig(o.configPath)
	if err != nil {
		c.failure("%v", err)
		return ExitFailure
	}
	sel, err := newSelection(base, o.only, o.enable, o.disable, rules)
	if err != nil {
		return c.usageError("%v", err)
	}

	// With --diff the patch owns standard output; findings go to stderr.
	stdout := c.Stdout
	if o.diff {
		stdout = c.Stderr
	}
	outs, closeOutputs, err := openOutputs(dests, stdout, c.useColor(colorMode, stdout), output.Options{Rules: rules, ToolVersion: Version()})
	if err != nil {
		c.failure("%v", err)
		return ExitFailure
	}

	r := &runner{
		cmd:         c,
		linter:      &lint.Linter{Selector: sel},
		outputs:     outs,
		maxFileSize: o.maxFileSize,
		fix:         o.fix,
		diff:        o.diff,
	}
	summary, worst, err := r.run(discover(paths, filter, o.stdinName))
	if cerr := closeOutputs(); err == nil {
		err = cerr
	}
	if err != nil {
		c.failure("writing output: %v", err)
		return ExitFailure
	}
	switch {
	case summary.Failed > 0:
		return ExitFailure
	case failOn != lint.SeverityOff && worst >= failOn:
		return ExitFindings
	}
	return ExitOK
}

// useColor decides whether text output to w is coloured: always, never,
// or, for auto, when w is a terminal and NO_COLOR is unset or empty.
func (c *Command) useColor(mode string, w any) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if c.Getenv("NO_COLOR") != "" || c.Getenv("TERM") == "dumb" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// loadConfig loads the configuration file. Until package lint reads
// configuration files, only the absence of one is accepted.
func loadConfig(path string) (lint.Selector, error) {
	if path == "" {
		return nil, nil
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("--config %s: %v", path, describe(err))
	}
	return nil, fmt.Errorf("--config %s: configuration files are not supported by this build", path)
}
