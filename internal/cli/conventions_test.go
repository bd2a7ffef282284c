package cli_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestQuietAndJobs: -q drops the summary line and nothing else; -j 1 and
// -j 4 give the same output.
func TestQuietAndJobs(t *testing.T) {
	loud := dilint(t, "", "", "testdata/samples")
	loud.wantCode(t, 1)
	quiet := dilint(t, "", "", "-q", "testdata/samples")
	quiet.wantCode(t, 1)
	lines := strings.Split(strings.TrimSuffix(loud.stdout, "\n"), "\n")
	last := lines[len(lines)-1]
	if !strings.Contains(last, "problems") {
		t.Fatalf("last line of the text output is not the summary: %q", last)
	}
	if want := strings.Join(lines[:len(lines)-1], "\n") + "\n"; quiet.stdout != want {
		t.Errorf("-q output is not the output without its summary:\n%s", quiet.stdout)
	}
	one := dilint(t, "", "", "-j", "1", "--format", "json", "testdata/samples", "internal/cli/testdata/input")
	four := dilint(t, "", "", "--jobs", "4", "--format", "json", "testdata/samples", "internal/cli/testdata/input")
	if one.stdout != four.stdout || one.code != four.code {
		t.Error("-j 1 and -j 4 give different results")
	}
	bad := dilint(t, "", "", "-j", "-2", "testdata/samples")
	bad.wantCode(t, 2)
}

// completionCases are what a user types and what the shell must offer.
var completionCases = []struct {
	words []string // the command line, the last word being completed
	want  []string // completions that must be among those offered
	not   []string // completions that must not be
}{
	{[]string{"dilint", "fm"}, []string{"fmt"}, []string{"lint"}},
	{[]string{"dilint", "--format", "sa"}, []string{"sarif"}, []string{"json"}},
	{[]string{"dilint", "--format", "code"}, []string{"codequality"}, nil},
	{[]string{"dilint", "fmt", "--ch"}, []string{"--check"}, []string{"--fix"}},
	{[]string{"dilint", "--fi"}, []string{"--fix"}, []string{"--check"}},
	{[]string{"dilint", "explain", "hop-c"}, []string{"hop-cycle"}, nil},
	{[]string{"dilint", "completion", "z"}, []string{"zsh"}, nil},
}

