// Command lowerbound reads JSON files and checks their syntax with
// encoding/json.Valid: the least any validator must do with the same
// bytes, used by scripts/bench-compare.sh as the floor to compare with.
//
//	go -C tools/devcmd run ./lowerbound FILE|DIR...
package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	files, bytes, invalid := 0, 0, 0
	for _, arg := range os.Args[1:] {
		err := filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || (path != arg && !strings.HasSuffix(path, ".json")) {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files++
			bytes += len(src)
			if !json.Valid(src) {
				invalid++
			}
			return nil
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, "lowerbound:", err)
			os.Exit(2)
		}
	}
	fmt.Printf("%d files, %d bytes, %d not JSON\n", files, bytes, invalid)
}
