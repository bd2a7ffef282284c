// Command gen writes a deterministic corpus of DataWorks DI documents for
// benchmarks and comparisons: many small batch jobs across plugin types,
// and realtime solutions with many table mappings, optionally with
// defects injected.
//
//	go -C tools/devcmd run ./gen -out /tmp/corpus -batch 10000 -solution 20000
//
// With -hostile it writes instead the hostile inputs that measure
// dilint's bounds (corpus.LongLine, DuplicateKeys, Amplification,
// AliasBomb), each bomb in a directory of its own as .dilint.yaml:
//
//	go -C tools/devcmd run ./gen -hostile -out /tmp/hostile
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dilint/dilint/internal/corpus"
)

func main() {
	out := flag.String("out", "corpus", "directory to write into (created)")
	batch := flag.Int("batch", 1000, "number of batch job files (batch/job-NNNNN.json)")
	solution := flag.Int("solution", 20000, "table mappings in the one solution file (solution.json); 0 for none")
	indent := flag.Bool("indent", false, "pretty-print instead of the API's compact form")
	seed := flag.Uint64("seed", 1, "seed for names and types")
	hostile := flag.Bool("hostile", false, "write the hostile inputs (long line, duplicate keys, amplification, alias bombs) instead")
	defects := flag.String("defects", "", "comma-separated defects to inject into every document ("+strings.Join(defectList(), ", ")+")")
	flag.Parse()
	if *hostile {
		if err := writeHostile(*out); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*out, *batch, *solution, *indent, *seed, *defects); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func defectList() []string {
	var s []string
	for _, d := range Defects() {
		s = append(s, string(d))
	}
	return s
}

func run(out string, batch, solution int, indent bool, seed uint64, defectsFlag string) error {
	var defects []Defect
	for _, d := range strings.Split(defectsFlag, ",") {
		if d = strings.TrimSpace(d); d != "" {
			defects = append(defects, Defect(d))
		}
	}
	write := func(name string, src []byte) error {
		if len(defects) > 0 {
			var err error
			if src, err = Inject(src, defects...); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		}
		return os.WriteFile(name, src, 0o644)
	}
	if err := os.MkdirAll(filepath.Join(out, "batch"), 0o755); err != nil {
		return err
	}
	total := 0
	for i := range batch {
		src := corpus.Batch(i, indent)
		total += len(src)
		if err := write(filepath.Join(out, "batch", fmt.Sprintf("job-%05d.json", i)), src); err != nil {
			return err
		}
	}
	if solution > 0 {
		src := corpus.Solution(corpus.Options{Tables: solution, Indent: indent, Seed: seed})
		if err := write(filepath.Join(out, "solution.json"), src); err != nil {
			return err
		}
		fmt.Printf("solution.json: %d table mappings, %d bytes\n", solution, len(src))
	}
	fmt.Printf("batch/: %d files, %d bytes\n", batch, total)
	return nil
}

// writeHostile writes the inputs of the measurements in the commits that
// bound dilint's time, memory and output.
func writeHostile(out string) error {
	files := map[string][]byte{
		"long-line.json":         corpus.LongLine(40000),
		"duplicate-keys-1m.json": corpus.DuplicateKeys(1000000),
		"amplification.json":     corpus.Amplification(100),
		"bomb7/.dilint.yaml":     corpus.AliasBomb(7),
		"bomb7/job.json":         corpus.Batch(0, true),
		"bomb8/.dilint.yaml":     corpus.AliasBomb(8),
		"bomb8/job.json":         corpus.Batch(0, true),
	}
	for name, src := range files {
		path := filepath.Join(out, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, src, 0o644); err != nil {
			return err
		}
		fmt.Printf("%s: %d bytes\n", name, len(src))
	}
	return nil
}
