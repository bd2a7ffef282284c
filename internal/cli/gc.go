package cli

import (
	"os"
	"runtime/debug"
	"sync/atomic"
)

// Garbage collector pacing for a lint run. A run over thousands of small
// files keeps only a few megabytes live, so at the default GOGC=100 the
// collector starts a cycle every 4 MB or so of allocation: 31 cycles and
// about a tenth of the time on 10,000 batch jobs (docs/PERFORMANCE.md).
// While every file read is small, the run uses smallFilesGCPercent; the
// first large file puts the default back for the rest of the run, so a
// many-megabyte solution is collected as tightly as always and its peak
// memory does not grow. A GOGC or GOMEMLIMIT in the environment is the
// user's choice and is left alone.
const (
	smallFilesGCPercent = 400
	largeFileBytes      = 1 << 20
)

// gcPacing is the run's pacing state; the nil *gcPacing does nothing.
type gcPacing struct {
	raised atomic.Bool
	prev   int
}

// startGCPacing raises the collector's percentage for a run of small
// files, unless the environment sets GOGC or GOMEMLIMIT.
func startGCPacing() *gcPacing {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return nil
	}
	g := &gcPacing{}
	g.prev = debug.SetGCPercent(smallFilesGCPercent)
	g.raised.Store(true)
	return g
}

// sawFile notes the size of a file just read; a large one restores the
// previous percentage. Safe for concurrent use.
func (g *gcPacing) sawFile(size int) {
	if g != nil && size >= largeFileBytes {
		g.restore()
	}
}

// restore puts the previous percentage back (once).
func (g *gcPacing) restore() {
	if g != nil && g.raised.CompareAndSwap(true, false) {
		debug.SetGCPercent(g.prev)
	}
}
