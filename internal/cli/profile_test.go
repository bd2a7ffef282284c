package cli_test

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestProfiles writes both profiles and reads them back with go tool pprof,
// the tool they are for.
func TestProfiles(t *testing.T) {
	dir := writeFiles(t, map[string]string{"clean.json": cleanJob})
	cpu, mem := filepath.Join(dir, "cpu.pprof"), filepath.Join(dir, "mem.pprof")
	dilint(t, dir, "", "--cpuprofile", cpu, "--memprofile", mem, "clean.json").wantCode(t, 0)
	for _, p := range []string{cpu, mem} {
		out, err := exec.Command("go", "tool", "pprof", "-top", dilintBin, p).CombinedOutput()
		if err != nil {
			t.Fatalf("go tool pprof %s: %v\n%s", filepath.Base(p), err, out)
		}
		if !strings.Contains(string(out), "Type:") {
			t.Errorf("go tool pprof %s printed no profile header:\n%s", filepath.Base(p), out)
		}
	}
	r := dilint(t, dir, "", "--cpuprofile", filepath.Join(dir, "missing", "cpu.pprof"), "clean.json")
	r.wantCode(t, 3)
	if !strings.Contains(r.stderr, "--cpuprofile") {
		t.Errorf("stderr does not name the flag:\n%s", r.stderr)
	}
}
