package schema_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/dilint/dilint/schema"
)

// TestAjvAgrees validates every fixture with ajv (draft 2020-12, from
// tools/ajv) against Bundle and requires the same valid/invalid verdict as
// Validate. It needs node and `npm ci` in tools/ajv: without them it skips,
// unless CI=true, where it fails.
func TestAjvAgrees(t *testing.T) {
	ajvDir, err := filepath.Abs(filepath.Join("..", "tools", "ajv"))
	if err != nil {
		t.Fatal(err)
	}
	requireTool := func(err error, what string) {
		t.Helper()
		if err == nil {
			return
		}
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s: %v (install with: cd tools/ajv && npm ci)", what, err)
		}
		t.Skipf("%s: %v (install with: cd tools/ajv && npm ci)", what, err)
	}
	node, err := exec.LookPath("node")
	requireTool(err, "node not found")
	_, err = os.Stat(filepath.Join(ajvDir, "node_modules", "ajv", "package.json"))
	requireTool(err, "ajv not installed")

	bundle := filepath.Join(t.TempDir(), "dilint.schema.json")
	if err := os.WriteFile(bundle, schema.Bundle(), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{filepath.Join(ajvDir, "check.mjs"), bundle}
	want := make(map[string]bool)
	for _, dir := range fixtureDirs {
		for _, exp := range readExpectations(t, dir) {
			if exp.Schema == "" {
				continue // not JSON as published (comments): lint's test covers it
			}
			path, err := filepath.Abs(filepath.Join(dir, exp.File))
			if err != nil {
				t.Fatal(err)
			}
			vs, err := schema.Validate(exp.Schema, decodeFile(t, path))
			if err != nil {
				t.Fatal(err)
			}
			want[path] = len(vs) == 0
			args = append(args, string(exp.Schema)+"="+path)
		}
	}

	cmd := exec.Command(node, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node check.mjs: %v\n%s", err, stderr.Bytes())
	}
	var verdicts []struct {
		File   string          `json:"file"`
		Valid  bool            `json:"valid"`
		Errors json.RawMessage `json:"errors"`
	}
	if err := json.Unmarshal(out, &verdicts); err != nil {
		t.Fatalf("decode ajv output: %v\n%s", err, out)
	}
	if len(verdicts) != len(want) {
		t.Fatalf("ajv checked %d fixtures, want %d", len(verdicts), len(want))
	}
	for _, v := range verdicts {
		if v.Valid != want[v.File] {
			t.Errorf("%s: ajv says valid=%v, dilint says valid=%v; ajv errors: %s", v.File, v.Valid, want[v.File], v.Errors)
		}
	}
}

// TestAjvStrictDefaults loads Bundle into ajv with its default options
// (strict mode: unknown keywords fail, loose types warn), as the README's
// validator command and a user's own ajv do, and requires no error and
// no warning.
func TestAjvStrictDefaults(t *testing.T) {
	ajvDir, err := filepath.Abs(filepath.Join("..", "tools", "ajv"))
	if err != nil {
		t.Fatal(err)
	}
	node, err := exec.LookPath("node")
	if err == nil {
		_, err = os.Stat(filepath.Join(ajvDir, "node_modules", "ajv", "package.json"))
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("node and ajv are needed: %v (install with: cd tools/ajv && npm ci)", err)
		}
		t.Skipf("node and ajv are needed: %v (install with: cd tools/ajv && npm ci)", err)
	}
	bundle := filepath.Join(t.TempDir(), "dilint.schema.json")
	if err := os.WriteFile(bundle, schema.Bundle(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, filepath.Join(ajvDir, "strict.mjs"), bundle).Output()
	if err != nil {
		t.Fatalf("node strict.mjs: %v", err)
	}
	var said struct{ Errors, Warnings []string }
	if err := json.Unmarshal(out, &said); err != nil {
		t.Fatalf("decode: %v\n%s", err, out)
	}
	for _, e := range said.Errors {
		t.Errorf("ajv error: %s", e)
	}
	for _, w := range said.Warnings {
		t.Errorf("ajv warning: %s", w)
	}
}
