package cli

import (
	"errors"
	"fmt"
	"iter"

	"github.com/dilint/dilint/internal/fileio"
	"github.com/dilint/dilint/internal/output"
	"github.com/dilint/dilint/lint"
	"github.com/dilint/dilint/taskcontent"
)

// runner hands the results of lint.Driver to the outputs, in target
// order, and reports what could not be checked or written.
type runner struct {
	cmd     *Command
	driver  *lint.Driver
	outputs []output.Output

	// failing counts the files with findings at or above their fail-on.
	failing int
}

// run checks every target and writes each result as it comes. It returns
// the summary and the first output error.
func (r *runner) run(targets iter.Seq[lint.Target]) (output.Summary, error) {
	var (
		sum        output.Summary
		werr       error
		configErrs = map[string]bool{}
	)
	for res := range r.driver.Run(targets) {
		if res.Skipped {
			if res.NotDataWorks {
				sum.Skipped++
			}
			continue
		}
		switch {
		case res.ConfigErr:
			// Every file under a broken configuration fails alike; say it
			// once.
			if msg := res.Err.Error(); !configErrs[msg] {
				configErrs[msg] = true
				r.cmd.failure("%s", msg)
			}
		case res.Err != nil:
			r.cmd.failure("%s: %v", output.QuotePath(res.Name), res.Err)
		}
		if res.Fails {
			r.failing++
		}
		if res.WriteErr != nil {
			msg := fmt.Sprintf("%s: fixes not written: %v", output.QuotePath(res.Name), res.WriteErr)
			if errors.As(res.WriteErr, new(*fileio.HardLinkError)) {
				msg += " (dilint --fix --diff prints them for patch(1), which edits in place)"
			}
			r.cmd.failure("%s", msg)
		}
		if res.Original != nil {
			before, after := taskcontent.ScanSecrets(res.Original), (*taskcontent.Secrets)(nil)
			if res.Input != nil {
				before = res.Input.Secrets()
			}
			if res.Doc != nil {
				after = res.Doc.Secrets()
			}
			patch, masked := unifiedDiff(res.Name, res.Original, res.Src, before, after)
			if _, err := r.cmd.Stdout.Write(patch); err != nil && werr == nil {
				werr = err
			}
			if masked > 0 {
				fmt.Fprint(r.cmd.Stderr, maskedNote(res.Name, masked))
			}
		}
		f := &output.File{
			Path:        res.Name,
			Src:         res.Src,
			Doc:         res.Doc,
			Diagnostics: res.Diagnostics,
			Hidden:      res.Hidden,
			Err:         res.Err,
			Fixed:       res.Fixed,
			WriteErr:    res.WriteErr,
			Elapsed:     res.Elapsed,
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
