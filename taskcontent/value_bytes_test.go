package taskcontent

import (
	"bytes"
	"testing"
)

func TestKeyBytesAndStrBytes(t *testing.T) {
	doc, err := ParseFile("t.json", []byte(`{"plain":"text","esc\u0061ped":"a\tb\u00e9","n":1,"arr":["x"]}`))
	if err != nil {
		t.Fatal(err)
	}
	root := doc.Root()
	cases := []struct {
		v        Value
		key, str string
		nilKey   bool
		nilStr   bool
	}{
		{v: root.Get("plain"), key: "plain", str: "text"},
		{v: root.Get("escaped"), key: "escaped", str: "a\tb\u00e9"},
		{v: root.Get("n"), key: "n", nilStr: true},
		{v: root.Get("arr").Index(0), nilKey: true, str: "x"},
		{v: root, nilKey: true, nilStr: true},
		{v: Value{}, nilKey: true, nilStr: true},
	}
	for i, c := range cases {
		kb, sb := c.v.KeyBytes(), c.v.StrBytes()
		if c.nilKey != (kb == nil) || (!c.nilKey && string(kb) != c.key) || string(kb) != c.v.Key() {
			t.Errorf("case %d: KeyBytes = %q, want %q (Key %q)", i, kb, c.key, c.v.Key())
		}
		if c.nilStr != (sb == nil) || (!c.nilStr && string(sb) != c.str) || string(sb) != c.v.Str() {
			t.Errorf("case %d: StrBytes = %q, want %q (Str %q)", i, sb, c.str, c.v.Str())
		}
	}
	// Unescaped bytes alias the document: no allocation.
	v := root.Get("plain")
	if n := testing.AllocsPerRun(100, func() { _ = v.KeyBytes(); _ = v.StrBytes() }); n != 0 {
		t.Errorf("KeyBytes+StrBytes allocate %v times for an unescaped member", n)
	}
	if !bytes.Equal(root.Get("plain").StrBytes(), []byte("text")) {
		t.Error("StrBytes plain")
	}
}
