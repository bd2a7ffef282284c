// Package cli is the dilint command line: cmd/dilint only hands it the
// process's standard streams and arguments, and everything else — flags,
// finding files, running the linter in parallel, writing outputs and
// fixes, and the exit status — lives here where tests can drive it.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/dilint/dilint/schema"
)

// Exit statuses of Main.
const (
	// ExitOK means no finding at or above --fail-on and no failure.
	ExitOK = 0
	// ExitFindings means at least one finding at or above --fail-on (or,
	// for fmt --check, a file that is not formatted).
	ExitFindings = 1
	// ExitUsage means the command line was wrong.
	ExitUsage = 2
	// ExitFailure means dilint could not do its job for some input: a
	// path that does not exist or cannot be read, a file over the size
	// limit, a configuration that does not load. Findings never cause it.
	ExitFailure = 3
)

// Command is one run of dilint with its standard streams, so tests can
// run it in-process as well as through the built binary.
type Command struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads environment variables (NO_COLOR); nil means os.Getenv.
	Getenv func(string) string
}

// subcommand is an entry of the dispatch table.
type subcommand struct {
	name    string
	summary string
	run     func(c *Command, args []string) int
}

// subcommands is the dispatch table. A new command (fetch, create, update
// for the DataWorks API) is one entry here and one file with its run
// function; "lint" is also what runs when the first argument names no
// command.
func subcommands() []subcommand {
	return []subcommand{
		{"lint", "check job documents (the default command)", (*Command).runLint},
		{"fmt", "format job documents canonically", (*Command).runFmt},
		{"diff", "show what changed between two job documents", (*Command).runDiff},
		{"graph", "draw a job's steps and hops as Mermaid or DOT", (*Command).runGraph},
		{"get", "print what a gjson path selects in a job", (*Command).runGet},
		{"set", "set values at sjson paths, changing only those bytes", (*Command).runSet},
		{"rules", "list the rules", (*Command).runRules},
		{"explain", "show a rule's documentation", (*Command).runExplain},
		{"schema", "print the bundled JSON Schema for editors", (*Command).runSchema},
		{"fetch", "get a generated TaskContent from DataWorks (Generate, Query)", (*Command).runFetch},
		{"create", "lint a job, then create a DataWorks task from it", (*Command).runCreate},
		{"update", "lint a job, then replace a DataWorks task's job with it", (*Command).runUpdate},
		{"get-task", "get a deployed real-time task or solution from DataWorks (GetDISyncTask)", (*Command).runGetTask},
		{"completion", "print a shell completion script (bash, zsh, fish)", (*Command).runCompletion},
		{"version", "print the version", (*Command).runVersion},
		{"help", "show help for a command", (*Command).runHelp},
	}
}

func lookupSubcommand(name string) (subcommand, bool) {
	for _, s := range subcommands() {
		if s.name == name {
			return s, true
		}
	}
	return subcommand{}, false
}

// Main runs dilint with args (without the program name) and returns the
// exit status.
func (c Command) Main(args []string) int {
	if c.Stdin == nil {
		c.Stdin = os.Stdin
	}
	if c.Getenv == nil {
		c.Getenv = os.Getenv
	}
	if len(args) > 0 {
		switch args[0] {
		case "--version", "-version", "-v":
			return c.runVersion(args[1:])
		case "-h", "-help", "--help":
			return c.runHelp(nil)
		}
		if s, ok := lookupSubcommand(args[0]); ok {
			return s.run(&c, args[1:])
		}
		if a := args[0]; !strings.HasPrefix(a, "-") && !looksLikePath(a) {
			return c.usageError("%q is neither a command nor an existing path%s; run 'dilint help' for the commands", a, didYouMean(a, subcommandNames()))
		}
	}
	return c.runLint(args)
}

// looksLikePath tells a mistyped command from a file argument: paths
// have a separator, a dot or exist.
func looksLikePath(a string) bool {
	if strings.ContainsAny(a, `/\.*?[`) {
		return true
	}
	_, err := os.Lstat(a)
	return err == nil || !errors.Is(err, os.ErrNotExist)
}

func subcommandNames() []string {
	var names []string
	for _, s := range subcommands() {
		names = append(names, s.name)
	}
	return names
}

// didYouMean returns ` (did you mean "x"?)` when a choice is close to word.
func didYouMean(word string, choices []string) string {
	if s := schema.Suggest(word, choices); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

// usageError reports a command-line mistake and returns ExitUsage.
func (c *Command) usageError(format string, args ...any) int {
	fmt.Fprintf(c.Stderr, "dilint: "+format+"\n", args...)
	return ExitUsage
}

// failure reports that dilint could not do something.
func (c *Command) failure(format string, args ...any) {
	fmt.Fprintf(c.Stderr, "dilint: "+format+"\n", args...)
}

func (c *Command) runHelp(args []string) int {
	if len(args) > 0 && args[0] != "-h" && args[0] != "-help" && args[0] != "--help" {
		if _, ok := lookupSubcommand(args[0]); !ok {
			return c.usageError("unknown command %q%s (valid: %s)", args[0], didYouMean(args[0], subcommandNames()), strings.Join(subcommandNames(), ", "))
		}
		return c.Main([]string{args[0], "-h"})
	}
	fmt.Fprint(c.Stdout, `dilint checks DataWorks Data Integration sync-task documents.

Usage:
  dilint [lint] [flags] [paths | globs | -]...
  dilint <command> [flags] [arguments]

Commands:
`)
	names := subcommands()
	width := 0
	for _, s := range names {
		width = max(width, len(s.name))
	}
	for _, s := range names {
		fmt.Fprintf(c.Stdout, "  %-*s  %s\n", width, s.name, s.summary)
	}
	fmt.Fprint(c.Stdout, `
Exit status: 0 no findings at or above --fail-on, 1 findings, 2 usage error,
3 dilint could not check some input or a DataWorks call failed.

Run 'dilint <command> -h' for a command's flags.
`)
	return ExitOK
}
