package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/dilint/dilint/lint"
)

// target is one input to check.
type target struct {
	// path opens the file; empty for standard input.
	path string
	// display names it in output: slash-separated, as the user wrote it.
	display string
	// explicit is set for files named on the command line (or standard
	// input): they are checked whatever their content, while files found
	// in directories are skipped when they are not DataWorks documents.
	explicit bool
	stdin    bool
	// err is set when the input cannot be checked at all.
	err error
}

// fileFilter chooses which files found in directories are checked.
type fileFilter struct {
	include []string // globs of lint.MatchGlob; a pattern without "/" matches the base name
	exclude []string
}

// defaultInclude is what directories are searched for.
var defaultInclude = []string{"*.json"}

// skippedDirs are directories never descended into: version control,
// dependencies, and other hidden directories.
func skippedDir(name string) bool {
	return name == "node_modules" || (strings.HasPrefix(name, ".") && name != "." && name != "..")
}

func (f fileFilter) validate() error {
	for _, p := range append(append([]string(nil), f.include...), f.exclude...) {
		if !lint.ValidGlob(p) {
			return fmt.Errorf("bad pattern %q", p)
		}
	}
	return nil
}

func matchAny(patterns []string, rel string) bool {
	for _, p := range patterns {
		if lint.MatchGlob(p, rel) {
			return true
		}
	}
	return false
}

func (f fileFilter) excluded(rel string) bool { return matchAny(f.exclude, rel) }

func (f fileFilter) included(rel string) bool {
	inc := f.include
	if len(inc) == 0 {
		inc = defaultInclude
	}
	return matchAny(inc, rel) && !f.excluded(rel)
}

// discover turns command-line arguments into targets, in argument order
// and, within a directory, in lexical order. Each path is checked once.
// Problems with an argument (missing, unreadable, a symlink loop, a glob
// that matches nothing) become targets with err set, so every bad input
// gets its own message and the others are still checked.
func discover(args []string, filter fileFilter, stdinName string) []target {
	var out []target
	seen := map[string]bool{}
	add := func(t target) {
		key := t.display
		if !t.stdin && t.err == nil {
			key = filepath.Clean(t.path)
		}
		if seen[key] {
			return
		}
		seen[key] = true
		out = append(out, t)
	}
	for _, arg := range args {
		if arg == "-" {
			name := stdinName
			if name == "" {
				name = "<stdin>"
			}
			add(target{display: filepath.ToSlash(name), explicit: true, stdin: true})
			continue
		}
		info, err := os.Stat(arg)
		switch {
		case err == nil && info.IsDir():
			walk(arg, filter, add)
		case err == nil:
			if !filter.excluded(filepath.ToSlash(arg)) {
				add(target{path: arg, display: filepath.ToSlash(arg), explicit: true})
			}
		case os.IsNotExist(err) && hasMeta(arg):
			glob(arg, filter, add)
		default:
			add(target{path: arg, display: filepath.ToSlash(arg), explicit: true, err: describe(err)})
		}
	}
	return out
}

func hasMeta(p string) bool { return strings.ContainsAny(p, "*?[{") }

// glob expands a pattern the shell left alone, such as 'jobs/**/*.json'.
func glob(pattern string, filter fileFilter, add func(target)) {
	matches, err := doublestar.FilepathGlob(pattern)
	if err != nil {
		add(target{display: filepath.ToSlash(pattern), explicit: true, err: fmt.Errorf("bad pattern: %w", err)})
		return
	}
	if len(matches) == 0 {
		add(target{display: filepath.ToSlash(pattern), explicit: true, err: fmt.Errorf("no file matches this pattern")})
		return
	}
	for _, m := range matches {
		info, err := os.Stat(m)
		switch {
		case err != nil:
			add(target{path: m, display: filepath.ToSlash(m), err: describe(err)})
		case info.IsDir():
			walk(m, filter, add)
		case !info.Mode().IsRegular() || isTempName(filepath.Base(m)):
			// As in a directory walk: a FIFO or device is read only when
			// named, and a leftover temporary file never.
		case !filter.excluded(filepath.ToSlash(m)):
			add(target{path: m, display: filepath.ToSlash(m), explicit: true})
		}
	}
}

// walk adds the files under root that the filter includes. Symbolic links
// to files are followed; links to directories are not, so a link cycle
// cannot make the walk endless. Only regular files are added: a FIFO,
// socket or device (or a link to one) could block the run or never end,
// so it is read only when named on the command line. Temporary files that
// an interrupted write of dilint left behind are skipped too. A link that
// cannot be resolved (dangling, or a loop) and an unreadable directory
// each give one failed target.
func walk(root string, filter fileFilter, add func(target)) {
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		display := filepath.ToSlash(p)
		if err != nil {
			add(target{path: p, display: display, err: describe(err)})
			return nil
		}
		if d.IsDir() {
			if p != root && (skippedDir(d.Name()) || filter.excluded(rel)) {
				return filepath.SkipDir
			}
			return nil
		}
		if !filter.included(rel) || isTempName(d.Name()) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			info, err := os.Stat(p)
			if os.IsNotExist(err) {
				add(target{path: p, display: display, err: errors.New("broken symbolic link: its target does not exist")})
				return nil
			}
			if err != nil {
				add(target{path: p, display: display, err: describe(err)})
				return nil
			}
			if !info.Mode().IsRegular() {
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		add(target{path: p, display: display})
		return nil
	})
}

// describe turns a file-system error into a short message without the
// path, which the output prints in front of it anyway.
func describe(err error) error {
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		return err
	}
	switch {
	case errors.Is(pe.Err, syscall.ELOOP):
		return errors.New("symbolic link loop: too many levels of symbolic links")
	case os.IsNotExist(pe.Err):
		return errors.New("no such file or directory")
	case os.IsPermission(pe.Err):
		return errors.New("permission denied")
	}
	return pe.Err
}
