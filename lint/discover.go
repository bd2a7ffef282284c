package lint

import (
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/dilint/dilint/internal/fileio"
)

// Target is one input to check, as Discover finds it.
type Target struct {
	// Path opens the file; empty for standard input.
	Path string
	// Name names it in output: slash-separated, as the user wrote it.
	Name string
	// Explicit is set for files named on the command line or matched by
	// a glob there (and for standard input), as opposed to files found in
	// directories.
	Explicit bool
	// Stdin is set for standard input ("-").
	Stdin bool
	// Err is set when the input cannot be checked at all: it does not
	// exist, a glob matched nothing, a link is broken, ….
	Err error
}

// Filter chooses which files found in directories are checked. Both
// lists hold globs of MatchGlob's dialect, matched against the path
// relative to the directory named (a pattern without "/" matches the
// base name at any depth).
type Filter struct {
	// Include lists the files to check; empty means *.json.
	Include []string
	// Exclude lists files and directories to skip; it applies to files
	// named on the command line too.
	Exclude []string
}

// defaultInclude is what directories are searched for.
var defaultInclude = []string{"*.json"}

// skippedDirs are directories never descended into: version control,
// dependencies, and other hidden directories.
func skippedDir(name string) bool {
	return name == "node_modules" || (strings.HasPrefix(name, ".") && name != "." && name != "..")
}

// Validate reports the first malformed pattern.
func (f Filter) Validate() error {
	for _, p := range append(slices.Clone(f.Include), f.Exclude...) {
		if !ValidGlob(p) {
			return fmt.Errorf("bad pattern %q", p)
		}
	}
	return nil
}

func matchAny(patterns []string, rel string) bool {
	for _, p := range patterns {
		if MatchGlob(p, rel) {
			return true
		}
	}
	return false
}

func (f Filter) excluded(rel string) bool { return matchAny(f.Exclude, rel) }

func (f Filter) included(rel string) bool {
	inc := f.Include
	if len(inc) == 0 {
		inc = defaultInclude
	}
	return matchAny(inc, rel) && !f.excluded(rel)
}

// Discover turns command-line arguments into targets, in argument order
// and, within a directory, in lexical order; "-" is standard input, named
// stdinName in output ("<stdin>" when empty). Each path is yielded once.
// Directories are searched recursively for the files filter includes,
// skipping node_modules and directories whose names start with a dot;
// symbolic links to files are followed, links to directories are not, and
// only regular files are yielded, so a FIFO or device is read only when
// named. An argument that does not exist and holds a glob
// metacharacter is expanded as a doublestar glob. Problems with an
// argument (missing, unreadable, a symlink loop, a glob that matches
// nothing) become targets with Err set, so every bad input gets its own
// message and the others are still checked. Targets are found while the
// caller consumes them: a run over a large tree starts at once.
func Discover(args []string, filter Filter, stdinName string) iter.Seq[Target] {
	return func(yield func(Target) bool) {
		// A path can come twice across arguments (a directory and a file
		// in it) and within a glob (jobs/** matches a directory and the
		// files in it), but not within one directory's walk: a run over
		// one directory keeps no set of every path it has seen.
		seen := map[string]bool{}
		stopped := false
		add := func(t Target) bool {
			if stopped {
				return false
			}
			if seen != nil {
				key := t.Name
				if !t.Stdin && t.Err == nil {
					key = filepath.Clean(t.Path)
				}
				if seen[key] {
					return true
				}
				seen[key] = true
			}
			stopped = !yield(t)
			return !stopped
		}
		for _, arg := range args {
			if stopped {
				return
			}
			if arg == "-" {
				name := stdinName
				if name == "" {
					name = "<stdin>"
				}
				add(Target{Name: filepath.ToSlash(name), Explicit: true, Stdin: true})
				continue
			}
			info, err := os.Stat(arg)
			switch {
			case err == nil && info.IsDir():
				if len(args) == 1 {
					seen = nil
				}
				walkDir(arg, filter, add)
			case err == nil:
				if !filter.excluded(filepath.ToSlash(arg)) {
					add(Target{Path: arg, Name: filepath.ToSlash(arg), Explicit: true})
				}
			case os.IsNotExist(err) && hasMeta(arg):
				expandGlob(arg, filter, add)
			default:
				add(Target{Path: arg, Name: filepath.ToSlash(arg), Explicit: true, Err: fileio.Describe(err)})
			}
		}
	}
}

func hasMeta(p string) bool { return strings.ContainsAny(p, "*?[{") }

// expandGlob expands a pattern the shell left alone, such as 'jobs/**/*.json'.
func expandGlob(pattern string, filter Filter, add func(Target) bool) {
	matches, err := doublestar.FilepathGlob(pattern)
	if err != nil {
		add(Target{Name: filepath.ToSlash(pattern), Explicit: true, Err: fmt.Errorf("bad pattern: %w", err)})
		return
	}
	if len(matches) == 0 {
		add(Target{Name: filepath.ToSlash(pattern), Explicit: true, Err: fmt.Errorf("no file matches this pattern")})
		return
	}
	for _, m := range matches {
		info, err := os.Stat(m)
		switch {
		case err != nil:
			add(Target{Path: m, Name: filepath.ToSlash(m), Err: fileio.Describe(err)})
		case info.IsDir():
			walkDir(m, filter, add)
		case !info.Mode().IsRegular() || fileio.IsTempName(filepath.Base(m)):
			// As in a directory walk: a FIFO or device is read only when
			// named, and a leftover temporary file never.
		case !filter.excluded(filepath.ToSlash(m)):
			add(Target{Path: m, Name: filepath.ToSlash(m), Explicit: true})
		}
	}
}

// walkDir adds the files under root that the filter includes. Symbolic links
// to files are followed; links to directories are not, so a link cycle
// cannot make the walk endless. Only regular files are added: a FIFO,
// socket or device (or a link to one) could block the run or never end,
// so it is read only when named on the command line. Temporary files that
// an interrupted write of dilint left behind are skipped too. A link that
// cannot be resolved (dangling, or a loop) and an unreadable directory
// each give one failed target.
func walkDir(root string, filter Filter, add func(Target) bool) {
	emit := func(t Target) error {
		if !add(t) {
			return filepath.SkipAll
		}
		return nil
	}
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		display := filepath.ToSlash(p)
		if err != nil {
			return emit(Target{Path: p, Name: display, Err: fileio.Describe(err)})
		}
		if d.IsDir() {
			if p != root && (skippedDir(d.Name()) || filter.excluded(rel)) {
				return filepath.SkipDir
			}
			return nil
		}
		if !filter.included(rel) || fileio.IsTempName(d.Name()) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			info, err := os.Stat(p)
			if os.IsNotExist(err) {
				return emit(Target{Path: p, Name: display, Err: errors.New("broken symbolic link: its target does not exist")})
			}
			if err != nil {
				return emit(Target{Path: p, Name: display, Err: fileio.Describe(err)})
			}
			if !info.Mode().IsRegular() {
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		return emit(Target{Path: p, Name: display})
	})
}
