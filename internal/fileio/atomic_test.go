package fileio

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// readForWrite reads path as the lint and fmt commands do before a write.
func readForWrite(t *testing.T, path string) *ReadState {
	t.Helper()
	read, err := StatForWrite(path)
	if err != nil {
		t.Fatal(err)
	}
	if read.Src, err = ReadFile(path, 1<<20); err != nil {
		t.Fatal(err)
	}
	return read
}

// TestWriteRefusesChangedFile: an editor's save between dilint's read and
// its rename is not overwritten, whether it changed the size, only the
// content (same size and modification time), or replaced the file.
func TestWriteRefusesChangedFile(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(path string) error
		want   string
	}{
		{"size", func(p string) error { return os.WriteFile(p, []byte(`{"a": 12}`), 0o644) }, "size differs"},
		{"content", func(p string) error {
			info, err := os.Stat(p)
			if err != nil {
				return err
			}
			if err := os.WriteFile(p, []byte(`{"a": 2}`), 0o644); err != nil {
				return err
			}
			return os.Chtimes(p, info.ModTime(), info.ModTime())
		}, "content differs"},
		{"modification time", func(p string) error {
			return os.Chtimes(p, time.Now(), time.Now().Add(time.Hour))
		}, "modification time differs"},
		{"replaced", func(p string) error {
			tmp := p + ".new"
			if err := os.WriteFile(tmp, []byte(`{"a": 3}`), 0o644); err != nil {
				return err
			}
			return os.Rename(tmp, p)
		}, "replaced by another file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "job.json")
			if err := os.WriteFile(path, []byte(`{"a": 1}`), 0o644); err != nil {
				t.Fatal(err)
			}
			read := readForWrite(t, path)
			if err := tc.change(path); err != nil {
				t.Fatal(err)
			}
			saved, _ := os.ReadFile(path)
			err := WriteAtomic(path, []byte(`{"a": 0}`), read)
			var changed *ChangedError
			if !errors.As(err, &changed) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want a ChangedError saying %q", err, tc.want)
			}
			if got, _ := os.ReadFile(path); string(got) != string(saved) {
				t.Errorf("the editor's version was overwritten: %s", got)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("temporary files left: %v", entries)
			}
		})
	}
}

// TestWriteUnchangedFile: the check passes when nothing changed.
func TestWriteUnchangedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "job.json")
	if err := os.WriteFile(path, []byte(`{"a": 1}`), 0o600); err != nil {
		t.Fatal(err)
	}
	read := readForWrite(t, path)
	if err := WriteAtomic(path, []byte(`{"a": 2}`), read); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != `{"a": 2}` {
		t.Errorf("got %s", got)
	}
}

// TestIsTempName: the names os.CreateTemp gives dilint's temporary files
// are recognised, and nothing else.
func TestIsTempName(t *testing.T) {
	for name, want := range map[string]bool{
		".job.json.dilint-123456":     true,
		".a.dilint-1":                 true,
		"job.json.dilint-123":         false, // not hidden
		".job.json.dilint-":           false,
		".job.json.dilint-12a":        false,
		".dilint-123":                 false, // no base name
		".dilint.yaml":                false,
		".job.dilint-1.json":          false,
		".job.json.dilint-1.dilint-2": true,
	} {
		if got := IsTempName(name); got != want {
			t.Errorf("IsTempName(%q) = %v, want %v", name, got, want)
		}
	}
	dir := t.TempDir()
	f, err := createTemp(dir, ".job.json"+tempInfix+"*")
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	defer removeTemp(f.Name())
	if !IsTempName(filepath.Base(f.Name())) {
		t.Errorf("%s is not recognised", f.Name())
	}
}
