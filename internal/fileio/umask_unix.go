//go:build unix

package fileio

import (
	"os"
	"syscall"
)

// umask returns the process's file mode creation mask. Reading it means
// setting it, so it is set back at once; a file created meanwhile by
// another goroutine could miss the mask, which is why only new files (the
// baseline, written after the run) ask for it.
func umask() os.FileMode {
	m := syscall.Umask(0)
	syscall.Umask(m)
	return os.FileMode(m)
}
