package output

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/dilint/dilint/lint"
	"github.com/dilint/dilint/taskcontent"
)

// TestJSONShapeIsDocumented decodes the example in docs/output.md into the
// types the json format writes, rejecting unknown fields, so the
// documentation cannot drift from the code.
func TestJSONShapeIsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/output.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "```json\n")
	example, _, _ := strings.Cut(rest, "```")
	if !ok {
		t.Fatal("docs/output.md has no json example")
	}
	dec := json.NewDecoder(strings.NewReader(example))
	dec.DisallowUnknownFields()
	var r jsonReport
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("the documented example does not match the json format: %v", err)
	}
	if r.Version != jsonFormatVersion {
		t.Errorf("documented version %d, format version %d", r.Version, jsonFormatVersion)
	}
}

func TestColumnUTF16(t *testing.T) {
	src := []byte("ab\n\"备\": \"🚀\", x\n")
	for _, tc := range []struct {
		offset, want int
	}{
		{0, 1},                       // line 1
		{3, 1},                       // start of line 2
		{3 + len(`"备`), 3},           // 备 is 3 bytes, 1 unit
		{3 + len(`"备": "🚀`), 9},      // 🚀 is 4 bytes, 2 units
		{3 + len(`"备": "🚀", x`), 13}, // end of line
	} {
		p := taskcontent.NewLines(src).Position(tc.offset)
		if got := newSource(&File{Src: src}).columnUTF16(p); got != tc.want {
			t.Errorf("offset %d: column %d, want %d", tc.offset, got, tc.want)
		}
	}
}

func TestGitHubEscaping(t *testing.T) {
	var b bytes.Buffer
	g := newGitHub(&b)
	src := []byte(`{"a": 1}`)
	f := &File{Path: "jobs/a,b:c%.json", Src: src, Diagnostics: []lint.Diagnostic{{
		Rule: "r", Severity: lint.SeverityWarning, Message: "50% done\nnext line",
		Start: taskcontent.Position{Offset: 1, Line: 1, Column: 2},
		End:   taskcontent.Position{Offset: 4, Line: 1, Column: 5},
	}}}
	if err := g.Write(f); err != nil {
		t.Fatal(err)
	}
	if err := g.Flush(Summary{}); err != nil {
		t.Fatal(err)
	}
	want := "::warning file=jobs/a%2Cb%3Ac%25.json,line=1,endLine=1,col=2,endColumn=5,title=r::50%25 done%0Anext line\n"
	if b.String() != want {
		t.Errorf("got  %q\nwant %q", b.String(), want)
	}
}

func TestGitHubCapNotice(t *testing.T) {
	var b bytes.Buffer
	g := newGitHub(&b)
	var diags []lint.Diagnostic
	for range 12 {
		diags = append(diags, lint.Diagnostic{Rule: "r", Severity: lint.SeverityError, Message: "m"})
	}
	g.Write(&File{Path: "a.json", Diagnostics: diags})
	g.Flush(Summary{})
	if !strings.Contains(b.String(), "::notice title=dilint::GitHub shows at most 10 error and 10 warning annotations per step, so up to 2 of these findings") {
		t.Errorf("no cap notice:\n%s", b.String())
	}
}

func TestTextSummary(t *testing.T) {
	tx := &text{}
	for _, tc := range []struct {
		s    Summary
		want string
	}{
		{Summary{Files: 1}, "no problems in 1 file"},
		{Summary{Files: 3, Problems: 2, Errors: 2, Warnings: 1}, "3 problems (2 errors, 1 warning) in 2 of 3 files"},
		{Summary{Files: 2, Problems: 1, Infos: 1, Fixed: 2, Failed: 1}, "1 problem (1 info) in 1 of 1 file; 2 fixes applied; 1 file could not be checked"},
	} {
		if got := tx.summary(tc.s); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}

// TestJSONStreamsSameDocument checks that encoding files one at a time
// gives the bytes of encoding the whole report at once, for no, one and
// several files, with characters encoding/json would HTML-escape.
func TestJSONStreamsSameDocument(t *testing.T) {
	files := []*File{
		{Path: "a.json", Diagnostics: []lint.Diagnostic{{
			Rule: "r", Severity: lint.SeverityError, Message: `<b> & "q"`, Pointer: "/steps/0",
			Start: taskcontent.Position{Offset: 1, Line: 1, Column: 2},
		}}},
		{Path: "dir/b.json"},
		{Path: "c.json", Diagnostics: []lint.Diagnostic{{Rule: "s", Severity: lint.SeverityInfo, Message: "files: [],"}}},
	}
	for n := range len(files) + 1 {
		var got bytes.Buffer
		o := newJSON(&got, Options{ToolVersion: "v1"})
		want := jsonReport{Version: jsonFormatVersion, Tool: jsonTool{Name: "dilint", Version: "v1"}, Files: []jsonFile{}}
		for _, f := range files[:n] {
			if err := o.Write(f); err != nil {
				t.Fatal(err)
			}
			jf := jsonFile{Path: f.Path, Diagnostics: []jsonDiagnostic{}}
			for _, d := range f.Diagnostics {
				jf.Diagnostics = append(jf.Diagnostics, jsonDiag(d))
			}
			want.Files = append(want.Files, jf)
		}
		sum := Summary{Files: n, Errors: 1}
		if err := o.Flush(sum); err != nil {
			t.Fatal(err)
		}
		want.Summary = jsonSummary(sum)
		var wantBuf bytes.Buffer
		enc := json.NewEncoder(&wantBuf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(want); err != nil {
			t.Fatal(err)
		}
		if got.String() != wantBuf.String() {
			t.Errorf("%d files:\ngot\n%s\nwant\n%s", n, got.String(), wantBuf.String())
		}
	}
}

// TestCleanFileMatchesEncoder checks the hand-written element for a file
// without diagnostics against encoding/json, for paths that need no
// escaping and paths that do (which must fall back to the encoder).
func TestCleanFileMatchesEncoder(t *testing.T) {
	paths := []string{
		"a.json", "dir/b c.json", "ünï/cödé.json", "日本/ジョブ.json", "a\x7fb.json",
		`q"uote.json`, `back\slash.json`, "tab\t.json", "nl\n.json", "<html>&.json",
		"bad\xffutf8.json", "sep\u2028.json", "sep\u2029.json", "",
	}
	for _, p := range paths {
		for _, kc := range [][2]string{{"", ""}, {"job", "plain"}, {"job", ""}, {"", "wrapped"}} {
			jf := jsonFile{Path: p, Kind: kc[0], Container: kc[1], Diagnostics: []jsonDiagnostic{}}
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetEscapeHTML(false)
			enc.SetIndent(jsonElementIndent, "  ")
			if err := enc.Encode(jf); err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if !appendCleanFile(&got, jf) {
				if got.Len() != 0 {
					t.Errorf("%q: fell back after writing %q", p, got.String())
				}
				if plainJSONString(p) {
					t.Errorf("%q: plain path but fell back", p)
				}
				continue
			}
			if got.String() != want.String() {
				t.Errorf("%q %v:\ngot  %q\nwant %q", p, kc, got.String(), want.String())
			}
		}
	}
	for _, p := range []string{`q"uote.json`, `back\slash.json`, "tab\t.json", "bad\xffutf8.json", "sep\u2028.json"} {
		if plainJSONString(p) {
			t.Errorf("%q needs escaping, but plainJSONString says plain", p)
		}
	}
}
