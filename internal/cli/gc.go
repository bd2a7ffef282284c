package cli

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// Garbage collector pacing for a lint run. A run over thousands of small
// files keeps only a few megabytes live, so at the default GOGC=100 the
// collector starts a cycle every 4 MB or so of allocation: about a tenth
// of the time of 50,000 batch jobs (docs/PERFORMANCE.md). While every
// file read is small and little is live, the run uses
// smallFilesGCPercent under a soft memory limit, so that the heap may
// grow to smallFilesMemoryLimit before a cycle but no further: peak
// memory does not grow with the number of files. The first large file,
// or a live heap of half the limit (a directory of hundreds of thousands
// of names, whose sorted listing is live while it is walked), puts the
// defaults back for the rest of the run, so the limit can never make the
// collector run more often than it would by default. A GOGC or
// GOMEMLIMIT in the environment is the user's choice and is left alone.
const (
	smallFilesGCPercent   = 400
	smallFilesMemoryLimit = 24 << 20
	largeFileBytes        = 1 << 20
	// liveCheckEvery is how many files go by between looks at the live
	// heap (a runtime/metrics read costs about a microsecond).
	liveCheckEvery = 1024
)

// gcPacing is the run's pacing state; the nil *gcPacing does nothing.
type gcPacing struct {
	raised    atomic.Bool
	files     atomic.Int64
	prev      int
	prevLimit int64
}

// startGCPacing raises the collector's percentage for a run of small
// files, unless the environment sets GOGC or GOMEMLIMIT.
func startGCPacing() *gcPacing {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return nil
	}
	g := &gcPacing{}
	g.prev = debug.SetGCPercent(smallFilesGCPercent)
	g.prevLimit = debug.SetMemoryLimit(smallFilesMemoryLimit)
	g.raised.Store(true)
	return g
}

// sawFile notes the size of a file just read; a large one, or a live heap
// near the limit, restores the defaults. Safe for concurrent use.
func (g *gcPacing) sawFile(size int) {
	if g == nil || !g.raised.Load() {
		return
	}
	if size >= largeFileBytes || (g.files.Add(1)%liveCheckEvery == 0 && liveHeap() > smallFilesMemoryLimit/2) {
		g.restore()
	}
}

// liveHeap returns the bytes the last garbage collection found live.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// restore puts the previous percentage and limit back (once).
func (g *gcPacing) restore() {
	if g != nil && g.raised.CompareAndSwap(true, false) {
		debug.SetGCPercent(g.prev)
		debug.SetMemoryLimit(g.prevLimit)
	}
}
