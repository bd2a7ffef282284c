package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/dilint/dilint/internal/fileio"
	"github.com/dilint/dilint/internal/output"
	"github.com/dilint/dilint/lint"
)

// destination is where one format goes: a file, or standard output when
// path is empty.
type destination struct {
	format string
	path   string
}

// planOutputs pairs formats with destinations. Every --format goes to
// standard output unless an --output FORMAT=PATH sends it to a file; an
// --output for a format not listed adds it, keeping the default text on
// standard output when no --format was given. At most one format may use
// standard output. A bare --output PATH applies to the only format.
func planOutputs(formats, outputs []string) ([]destination, error) {
	for _, f := range formats {
		if !output.IsFormat(f) {
			return nil, fmt.Errorf("--format: %w%s", &output.UnknownFormatError{Name: f}, didYouMean(f, output.Formats))
		}
	}
	explicit := len(formats) > 0
	if !explicit {
		formats = []string{"text"}
	}
	paths := map[string]string{}
	var order []string
	for _, o := range outputs {
		format, path, ok := strings.Cut(o, "=")
		if !ok {
			if len(formats) != 1 || !explicit {
				return nil, fmt.Errorf("--output %s: say which format goes there, as FORMAT=PATH", o)
			}
			format, path = formats[0], o
		}
		if !output.IsFormat(format) {
			return nil, fmt.Errorf("--output: %w%s", &output.UnknownFormatError{Name: format}, didYouMean(format, output.Formats))
		}
		if path == "" {
			return nil, fmt.Errorf("--output %s: empty path", o)
		}
		if _, dup := paths[format]; dup {
			return nil, fmt.Errorf("--output: format %s given twice", format)
		}
		paths[format] = path
		order = append(order, format)
	}
	var dests []destination
	stdout := ""
	for _, f := range formats {
		if slices.ContainsFunc(dests, func(d destination) bool { return d.format == f }) {
			continue
		}
		p := paths[f]
		if p == "" || p == "-" {
			if stdout != "" {
				return nil, fmt.Errorf("--format %s and %s would both go to standard output; send one to a file with --output FORMAT=PATH", stdout, f)
			}
			stdout, p = f, ""
		}
		dests = append(dests, destination{format: f, path: p})
	}
	for _, f := range order {
		if !slices.ContainsFunc(dests, func(d destination) bool { return d.format == f }) {
			dests = append(dests, destination{format: f, path: paths[f]})
		}
	}
	return dests, nil
}

// openOutputs creates the outputs. Files are created now, so a path that
// cannot be written fails before any work is done.
func openOutputs(dests []destination, stdout io.Writer, color bool, opts output.Options) ([]output.Output, func() error, error) {
	var outs []output.Output
	var files []*os.File
	closeAll := func() error {
		var errs []error
		for _, f := range files {
			errs = append(errs, f.Close())
		}
		return errors.Join(errs...)
	}
	for _, d := range dests {
		w := stdout
		o := opts
		if d.path != "" {
			f, err := os.Create(d.path)
			if err != nil {
				_ = closeAll()
				return nil, nil, fmt.Errorf("--output %s=%s: %w", d.format, d.path, fileio.Describe(err))
			}
			files = append(files, f)
			w = f
		} else {
			o.Color = color
		}
		out, err := output.New(d.format, w, o)
		if err != nil {
			_ = closeAll()
			return nil, nil, err
		}
		outs = append(outs, out)
	}
	return outs, closeAll, nil
}

// writesFiles reports whether a report goes to a file.
func writesFiles(dests []destination) bool {
	for _, d := range dests {
		if d.path != "" {
			return true
		}
	}
	return false
}

// keepOutputsApart refuses a report or baseline file that is also an input
// named on the command line: writing it would destroy the input before it
// is read. A file found in a directory that is also an output is left out
// of the inputs instead, so a report kept beside the jobs does not stop
// the next run nor get checked as a job.
func keepOutputsApart(targets []lint.Target, dests []destination, baseline string) ([]lint.Target, error) {
	type out struct {
		flag string
		info os.FileInfo
	}
	var outs []out
	for _, d := range dests {
		if d.path == "" {
			continue
		}
		if info, err := os.Stat(d.path); err == nil {
			outs = append(outs, out{"--output " + d.format + "=" + d.path, info})
		}
	}
	if baseline != "" {
		if info, err := os.Stat(baseline); err == nil {
			outs = append(outs, out{"--write-baseline " + baseline, info})
		}
	}
	if len(outs) == 0 {
		return targets, nil
	}
	kept := targets[:0:0]
	for _, t := range targets {
		if t.Stdin || t.Err != nil {
			kept = append(kept, t)
			continue
		}
		info, err := os.Stat(t.Path)
		i := -1
		if err == nil {
			i = slices.IndexFunc(outs, func(o out) bool { return os.SameFile(o.info, info) })
		}
		switch {
		case i < 0:
			kept = append(kept, t)
		case t.Explicit:
			return nil, fmt.Errorf("%s: %s is also an input; writing the report there would overwrite it", outs[i].flag, t.Name)
		}
	}
	return kept, nil
}
