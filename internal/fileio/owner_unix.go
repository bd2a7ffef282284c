//go:build unix

package fileio

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// linkCount returns the number of hard links of a file.
func linkCount(info os.FileInfo) uint64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 1
}

// writable refuses a file the caller could not open for writing: replacing
// it through its directory would get round its permissions, which gofmt -w
// and prettier --write (writing in place) respect.
func writable(path string) error {
	if err := syscall.Access(path, 2 /* W_OK */); err != nil {
		if errors.Is(err, syscall.EACCES) || errors.Is(err, syscall.EPERM) {
			return errors.New("permission denied: the file is not writable; not overwritten")
		}
		return Describe(&os.PathError{Op: "access", Path: path, Err: err})
	}
	return nil
}

// keepOwner gives the replacement tmp the owner and group of the file it
// replaces, as writing in place would keep them. Only root may give a
// file away, and a user only a group they belong to; when that is not
// possible the file is not replaced, rather than silently changing hands.
func keepOwner(tmp *os.File, old os.FileInfo) error {
	st, ok := old.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	cur, err := tmp.Stat()
	if err != nil {
		return Describe(err)
	}
	now, ok := cur.Sys().(*syscall.Stat_t)
	if !ok || (now.Uid == st.Uid && now.Gid == st.Gid) {
		return nil
	}
	if err := tmp.Chown(int(st.Uid), int(st.Gid)); err != nil {
		return fmt.Errorf("owned by uid %d, gid %d, which the replacement cannot keep (%v); not overwritten", st.Uid, st.Gid, Describe(err))
	}
	return nil
}
