package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is set at link time for releases:
//
//	go build -ldflags "-X github.com/dilint/dilint/internal/cli.version=v1.2.3" ./cmd/dilint
//
// Otherwise Version reads the module version from the build information.
var version string

// Version returns dilint's version: the link-time version, else the main
// module's version ("(devel)" for a build from a work tree) with the VCS
// revision when the build recorded one.
func Version() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if v == "(devel)" && rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		v += " " + rev
		if modified == "true" {
			v += "+dirty"
		}
	}
	return v
}

func (c *Command) runVersion(args []string) int {
	fs := c.newFlagSet("version", "dilint version")
	if _, status, ok := parseFlags(fs, args); !ok {
		return status
	} else if fs.NArg() > 0 {
		return c.usageError("version takes no arguments")
	}
	fmt.Fprintf(c.Stdout, "dilint %s (%s, %s/%s)\n", Version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return ExitOK
}
