package lint

import (
	"fmt"
	"strings"
	"testing"
)

func TestNameIndex(t *testing.T) {
	var x nameIndex
	for round := range 2 {
		want := map[string]int{}
		for i := range 1000 {
			name := fmt.Sprintf("t%d", i%700)
			if i%7 == 0 {
				name = ""
			}
			id, added := x.add([]byte(name))
			prev, seen := want[name]
			if added == seen || seen && id != prev {
				t.Fatalf("round %d: add(%q) = %d, %v; seen before as %d: %v", round, name, id, added, prev, seen)
			}
			if !seen {
				want[name] = id
			}
		}
		if x.len() != len(want) {
			t.Fatalf("len %d, want %d", x.len(), len(want))
		}
		for name, id := range want {
			if got, ok := x.find([]byte(name)); !ok || got != id || string(x.name(id)) != name {
				t.Fatalf("find(%q) = %d, %v, want %d", name, got, ok, id)
			}
		}
		if x.has([]byte("absent")) {
			t.Fatal("has(absent)")
		}
		x.reset()
		if x.len() != 0 || x.has([]byte("t1")) {
			t.Fatal("reset kept names")
		}
	}
}

func FuzzAppendLower(f *testing.F) {
	for _, s := range []string{"", "ABC", "ÀÉÎ", "ſK\u212a", "a\xffb", "\xe2\x82", "İstanbul", "ΣΑΣ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendLower([]byte("x"), []byte(s))), "x"+strings.ToLower(s); got != want {
			t.Errorf("appendLower(%q) = %q, want %q", s, got, want)
		}
	})
}
