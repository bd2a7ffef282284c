//go:build !unix

package fileio

import (
	"bytes"
	"errors"
	"io"
	"os"
)

// ReadFile reads the file at path, refusing one over limit bytes before
// reading it.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, Describe(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, Describe(err)
	}
	if info.IsDir() {
		return nil, errors.New("is a directory")
	}
	if info.Size() > limit {
		return nil, &TooLargeError{Size: info.Size(), Limit: limit}
	}
	// Read into a buffer of the size Stat gave, so a large file is not
	// copied through ever-doubling buffers; the limit still applies if the
	// file has grown since Stat.
	buf := bytes.NewBuffer(make([]byte, 0, info.Size()+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return nil, Describe(err)
	}
	src := buf.Bytes()
	if int64(len(src)) > limit {
		return nil, &TooLargeError{Limit: limit}
	}
	return src, nil
}
