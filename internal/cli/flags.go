package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// flagSet is a command's flags. Help (-h) goes to standard output with
// exit 0, as for every command a user asks for help; a mistake is one
// line on standard error with a hint, not the whole usage.
type flagSet struct {
	*flag.FlagSet
	c     *Command
	usage string
}

// newFlagSet returns the flag set of the named command.
func (c *Command) newFlagSet(name, usage string) *flagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// The flag package prints errors and usage itself; parseFlags does
	// instead, to the right stream.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &flagSet{FlagSet: fs, c: c, usage: usage}
}

// printUsage writes the usage line and, when the command has flags, the
// flags with their defaults.
func (fs *flagSet) printUsage(w io.Writer) {
	fmt.Fprintf(w, "Usage: %s\n", fs.usage)
	hasFlags := false
	fs.VisitAll(func(*flag.Flag) { hasFlags = true })
	if !hasFlags {
		return
	}
	fmt.Fprint(w, "\nFlags:\n")
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

// helpCommand is how a flag error's hint names the command.
func (fs *flagSet) helpCommand() string {
	return "dilint " + fs.Name()
}

// parseFlags parses args with flags and arguments in any order, as users
// type them (`dilint jobs/ --format json`); everything after "--" is an
// argument. It returns the arguments, or the exit status when parsing
// ended the command (-h gives ExitOK, a bad flag ExitUsage).
func parseFlags(fs *flagSet, args []string) ([]string, int, bool) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.printUsage(fs.c.Stdout)
				return nil, ExitOK, false
			}
			fmt.Fprintf(fs.c.Stderr, "dilint: %s\nRun '%s -h' for the flags.\n", fs.describe(err), fs.helpCommand())
			return nil, ExitUsage, false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, 0, true
		}
		// flag.Parse stops at the first argument, or after "--".
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(positional, rest...), 0, true
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// describe rewords the flag package's errors: an unknown flag is named
// as the user typed it, with the closest known flag.
func (fs *flagSet) describe(err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		hint := ""
		if s := didYouMean(name, names); s != "" {
			hint = strings.Replace(s, `"`, `"--`, 1)
		}
		return fmt.Sprintf("unknown flag --%s%s", name, hint)
	}
	return strings.Replace(msg, "for flag -", "for flag --", 1)
}

// listFlag is a repeatable flag whose values may also be comma-separated.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, part := range strings.Split(v, ",") {
		if part = strings.TrimSpace(part); part != "" {
			*l = append(*l, part)
		}
	}
	return nil
}

// repeatedFlag is a repeatable flag whose values are taken whole: a glob
// may hold a comma ({a,b}.json), so globs are not split as names are.
type repeatedFlag []string

func (r *repeatedFlag) String() string { return strings.Join(*r, " ") }

func (r *repeatedFlag) Set(v string) error {
	*r = append(*r, v)
	return nil
}

// byteSize is a size flag: a number of bytes, optionally with a unit —
// KB, MB, GB (powers of 1000) or KiB, MiB, GiB (powers of 1024); the
// unit's case does not matter.
type byteSize int64

var byteUnits = []struct {
	suffix string
	factor int64
}{
	{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30},
	{"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9},
	{"b", 1},
}

func (b *byteSize) String() string { return strconv.FormatInt(int64(*b), 10) }

func (b *byteSize) Set(v string) error {
	s := strings.ToLower(strings.TrimSpace(v))
	factor := int64(1)
	for _, u := range byteUnits {
		if rest, ok := strings.CutSuffix(s, u.suffix); ok {
			s, factor = strings.TrimSpace(rest), u.factor
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > (1<<62)/factor {
		return errors.New("want a number of bytes, optionally with a unit: 1048576, 512KiB, 32MiB, 1GB")
	}
	*b = byteSize(n * factor)
	return nil
}
