package lint

import (
	"path"
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// Ignored implements Ignorer: the file matches an ignore glob, or lies in a
// directory that does.
func (c *Config) Ignored(file string) bool {
	if len(c.ignore) == 0 {
		return false
	}
	rel := c.rel(file)
	for _, g := range c.ignore {
		for p := rel; p != "." && p != "" && p != "/"; p = path.Dir(p) {
			if MatchGlob(g, p) {
				return true
			}
		}
	}
	return false
}

// rel returns file relative to the configuration's directory, with
// forward slashes, for glob matching.
func (c *Config) rel(file string) string {
	if c.Dir != "" {
		if abs, err := filepath.Abs(file); err == nil {
			if r, err := filepath.Rel(c.Dir, abs); err == nil {
				file = r
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(file))
}

func pointerWithin(p, prefix string) bool {
	return prefix == "" || p == prefix || strings.HasPrefix(p, prefix+"/")
}

// MatchGlob reports whether a slash-separated path matches a glob, in
// the one dialect dilint uses everywhere (ignore, overrides and policies
// in .dilint.yaml, --include and --exclude): doublestar's, that is
// path.Match within a segment, ** for any number of segments and {a,b}
// for alternatives; a pattern without a slash matches the last segment
// at any depth. A malformed pattern matches nothing (ValidGlob tells).
func MatchGlob(pattern, name string) bool {
	if !strings.Contains(pattern, "/") {
		name = name[strings.LastIndexByte(name, '/')+1:]
	}
	ok, err := doublestar.Match(pattern, name)
	return ok && err == nil
}

// ValidGlob reports whether pattern is a well-formed glob for MatchGlob.
func ValidGlob(pattern string) bool { return doublestar.ValidatePattern(pattern) }
