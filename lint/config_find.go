package lint

import (
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// FindConfig returns the configuration file nearest to file: in its
// directory or the closest parent that has one. It returns "" when there
// is none.
func FindConfig(file string) (string, error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return "", err
	}
	dir := abs
	if st, err := os.Stat(abs); err != nil || !st.IsDir() {
		dir = filepath.Dir(abs)
	}
	for {
		for _, n := range ConfigFileNames {
			p := filepath.Join(dir, n)
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				return p, nil
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// ConfigFinder finds and caches the configuration of each file: the one at
// an explicit path for every file, or else the nearest .dilint.yaml above
// the file (Default when there is none). It is safe for concurrent use. It
// resolves relative file names once per directory, so the working
// directory must not change while it is in use.
type ConfigFinder struct {
	// Choices, when set before the first For, are the top layer of every
	// configuration the finder returns (Config.WithChoices).
	Choices *Choices

	explicit string
	mu       sync.Mutex
	byPath   map[string]*configResult
	byDir    map[string]string
	// byGivenDir caches find by the directory as the file name gives it,
	// relative or not: resolving a relative name costs two stat calls
	// (os.Getwd), which were a fifth of the system calls of a run over
	// 10,000 small files.
	byGivenDir map[string]string
	def        *configResult // the configuration of files without one
}

type configResult struct {
	once sync.Once
	cfg  *Config
	err  error
	// top is cfg with the finder's Choices, made once per Choices.
	top atomic.Pointer[Config]
}

// withTop returns the configuration with ch on top, reusing the copy made
// for the same ch.
func (r *configResult) withTop(ch *Choices) *Config {
	if t := r.top.Load(); t != nil && t.top == ch {
		return t
	}
	t := r.cfg.WithChoices(ch)
	r.top.Store(t)
	return t
}

// NewConfigFinder returns a finder; a non-empty explicit path is used for
// every file instead of searching.
func NewConfigFinder(explicit string) *ConfigFinder {
	return &ConfigFinder{explicit: explicit, byPath: map[string]*configResult{}, byDir: map[string]string{}, byGivenDir: map[string]string{}, def: &configResult{cfg: Default()}}
}

// For returns the configuration that applies to file.
func (f *ConfigFinder) For(file string) (*Config, error) {
	p := f.explicit
	if p == "" {
		var err error
		if p, err = f.find(file); err != nil {
			return nil, err
		}
		if p == "" {
			return f.def.withTop(f.Choices), nil
		}
	}
	f.mu.Lock()
	r, ok := f.byPath[p]
	if !ok {
		r = &configResult{}
		f.byPath[p] = r
	}
	f.mu.Unlock()
	r.once.Do(func() { r.cfg, r.err = LoadConfig(p) })
	if r.err != nil {
		return nil, r.err
	}
	return r.withTop(f.Choices), nil
}

// SelectorFor is For as a Linter.SelectorFor.
func (f *ConfigFinder) SelectorFor(file string) (Selector, error) {
	c, err := f.For(file)
	if err != nil {
		return nil, err
	}
	return c, nil
}

func (f *ConfigFinder) find(file string) (string, error) {
	given := filepath.Dir(file)
	f.mu.Lock()
	p, ok := f.byGivenDir[given]
	f.mu.Unlock()
	if ok {
		return p, nil
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return "", err
	}
	dir := filepath.Dir(abs)
	f.mu.Lock()
	p, ok = f.byDir[dir]
	f.mu.Unlock()
	if !ok {
		if p, err = FindConfig(abs); err != nil {
			return "", err
		}
	}
	f.mu.Lock()
	f.byDir[dir] = p
	f.byGivenDir[given] = p
	f.mu.Unlock()
	return p, nil
}
