package cli_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dilint/dilint/internal/output"
)

// secretCorpus is the directory of secret-bearing files, valid and broken,
// with the list of their secrets in SECRETS.
const secretCorpus = "testdata/secrets"

// corpusSecrets reads the secrets of the corpus.
func corpusSecrets(t *testing.T) []string {
	t.Helper()
	f, err := os.Open(filepath.Join(repoRoot, secretCorpus, "SECRETS"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var secrets []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
			secrets = append(secrets, line)
		}
	}
	if len(secrets) < 20 {
		t.Fatalf("SECRETS lists %d secrets", len(secrets))
	}
	return secrets
}

// leakChecker fails a test when output holds any 6-byte part of a secret.
type leakChecker struct {
	t     *testing.T
	parts map[string]string // part → the secret it is from
	runs  int
}

func newLeakChecker(t *testing.T, secrets []string) *leakChecker {
	c := &leakChecker{t: t, parts: map[string]string{}}
	for _, s := range secrets {
		for i := 0; i+6 <= len(s); i++ {
			c.parts[s[i:i+6]] = s
		}
	}
	return c
}

// check fails when text, labelled by what printed it, holds a part.
func (c *leakChecker) check(label, text string) {
	c.t.Helper()
	for i := 0; i+6 <= len(text); i++ {
		if s, ok := c.parts[text[i:i+6]]; ok {
			line := text[strings.LastIndexByte(text[:i], '\n')+1:]
			if j := strings.IndexByte(line, '\n'); j >= 0 {
				line = line[:j]
			}
			c.t.Errorf("%s leaks %q (part of secret %s):\n%s", label, text[i:i+6], s, line)
			return
		}
	}
}

// run runs the binary and checks both streams.
func (c *leakChecker) run(dir, stdin string, env []string, args ...string) run {
	c.t.Helper()
	c.runs++
	var r run
	if env != nil {
		r = runEnv(c.t, stdin, env, args...)
	} else {
		r = dilint(c.t, dir, stdin, args...)
	}
	if r.code > 3 || strings.Contains(r.stderr, "panic:") {
		c.t.Errorf("dilint %s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
	}
	label := "dilint " + strings.Join(args, " ")
	c.check(label+" (stdout)", r.stdout)
	c.check(label+" (stderr)", r.stderr)
	return r
}

// TestNoSecretLeaks runs every command in every output format over every
// file of the secret corpus, valid and broken, and fails when a secret, or
// any 6-byte part of one, reaches standard output, standard error or a
// report written with -o. fmt of standard input is left out: it prints the
// document, as cat would.
func TestNoSecretLeaks(t *testing.T) {
	secrets := corpusSecrets(t)
	c := newLeakChecker(t, secrets)
	files, err := filepath.Glob(filepath.Join(repoRoot, secretCorpus, "*.json"))
	if err != nil || len(files) < 10 {
		t.Fatalf("corpus: %v files, %v", len(files), err)
	}
	// The corpus must hold every secret it lists, or the test proves
	// nothing about it.
	var all strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	for _, s := range secrets {
		if !strings.Contains(all.String(), s) {
			t.Errorf("no corpus file holds the secret %s", s)
		}
	}

	var targets []string
	for _, f := range files {
		targets = append(targets, filepath.ToSlash(filepath.Join(secretCorpus, filepath.Base(f))))
	}
	targets = append(targets, secretCorpus)
	reports := t.TempDir()
	api := newAPIServer(t)
	for _, target := range targets {
		// Every format to standard output, and all of them at once to
		// files with -o.
		toFiles := []string{"--fix"}
		for _, format := range output.Formats {
			c.run("", "", nil, "--format", format, target)
			toFiles = append(toFiles, "-o", format+"="+filepath.Join(reports, format))
		}
		c.run("", "", nil, append(toFiles, "--diff", target)...)
		for _, format := range output.Formats {
			b, err := os.ReadFile(filepath.Join(reports, format))
			if err != nil {
				t.Fatal(err)
			}
			c.check("dilint -o "+format+"=… "+target, string(b))
		}
		c.run("", "", nil, "--format", "json", "--fix", "--diff", target)
		c.run("", "", nil, "--ignore-unknown", "--color", "always", target)
		c.run("", "", nil, "fmt", "--diff", target)
		c.run("", "", nil, "fmt", "--check", target)
		c.run("", "", nil, "graph", target)
		c.run("", "", nil, "graph", "--format", "dot", target)
		for _, other := range []string{secretCorpus + "/valid-job.json", secretCorpus + "/valid-job-changed.json"} {
			c.run("", "", nil, "diff", other, target)
			c.run("", "", nil, "diff", target, other)
			c.run("", "", nil, "diff", "--format", "markdown", "--graph", other, target)
		}
		if src, err := os.ReadFile(filepath.Join(repoRoot, target)); err == nil {
			c.run("", string(src), nil, "--stdin-filename", "job.json", "-")
			c.run("", string(src), nil, "--fix", "--diff", "-")
			c.run("", string(src), nil, "diff", "-", secretCorpus+"/valid-job.json")
		}
		// create and update lint before they send: without --force they
		// refuse on errors, with it they send to the fake DataWorks.
		if !strings.HasSuffix(target, ".json") {
			continue
		}
		for _, force := range [][]string{nil, {"--force"}} {
			create := append([]string{"create", "--project", "1", "--type", "DI_OFFLINE", "--name", "n",
				"--endpoint", api.URL}, force...)
			c.run("", "", akEnv, append(create, target)...)
			update := append([]string{"update", "--project", "1", "--type", "DI_OFFLINE", "--file-id", "7",
				"--endpoint", api.URL}, force...)
			c.run("", "", akEnv, append(update, target)...)
		}
	}
	// --fix writes the files (which hold their secrets, as they must);
	// what it prints must not.
	dir := t.TempDir()
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		must(t, os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644))
	}
	c.run(dir, "", nil, "--fix", ".")
	c.run(dir, "", nil, "fmt", ".")
	t.Logf("%d runs over %d targets", c.runs, len(targets))
}
