package lint

import (
	"bytes"
	"fmt"
	"io"
	"iter"
	"runtime"
	"time"

	"github.com/dilint/dilint/internal/fileio"
	"github.com/dilint/dilint/taskcontent"
)

// DefaultMaxFileSize is the size above which Driver does not read a file.
const DefaultMaxFileSize = 32 << 20

// Driver runs a lint over files: it reads each target with the size
// limit, finds its configuration, skips what the configuration ignores,
// parses, runs the selected rules and policies, applies fixes when asked,
// filters through the baseline, and yields each file's result in target
// order while later files are still being checked. It is the pipeline of
// the dilint command; a program that lints a tree of jobs gets exactly
// what the command does by giving it the same targets and settings.
//
// The zero Driver lints with every rule at its default severity, on
// 2×GOMAXPROCS workers. A Driver must not be changed while Run is in use.
type Driver struct {
	// Linter holds the rules to run (Rules, nil for all) and the Selector
	// of every file when SelectorFor is nil.
	Linter
	// SelectorFor, when set, gives the Selector of each file, such as the
	// configuration nearest to it (ConfigFinder.SelectorFor); an error
	// fails that file with ConfigErr set. A Selector that is a *Config
	// also gives the file's fail-on and max-same-issues.
	SelectorFor func(file string) (Selector, error)
	// Workers bounds how many files are checked at once; 0 means
	// DefaultWorkers().
	Workers int
	// MaxFileSize is the size in bytes above which a file is not read
	// (its result has a *fileio.TooLargeError); 0 means
	// DefaultMaxFileSize.
	MaxFileSize int64
	// Stdin is read for the target with Stdin set; nil reads nothing.
	Stdin io.Reader
	// ReadFile, when set, reads a file instead of the file system (the
	// size limit still applies to what it returns).
	ReadFile func(path string) ([]byte, error)
	// AfterRead, when set, is called with the size of each input once it
	// is read, on the goroutine that read it (the dilint command paces
	// the garbage collector by it).
	AfterRead func(size int)

	// Fix applies the suggested fixes (Linter.FixFile) and writes each
	// changed file back with fileio.WriteAtomic, which refuses a file
	// that changed since it was read. Standard input is never written.
	Fix bool
	// DryRun, with Fix, computes the fixes without writing them: Src is
	// then the fixed file and Original the file as read.
	DryRun bool

	// Baseline, when set, drops the findings it records.
	Baseline *Baseline
	// Keep, when set, filters each file's findings after the baseline;
	// the dilint command keeps those on changed lines with it.
	Keep func(path string, ds []Diagnostic) []Diagnostic
	// Record, when set, collects every file's findings after Baseline and
	// Keep (for --write-baseline). Safe with many workers.
	Record *Baseline
}

// DefaultWorkers is the number of files a Driver checks at once unless
// told: two per CPU the Go scheduler uses (GOMAXPROCS). A worker spends
// about half its time in the system calls that open, read and close its
// file, and with one worker per CPU the CPUs sat idle for a third of a
// run over many small files: 50,000 batch jobs on 2 CPUs took 1.27 s
// with 2 workers (1.46 CPU-seconds per second) and 0.95 s with 4 (1.89);
// 6 and 8 gave no more (docs/PERFORMANCE.md).
func DefaultWorkers() int { return 2 * runtime.GOMAXPROCS(0) }

// FileResult is the outcome of checking one target.
type FileResult struct {
	// Target is the input this result is for.
	Target
	// Src is the file's content; nil when it could not be read. After
	// fixes it is the fixed content (written, or with DryRun, shown).
	Src []byte
	// Original is the content as read when fixes changed it but were not
	// written (DryRun, or standard input); nil otherwise.
	Original []byte
	// Doc is the parsed document Src holds; nil when the file is not JSON
	// or could not be read.
	Doc *taskcontent.Document
	// Input is the document as read, before fixes (Doc without fixes).
	Input *taskcontent.Document
	// Diagnostics are the findings shown, sorted by position: the first
	// MaxSameIssues of each rule (LimitSame).
	Diagnostics []Diagnostic
	// Hidden counts the findings left out of Diagnostics.
	Hidden int
	// Fails reports a finding, shown or hidden, at or above the file's
	// fail-on severity.
	Fails bool
	// Skipped reports a file not checked: ignored by its configuration,
	// or (NotDataWorks) JSON that is no DataWorks document, which is
	// skipped unless it came from standard input.
	Skipped, NotDataWorks bool
	// Err says why the file could not be checked at all (it does not
	// exist, cannot be read, is too large, its configuration is broken);
	// ConfigErr tells the last case.
	Err       error
	ConfigErr bool
	// Fixed is the number of fixes applied and written; zero with DryRun
	// or when writing failed.
	Fixed int
	// WriteErr says why the fixed file could not be written. The file
	// keeps its content then, and Src and Diagnostics describe it.
	WriteErr error
	// Elapsed is how long reading and checking the file took.
	Elapsed time.Duration
}

