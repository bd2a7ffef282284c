package lint

import (
	"bytes"
	"hash/maphash"
	"unicode"
	"unicode/utf8"
)

// This file holds the indexes the mapping rules use instead of maps keyed
// by strings: a document with 20,000 tables would otherwise allocate a
// string per table name for every rule that looks names up. nameIndex
// copies its names and is reused table by table; keyIndex stores only
// hashes, for indexes over a whole document.

// indexSeed seeds the hashes of every nameIndex. Ids do not depend on it.
var indexSeed = maphash.MakeSeed()

// nameIndex is a set of byte strings, each given an id in the order it was
// added. The names are copied into one arena, so adding a name read with
// Value.StrBytes or Value.KeyBytes allocates only when the arena or the
// table grows, and reset keeps both for the next table.
type nameIndex struct {
	arena []byte
	ends  []int32 // ends[id] is where name id ends in arena
	slots []int32 // open addressing: 0 is empty, else id+1
}

// len returns the number of names.
func (x *nameIndex) len() int { return len(x.ends) }

// name returns the name of id; it aliases the arena.
func (x *nameIndex) name(id int) []byte {
	start := int32(0)
	if id > 0 {
		start = x.ends[id-1]
	}
	return x.arena[start:x.ends[id]]
}

// reset empties the index and keeps its memory.
func (x *nameIndex) reset() {
	x.arena, x.ends = x.arena[:0], x.ends[:0]
	clear(x.slots)
}

// tableSize is the slot count for n names: a power of two at least twice n.
func tableSize(n int) int {
	size := 8
	for size < 2*n {
		size *= 2
	}
	return size
}

func (x *nameIndex) rehash(size int) {
	x.slots = make([]int32, size)
	for id := range x.ends {
		x.slots[x.probe(x.name(id))] = int32(id + 1)
	}
}

// probe returns the slot that holds name or the empty slot where it goes.
func (x *nameIndex) probe(name []byte) int {
	mask := len(x.slots) - 1
	i := int(maphash.Bytes(indexSeed, name)) & mask
	for {
		s := x.slots[i]
		if s == 0 || bytes.Equal(x.name(int(s-1)), name) {
			return i
		}
		i = (i + 1) & mask
	}
}

// find returns the id of name.
func (x *nameIndex) find(name []byte) (int, bool) {
	if len(x.ends) == 0 {
		return 0, false
	}
	s := x.slots[x.probe(name)]
	return int(s - 1), s != 0
}

// has reports whether the index holds name.
func (x *nameIndex) has(name []byte) bool {
	_, ok := x.find(name)
	return ok
}

// add adds name unless the index has it, and returns its id; added reports
// whether it is new.
func (x *nameIndex) add(name []byte) (id int, added bool) {
	if 2*(len(x.ends)+1) > len(x.slots) {
		x.rehash(tableSize(len(x.ends) + 1))
	}
	i := x.probe(name)
	if s := x.slots[i]; s != 0 {
		return int(s - 1), false
	}
	x.arena = append(x.arena, name...)
	x.ends = append(x.ends, int32(len(x.arena)))
	x.slots[i] = int32(len(x.ends))
	return len(x.ends) - 1, true
}

// appendLower appends strings.ToLower(s) to b without allocating a string:
// rune by rune through unicode.ToLower. Bytes that are not UTF-8 (such as
// the WTF-8 form of a lone surrogate, see taskcontent) are kept as they
// are, where strings.ToLower makes each U+FFFD: "A\ud800" and "a\udc00"
// are different names in any case.
func appendLower(b, s []byte) []byte {
	for len(s) > 0 {
		if c := s[0]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			s = s[1:]
			continue
		}
		r, size := utf8.DecodeRune(s)
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[0])
		} else {
			b = utf8.AppendRune(b, unicode.ToLower(r))
		}
		s = s[size:]
	}
	return b
}

// keyIndex finds equal keys among thousands of items without storing the
// keys: it keeps the hash of each item, and the caller, which can rebuild
// any item's key, compares two keys only when their hashes are equal. Ids
// are given in the order items are added.
type keyIndex struct {
	hashes []uint64 // by id
	slots  []int32  // open addressing: 0 is empty, else id+1
}

// newKeyIndex returns an index sized for n items.
func newKeyIndex(n int) *keyIndex {
	return &keyIndex{hashes: make([]uint64, 0, n), slots: make([]int32, tableSize(n))}
}

// hashKey is the hash keyIndex expects of a key.
func hashKey(key []byte) uint64 { return maphash.Bytes(indexSeed, key) }

// add returns the id of the item whose key hashes to h and for which equal
// reports true, or, if there is none, adds the item and returns its new id
// with added true.
func (x *keyIndex) add(h uint64, equal func(id int) bool) (id int, added bool) {
	if 2*(len(x.hashes)+1) > len(x.slots) {
		x.slots = make([]int32, tableSize(len(x.hashes)+1))
		for id, h := range x.hashes {
			i := x.home(h)
			for x.slots[i] != 0 {
				i = (i + 1) & (len(x.slots) - 1)
			}
			x.slots[i] = int32(id + 1)
		}
	}
	i := x.home(h)
	for ; x.slots[i] != 0; i = (i + 1) & (len(x.slots) - 1) {
		if id := int(x.slots[i] - 1); x.hashes[id] == h && equal(id) {
			return id, false
		}
	}
	x.hashes = append(x.hashes, h)
	x.slots[i] = int32(len(x.hashes))
	return len(x.hashes) - 1, true
}

// find returns the id of the item whose key hashes to h and for which
// equal reports true.
func (x *keyIndex) find(h uint64, equal func(id int) bool) (int, bool) {
	for i := x.home(h); x.slots[i] != 0; i = (i + 1) & (len(x.slots) - 1) {
		if id := int(x.slots[i] - 1); x.hashes[id] == h && equal(id) {
			return id, true
		}
	}
	return 0, false
}

func (x *keyIndex) home(h uint64) int { return int(h) & (len(x.slots) - 1) }
