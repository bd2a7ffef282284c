//go:build !unix

package fileio

import "os"

// umask returns no mask: systems without one (Windows) do not apply a
// creation mask to file permissions.
func umask() os.FileMode { return 0 }
