// Command dilint checks DataWorks Data Integration sync-task documents.
// Run 'dilint help' for its commands; package internal/cli does the work.
package main

import (
	"os"

	"github.com/dilint/dilint/internal/cli"
)

func main() {
	os.Exit(cli.Command{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}.Main(os.Args[1:]))
}