// Run checks the targets with at most Workers files at a time and yields
// their results in target order as soon as every earlier one has been
// yielded, so memory holds only the files in flight and the results
// waiting their turn, whatever the number of targets. Stopping the
// iteration stops starting new files.
func (d *Driver) Run(targets iter.Seq[Target]) iter.Seq[*FileResult] {
	return func(yield func(*FileResult) bool) {
		workers := d.Workers
		if workers <= 0 {
			workers = DefaultWorkers()
		}
		// A target holds a token from dispatch until it is yielded,
		// bounding the results that wait for their turn. A small file's
		// result trades its token for one of many more small ones when one
		// is free (never waiting for it, so no result can block the one
		// being yielded): with only 2×workers results in flight, the
		// workers of a run over thousands of small files kept waiting for
		// the consumer, while the results of large files stay as few.
		tokens := make(chan struct{}, 2*workers)
		smallTokens := make(chan struct{}, smallResultsPerWorker*workers)
		type job struct {
			t    Target
			slot chan *result
		}
		work := make(chan job)
		// order carries the slots in target order; every slot in it holds
		// a token, so its capacity is never the limit.
		order := make(chan chan *result, (2+smallResultsPerWorker)*workers)
		done := make(chan struct{})
		defer close(done)
		go func() {
			defer close(order)
			defer close(work)
			for t := range targets {
				select {
				case tokens <- struct{}{}:
				case <-done:
					return
				}
				slot := make(chan *result, 1)
				order <- slot
				select {
				case work <- job{t, slot}:
				case <-done:
					return
				}
			}
		}()
		for range workers {
			go func() {
				for j := range work {
					res := d.check(j.t)
					if len(res.Src) <= smallResultBytes {
						select {
						case smallTokens <- struct{}{}:
							res.smallToken = true
							<-tokens
						default:
						}
					}
					j.slot <- res
				}
			}()
		}
		for slot := range order {
			res := <-slot
			if res.smallToken {
				<-smallTokens
			} else {
				<-tokens
			}
			if !yield(&res.FileResult) {
				return
			}
		}
	}
}

// Results of files up to smallResultBytes may wait for their turn
// smallResultsPerWorker to a worker: a few megabytes at most.
const (
	smallResultBytes      = 64 << 10
	smallResultsPerWorker = 16
)

// result is a FileResult with the token it holds.
type result struct {
	FileResult
	// smallToken reports that the result holds a small-result token
	// instead of a dispatch token.
	smallToken bool
}

// RunFiles is Run over files named by path, each an explicit target.
func (d *Driver) RunFiles(paths ...string) iter.Seq[*FileResult] {
	return d.Run(func(yield func(Target) bool) {
		for _, p := range paths {
			if !yield(Target{Path: p, Name: p, Explicit: true}) {
				return
			}
		}
	})
}

