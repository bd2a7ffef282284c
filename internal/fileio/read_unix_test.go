//go:build unix

package fileio

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"
)

// TestReadFileFIFO: a FIFO delivers its content in short reads that are
// not its end; every chunk must arrive.
func TestReadFileFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	want := bytes.Repeat([]byte("0123456789"), 1000)
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer f.Close()
		for chunk := range slices.Chunk(want, 700) {
			f.Write(chunk)
			time.Sleep(time.Millisecond)
		}
	}()
	got, err := ReadFile(fifo, 1<<20)
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("FIFO: read %d of %d bytes, %v", len(got), len(want), err)
	}
}
