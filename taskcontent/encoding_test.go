package taskcontent

import (
	"errors"
	"testing"
)

func TestSniffEncoding(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"{}", ""},
		{"\xef\xbb\xbf{}", ""},
		{"1", ""},
		{"", ""},
		{"\xff\xfe{\x00}\x00", "UTF-16LE with a byte order mark"},
		{"\xfe\xff\x00{\x00}", "UTF-16BE with a byte order mark"},
		{"{\x00}\x00", "UTF-16LE"},
		{"\x00{\x00}", "UTF-16BE"},
		{"\xff\xfe\x00\x00{\x00\x00\x00", "UTF-32LE with a byte order mark"},
		{"\x00\x00\xfe\xff\x00\x00\x00{", "UTF-32BE with a byte order mark"},
		{"{\x00\x00\x00}\x00\x00\x00", "UTF-32LE"},
		{"\x00\x00\x00{\x00\x00\x00}", "UTF-32BE"},
		{"é\x00", ""},
	} {
		if got := SniffEncoding([]byte(c.src)); got != c.want {
			t.Errorf("SniffEncoding(%q) = %q, want %q", c.src, got, c.want)
		}
	}
}

// TestInvalidEscapeMessage checks the message shows the character after
// the backslash, whatever its length in UTF-8.
func TestInvalidEscapeMessage(t *testing.T) {
	for src, want := range map[string]string{
		`{"a": "x\é"}`:           `1:9: invalid escape \é in string`,
		`{"a": "x\中"}`:           `1:9: invalid escape \中 in string`,
		`{"a": "x\q"}`:           `1:9: invalid escape \q in string`,
		"{\"a\": \"x\\\xff\"}":   `1:9: invalid escape '\' followed by byte 0xFF in string`,
		"{\"a\": \"x\\\u00ad\"}": `1:9: invalid escape '\' followed by U+00AD in string`,
	} {
		_, err := Parse([]byte(src))
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Fatalf("%q: err = %v, want a SyntaxError", src, err)
		}
		got := se.Pos.String() + ": " + se.Msg
		if len(got) < len(want) || got[:len(want)] != want {
			t.Errorf("%q: %q, want it to start with %q", src, got, want)
		}
	}
}
