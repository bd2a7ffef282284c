package schema

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

// forceDeferred compiles every deferred location reachable from root and
// returns the placeholders it met.
func forceDeferred(t *testing.T, root *fastSchema) []*fastSchema {
	t.Helper()
	var placeholders []*fastSchema
	eachReachable(root, func(s *fastSchema) {
		if s.lazy == nil {
			return
		}
		placeholders = append(placeholders, s)
		s.lazy.get()
		if s.lazy.err != nil {
			t.Errorf("%s: %v", s.loc, s.lazy.err)
		}
	})
	return placeholders
}

// TestDeferredPluginsCompile compiles every plugin location each top-level
// schema defers, checks the whole for reference cycles, and that nothing
// else is deferred.
func TestDeferredPluginsCompile(t *testing.T) {
	for _, name := range Names() {
		sf, err := newSchemaFiles()
		if err != nil {
			t.Fatal(err)
		}
		root, err := compileFiles(sf, name.file())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		placeholders := forceDeferred(t, root)
		for _, p := range placeholders {
			if !strings.HasPrefix(p.loc, "plugins/") {
				t.Errorf("%s: %s deferred, but it is not a plugin's", name, p.loc)
			}
		}
		if name == Job && len(placeholders) == 0 {
			t.Errorf("the job schema defers no plugin")
		}
		if err := checkInPlaceCycles(root); err != nil {
			t.Errorf("%s with every plugin compiled: %v", name, err)
		}
	}
	if err := deferredError(); err != nil {
		t.Fatalf("a deferred compilation failed: %v", err)
	}
}

// batchJob is a batch job whose steps use the given reader and writer.
func batchJob(reader, writer string) string {
	return fmt.Sprintf(`{"type":"job","version":"2.0",
		"steps":[{"stepType":%q,"name":"Reader","category":"reader","parameter":{}},
		         {"stepType":%q,"name":"Writer","category":"writer","parameter":{}}],
		"order":{"hops":[{"from":"Reader","to":"Writer"}]},
		"setting":{"speed":{"concurrent":2}}}`, reader, writer)
}

// TestDeferredDecodesOnlyReachedPlugins: compiling the job schema decodes
// no plugin file, and validating a mysql → holo job decodes those two.
func TestDeferredDecodesOnlyReachedPlugins(t *testing.T) {
	sf, err := newSchemaFiles()
	if err != nil {
		t.Fatal(err)
	}
	root, err := compileFiles(sf, Job.file())
	if err != nil {
		t.Fatal(err)
	}
	decodedPlugins := func() []string {
		var out []string
		for _, name := range sf.list {
			if strings.HasPrefix(name, "plugins/") && sf.files[name].decoded.Load() {
				out = append(out, name)
			}
		}
		return out
	}
	if got := decodedPlugins(); len(got) != 0 {
		t.Fatalf("compiling the job schema decoded %v", got)
	}
	for _, name := range []string{"plugins/mysql.json", "plugins/holo.json"} {
		if _, ok := sf.files[name]; !ok {
			t.Fatalf("no %s among the embedded files", name)
		}
	}
	// explain, unlike valid, does not stop at the reader's first failure.
	explain(root, newAnyNode(decode(t, batchJob("mysql", "holo")), ""))
	if got, want := fmt.Sprint(decodedPlugins()), "[plugins/holo.json plugins/mysql.json]"; got != want {
		t.Errorf("after a mysql → holo job, decoded %s, want %s", got, want)
	}
}

// TestDeferredConcurrentFirstUse validates jobs of every plugin pair from
// several goroutines at once on a fresh compilation (run with -race) and
// compares each verdict and explanation with a compilation that defers
// nothing.
func TestDeferredConcurrentFirstUse(t *testing.T) {
	docs, err := rawDocs()
	if err != nil {
		t.Fatal(err)
	}
	eager, err := compileFile(docs, Job.file())
	if err != nil {
		t.Fatal(err)
	}
	var plugins []string
	for name := range docs {
		if p, ok := strings.CutPrefix(name, "plugins/"); ok {
			plugins = append(plugins, strings.TrimSuffix(p, ".json"))
		}
	}
	// Every plugin as reader and as writer, each paired with stream and
	// with the next plugin: every plugin location is first used by several
	// goroutines at once, and the jobs grow linearly with the plugins (all
	// pairs took 47 s under -race with 32 plugins).
	slices.Sort(plugins)
	var jobs []any
	for i, p := range plugins {
		next := plugins[(i+1)%len(plugins)]
		for _, pair := range [][2]string{{p, "stream"}, {"stream", p}, {p, next}, {next, p}} {
			jobs = append(jobs, decode(t, batchJob(pair[0], pair[1])))
		}
	}
	sf, err := newSchemaFiles()
	if err != nil {
		t.Fatal(err)
	}
	lazy, err := compileFiles(sf, Job.file())
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range jobs {
				job := jobs[(i+g*len(jobs)/8)%len(jobs)]
				n := newAnyNode(job, "")
				if got, want := valid(lazy, n), valid(eager, n); got != want {
					t.Errorf("job %d: deferred valid %v, eager %v", i, got, want)
				}
				if got, want := fmt.Sprintf("%+v", violations(explain(lazy, n), docs)), fmt.Sprintf("%+v", violations(explain(eager, n), docs)); got != want {
					t.Errorf("job %d: deferred explanation\n%s\neager\n%s", i, got, want)
				}
			}
		})
	}
	wg.Wait()
	if len(plugins) < 10 {
		t.Errorf("only %d plugins", len(plugins))
	}
}
