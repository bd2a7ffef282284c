package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"time"

	"github.com/dilint/dilint/internal/output"
	"github.com/dilint/dilint/lint"
	"github.com/dilint/dilint/taskcontent"
)

// runner checks targets in parallel and hands the results to the outputs
// in target order.
type runner struct {
	cmd *Command
	// selectorFor returns the rule selection of a file: its configuration
	// with the command line's choices on top.
	selectorFor func(file string) (*selection, error)
	// failOn, when set, overrides the configurations' fail-on.
	failOn *lint.Severity
	// maxSame, when not negative, overrides the configurations'
	// max-same-issues.
	maxSame int
	// baseline suppresses recorded findings; record, when set, collects
	// every finding for --write-baseline.
	baseline, record *lint.Baseline
	// changed, when set, keeps only findings on changed lines
	// (--new-from-rev, --new-from-patch).
	changed     *changes
	outputs     []output.Output
	maxFileSize int64
	jobs        int // workers; 0 means GOMAXPROCS
	fix, diff   bool
	// gc paces the garbage collector by the sizes of the files read.
	gc *gcPacing

	// failing counts the files with findings at or above their fail-on.
	failing int
}

// result is one target's outcome.
type result struct {
	file    output.File
	skipped bool // ignored by the configuration, or not a DataWorks document
	// notDataWorks says a skipped file is JSON but no DataWorks
	// document, which the summary counts.
	notDataWorks bool
	fails        bool   // a finding is at or above the file's fail-on
	configErr    bool   // file.Err comes from loading the configuration
	patch        []byte // the unified diff of the fixes, with --diff
	masked       int    // lines of patch with secrets masked
	// smallToken reports that the result holds one of run's small-result
	// tokens instead of a dispatch token.
	smallToken bool
}

// Results of files up to smallResultBytes may wait for their turn
// smallResultsPerWorker to a worker: a few megabytes at most.
const (
	smallResultBytes      = 64 << 10
	smallResultsPerWorker = 16
)

// run checks every target with at most jobs workers (GOMAXPROCS when
// jobs is 0). Results are
// written as soon as every earlier target's result has been, so output is
// deterministic and memory holds only the results waiting their turn. It
// returns the summary and the first output error.
func (r *runner) run(targets []target) (output.Summary, error) {
	workers := r.jobs
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	slots := make([]chan *result, len(targets))
	for i := range slots {
		slots[i] = make(chan *result, 1)
	}
	// A target holds a token from dispatch until it is written, bounding
	// the results that wait for their turn. A small file's result trades
	// its token for one of many more small ones when one is free (never
	// waiting for it, so no result can block the one being written): with
	// only 2×workers results in flight, the workers of a run over
	// thousands of small files kept waiting for the writer (10,000 batch
	// jobs 0.18 → 0.16 s), while the results of large files stay as few.
	tokens := make(chan struct{}, 2*workers)
	smallTokens := make(chan struct{}, smallResultsPerWorker*workers)
	work := make(chan int)
	go func() {
		defer close(work)
		for i := range targets {
			tokens <- struct{}{}
			work <- i
		}
	}()
	for range workers {
		go func() {
			for i := range work {
				res := r.check(targets[i])
				if len(res.file.Src) <= smallResultBytes {
					select {
					case smallTokens <- struct{}{}:
						res.smallToken = true
						<-tokens
					default:
					}
				}
				slots[i] <- res
			}
		}()
	}

	var (
		sum        output.Summary
		werr       error
		configErrs = map[string]bool{}
	)
	for i := range targets {
		res := <-slots[i]
		if res.smallToken {
			<-smallTokens
		} else {
			<-tokens
		}
		if res.skipped {
			if res.notDataWorks {
				sum.Skipped++
			}
			continue
		}
		f := &res.file
		switch {
		case res.configErr:
			// Every file under a broken configuration fails alike; say it
			// once.
			if msg := f.Err.Error(); !configErrs[msg] {
				configErrs[msg] = true
				r.cmd.failure("%s", msg)
			}
		case f.Err != nil:
			r.cmd.failure("%s: %v", output.QuotePath(f.Path), f.Err)
		}
		if res.fails {
			r.failing++
		}
		if f.WriteErr != nil {
			msg := fmt.Sprintf("%s: fixes not written: %v", output.QuotePath(f.Path), f.WriteErr)
			if errors.As(f.WriteErr, new(*HardLinkError)) {
				msg += " (dilint --fix --diff prints them for patch(1), which edits in place)"
			}
			r.cmd.failure("%s", msg)
		}
		if len(res.patch) > 0 {
			if _, err := r.cmd.Stdout.Write(res.patch); err != nil && werr == nil {
				werr = err
			}
			if res.masked > 0 {
				fmt.Fprint(r.cmd.Stderr, maskedNote(f.Path, res.masked))
			}
		}
		sum.Add(f)
		for _, o := range r.outputs {
			if err := o.Write(f); err != nil && werr == nil {
				werr = err
			}
		}
	}
	for _, o := range r.outputs {
		if err := o.Flush(sum); err != nil && werr == nil {
			werr = err
		}
	}
	return sum, werr
}

