// Package fileio reads and writes the files dilint checks and fixes: reads
// bounded by a size limit, and atomic replacements that refuse to clobber
// a file changed since it was read, break a hard link or lose an owner.
// Its errors name no path: callers print the file's name in front.
package fileio

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// Describe turns a file-system error into a short message without the
// path, which the output prints in front of it anyway.
func Describe(err error) error {
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		return err
	}
	switch {
	case errors.Is(pe.Err, syscall.ELOOP):
		return errors.New("symbolic link loop: too many levels of symbolic links")
	case os.IsNotExist(pe.Err):
		return errors.New("no such file or directory")
	case os.IsPermission(pe.Err):
		return errors.New("permission denied")
	}
	return pe.Err
}

// TooLargeError is returned for an input over the size limit.
type TooLargeError struct {
	// Size is the file's size; 0 when it is not known in advance (a pipe,
	// standard input, or a file that grew while it was read).
	Size  int64
	Limit int64
}

func (e *TooLargeError) Error() string {
	if e.Size == 0 {
		return fmt.Sprintf("input is over the %s limit; skipped (raise it with --max-file-size)", HumanBytes(e.Limit))
	}
	return fmt.Sprintf("file is %s, over the %s limit; skipped (raise it with --max-file-size)", HumanBytes(e.Size), HumanBytes(e.Limit))
}

// HumanBytes formats a size in bytes, KiB or MiB.
func HumanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
