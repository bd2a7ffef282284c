package cli

import (
	"runtime"
	"runtime/debug"
	"testing"
)

func currentGCPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

func TestGCPacing(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before := currentGCPercent()
	g := startGCPacing()
	if g == nil {
		t.Fatal("no pacing without GOGC or GOMEMLIMIT")
	}
	if got := currentGCPercent(); got != smallFilesGCPercent {
		t.Fatalf("during a run of small files: GC percent %d, want %d", got, smallFilesGCPercent)
	}
	g.sawFile(largeFileBytes - 1)
	if got := currentGCPercent(); got != smallFilesGCPercent {
		t.Fatalf("after a small file: GC percent %d, want %d", got, smallFilesGCPercent)
	}
	g.sawFile(largeFileBytes)
	if got := currentGCPercent(); got != before {
		t.Fatalf("after a large file: GC percent %d, want %d", got, before)
	}
	g.restore() // a second restore changes nothing
	if got := currentGCPercent(); got != before {
		t.Fatalf("after restore: GC percent %d, want %d", got, before)
	}
}

func TestGCPacingLeavesUserSettings(t *testing.T) {
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv("GOGC", "")
			t.Setenv("GOMEMLIMIT", "")
			t.Setenv(env, "200")
			before := currentGCPercent()
			g := startGCPacing()
			if g != nil {
				t.Fatalf("%s set: pacing started", env)
			}
			g.sawFile(largeFileBytes) // nil receiver: no-op
			g.restore()
			if got := currentGCPercent(); got != before {
				t.Fatalf("%s set: GC percent changed %d → %d", env, before, got)
			}
		})
	}
}

func currentMemoryLimit() int64 { return debug.SetMemoryLimit(-1) }

// The limit holds while little is live and goes with the percentage; a
// live heap of half the limit restores both, so the limit cannot make
// the collector run more often than it would by default.
func TestGCPacingMemoryLimit(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before, beforeLimit := currentGCPercent(), currentMemoryLimit()
	g := startGCPacing()
	if got := currentMemoryLimit(); got != smallFilesMemoryLimit {
		t.Fatalf("during a run of small files: limit %d, want %d", got, smallFilesMemoryLimit)
	}
	for range 2 * liveCheckEvery {
		g.sawFile(100)
	}
	if !g.raised.Load() {
		t.Fatal("pacing ended with little live")
	}
	live := make([]byte, smallFilesMemoryLimit/2+1<<20)
	runtime.GC()
	for range liveCheckEvery {
		g.sawFile(100)
	}
	runtime.KeepAlive(live)
	if g.raised.Load() || currentGCPercent() != before || currentMemoryLimit() != beforeLimit {
		t.Fatalf("live heap %d: pacing still on (percent %d, limit %d)", liveHeap(), currentGCPercent(), currentMemoryLimit())
	}
}