// check reads, lints and, with Fix, fixes one target.
func (d *Driver) check(t Target) *result {
	start := time.Now()
	res := &result{FileResult: FileResult{Target: t, Err: t.Err}}
	defer func() { res.Elapsed = time.Since(start) }()
	if t.Err != nil {
		return res
	}
	sel := d.Selector
	if d.SelectorFor != nil {
		s, err := d.SelectorFor(t.Name)
		if err != nil {
			res.Err, res.ConfigErr = err, true
			return res
		}
		sel = s
	}
	if ig, ok := sel.(Ignorer); ok && ig.Ignored(t.Name) {
		res.Skipped = true
		return res
	}
	writes := d.Fix && !d.DryRun && !t.Stdin
	// A file that may be written is looked at before it is read, so that
	// the write can tell whether it changed since.
	var read *fileio.ReadState
	if writes {
		var err error
		if read, err = fileio.StatForWrite(t.Path); err != nil {
			res.Err = err
			return res
		}
	}
	src, err := d.Read(t)
	if err != nil {
		res.Err = err
		return res
	}
	if read != nil {
		read.Src = src
	}
	res.Src = src
	linter := Linter{Rules: d.Rules, Selector: sel}
	var diags []Diagnostic
	switch off := bytes.IndexByte(src[:min(len(src), binarySniffLen)], 0); {
	case off >= 0 && taskcontent.SniffEncoding(src) == "":
		// UTF-16 and UTF-32 text has NUL bytes too; the parser names
		// the encoding, with a position.
		diags = []Diagnostic{binaryDiagnostic(sel, t.Name, off)}
	case d.Fix:
		fixed := linter.FixFile(t.Name, src)
		// Decide on skipping before anything is written: a file that is
		// skipped as no DataWorks document was not checked as one, and is
		// never written, whatever the fixes would do.
		if skips(t, fixed.Input) || skips(t, fixed.Doc) {
			res.Skipped, res.NotDataWorks = true, true
			return res
		}
		res.Input, res.Doc, diags = fixed.Input, fixed.Doc, fixed.Diagnostics
		switch {
		case !fixed.Changed():
		case !writes:
			res.Original, res.Src = src, fixed.Src
		default:
			if err := fileio.WriteAtomic(t.Path, fixed.Src, read); err != nil {
				// The file keeps what it had: report that, not the fixed
				// version nobody will see.
				res.WriteErr = err
				res.Doc, diags = linter.LintFile(t.Name, src)
				break
			}
			res.Fixed = len(fixed.Applied)
			res.Src = fixed.Src
		}
	default:
		res.Doc, diags = linter.LintFile(t.Name, src)
		res.Input = res.Doc
	}
	if skips(t, res.Doc) {
		res.Skipped, res.NotDataWorks = true, true
		return res
	}
	if d.Baseline != nil {
		diags, _ = d.Baseline.Filter(t.Name, diags)
	}
	if d.Keep != nil {
		diags = d.Keep(t.Path, diags)
	}
	if d.Record != nil {
		d.Record.Add(t.Name, diags)
	}
	if res.Doc != nil && len(diags) > 0 {
		// Every output redacts the findings of a file with its secrets:
		// find them here, in parallel, rather than in the one consumer.
		res.Doc.Secrets()
	}
	failOn, maxSame := SeverityError, DefaultMaxSameIssues
	if cfg, ok := sel.(*Config); ok {
		failOn, maxSame = cfg.FailOn, cfg.MaxSameIssues
	}
	for _, dg := range diags {
		if failOn != SeverityOff && dg.Severity >= failOn {
			res.Fails = true
			break
		}
	}
	// Every finding counts for fail-on and the baseline; the result
	// shows the first ones of each rule.
	res.Diagnostics, res.Hidden = LimitSame(diags, maxSame)
	return res
}

// skips reports whether a target is skipped for what it holds: a file,
// named or found in a directory, that parses as JSON but is no DataWorks
// document. Standard input is checked whatever it holds: piping it is
// asking.
func skips(t Target, doc *taskcontent.Document) bool {
	return !t.Stdin && doc != nil && doc.Kind() == taskcontent.KindUnknown
}

// binarySniffLen is how much of a file is searched for a NUL byte, the
// sign of a binary file (as git and grep decide).
const binarySniffLen = 8000

// binaryDiagnostic reports a binary file as a syntax finding: the file was
// read, so the driver did its job, and its answer is that this is not
// JSON.
func binaryDiagnostic(sel Selector, name string, off int) Diagnostic {
	d := Diagnostic{
		Rule:     syntaxRuleName,
		Severity: SeverityError,
		Message:  fmt.Sprintf("binary file (NUL byte at offset %d), not a JSON document", off),
	}
	if r, ok := Lookup(syntaxRuleName); ok {
		d.URL = r.URL
		if sev, _ := severity(sel, r, name); sev != SeverityOff {
			d.Severity = sev
		}
	}
	return d
}

// Read returns a target's bytes as Run reads them, refusing a file over
// the size limit before reading it.
func (d *Driver) Read(t Target) ([]byte, error) {
	limit := d.MaxFileSize
	if limit <= 0 {
		limit = DefaultMaxFileSize
	}
	var src []byte
	var err error
	switch {
	case t.Stdin:
		if d.Stdin == nil {
			src = []byte{}
			break
		}
		src, err = io.ReadAll(io.LimitReader(d.Stdin, limit+1))
		if err != nil {
			return nil, fileio.Describe(err)
		}
		if int64(len(src)) > limit {
			return nil, &fileio.TooLargeError{Limit: limit}
		}
	case d.ReadFile != nil:
		src, err = d.ReadFile(t.Path)
		if err == nil && int64(len(src)) > limit {
			err = &fileio.TooLargeError{Size: int64(len(src)), Limit: limit}
		}
	default:
		src, err = fileio.ReadFile(t.Path, limit)
	}
	if d.AfterRead != nil {
		d.AfterRead(len(src))
	}
	if err != nil {
		return nil, err
	}
	return src, nil
}
