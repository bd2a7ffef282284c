package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/dilint/dilint/lint"
)

// policiesFor returns, computed once, the policies of the configurations
// that apply to the command line's paths: the --config file's, or the
// nearest to each path (a directory's own configuration, a file's). A
// policy in a configuration further down a directory is found when its
// files are linted, but the command line cannot name it and SARIF lists it
// only with what its findings say. Configurations that do not load are
// skipped here; the run reports them.
func policiesFor(finder *lint.ConfigFinder, paths []string) func() []*lint.Rule {
	return sync.OnceValue(func() []*lint.Rule {
		var out []*lint.Rule
		seen := map[*lint.Config]bool{}
		for _, p := range paths {
			probe := p
			if st, err := os.Stat(p); err == nil && st.IsDir() {
				// The configuration of the files in the directory.
				probe = filepath.Join(p, lint.ConfigFileNames[0])
			}
			cfg, err := finder.For(probe)
			if err != nil || seen[cfg] {
				continue
			}
			seen[cfg] = true
			out = append(out, cfg.Policies()...)
		}
		return out
	})
}

// policiesConfig returns the configuration whose policies rules and
// explain show: --config, or the one nearest the working directory. A
// nearest one that does not load is only mentioned, so that the rules can
// still be listed to mend it; an explicit one that does not load is an
// error.
func (c *Command) policiesConfig(explicit string) (*lint.Config, error) {
	if explicit != "" {
		return lint.LoadConfig(explicit)
	}
	path, err := lint.FindConfig(lint.ConfigFileNames[0])
	if err == nil && path != "" {
		var cfg *lint.Config
		if cfg, err = lint.LoadConfig(path); err == nil {
			return cfg, nil
		}
	}
	if err != nil {
		fmt.Fprintf(c.Stderr, "dilint: policies not shown: %v\n", err)
	}
	return lint.Default(), nil
}
