//go:build !unix

package cli

import (
	"bytes"
	"errors"
	"io"
	"os"
)

// readFile reads the file at path, refusing one over limit bytes before
// reading it.
func readFile(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, describe(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, describe(err)
	}
	if info.IsDir() {
		return nil, errors.New("is a directory")
	}
	if info.Size() > limit {
		return nil, &errTooLarge{size: info.Size(), limit: limit}
	}
	// Read into a buffer of the size Stat gave, so a large file is not
	// copied through ever-doubling buffers; the limit still applies if the
	// file has grown since Stat.
	buf := bytes.NewBuffer(make([]byte, 0, info.Size()+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return nil, describe(err)
	}
	src := buf.Bytes()
	if int64(len(src)) > limit {
		return nil, &errTooLarge{limit: limit}
	}
	return src, nil
}
