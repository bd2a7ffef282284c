//go:build unix

package cli_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFixInterruptedRemovesTempFile: SIGINT or SIGTERM while a fixed file
// is being written removes the temporary file; the file has either its
// old content or the fixed one. The test waits until the temporary file
// exists before signalling, so it does not depend on timing.
func TestFixInterruptedRemovesTempFile(t *testing.T) {
	big := strings.Replace(fixable, "{", "{"+strings.Repeat(" ", 8<<20), 1)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"big.json": big})
			path := filepath.Join(dir, "big.json")
			for attempt := 0; ; attempt++ {
				must(t, os.WriteFile(path, []byte(big), 0o644))
				cmd := exec.Command(dilintBin, "--only", goldenRules, "--fix", "big.json")
				cmd.Dir = dir
				must(t, cmd.Start())
				done := make(chan error, 1)
				go func() { done <- cmd.Wait() }()
				caught := false
			poll:
				for {
					select {
					case <-done:
						done <- nil
						break poll
					default:
					}
					entries, _ := os.ReadDir(dir)
					for _, e := range entries {
						if strings.Contains(e.Name(), ".dilint-") {
							caught = true
							must(t, cmd.Process.Signal(sig))
							break poll
						}
					}
				}
				<-done
				if !caught {
					if attempt == 10 {
						t.Skip("the write never lasted long enough to be interrupted")
					}
					continue
				}
				status := cmd.ProcessState.Sys().(syscall.WaitStatus)
				if !(status.Signaled() && status.Signal() == sig) && status.ExitStatus() != 128+int(sig) {
					t.Errorf("exit status %v, want death by %v", cmd.ProcessState, sig)
				}
				entries, _ := os.ReadDir(dir)
				if len(entries) != 1 {
					t.Errorf("left behind: %v", entries)
				}
				got, _ := os.ReadFile(path)
				if string(got) != big && (bytes.Contains(got, []byte("//")) || len(got) < len(big)-100) {
					t.Errorf("the file is neither old nor fixed (%d bytes)", len(got))
				}
				t.Logf("interrupted on attempt %d", attempt+1)
				return
			}
		})
	}
}

// TestFIFOs: a FIFO found in a directory or by a glob, directly or
// through a symbolic link, is skipped (reading it would block the run);
// one named on the command line is read.
func TestFIFOs(t *testing.T) {
	dir := writeFiles(t, map[string]string{"jobs/job.json": cleanJob})
	fifo := filepath.Join(dir, "jobs", "pipe.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	must(t, os.Symlink("pipe.json", filepath.Join(dir, "jobs", "link.json")))
	for _, args := range [][]string{{"jobs"}, {"jobs/*.json"}, {"--fix", "jobs"}} {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		cmd := exec.CommandContext(ctx, dilintBin, args...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		cancel()
		if err != nil || string(out) != "no problems in 1 file\n" {
			t.Errorf("%v: %v\n%s", args, err, out)
		}
	}

	// Named, it is read like any file.
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		f.WriteString(dupJob)
		f.Close()
	}()
	r := dilint(t, dir, "", "--only", goldenRules, "jobs/pipe.json")
	r.wantCode(t, 1)
	if !strings.Contains(r.stdout, "jobs/pipe.json:") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
}

// TestFixKeepsOwner: the fixed file keeps its owner and group (root can
// give them; others can only keep their own).
func TestFixKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root can give a file to another owner")
	}
	dir := writeFiles(t, map[string]string{"job.json": fixable})
	path := filepath.Join(dir, "job.json")
	must(t, os.Chown(path, 1234, 5678))
	r := dilint(t, dir, "", "--only", goldenRules, "--fix", "job.json")
	r.wantCode(t, 1)
	info, err := os.Stat(path)
	must(t, err)
	st := info.Sys().(*syscall.Stat_t)
	if st.Uid != 1234 || st.Gid != 5678 {
		t.Errorf("owner %d:%d, want 1234:5678", st.Uid, st.Gid)
	}
	if got, _ := os.ReadFile(path); strings.Contains(string(got), "//") {
		t.Error("not fixed")
	}
}

// TestFixRefusesHardLinks: replacing a file with other hard links would
// leave them with the old content; --fix says so and writes nothing.
func TestFixRefusesHardLinks(t *testing.T) {
	dir := writeFiles(t, map[string]string{"job.json": fixable})
	must(t, os.Link(filepath.Join(dir, "job.json"), filepath.Join(dir, "other.json")))
	r := dilint(t, dir, "", "--only", goldenRules, "--fix", "job.json")
	r.wantCode(t, 3)
	if !strings.Contains(r.stderr, "job.json: fixes not written: has 2 hard links") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	for _, name := range []string{"job.json", "other.json"} {
		if got, _ := os.ReadFile(filepath.Join(dir, name)); string(got) != fixable {
			t.Errorf("%s changed", name)
		}
	}
}
