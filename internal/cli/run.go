package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"github.com/dilint/dilint/internal/output"
	"github.com/dilint/dilint/lint"
	"github.com/dilint/dilint/taskcontent"
)

// runner checks targets in parallel and hands the results to the outputs
// in target order.
type runner struct {
	cmd         *Command
	linter      *lint.Linter
	outputs     []output.Output
	maxFileSize int64
	fix, diff   bool
}

// result is one target's outcome.
type result struct {
	file     output.File
	skipped  bool   // found in a directory but not a DataWorks document
	fixed    int    // fixes applied
	patch    []byte // the unified diff of the fixes, with --diff
	writeErr error  // writing the fixed file failed
}

// run checks every target with at most GOMAXPROCS workers. Results are
// written as soon as every earlier target's result has been, so output is
// deterministic and memory holds only the results waiting their turn. It
// returns the summary, the worst severity found and the first output
// error.
func (r *runner) run(targets []target) (output.Summary, lint.Severity, error) {
	workers := runtime.GOMAXPROCS(0)
	slots := make([]chan *result, len(targets))
	for i := range slots {
		slots[i] = make(chan *result, 1)
	}
	// A target holds a token from dispatch until it is written, bounding
	// the results that wait for their turn.
	tokens := make(chan struct{}, 2*workers)
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
				slots[i] <- r.check(targets[i])
			}
		}()
	}

	var (
		sum   output.Summary
		worst lint.Severity
		werr  error
	)
	for i := range targets {
		res := <-slots[i]
		<-tokens
		if res.skipped {
			continue
		}
		f := &res.file
		if f.Err != nil {
			r.cmd.failure("%s: %v", f.Path, f.Err)
		}
		if res.writeErr != nil {
			r.cmd.failure("%s: writing fixes: %v", f.Path, res.writeErr)
			sum.Failed++
		}
		if len(res.patch) > 0 {
			if _, err := r.cmd.Stdout.Write(res.patch); err != nil && werr == nil {
				werr = err
			}
		}
		sum.Add(f)
		sum.Fixed += res.fixed
		for _, d := range f.Diagnostics {
			worst = max(worst, d.Severity)
		}
		for _, o := range r.outputs {
			if err := o.Write(f); err != nil && werr == nil {
				werr = err
			}
		}
	}
	if r.diff {
		// The diff only shows the fixes; nothing was applied.
		sum.Fixed = 0
	}
	for _, o := range r.outputs {
		if err := o.Flush(sum); err != nil && werr == nil {
			werr = err
		}
	}
	return sum, worst, werr
}

// check reads, lints and, with --fix, fixes one target.
func (r *runner) check(t target) *result {
	start := time.Now()
	res := &result{file: output.File{Path: t.display, Err: t.err}}
	defer func() { res.file.Elapsed = time.Since(start) }()
	if t.err != nil {
		return res
	}
	src, err := r.read(t)
	if err != nil {
		res.file.Err = err
		return res
	}
	res.file.Src = src
	if off := bytes.IndexByte(src[:min(len(src), binarySniffLen)], 0); off >= 0 {
		res.file.Diagnostics = []lint.Diagnostic{binaryDiagnostic(r.linter, t.display, off)}
		return res
	}
	doc, diags := r.linter.LintFile(t.display, src)
	if !t.explicit && doc != nil && doc.Kind() == taskcontent.KindUnknown {
		res.skipped = true
		return res
	}
	res.file.Doc, res.file.Diagnostics = doc, diags
	if r.fix && doc != nil {
		r.applyFixes(t, res)
	}
	return res
}

// binarySniffLen is how much of a file is searched for a NUL byte, the
// sign of a binary file (as git and grep decide).
const binarySniffLen = 8000

// binaryDiagnostic reports a binary file as a syntax finding: the file was
// read, so dilint did its job, and its answer is that this is not JSON.
func binaryDiagnostic(l *lint.Linter, name string, off int) lint.Diagnostic {
	d := lint.Diagnostic{
		Rule:     "syntax",
		Severity: lint.SeverityError,
		Message:  fmt.Sprintf("binary file (NUL byte at offset %d), not a JSON document", off),
	}
	if r, ok := lint.Lookup("syntax"); ok {
		d.URL = r.URL
		if l.Selector != nil {
			if sev, _ := l.Selector.Severity(r, name); sev != lint.SeverityOff {
				d.Severity = sev
			}
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
		return src, nil
	}
	f, err := os.Open(t.path)
	if err != nil {
		return nil, describe(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, describe(err)
	}
	if info.IsDir() {
		return nil, errors.New("is a directory")
	}
	if info.Size() > r.maxFileSize {
		return nil, &errTooLarge{size: info.Size(), limit: r.maxFileSize}
	}
	// The file may have grown since Stat.
	src, err := io.ReadAll(io.LimitReader(f, r.maxFileSize+1))
	if err != nil {
		return nil, describe(err)
	}
	if int64(len(src)) > r.maxFileSize {
		return nil, &errTooLarge{limit: r.maxFileSize}
	}
	return src, nil
}
