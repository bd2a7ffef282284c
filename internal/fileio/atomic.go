package fileio

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ReadState is what dilint saw of a file when it read it: the file's
// identity, size and modification time from just before the read, and the
// bytes read. A write that would replace the file checks it first, so an
// editor's save between dilint's read and its write is not lost.
type ReadState struct {
	info os.FileInfo
	// Src is the bytes read, which the caller sets once it has read them.
	Src []byte
}

// StatForWrite returns the state of the file at path before it is read,
// to be completed with the bytes read.
func StatForWrite(path string) (*ReadState, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, Describe(err)
	}
	return &ReadState{info: info}, nil
}

// ChangedError reports that a file changed after dilint read it; the new
// version was not written.
type ChangedError struct {
	// What differs: "size", "modification time" or "content"; empty when
	// the name now refers to another file.
	What string
}

func (e *ChangedError) Error() string {
	if e.What == "" {
		return "replaced by another file since dilint read it; not overwritten, run again"
	}
	return "changed since dilint read it (" + e.What + " differs); not overwritten, run again"
}

// unchanged checks that the file at path is still the one read: the same
// file (device and inode), size and modification time, and the same
// bytes. The bytes are compared, not only hashed, since they are at hand.
func (s *ReadState) unchanged(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return Describe(err)
	}
	switch {
	case !os.SameFile(s.info, info):
		return &ChangedError{}
	case info.Size() != s.info.Size():
		return &ChangedError{What: "size"}
	case !info.ModTime().Equal(s.info.ModTime()):
		return &ChangedError{What: "modification time"}
	}
	cur, err := ReadFile(path, info.Size()+1)
	if err != nil {
		return err
	}
	if !bytes.Equal(cur, s.Src) {
		return &ChangedError{What: "content"}
	}
	return nil
}

// HardLinkError reports a file with other hard links, which replacing it
// would break: the other names would keep the old content.
type HardLinkError struct{ Links uint64 }

func (e *HardLinkError) Error() string {
	return fmt.Sprintf("has %d hard links, which replacing it would break; not overwritten", e.Links)
}

// WriteAtomic replaces the file at path with data so that a reader or
// a crash sees either the old content or the new, never a mix: the data
// goes to a temporary file in the same directory, is synced, gets the old
// file's permissions, owner and group, and is renamed over it. A symbolic
// link is resolved first, so the link stays a link and its target
// changes. A new file gets mode 0644 less the umask.
//
// It refuses, writing nothing, when the file is not a regular file, has
// other hard links, is read-only to the caller, has an owner or group the
// caller cannot give the replacement, or (when read is set) changed
// since it was read. The temporary file is removed on failure and, while
// CleanupOnSignal is active, when a signal ends the process.
func WriteAtomic(path string, data []byte, read *ReadState) (err error) {
	real, err := filepath.EvalSymlinks(path)
	var old os.FileInfo
	switch {
	case os.IsNotExist(err) && read == nil:
		real = path
	case err != nil:
		return Describe(err)
	default:
		if old, err = os.Stat(real); err != nil {
			return Describe(err)
		}
		if !old.Mode().IsRegular() {
			return errors.New("not a regular file; not overwritten")
		}
		if n := linkCount(old); n > 1 {
			return &HardLinkError{Links: n}
		}
		if err := writable(real); err != nil {
			return err
		}
	}
	perm := 0o644 &^ umask()
	if old != nil {
		perm = old.Mode().Perm()
	}
	dir := filepath.Dir(real)
	tmp, err := createTemp(dir, "."+filepath.Base(real)+tempInfix+"*")
	if err != nil {
		return Describe(err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			removeTemp(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return Describe(err)
	}
	if err = tmp.Chmod(perm); err != nil {
		return Describe(err)
	}
	if old != nil {
		if err = keepOwner(tmp, old); err != nil {
			return err
		}
	}
	if err = tmp.Sync(); err != nil {
		return Describe(err)
	}
	if err = tmp.Close(); err != nil {
		return Describe(err)
	}
	if read != nil {
		if err = read.unchanged(real); err != nil {
			return err
		}
	}
	if err = renameTemp(tmp.Name(), real); err != nil {
		return Describe(err)
	}
	// Sync the directory so the rename itself survives a crash; not every
	// file system supports it, and the data is safe either way.
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}
