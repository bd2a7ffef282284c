package cli

import (
	"os"
	"path/filepath"
)

// writeFileAtomic replaces the file at path with data so that a reader or
// a crash sees either the old content or the new, never a mix: the data
// goes to a temporary file in the same directory, is synced, gets the old
// file's permissions and is renamed over it. A symbolic link is resolved
// first, so the link stays a link and its target changes. A new file gets
// mode 0644 less the umask.
func writeFileAtomic(path string, data []byte) (err error) {
	real, err := filepath.EvalSymlinks(path)
	var perm os.FileMode
	switch {
	case os.IsNotExist(err):
		real, perm = path, 0o644&^umask()
	case err != nil:
		return err
	default:
		info, err := os.Stat(real)
		if err != nil {
			return err
		}
		perm = info.Mode().Perm()
	}
	dir := filepath.Dir(real)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(real)+".dilint-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(perm); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), real); err != nil {
		return err
	}
	// Sync the directory so the rename itself survives a crash; not every
	// file system supports it, and the data is safe either way.
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}
