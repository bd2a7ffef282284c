package cli

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/dilint/dilint/internal/fileio"
	"github.com/dilint/dilint/internal/output"
	"github.com/dilint/dilint/lint"
)

// lintOptions are the flags of the lint command.
type lintOptions struct {
	formats, outputs      []string
	only, enable, disable []string
	include, exclude      []string
	configPath            string
	baseline              string
	writeBaseline         string
	failOn                string
	color                 string
	stdinName             string
	maxFileSize           byteSize
	maxSame               int
	fix, diff             bool
	quiet                 bool
	newFromRev            string
	newFromPatch          string
	jobs                  int
	profile               profiler
}

const lintUsage = `dilint [lint] [flags] [paths | globs | -]...

Files named on the command line are checked; '-' reads standard input.
Directories are searched recursively for *.json (--include and --exclude
change that), skipping node_modules and directories whose names start with
a dot; symbolic links to files are followed, links to directories are not,
and files that are not regular (FIFOs, sockets, devices) are skipped. JSON
files found in directories that are not DataWorks documents are skipped.`

func (c *Command) runLint(args []string) int {
	var o lintOptions
	fs := c.newFlagSet("lint", lintUsage)
	fs.Var((*listFlag)(&o.formats), "format", "output `format`: "+strings.Join(output.Formats, ", ")+" (repeatable; default text)")
	fs.Var((*listFlag)(&o.outputs), "output", "write a format to a file, as `FORMAT=PATH` (repeatable)")
	fs.Var((*listFlag)(&o.outputs), "o", "shorthand for --output")
	fs.Var((*listFlag)(&o.only), "only", "run only these `rules or groups` (e.g. schema)")
	fs.Var((*listFlag)(&o.enable), "enable", "enable `rules or groups`, optionally as NAME=SEVERITY")
	fs.Var((*listFlag)(&o.disable), "disable", "disable `rules or groups`")
	fs.Var((*repeatedFlag)(&o.include), "include", "`glob` of files to check in directories (repeatable; default *.json)")
	fs.Var((*repeatedFlag)(&o.exclude), "exclude", "`glob` of files and directories to skip (repeatable)")
	fs.StringVar(&o.configPath, "config", "", "configuration `file` for every input (default: the .dilint.yaml nearest above each file)")
	fs.StringVar(&o.failOn, "fail-on", "", "exit 1 for findings at or above this `severity`: error, warning, info, or none (default: the configuration's fail-on, else error)")
	fs.StringVar(&o.baseline, "baseline", "", "suppress the findings recorded in this baseline `file`")
	fs.StringVar(&o.writeBaseline, "write-baseline", "", "record every finding of this run in a baseline `file` and exit 0")
	fs.StringVar(&o.color, "color", "auto", "colour text output: auto, always, never (auto honours NO_COLOR)")
	fs.StringVar(&o.stdinName, "stdin-filename", "", "`name` to report for standard input (-)")
	o.maxFileSize = 32 << 20
	fs.Var(&o.maxFileSize, "max-file-size", "skip files larger than this `size` in bytes, or with a unit: 512KiB, 32MiB, 1GB (default 32MiB)")
	fs.IntVar(&o.maxSame, "max-same-issues", -1, fmt.Sprintf("show at most `N` findings of one rule per file, summing up the rest; 0 shows all (default: the configuration's max-same-issues, else %d)", lint.DefaultMaxSameIssues))
	// Kept so that hooks and scripts written for earlier versions still
	// run: what it asked for is now what dilint does.
	fs.Bool("ignore-unknown", false, "accepted for old pre-commit hooks: named files that are not DataWorks documents are skipped (and counted in the summary) anyway")
	fs.IntVar(&o.jobs, "jobs", 0, "check `N` files at a time (default: twice the number of CPUs)")
	fs.IntVar(&o.jobs, "j", 0, "shorthand for --jobs")
	fs.BoolVar(&o.quiet, "quiet", false, "print no summary line (text format)")
	fs.BoolVar(&o.quiet, "q", false, "shorthand for --quiet")
	fs.StringVar(&o.newFromRev, "new-from-rev", "", "report only findings on lines changed since this git `revision` (and in untracked files)")
	fs.StringVar(&o.newFromPatch, "new-from-patch", "", "report only findings on lines this unified diff `file` adds or changes")
	fs.BoolVar(&o.fix, "fix", false, "apply suggested fixes to the files")
	fs.BoolVar(&o.diff, "diff", false, "with --fix, print the fixes as a unified diff instead of writing them")
	fs.StringVar(&o.profile.cpuPath, "cpuprofile", "", "write a CPU profile of the run to `file` (for go tool pprof)")
	fs.StringVar(&o.profile.memPath, "memprofile", "", "write an allocation profile of the run to `file` (for go tool pprof)")
	paths, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	if len(paths) == 0 {
		return c.usageError("no paths given; try 'dilint .' or 'dilint -h'")
	}
	if o.jobs < 0 {
		return c.usageError("--jobs %d: give a positive number of files to check at a time", o.jobs)
	}
	if o.newFromRev != "" && o.newFromPatch != "" {
		return c.usageError("--new-from-rev and --new-from-patch: give one")
	}
	if (o.newFromRev != "" || o.newFromPatch != "") && (o.fix || o.diff) {
		return c.usageError("--fix works on whole files; it cannot be limited to changed lines with --new-from-rev or --new-from-patch")
	}
	if o.diff && !o.fix {
		o.fix = true
	}
	if o.fix && !o.diff && slices.Contains(paths, "-") {
		return c.usageError("--fix cannot write fixes back to standard input; add --diff to print them as a patch")
	}

	var failOn *lint.Severity
	if o.failOn != "" {
		sev, err := lint.ParseSeverity(o.failOn)
		if err != nil {
			return c.usageError("--fail-on: %v", err)
		}
		failOn = &sev
	}
	colorMode := o.color
	if colorMode != "auto" && colorMode != "always" && colorMode != "never" {
		return c.usageError("--color %q: valid values are auto, always, never", colorMode)
	}
	filter := lint.Filter{Include: o.include, Exclude: o.exclude}
	if err := filter.Validate(); err != nil {
		return c.usageError("%v", err)
	}
	dests, err := planOutputs(o.formats, o.outputs)
	if err != nil {
		return c.usageError("%v", err)
	}

	finder := lint.NewConfigFinder(o.configPath)
	if o.configPath != "" {
		// An explicit configuration applies to every file: load it now so
		// that a bad one is one message, not one per file.
		if _, err := finder.For(o.configPath); err != nil {
			c.failure("%v", err)
			return ExitFailure
		}
	}
	policies := policiesFor(finder, paths)
	choices, err := lint.NewChoices(o.only, o.enable, o.disable, policies)
	if err != nil {
		return c.usageError("%v", err)
	}
	choices.FailOn = failOn
	if o.maxSame >= 0 {
		choices.MaxSameIssues = &o.maxSame
	}
	finder.Choices = choices
	var changed *changes
	switch {
	case o.newFromRev != "":
		changed, err = changesFromRev(o.newFromRev)
	case o.newFromPatch != "":
		changed, err = changesFromPatch(o.newFromPatch)
	}
	if err != nil {
		c.failure("%v", err)
		return ExitFailure
	}
	var baseline *lint.Baseline
	if o.baseline != "" {
		if baseline, err = readBaseline(o.baseline); err != nil {
			c.failure("%v", err)
			return ExitFailure
		}
	}

	// Targets are found while the first ones are checked, unless a report
	// goes to a file: then every input is known first, so that none is
	// overwritten by opening the report.
	targets := lint.Discover(paths, filter, o.stdinName)
	if writesFiles(dests) || o.writeBaseline != "" {
		list, err := keepOutputsApart(slices.Collect(targets), dests, o.writeBaseline)
		if err != nil {
			return c.usageError("%v", err)
		}
		targets = slices.Values(list)
	}
	if (o.fix && !o.diff) || o.writeBaseline != "" {
		defer fileio.CleanupOnSignal()()
	}

	// With --diff the patch owns standard output; findings go to stderr.
	stdout := c.Stdout
	if o.diff {
		stdout = c.Stderr
	}
	outs, closeOutputs, err := openOutputs(dests, stdout, c.useColor(colorMode, stdout), output.Options{Rules: choices.Rules(policies()), ToolVersion: Version(), Quiet: o.quiet})
	if err != nil {
		c.failure("%v", err)
		return ExitFailure
	}

	gc := startGCPacing()
	d := &lint.Driver{
		SelectorFor: finder.SelectorFor,
		Workers:     o.jobs,
		MaxFileSize: int64(o.maxFileSize),
		Stdin:       c.Stdin,
		AfterRead:   gc.sawFile,
		Fix:         o.fix,
		DryRun:      o.diff,
		Baseline:    baseline,
	}
	if changed != nil {
		d.Keep = func(path string, ds []lint.Diagnostic) []lint.Diagnostic {
			if path == "" {
				return ds
			}
			return changed.filter(path, ds)
		}
	}
	if o.writeBaseline != "" {
		d.Record = lint.NewBaseline()
	}
	r := &runner{cmd: c, driver: d, outputs: outs}
	if err := o.profile.start(); err != nil {
		c.failure("%v", err)
		return ExitFailure
	}
	summary, err := r.run(targets)
	gc.restore()
	if perr := o.profile.stop(); perr != nil {
		c.failure("%v", perr)
		return ExitFailure
	}
	if cerr := closeOutputs(); err == nil {
		err = cerr
	}
	if err != nil {
		c.failure("writing output: %v", err)
		return ExitFailure
	}
	if d.Record != nil {
		if err := writeBaseline(o.writeBaseline, d.Record); err != nil {
			c.failure("%v", err)
			return ExitFailure
		}
		fmt.Fprintf(c.Stderr, "dilint: recorded %d findings in %s\n", d.Record.Len(), o.writeBaseline)
	}
	switch {
	case summary.Failed > 0 || summary.NotWritten > 0:
		return ExitFailure
	case r.failing > 0 && d.Record == nil:
		return ExitFindings
	}
	return ExitOK
}

// readBaseline loads a baseline file.
func readBaseline(path string) (*lint.Baseline, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--baseline %s: %v", path, fileio.Describe(err))
	}
	defer f.Close()
	b, err := lint.ReadBaseline(f)
	if err != nil {
		return nil, fmt.Errorf("--baseline %s: %v", path, err)
	}
	return b, nil
}

// writeBaseline writes the recorded findings atomically.
func writeBaseline(path string, b *lint.Baseline) error {
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		return err
	}
	if err := fileio.WriteAtomic(path, buf.Bytes(), nil); err != nil {
		return fmt.Errorf("--write-baseline %s: %v", path, fileio.Describe(err))
	}
	return nil
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
