package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestCopyIsGenerated regenerates the copy into a temporary directory and
// requires the committed one to hold exactly the same files, byte for
// byte (besides its *_test.go files, which are dilint's own).
func TestCopyIsGenerated(t *testing.T) {
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	files, err := generate(root)
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	if err := write(tmp, files); err != nil {
		t.Fatal(err)
	}
	want, got := readTree(t, tmp), readTree(t, filepath.Join(root, copyDir))
	if len(want) < 20 {
		t.Fatalf("generated only %d files", len(want))
	}
	for name, src := range want {
		committed, ok := got[name]
		switch {
		case !ok:
			t.Errorf("%s/%s is missing", copyDir, name)
		case !bytes.Equal(committed, src):
			t.Errorf("%s/%s differs from the generated file", copyDir, name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s/%s is not generated", copyDir, name)
		}
	}
	if t.Failed() {
		t.Log("run: go -C tools/devcmd run ./thirdparty")
	}
}

// readTree reads the files under dir by slash-separated path, except
// *_test.go files.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, "_test.go") {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		src, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = src
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestApplyPatchNeedsExactlyOneMatch(t *testing.T) {
	files := func() map[string][]byte {
		return map[string][]byte{"a.go": []byte("package a\n\nvar x = 1\nvar y = 1\n")}
	}
	for _, tc := range []struct {
		name string
		r    replacement
		want string // in the error; "" for success
	}{
		{"one", replacement{File: "a.go", Old: "var x = 1", New: "var x = 2"}, ""},
		{"none", replacement{File: "a.go", Old: "var z = 1", New: "var z = 2"}, "0 occurrences"},
		{"two", replacement{File: "a.go", Old: " = 1", New: " = 2"}, "2 occurrences"},
		{"no file", replacement{File: "b.go", Old: "x", New: "y"}, "no file b.go"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := files()
			err := applyPatch(f, []replacement{tc.r})
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if got := string(f["a.go"]); got != "package a\n\nvar x = 2\nvar y = 1\n" {
					t.Errorf("patched to %q", got)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one saying %q", err, tc.want)
			}
		})
	}
}

func TestRewriteImports(t *testing.T) {
	src := "package p\n\nimport (\n\t\"fmt\"\n\n\t\"" + upstreamModule + "/kind\"\n\t\"golang.org/x/text/message\"\n)\n"
	got, err := rewriteImports("p.go", []byte(src), []string{".", "kind"})
	if err != nil {
		t.Fatal(err)
	}
	want := "package p\n\nimport (\n\t\"fmt\"\n\n\t\"golang.org/x/text/message\"\n\n\t\"" + copyImportPath + "/kind\"\n)\n"
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for _, bad := range []string{
		"package p\n\nimport (\n\t\"" + upstreamModule + "/other\"\n)\n",         // not copied
		"package p\n\nimport \"" + upstreamModule + "/kind\"\n",                  // not in a block
		"package p\n\nimport (\n\t\"fmt\"\n)\n\n// see " + upstreamModule + "\n", // outside imports
	} {
		if _, err := rewriteImports("p.go", []byte(bad), []string{".", "kind"}); err == nil {
			t.Errorf("no error for\n%s", bad)
		}
	}
}

func TestPatchTouchesOnlyCopiedFiles(t *testing.T) {
	for _, r := range patch {
		if !strings.HasSuffix(r.File, ".go") || r.Why == "" || r.Old == r.New {
			t.Errorf("replacement in %s: want a Go file, a reason and a change", r.File)
		}
		if slices.Contains([]string{r.Old, r.New}, "") {
			t.Errorf("replacement in %s has an empty side", r.File)
		}
	}
}