// check reads, lints and, with --fix, fixes one target.
func (r *runner) check(t target) *result {
	start := time.Now()
	res := &result{file: output.File{Path: t.display, Err: t.err}}
	defer func() { res.file.Elapsed = time.Since(start) }()
	if t.err != nil {
		return res
	}
	sel, err := r.selectorFor(t.display)
	if err != nil {
		res.file.Err, res.configErr = err, true
		return res
	}
	if sel.Ignored(t.display) {
		res.skipped = true
		return res
	}
	// A file that --fix may write is looked at before it is read, so
	// that the write can tell whether it changed since.
	var read *readState
	if r.fix && !r.diff && !t.stdin {
		if read, err = statForWrite(t.path); err != nil {
			res.file.Err = err
			return res
		}
	}
	src, err := r.read(t)
	if err != nil {
		res.file.Err = err
		return res
	}
	if read != nil {
		read.src = src
	}
	res.file.Src = src
	linter := &lint.Linter{Selector: sel}
	var doc *taskcontent.Document
	var diags []lint.Diagnostic
	switch off := bytes.IndexByte(src[:min(len(src), binarySniffLen)], 0); {
	case off >= 0 && taskcontent.SniffEncoding(src) == "":
		// UTF-16 and UTF-32 text has NUL bytes too; the parser names
		// the encoding, with a position.
		diags = []lint.Diagnostic{binaryDiagnostic(sel, t.display, off)}
	case r.fix:
		fixed := linter.FixFile(t.display, src)
		// Decide on skipping before anything is written: a file that is
		// skipped as no DataWorks document was not checked as one, and is
		// never written, whatever the fixes would do.
		if r.skips(t, fixed.Input) || r.skips(t, fixed.Doc) {
			res.skipped, res.notDataWorks = true, true
			return res
		}
		doc, diags = fixed.Doc, fixed.Diagnostics
		switch {
		case !fixed.Changed():
		case r.diff:
			before, after := taskcontent.ScanSecrets(src), (*taskcontent.Secrets)(nil)
			if fixed.Input != nil {
				before = fixed.Input.Secrets()
			}
			if fixed.Doc != nil {
				after = fixed.Doc.Secrets()
			}
			res.patch, res.masked = unifiedDiff(t.display, src, fixed.Src, before, after)
			res.file.Src = fixed.Src
		default:
			if err := writeFileAtomic(t.path, fixed.Src, read); err != nil {
				// The file keeps what it had: report that, not the fixed
				// version nobody will see.
				res.file.WriteErr = err
				doc, diags = linter.LintFile(t.display, src)
				break
			}
			res.file.Fixed = len(fixed.Applied)
			res.file.Src = fixed.Src
		}
	default:
		doc, diags = linter.LintFile(t.display, src)
	}
	if r.skips(t, doc) {
		res.skipped, res.notDataWorks = true, true
		return res
	}
	if r.baseline != nil {
		diags, _ = r.baseline.Filter(t.display, diags)
	}
	if r.changed != nil && t.path != "" {
		diags = r.changed.filter(t.path, diags)
	}
	if r.record != nil {
		r.record.Add(t.display, diags)
	}
	if doc != nil && len(diags) > 0 {
		// Every output redacts the findings of a file with its secrets:
		// find them here, in parallel, rather than in the one writer.
		doc.Secrets()
	}
	failOn, maxSame := lint.SeverityError, lint.DefaultMaxSameIssues
	if cfg, ok := sel.base.(*lint.Config); ok {
		failOn, maxSame = cfg.FailOn, cfg.MaxSameIssues
	}
	if r.failOn != nil {
		failOn = *r.failOn
	}
	if r.maxSame >= 0 {
		maxSame = r.maxSame
	}
	for _, d := range diags {
		if failOn != lint.SeverityOff && d.Severity >= failOn {
			res.fails = true
		}
	}
	// Every finding counted for fail-on and the baseline; the output shows
	// the first ones of each rule.
	res.file.Doc = doc
	res.file.Diagnostics, res.file.Hidden = lint.LimitSame(diags, maxSame)
	return res
}

