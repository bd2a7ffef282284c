package prefault

import (
	"bytes"
	"testing"
)

// Slice leaves the contents alone, whatever is there already and
// whatever the slice's length.
func TestSliceKeepsContents(t *testing.T) {
	for _, size := range []int{0, 1, 4095, MinBytes - 1, MinBytes, 3*MinBytes + 123} {
		b := make([]byte, size, size+4097)
		for i := range b {
			b[i] = byte(i*7 + 1)
		}
		want := bytes.Clone(b)
		Slice(b)
		Slice(b[:0])
		if !bytes.Equal(b, want) {
			t.Fatalf("size %d: contents changed", size)
		}
		full := b[:cap(b)]
		for i := size; i < len(full); i++ {
			if full[i] != 0 {
				t.Fatalf("size %d: byte %d of the capacity is %d, want 0", size, i, full[i])
			}
		}
	}
	type node struct{ a, b int64 }
	nodes := make([]node, 10, 1<<17)
	nodes[9] = node{1, 2}
	Slice(nodes)
	if nodes[9] != (node{1, 2}) || nodes[:cap(nodes)][1<<17-1] != (node{}) {
		t.Fatal("nodes changed")
	}
}

// Slice may run while another goroutine writes the same memory (the
// parser does): the race detector sees no access by Slice.
func TestSliceConcurrentWrites(t *testing.T) {
	b := make([]byte, 0, 4*MinBytes)
	done := make(chan struct{})
	go func(s []byte) { Slice(s); close(done) }(b)
	for i := range cap(b) {
		b = append(b, byte(i))
	}
	<-done
	for i := range b {
		if b[i] != byte(i) {
			t.Fatalf("byte %d is %d", i, b[i])
		}
	}
}

func BenchmarkFreshPages(b *testing.B) {
	const size = 16 << 20
	b.Run("touch", func(b *testing.B) {
		for b.Loop() {
			s := make([]byte, size)
			for i := 0; i < size; i += 4096 {
				s[i] = 1
			}
		}
	})
	b.Run("prefault", func(b *testing.B) {
		for b.Loop() {
			s := make([]byte, size)
			Slice(s)
			for i := 0; i < size; i += 4096 {
				s[i] = 1
			}
		}
	})
}

func TestLarge(t *testing.T) {
	type node = [2]int64
	for _, tc := range []struct {
		got, want bool
	}{
		{Large(make([]byte, 0, MinBytes-1)), false},
		{Large(make([]byte, 0, MinBytes)), true},
		{Large(make([]node, 0, MinBytes/16-1)), false},
		{Large(make([]node, MinBytes/16)), true},
		{Large([]int32(nil)), false},
	} {
		if tc.got != tc.want {
			t.Errorf("Large: %t, want %t", tc.got, tc.want)
		}
	}
}
