package cli_test

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// dilintBin is the real binary, built once by TestMain.
var dilintBin string

// repoRoot is the module root; commands run there so that paths in the
// output read "testdata/samples/…" as in the README.
var repoRoot string

func TestMain(m *testing.M) {
	flag.Parse()
	os.Exit(func() int {
		dir, err := os.MkdirTemp("", "dilint-cli-test-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		repoRoot, _ = filepath.Abs("../..")
		dilintBin = filepath.Join(dir, "dilint")
		build := exec.Command("go", "build", "-o", dilintBin,
			"-ldflags", "-X github.com/dilint/dilint/internal/cli.version=v0.0.0-test", "./cmd/dilint")
		build.Dir = repoRoot
		if out, err := build.CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "building dilint: %v\n%s", err, out)
			return 1
		}
		return m.Run()
	}())
}

// run is one invocation of the binary.
type run struct {
	stdout, stderr string
	code           int
}

// dilint runs the binary in dir (the repository root when empty) with
// stdin and args and returns what it printed and its exit status.
func dilint(t *testing.T, dir, stdin string, args ...string) run {
	t.Helper()
	return runCommandStdin(t, dir, stdin, dilintBin, args...)
}

// runCommand runs a program, such as a shell around dilint, as dilint
// runs dilint.
func runCommand(t *testing.T, dir, name string, args ...string) run {
	t.Helper()
	return runCommandStdin(t, dir, "", name, args...)
}

func runCommandStdin(t *testing.T, dir, stdin, name string, args ...string) run {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	if dir == "" {
		cmd.Dir = repoRoot
	}
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Env = append(os.Environ(), "NO_COLOR=")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		t.Fatalf("running dilint %v: %v", args, err)
	}
	return run{out.String(), errb.String(), code}
}

// wantCode fails the test when the run's exit status is not want.
func (r run) wantCode(t *testing.T, want int) {
	t.Helper()
	if r.code != want {
		t.Fatalf("exit status %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, want, r.stdout, r.stderr)
	}
}

// timeAttr matches the measured times in JUnit output.
var timeAttr = regexp.MustCompile(`time="[0-9.]+"`)

// golden compares got with testdata/golden/name, or rewrites the file
// with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	got = timeAttr.ReplaceAllString(got, `time="0.000"`)
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/cli -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test ./internal/cli -update rewrites it after review)\n--- got:\n%s\n--- want:\n%s", name, got, want)
	}
}