// skips reports whether a target is skipped for what it holds: a file,
// named or found in a directory, that parses as JSON but is no DataWorks
// document. The summary counts it, so that a named file is never passed
// over in silence; pre-commit's \.json$ pattern stays safe (exit 0).
// Standard input is checked whatever it holds: piping it is asking.
func (r *runner) skips(t target, doc *taskcontent.Document) bool {
	return !t.stdin && doc != nil && doc.Kind() == taskcontent.KindUnknown
}

// binarySniffLen is how much of a file is searched for a NUL byte, the
// sign of a binary file (as git and grep decide).
const binarySniffLen = 8000

// binaryDiagnostic reports a binary file as a syntax finding: the file was
// read, so dilint did its job, and its answer is that this is not JSON.
func binaryDiagnostic(sel lint.Selector, name string, off int) lint.Diagnostic {
	d := lint.Diagnostic{
		Rule:     "syntax",
		Severity: lint.SeverityError,
		Message:  fmt.Sprintf("binary file (NUL byte at offset %d), not a JSON document", off),
	}
	if r, ok := lint.Lookup("syntax"); ok {
		d.URL = r.URL
		if sev, _ := sel.Severity(r, name); sev != lint.SeverityOff {
			d.Severity = sev
		}
	}
	return d
}

// errTooLarge is returned for files over --max-file-size.
type errTooLarge struct{ size, limit int64 }

func (e *errTooLarge) Error() string {
	if e.size == 0 {
		return fmt.Sprintf("input is over the %s limit; skipped (raise it with --max-file-size)", humanBytes(e.limit))
	}
	return fmt.Sprintf("file is %s, over the %s limit; skipped (raise it with --max-file-size)", humanBytes(e.size), humanBytes(e.limit))
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// read returns a target's bytes, refusing files over the size limit
// before reading them.
func (r *runner) read(t target) ([]byte, error) {
	if t.stdin {
		src, err := io.ReadAll(io.LimitReader(r.cmd.Stdin, r.maxFileSize+1))
		if err != nil {
			return nil, describe(err)
		}
		if int64(len(src)) > r.maxFileSize {
			return nil, &errTooLarge{limit: r.maxFileSize}
		}
		r.gc.sawFile(len(src))
		return src, nil
	}
	src, err := readFile(t.path, r.maxFileSize)
	r.gc.sawFile(len(src))
	return src, err
}
