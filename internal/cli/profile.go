package cli

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/dilint/dilint/internal/fileio"
)

// profiler writes the CPU and heap profiles asked for with --cpuprofile
// and --memprofile, for `go tool pprof`.
type profiler struct {
	cpuPath, memPath string
	cpu              *os.File
}

// start begins CPU profiling if asked for.
func (p *profiler) start() error {
	if p.cpuPath == "" {
		return nil
	}
	f, err := os.Create(p.cpuPath)
	if err != nil {
		return fmt.Errorf("--cpuprofile: %v", fileio.Describe(err))
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("--cpuprofile: %v", err)
	}
	p.cpu = f
	return nil
}

// stop ends CPU profiling and writes the heap profile.
func (p *profiler) stop() error {
	var first error
	if p.cpu != nil {
		pprof.StopCPUProfile()
		if err := p.cpu.Close(); err != nil {
			first = fmt.Errorf("--cpuprofile: %v", fileio.Describe(err))
		}
		p.cpu = nil
	}
	if p.memPath != "" {
		f, err := os.Create(p.memPath)
		if err != nil {
			if first == nil {
				first = fmt.Errorf("--memprofile: %v", fileio.Describe(err))
			}
			return first
		}
		runtime.GC() // up-to-date statistics of what is still live
		err = pprof.Lookup("allocs").WriteTo(f, 0)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil && first == nil {
			first = fmt.Errorf("--memprofile: %v", fileio.Describe(err))
		}
	}
	return first
}