func completionScript(t *testing.T, shell string) string {
	t.Helper()
	r := dilint(t, "", "", "completion", shell)
	r.wantCode(t, 0)
	path := filepath.Join(t.TempDir(), "dilint."+shell)
	if err := os.WriteFile(path, []byte(r.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func checkCompletions(t *testing.T, shell string, words []string, got string, want, not []string) {
	t.Helper()
	offered := map[string]bool{}
	for _, line := range strings.Split(got, "\n") {
		// fish prints "candidate<TAB>description"; zsh's _describe stub
		// prints "candidate:description".
		line, _, _ = strings.Cut(line, "\t")
		if shell == "zsh" {
			line, _, _ = strings.Cut(line, ":")
		}
		offered[strings.TrimSpace(line)] = true
	}
	for _, w := range want {
		if !offered[w] {
			t.Errorf("%s: %q does not offer %s; offered:\n%s", shell, strings.Join(words, " "), w, got)
		}
	}
	for _, n := range not {
		if offered[n] {
			t.Errorf("%s: %q offers %s", shell, strings.Join(words, " "), n)
		}
	}
}

// TestCompletion runs each shell's completion script in that shell and
// checks what it offers (bash always; zsh and fish where installed, as in
// CI).
func TestCompletion(t *testing.T) {
	r := dilint(t, "", "", "completion", "tcsh")
	r.wantCode(t, 2)

	t.Run("bash", func(t *testing.T) {
		script := completionScript(t, "bash")
		for _, tc := range completionCases {
			prog := `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _dilint; printf '%s\n' "${COMPREPLY[@]}"`
			out, err := exec.Command("bash", append([]string{"-c", prog, "bash", script}, tc.words...)...).CombinedOutput()
			if err != nil {
				t.Fatalf("bash: %v\n%s", err, out)
			}
			checkCompletions(t, "bash", tc.words, string(out), tc.want, tc.not)
		}
	})
	t.Run("zsh", func(t *testing.T) {
		if _, err := exec.LookPath("zsh"); err != nil {
			t.Skip("zsh is not installed")
		}
		script := completionScript(t, "zsh")
		if out, err := exec.Command("zsh", "-n", script).CombinedOutput(); err != nil {
			t.Fatalf("zsh -n: %v\n%s", err, out)
		}
		// The completion system's builtins are stubbed to print what the
		// function would offer.
		stubs := `compadd() { [[ $1 == -- ]] && shift; print -l -- "$@"; }; _describe() { print -l -- "${(@P)4}"; }; _files() { :; }`
		for _, tc := range completionCases {
			prog := stubs + `; script=$1; shift; words=("$@"); CURRENT=$#; PREFIX=${words[CURRENT]}; source "$script"`
			out, err := exec.Command("zsh", append([]string{"-c", prog, "zsh", script}, tc.words...)...).CombinedOutput()
			if err != nil {
				t.Fatalf("zsh: %v\n%s", err, out)
			}
			// compadd offers everything; the shell filters by the prefix.
			var matching []string
			for _, line := range strings.Split(string(out), "\n") {
				if strings.HasPrefix(line, tc.words[len(tc.words)-1]) {
					matching = append(matching, line)
				}
			}
			checkCompletions(t, "zsh", tc.words, strings.Join(matching, "\n"), tc.want, tc.not)
		}
	})
	t.Run("fish", func(t *testing.T) {
		if _, err := exec.LookPath("fish"); err != nil {
			t.Skip("fish is not installed")
		}
		script := completionScript(t, "fish")
		for _, tc := range completionCases {
			out, err := exec.Command("fish", "-c", `source $argv[1]; complete -C $argv[2]`, script, strings.Join(tc.words, " ")).CombinedOutput()
			if err != nil {
				t.Fatalf("fish: %v\n%s", err, out)
			}
			checkCompletions(t, "fish", tc.words, string(out), tc.want, tc.not)
		}
	})
}

// TestNewFromRev: with --new-from-rev only findings on lines changed since
// the revision (committed, staged or not) and in untracked files are
// reported; --new-from-patch does the same from a diff file.
func TestNewFromRev(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	isolateGit(t)
	dir := t.TempDir()
	gitRun := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.invalid", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.invalid")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	// A job whose duplicate key (line 3) is old debt.
	old := "{\n  \"type\": \"job\",\n  \"type\": \"job\",\n  \"version\": \"2.0\",\n  \"steps\": [],\n  \"order\": {\"hops\": []}\n}\n"
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("old.json", old)
	write("untouched.json", old)
	gitRun("init", "-q")
	gitRun("add", ".")
	gitRun("commit", "-q", "-m", "debt")
	// The change adds a second duplicate key on line 6 of old.json and a
	// new file with one of its own.
	write("old.json", strings.Replace(old, "  \"steps\": [],\n", "  \"steps\": [],\n  \"steps\": [],\n", 1))
	write("new.json", old)

	only := []string{"--only", "duplicate-key", "--format", "json"}
	// findings lists "file:line" of each finding of a JSON report.
	findings := func(r run) []string {
		t.Helper()
		var report struct {
			Files []struct {
				Path        string
				Diagnostics []struct{ Start struct{ Line int } }
			}
		}
		if err := json.Unmarshal([]byte(r.stdout), &report); err != nil {
			t.Fatalf("%v\n%s", err, r.stdout)
		}
		var got []string
		for _, f := range report.Files {
			for _, d := range f.Diagnostics {
				got = append(got, fmt.Sprintf("%s:%d", f.Path, d.Start.Line))
			}
		}
		slices.Sort(got)
		return got
	}
	check := func(what string, r run, want ...string) {
		t.Helper()
		r.wantCode(t, 1)
		if got := findings(r); !slices.Equal(got, want) {
			t.Errorf("%s: findings %v, want %v", what, got, want)
		}
	}
	check("no filter", dilint(t, dir, "", append(only, ".")...), "new.json:3", "old.json:3", "old.json:6", "untouched.json:3")
	check("--new-from-rev", dilint(t, dir, "", append(only, "--new-from-rev", "HEAD", ".")...), "new.json:3", "old.json:6")
	gitRun("add", "old.json")
	check("--new-from-rev, staged", dilint(t, dir, "", append(only, "--new-from-rev", "HEAD", ".")...), "new.json:3", "old.json:6")
	write("change.patch", gitRun("diff", "HEAD"))
	check("--new-from-patch", dilint(t, dir, "", append(only, "--new-from-patch", "change.patch", ".")...), "old.json:6")

	bad := dilint(t, dir, "", append(only, "--new-from-rev", "no-such-rev", ".")...)
	bad.wantCode(t, 3)
	if !strings.Contains(bad.stderr, "not a commit") {
		t.Errorf("bad revision: %s", bad.stderr)
	}
	fix := dilint(t, dir, "", "--fix", "--new-from-rev", "HEAD", ".")
	fix.wantCode(t, 2)
}

// TestSummaryTellsTheTruth: the summary never says "no problems" about
// files that were not checked, and counts named JSON files that are no
// DataWorks document as skipped (exit 0, so pre-commit's \.json$ pattern
// is safe).
func TestSummaryTellsTheTruth(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"package.json":  `{"name": "web", "version": "1.0.0"}`,
		"tsconfig.json": "{\n  // comment\n  \"compilerOptions\": {}\n}\n",
		"bad.yaml":      "rules: [\n",
	})
	sample, err := filepath.Abs(filepath.Join("..", "..", "testdata", "samples", "batch_mysql_odps.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		args    []string
		code    int
		summary string
	}{
		{"missing file", []string{"missing.json"}, 3, "no files checked; 1 file could not be checked"},
		{"named package.json", []string{"package.json"}, 0, "no files checked; 1 file skipped: not a DataWorks document"},
		{"two non-jobs", []string{"package.json", "tsconfig.json"}, 0, "no files checked; 2 files skipped: not DataWorks documents"},
		{"job and non-job", []string{"package.json", sample, "--only", "syntax"}, 0, "no problems in 1 file; 1 file skipped: not a DataWorks document"},
		{"bad config", []string{"--config", "bad.yaml", sample}, 3, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := dilint(t, dir, "", tc.args...)
			r.wantCode(t, tc.code)
			if strings.Contains(r.stdout+r.stderr, "no problems in 0") {
				t.Errorf("claims no problems in nothing:\n%s%s", r.stdout, r.stderr)
			}
			if tc.summary != "" && !strings.Contains(r.stdout, tc.summary+"\n") {
				t.Errorf("summary %q not in:\n%s", tc.summary, r.stdout)
			}
		})
	}
	// tsconfig.json with --fix is neither written nor reported as fixed.
	before, _ := os.ReadFile(filepath.Join(dir, "tsconfig.json"))
	r := dilint(t, dir, "", "--fix", "tsconfig.json")
	r.wantCode(t, 0)
	after, _ := os.ReadFile(filepath.Join(dir, "tsconfig.json"))
	if string(before) != string(after) {
		t.Error("--fix rewrote tsconfig.json")
	}
}

