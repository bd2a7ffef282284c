package fileio

import (
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
)

// tempInfix marks dilint's temporary files: a write to dir/NAME goes
// through dir/.NAME.dilint-DIGITS, which os.CreateTemp names.
const tempInfix = ".dilint-"

// IsTempName reports whether a file name is one of dilint's temporary
// files, left behind by a write that a crash or kill -9 interrupted.
// Directory walks skip them.
func IsTempName(name string) bool {
	i := strings.LastIndex(name, tempInfix)
	if !strings.HasPrefix(name, ".") || i <= 1 {
		return false
	}
	digits := name[i+len(tempInfix):]
	if digits == "" {
		return false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// temps are the temporary files of writes in progress. The lock is held
// while one is created, renamed or removed, and by the signal handler
// from the moment it starts removing them until the process ends, so no
// temporary file appears or becomes the real file after that.
var temps struct {
	sync.Mutex
	names map[string]struct{}
}

func createTemp(dir, pattern string) (*os.File, error) {
	temps.Lock()
	defer temps.Unlock()
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	if temps.names == nil {
		temps.names = map[string]struct{}{}
	}
	temps.names[f.Name()] = struct{}{}
	return f, nil
}

func renameTemp(tmp, dst string) error {
	temps.Lock()
	defer temps.Unlock()
	delete(temps.names, tmp)
	return os.Rename(tmp, dst)
}

func removeTemp(tmp string) {
	temps.Lock()
	defer temps.Unlock()
	delete(temps.names, tmp)
	os.Remove(tmp)
}

// interruptSignals end a run that writes files; the temporary files are
// removed first.
var interruptSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}

// CleanupOnSignal makes SIGINT, SIGTERM and SIGHUP remove the temporary
// files of writes in progress before the process ends as the signal
// would have ended it. A file being fixed keeps its old content: the
// rename that replaces it either happened or never will. The returned
// function restores the default handling.
func CleanupOnSignal() (stop func()) {
	ch := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(ch, interruptSignals...)
	go func() {
		select {
		case sig := <-ch:
			temps.Lock() // never released: the process ends
			for name := range temps.names {
				os.Remove(name)
			}
			signal.Reset(interruptSignals...)
			if p, err := os.FindProcess(os.Getpid()); err == nil {
				_ = p.Signal(sig)
			}
			code := 1
			if s, ok := sig.(syscall.Signal); ok {
				code = 128 + int(s)
			}
			os.Exit(code)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}
