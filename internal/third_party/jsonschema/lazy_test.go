package jsonschema

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
)

// The drafts' metaschemas are compiled on first need, not at init (see
// README.md). These tests run in a child process of their own, where
// nothing has made a Compiler yet.

// lazyChildEnv names the child's test in the child's environment.
const lazyChildEnv = "DILINT_JSONSCHEMA_LAZY_CHILD"

// runChild runs the test named test alone in a fresh test process.
func runChild(t *testing.T, test string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), lazyChildEnv+"="+test)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: "+test) {
		t.Fatalf("child process: %v\n%s", err, out)
	}
}

func inChild(test string) bool { return os.Getenv(lazyChildEnv) == test }

func draftsCompiled() bool {
	for _, d := range []*Draft{Draft4, Draft6, Draft7, Draft2019, Draft2020} {
		if d.sch == nil {
			return false
		}
		for _, v := range d.allVocabs {
			if v == nil {
				return false
			}
		}
	}
	return true
}

// TestDraftsCompiledOnFirstCompiler: linking the package compiles no
// metaschema; the first NewCompiler compiles all of them.
func TestDraftsCompiledOnFirstCompiler(t *testing.T) {
	if !inChild(t.Name()) {
		runChild(t, t.Name())
		return
	}
	if Draft4.sch != nil || Draft2020.sch != nil || Draft2020.allVocabs["core"] != nil {
		t.Fatal("a metaschema was compiled before any Compiler was made")
	}
	NewCompiler()
	if !draftsCompiled() {
		t.Fatal("NewCompiler returned before every metaschema was compiled")
	}
}

// TestFirstCompilersConcurrently makes the first Compilers on many
// goroutines at once, each compiling against a metaschema and validating;
// run under -race it checks that the lazy compile is published safely.
func TestFirstCompilersConcurrently(t *testing.T) {
	if !inChild(t.Name()) {
		runChild(t, t.Name())
		return
	}
	if Draft7.sch != nil {
		t.Fatal("a metaschema was compiled before any Compiler was made")
	}
	schemas := []string{
		`{"$schema": "http://json-schema.org/draft-07/schema#", "properties": {"owner": {"format": "email"}}}`,
		`{"$schema": "https://json-schema.org/draft/2019-09/schema", "properties": {"owner": {"format": "email"}}}`,
		`{"properties": {"owner": {"format": "email"}}}`,
	}
	const goroutines = 32
	start := make(chan struct{})
	errs := make([]string, goroutines)
	var wg sync.WaitGroup
	for i := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			c := NewCompiler()
			c.AssertFormat()
			url := fmt.Sprintf("file:///p%d.json", i)
			doc, err := UnmarshalJSON(strings.NewReader(schemas[i%len(schemas)]))
			if err == nil {
				err = c.AddResource(url, doc)
			}
			if err != nil {
				errs[i] = err.Error()
				return
			}
			sch, err := c.Compile(url)
			if err != nil {
				errs[i] = err.Error()
				return
			}
			if err := sch.Validate(map[string]any{"owner": "nope"}); err == nil {
				errs[i] = "'nope' passed as an email"
			} else if !strings.Contains(err.Error(), "'nope' is not valid email") {
				errs[i] = err.Error()
			}
			// A schema the metaschema rejects needs the draft's compiled
			// metaschema to be seen from this goroutine.
			bad, _ := UnmarshalJSON(strings.NewReader(`{"minLength": -1}`))
			if err := c.AddResource(url+".bad", bad); err != nil {
				errs[i] = err.Error()
			} else if _, err := c.Compile(url + ".bad"); err == nil || !strings.Contains(err.Error(), "not valid against metaschema") {
				errs[i] = fmt.Sprintf("minLength -1 compiled: %v", err)
			}
		}()
	}
	close(start)
	wg.Wait()
	for i, e := range errs {
		if e != "" {
			t.Errorf("goroutine %d: %s", i, e)
		}
	}
	if !draftsCompiled() {
		t.Error("not every metaschema was compiled")
	}
}
