package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/dilint/dilint/internal/fileio"
	"github.com/dilint/dilint/lint"
)

// changes are the lines a change added or modified, for --new-from-rev
// and --new-from-patch: findings elsewhere are not reported, as
// golangci-lint's options of the same names do. Files are keyed by their
// absolute, cleaned path.
type changes struct {
	lines map[string][]lineRange // the changed lines of a changed file
	whole map[string]bool        // new files: every line counts
}

// lineRange is a closed range of 1-based lines.
type lineRange struct{ first, last int }

// changesFromRev asks git for what changed between rev and the work tree
// (committed, staged and unstaged), plus the untracked files, which are
// new as a whole.
func changesFromRev(rev string) (*changes, error) {
	top, err := git("rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("--new-from-rev needs a git work tree: %v", err)
	}
	root := realPath(strings.TrimSpace(string(top)))
	if _, err := git("rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("--new-from-rev %s: not a commit in this repository", rev)
	}
	patch, err := git("-C", root, "diff", "--no-ext-diff", "--no-color", "--no-renames", "-U0", rev, "--")
	if err != nil {
		return nil, fmt.Errorf("--new-from-rev %s: git diff: %v", rev, err)
	}
	ch, err := parsePatch(bytes.NewReader(patch), root)
	if err != nil {
		return nil, fmt.Errorf("--new-from-rev %s: %v", rev, err)
	}
	untracked, err := git("-C", root, "ls-files", "--others", "--exclude-standard", "-z")
	if err != nil {
		return nil, fmt.Errorf("--new-from-rev %s: git ls-files: %v", rev, err)
	}
	for _, name := range strings.Split(string(untracked), "\x00") {
		if name != "" {
			ch.whole[filepath.Join(root, filepath.FromSlash(name))] = true
		}
	}
	return ch, nil
}

// changesFromPatch reads a unified diff (git diff, diff -u); its paths are
// relative to the working directory, after a/ and b/ prefixes.
func changesFromPatch(path string) (*changes, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--new-from-patch %s: %v", path, fileio.Describe(err))
	}
	defer f.Close()
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	ch, err := parsePatch(f, realPath(wd))
	if err != nil {
		return nil, fmt.Errorf("--new-from-patch %s: %v", path, err)
	}
	return ch, nil
}

func git(args ...string) ([]byte, error) {
	var stderr bytes.Buffer
	cmd := exec.Command("git", args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, errors.New(firstLine(msg))
		}
		return nil, err
	}
	return out, nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// parsePatch collects the lines each hunk of a unified diff adds ("+"
// lines; context lines are not changes). A new file (from /dev/null)
// counts as a whole.
func parsePatch(r io.Reader, dir string) (*changes, error) {
	ch := &changes{lines: map[string][]lineRange{}, whole: map[string]bool{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 64<<20)
	var file string
	fromNull := false
	oldLeft, newLeft, newLine := 0, 0, 0 // what remains of the current hunk
	for sc.Scan() {
		line := sc.Text()
		if oldLeft > 0 || newLeft > 0 {
			switch {
			case strings.HasPrefix(line, "+"):
				if file != "" {
					ch.add(file, newLine)
				}
				newLine++
				newLeft--
			case strings.HasPrefix(line, "-"):
				oldLeft--
			case strings.HasPrefix(line, `\`): // "\ No newline at end of file"
			default: // context
				newLine++
				newLeft--
				oldLeft--
			}
			continue
		}
		switch {
		case strings.HasPrefix(line, "--- "):
			fromNull = strings.TrimSpace(strings.TrimPrefix(line, "--- ")) == "/dev/null"
		case strings.HasPrefix(line, "+++ "):
			name := patchPath(strings.TrimPrefix(line, "+++ "))
			if name == "" {
				file = "" // deleted
				continue
			}
			file = filepath.Join(dir, filepath.FromSlash(name))
			if fromNull {
				ch.whole[file] = true
			}
		case strings.HasPrefix(line, "@@ "):
			var err error
			if oldLeft, newLine, newLeft, err = hunkHeader(line); err != nil {
				return nil, err
			}
		}
	}
	return ch, sc.Err()
}

// add records a changed line, extending the last range when adjacent.
func (ch *changes) add(file string, line int) {
	rs := ch.lines[file]
	if n := len(rs); n > 0 && rs[n-1].last == line-1 {
		rs[n-1].last = line
		return
	}
	ch.lines[file] = append(rs, lineRange{line, line})
}

// patchPath is the file name of a ---/+++ line: without the a/ or b/
// prefix and a timestamp after a tab; "" for /dev/null.
func patchPath(s string) string {
	s, _, _ = strings.Cut(s, "\t")
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, `"`) {
		if u, err := strconv.Unquote(s); err == nil {
			s = u
		}
	}
	if s == "/dev/null" {
		return ""
	}
	if rest, ok := strings.CutPrefix(s, "b/"); ok {
		return rest
	}
	return s
}

// hunkHeader parses "@@ -a,b +c,d @@": the old side's line count, the
// new side's first line and its line count (a count left out is 1).
func hunkHeader(header string) (oldCount, newFirst, newCount int, err error) {
	fields := strings.Fields(header)
	if len(fields) < 3 || !strings.HasPrefix(fields[1], "-") || !strings.HasPrefix(fields[2], "+") {
		return 0, 0, 0, fmt.Errorf("bad hunk header %q", header)
	}
	_, oldCount, err1 := parseHunkRange(fields[1][1:])
	newFirst, newCount, err2 := parseHunkRange(fields[2][1:])
	if err1 != nil || err2 != nil {
		return 0, 0, 0, fmt.Errorf("bad hunk header %q", header)
	}
	return oldCount, newFirst, newCount, nil
}

func parseHunkRange(s string) (int, int, error) {
	start, count, hasCount := strings.Cut(s, ",")
	first, err := strconv.Atoi(start)
	if err != nil {
		return 0, 0, err
	}
	n := 1
	if hasCount {
		if n, err = strconv.Atoi(count); err != nil || n < 0 {
			return 0, 0, errors.New("bad count")
		}
	}
	return first, n, nil
}

// filter keeps the diagnostics of path that start on a changed line. A
// finding without a position (about the file as a whole) is kept when the
// file changed at all.
func (ch *changes) filter(path string, diags []lint.Diagnostic) []lint.Diagnostic {
	abs, err := filepath.Abs(path)
	if err != nil {
		return diags
	}
	abs = realPath(abs)
	if ch.whole[abs] {
		return diags
	}
	ranges, changed := ch.lines[abs]
	if !changed {
		return nil
	}
	kept := diags[:0:0]
	for _, d := range diags {
		if !d.Start.IsValid() || inRanges(ranges, d.Start.Line) {
			kept = append(kept, d)
		}
	}
	return kept
}

func inRanges(ranges []lineRange, line int) bool {
	for _, r := range ranges {
		if line >= r.first && line <= r.last {
			return true
		}
	}
	return false
}

// realPath resolves symbolic links, so that a file named through a linked
// directory matches git's name for it; a path that cannot be resolved is
// used as it is.
func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}