// TestGraphAndDiffRefuseOtherDocuments: graph draws jobs and diff
// compares DataWorks documents; anything else is a clear error, not an
// empty chart or a diff of unrelated JSON.
func TestGraphAndDiffRefuseOtherDocuments(t *testing.T) {
	dir := writeFiles(t, map[string]string{"package.json": `{"name": "web"}`})
	pkg := filepath.Join(dir, "package.json")
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"graph", pkg}, "package.json: not a DataWorks document"},
		{[]string{"graph", "testdata/published/19-realtime-taskparam-mysql-odps.json"}, "a realtime-taskparam, not a job"},
		{[]string{"diff", pkg, "testdata/samples/batch_mysql_odps.json"}, "package.json: not a DataWorks document"},
	} {
		r := dilint(t, "", "", tc.args...)
		r.wantCode(t, 3)
		if r.stdout != "" || !strings.Contains(r.stderr, tc.msg) {
			t.Errorf("%v: stdout %q, stderr %q; want %q", tc.args, r.stdout, r.stderr, tc.msg)
		}
	}
	r := dilint(t, "", "", "graph", "testdata/samples/query_response.json")
	r.wantCode(t, 0)
}

// TestFmtChangesLayoutOnly: fmt refuses what is not JSON (comments,
// trailing commas, a byte order mark) with its position instead of
// dropping it, names standard input as told, and writes diff headers
// that patch -p1 takes for an absolute path too.
func TestFmtChangesLayoutOnly(t *testing.T) {
	job := `{"type":"job","version":"2.0","steps":[],"order":{"hops":[]}}`
	dir := writeFiles(t, map[string]string{
		"comment.json": "{\n// note\n" + job[1:] + "\n",
		"comma.json":   strings.Replace(job, `"hops":[]}`, `"hops":[],}`, 1) + "\n",
		"bom.json":     "\ufeff" + job + "\n",
	})
	for name, want := range map[string]string{
		"comment.json": "comment.json:2:1: has a comment",
		"comma.json":   "comma.json:1:60: has a trailing comma",
		"bom.json":     "bom.json:1:1: has a byte order mark",
	} {
		before, _ := os.ReadFile(filepath.Join(dir, name))
		r := dilint(t, dir, "", "fmt", name)
		r.wantCode(t, 1)
		if !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, "dilint --fix") {
			t.Errorf("%s: stderr %q, want %q", name, r.stderr, want)
		}
		if after, _ := os.ReadFile(filepath.Join(dir, name)); string(after) != string(before) {
			t.Errorf("%s was rewritten", name)
		}
	}
	r := dilint(t, "", strings.Replace(job, `"hops":[]}`, `"hops":[],}`, 1), "fmt", "--stdin-filename", "jobs/piped.json", "-")
	r.wantCode(t, 1)
	if !strings.Contains(r.stderr, "jobs/piped.json:1:60:") {
		t.Errorf("stdin name not used: %q", r.stderr)
	}

	abs := filepath.Join(dir, "plain.json")
	if err := os.WriteFile(abs, []byte(job+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = dilint(t, "", "", "fmt", "--diff", abs)
	rel := strings.TrimLeft(filepath.ToSlash(abs), "/")
	if !strings.HasPrefix(r.stdout, "--- a/"+rel+"\n+++ b/"+rel+"\n") {
		t.Errorf("diff header for an absolute path:\n%s", r.stdout)
	}
}

// isolateGit clears the variables through which git finds a repository
// other than the working directory's (git rebase --exec sets GIT_DIR,
// for one): without this, the scratch repository's git init and commits,
// and dilint's own git diff, would act on the repository running the
// tests.
func isolateGit(t *testing.T) {
	t.Helper()
	for _, v := range []string{"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE", "GIT_PREFIX"} {
		t.Setenv(v, "") // restored after the test
		os.Unsetenv(v)
	}
}

// TestOneGlobDialect: --exclude and ignore: in .dilint.yaml take the same
// globs, alternatives with a comma included ({a,b}.json used to fail as
// a flag, split at the comma, and to match nothing in the config).
func TestOneGlobDialect(t *testing.T) {
	job := `{"type": "job", "version": "2.0", "steps": [], "order": {"hops": []}, "setting": {"speed": {"concurrent": 1, "concurrent": 2}}}`
	files := map[string]string{"jobs/a.json": job, "jobs/b.json": job, "jobs/c.json": job}
	dir := writeFiles(t, files)
	findingsIn := func(r run) []string {
		t.Helper()
		var got []string
		for _, name := range []string{"a", "b", "c"} {
			if strings.Contains(r.stdout, "jobs/"+name+".json:") {
				got = append(got, name)
			}
		}
		return got
	}
	r := dilint(t, dir, "", "--only", "duplicate-key", "--exclude", "{a,b}.json", "jobs")
	r.wantCode(t, 1)
	if got := findingsIn(r); !slices.Equal(got, []string{"c"}) {
		t.Errorf("--exclude '{a,b}.json': findings in %v, want [c]\n%s%s", got, r.stdout, r.stderr)
	}
	if err := os.WriteFile(filepath.Join(dir, ".dilint.yaml"), []byte("ignore: [\"jobs/{a,c}.json\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = dilint(t, dir, "", "--only", "duplicate-key", "jobs")
	r.wantCode(t, 1)
	if got := findingsIn(r); !slices.Equal(got, []string{"b"}) {
		t.Errorf("ignore: [jobs/{a,c}.json]: findings in %v, want [b]\n%s%s", got, r.stdout, r.stderr)
	}
}
