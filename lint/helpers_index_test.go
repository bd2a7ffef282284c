package lint

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
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
	f.Add("A\xed\xa0\x80")
	f.Fuzz(func(t *testing.T, s string) {
		// strings.ToLower, except that bytes that are not UTF-8 stay.
		var want strings.Builder
		want.WriteString("x")
		for i, r := range s {
			if r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") {
				want.WriteByte(s[i])
				continue
			}
			want.WriteString(strings.ToLower(string(r)))
		}
		if got := string(appendLower([]byte("x"), []byte(s))); got != want.String() {
			t.Errorf("appendLower(%q) = %q, want %q", s, got, want.String())
		}
	})
}

func TestKeyIndex(t *testing.T) {
	keys := make([]string, 0, 5000)
	x := newKeyIndex(4) // grows
	var ids []int       // by id: the position in keys
	for i := range cap(keys) {
		keys = append(keys, fmt.Sprintf("k%d", i%3000))
		k := []byte(keys[i])
		equal := func(id int) bool { return keys[ids[id]] == string(k) }
		id, added := x.add(hashKey(k), equal)
		if added != (i < 3000) {
			t.Fatalf("add(%q) added %v at %d", k, added, i)
		}
		if added {
			ids = append(ids, i)
			if id != len(ids)-1 {
				t.Fatalf("add(%q) = id %d, want %d", k, id, len(ids)-1)
			}
		} else if keys[ids[id]] != keys[i] {
			t.Fatalf("add(%q) found %q", k, keys[ids[id]])
		}
		if got, ok := x.find(hashKey(k), equal); !ok || got != id {
			t.Fatalf("find(%q) = %d, %v, want %d", k, got, ok, id)
		}
	}
	absent := []byte("absent")
	if _, ok := x.find(hashKey(absent), func(id int) bool { return keys[ids[id]] == string(absent) }); ok {
		t.Fatal("found an absent key")
	}
	// Equal hashes with unequal keys stay distinct items.
	y := newKeyIndex(2)
	for i := range 10 {
		if id, added := y.add(42, func(int) bool { return false }); !added || id != i {
			t.Fatalf("colliding add %d = %d, %v", i, id, added)
		}
	}
}
