package taskcontent

import (
	"bytes"
	"strings"
	"testing"
)

// bareLF reports whether src has a '\n' without a '\r' before it.
func bareLF(src []byte) bool {
	for i, c := range src {
		if c == '\n' && (i == 0 || src[i-1] != '\r') {
			return true
		}
	}
	return false
}

func TestLineEnding(t *testing.T) {
	for src, want := range map[string]string{
		"":                  "\n",
		"{}":                "\n",
		"{\n}":              "\n",
		"{\r\n}\n":          "\r\n",
		"{\r}":              "\r",
		"{\n}\r\n\r\n":      "\n",
		`{"a": 1}` + "\r\n": "\r\n",
	} {
		if got := LineEnding([]byte(src)); got != want {
			t.Errorf("LineEnding(%q) = %q, want %q", src, got, want)
		}
	}
}

// TestFormatKeepsCRLF: a CRLF file formats with CRLF throughout, sorted or
// not, and formatting it again changes nothing.
func TestFormatKeepsCRLF(t *testing.T) {
	src := strings.ReplaceAll("{\n  \"steps\": [{\"name\": \"a\"}],\n\"type\": \"job\", \"order\": {}}\n", "\n", "\r\n")
	for _, sortKeys := range []bool{false, true} {
		doc, err := Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		out, err := doc.Format("  ", sortKeys)
		if err != nil {
			t.Fatal(err)
		}
		if bareLF(out) || !bytes.HasSuffix(out, []byte("}\r\n")) || bytes.Count(out, []byte("\r\n")) < 5 {
			t.Errorf("sortKeys=%v: %q", sortKeys, out)
		}
		again, _ := Parse(out)
		if out2, _ := again.Format("  ", sortKeys); !bytes.Equal(out, out2) {
			t.Errorf("sortKeys=%v: not idempotent:\n%q\n%q", sortKeys, out, out2)
		}
	}
	// An LF file stays LF.
	doc, _ := Parse([]byte("{\"type\": \"job\",\n\"steps\": []}"))
	if out, _ := doc.Format("  ", false); bytes.Contains(out, []byte("\r")) {
		t.Errorf("LF file: %q", out)
	}
}

// TestInsertChildKeepsCRLF: a member or element added on a line of its
// own ends the line before it as its siblings' lines end, also when the
// new value spans several lines.
func TestInsertChildKeepsCRLF(t *testing.T) {
	src := "{\r\n  \"setting\": {\r\n    \"speed\": {\"concurrent\": 1}\r\n  },\r\n  \"steps\": [\r\n    {\"name\": \"a\"}\r\n  ]\r\n}\r\n"
	doc, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	out, err := doc.Edit().
		Set("/setting/errorLimit", map[string]any{"record": 0, "percentage": 0.1}).
		Set("/steps/-", map[string]any{"name": "b"}).
		Set("/order", map[string]any{"hops": []any{}}).
		Apply()
	if err != nil {
		t.Fatal(err)
	}
	if got := out.Bytes(); bareLF(got) {
		t.Errorf("bare LF after inserting into a CRLF document:\n%q", got)
	}
}
