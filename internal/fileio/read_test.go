package fileio

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadFile compares readFile with os.ReadFile around buffer and limit
// boundaries, and checks the errors people see.
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 511, 512, 513, 4096, 1 << 20} {
		p := filepath.Join(dir, "f.json")
		want := bytes.Repeat([]byte("x"), size)
		if err := os.WriteFile(p, want, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, limit := range []int64{int64(size) - 1, int64(size), int64(size) + 1} {
			got, err := ReadFile(p, limit)
			var tooLarge *TooLargeError
			switch {
			case int64(size) > limit:
				if !errors.As(err, &tooLarge) || tooLarge.Size != int64(size) {
					t.Errorf("size %d, limit %d: err %v, want errTooLarge with the size", size, limit, err)
				}
			case err != nil:
				t.Errorf("size %d, limit %d: %v", size, limit, err)
			case !bytes.Equal(got, want):
				t.Errorf("size %d, limit %d: read %d bytes", size, limit, len(got))
			}
		}
	}

	// A file whose size the system does not know in advance.
	if want, err := os.ReadFile("/proc/self/status"); err == nil {
		got, err := ReadFile("/proc/self/status", 1<<20)
		if err != nil || !bytes.HasPrefix(got, []byte("Name:")) || len(got) < len(want)/2 {
			t.Errorf("/proc/self/status: %d bytes, %v", len(got), err)
		}
		if _, err := ReadFile("/proc/self/status", 10); !errors.As(err, new(*TooLargeError)) {
			t.Errorf("/proc/self/status over a 10-byte limit: err %v, want errTooLarge", err)
		}
	}

	for _, tc := range []struct{ path, want string }{
		{filepath.Join(dir, "missing.json"), "no such file or directory"},
		{dir, "is a directory"},
	} {
		_, err := ReadFile(tc.path, 1<<20)
		if err == nil || err.Error() != tc.want || strings.Contains(err.Error(), dir) {
			t.Errorf("ReadFile(%s) = %v, want %q without the path", tc.path, err, tc.want)
		}
	}
	loop := filepath.Join(dir, "loop.json")
	if err := os.Symlink(loop, loop); err == nil {
		if _, err := ReadFile(loop, 1<<20); err == nil || !strings.Contains(err.Error(), "symbolic link loop") {
			t.Errorf("symlink loop: %v", err)
		}
	}
}
