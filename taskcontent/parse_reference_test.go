package taskcontent

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dilint/dilint/internal/corpus"
)

// refNode is a value found by refParse, a deliberately plain parser of
// strict JSON that the tree is checked against.
type refNode struct {
	typ           Type
	start, end    int
	key, keyEnd   int // -1 when not a member
	parent, index int // pre-order number of the parent (-1 for the root), place in it
	nkids         int
}

// refParse lists the values of strict JSON src in pre-order. src must be
// valid (json.Valid).
func refParse(src []byte) []refNode {
	var out []refNode
	i := 0
	space := func() {
		for i < len(src) && strings.IndexByte(" \t\r\n", src[i]) >= 0 {
			i++
		}
	}
	str := func() {
		for i++; src[i] != '"'; i++ {
			if src[i] == '\\' {
				i++
			}
		}
		i++
	}
	var value func(parent, index, key, keyEnd int)
	value = func(parent, index, key, keyEnd int) {
		me := len(out)
		out = append(out, refNode{start: i, key: key, keyEnd: keyEnd, parent: parent, index: index})
		switch c := src[i]; {
		case c == '{' || c == '[':
			out[me].typ = TypeArray
			if c == '{' {
				out[me].typ = TypeObject
			}
			i++
			space()
			for n := 0; src[i] != '}' && src[i] != ']'; n++ {
				k, kEnd := -1, -1
				if c == '{' {
					k = i
					str()
					kEnd = i
					space()
					i++ // ':'
					space()
				}
				value(me, n, k, kEnd)
				out[me].nkids++
				space()
				if src[i] == ',' {
					i++
					space()
				}
			}
			i++
		case c == '"':
			out[me].typ = TypeString
			str()
		case c == 't' || c == 'f':
			out[me].typ = TypeBool
			i += len("true")
			if c == 'f' {
				i += len("false") - len("true")
			}
		case c == 'n':
			out[me].typ = TypeNull
			i += 4
		default:
			out[me].typ = TypeNumber
			for i < len(src) && strings.IndexByte("+-.0123456789eE", src[i]) >= 0 {
				i++
			}
		}
		out[me].end = i
	}
	space()
	value(-1, -1, -1, -1)
	return out
}

// checkAgainstReference compares the file tree of strict JSON src with
// refParse and with encoding/json: every value's type, offsets, key, parent,
// place and children, the decoded values, and the duplicate keys reported.
func checkAgainstReference(t *testing.T, src []byte) {
	t.Helper()
	d, err := Parse(src)
	if err != nil {
		t.Fatalf("Parse rejects strict JSON: %v", err)
	}
	want := refParse(src)
	var got []Value
	var walk func(v Value)
	walk = func(v Value) {
		got = append(got, v)
		for _, c := range v.Elems() {
			walk(c)
		}
		for _, c := range v.Members() {
			walk(c)
		}
	}
	walk(d.FileRoot())
	if len(got) != len(want) {
		t.Fatalf("%d values, reference has %d", len(got), len(want))
	}
	// encoding/json turns invalid UTF-8 into U+FFFD where Parse keeps the
	// bytes (and reports them), so decoded text is compared for UTF-8 only.
	decodedComparable := utf8.Valid(src)
	number := make(map[int32]int, len(got))
	for j, v := range got {
		number[v.i] = j
	}
	for j, v := range got {
		w := want[j]
		span, keySpan := v.Span(), v.KeySpan()
		parent := -1
		if p := v.Parent(); p.Exists() {
			parent = number[p.i]
		}
		key, keyEnd := -1, -1
		if v.IsMember() {
			key, keyEnd = keySpan.Start.Offset, keySpan.End.Offset
		}
		g := refNode{typ: v.Type(), start: span.Start.Offset, end: span.End.Offset, key: key, keyEnd: keyEnd, parent: parent, index: v.IndexInParent(), nkids: v.Len()}
		if g != w {
			t.Fatalf("value %d (%s): got %+v, reference %+v", j, v.Pointer(), g, w)
		}
		if !bytes.Equal(v.Raw(), src[w.start:w.end]) {
			t.Fatalf("value %d: Raw %q", j, v.Raw())
		}
		if v.IsMember() && decodedComparable {
			var k string
			if err := json.Unmarshal(src[w.key:w.keyEnd], &k); err != nil {
				t.Fatal(err)
			}
			if v.Key() != k || string(v.KeyBytes()) != k {
				t.Fatalf("value %d: key %q, encoding/json %q", j, v.Key(), k)
			}
			if !v.Parent().Get(k).Exists() {
				t.Fatalf("value %d: Get(%q) finds nothing", j, k)
			}
		}
	}
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	var decoded any
	if err := dec.Decode(&decoded); err != nil {
		t.Fatal(err)
	}
	if decodedComparable && !reflect.DeepEqual(d.FileRoot().Interface(), decoded) {
		t.Fatalf("Interface differs from encoding/json")
	}
	// Duplicate keys: each later occurrence against its first one.
	// encoding/json would merge distinct invalid UTF-8 keys into U+FFFD,
	// so a key without escapes is its bytes, and a key with escapes and
	// invalid UTF-8 leaves the comparison out.
	refKey := func(raw []byte) (string, bool) {
		if bytes.IndexByte(raw, '\\') < 0 {
			return string(raw[1 : len(raw)-1]), true
		}
		var k string
		err := json.Unmarshal(raw, &k)
		return k, err == nil && utf8.Valid(raw)
	}
	keysComparable := true
	var dups []string
	for j, w := range want {
		if w.typ != TypeObject {
			continue
		}
		first := map[string]int{}
		for c := j + 1; c < len(want); c++ {
			if want[c].parent != j {
				continue
			}
			k, ok := refKey(src[want[c].key:want[c].keyEnd])
			keysComparable = keysComparable && ok
			if f, ok := first[k]; ok {
				dups = append(dups, fmt.Sprint(want[c].key, want[c].keyEnd, want[f].key, want[f].keyEnd))
				continue
			}
			first[k] = c
		}
	}
	var gotDups []string
	for _, p := range d.Problems() {
		if p.Code == ProblemDuplicateKey {
			gotDups = append(gotDups, fmt.Sprint(p.Span.Start.Offset, p.Span.End.Offset, p.Related.Start.Offset, p.Related.End.Offset))
		}
	}
	slices.Sort(gotDups)
	slices.Sort(dups)
	if keysComparable && !slices.Equal(gotDups, dups) {
		t.Fatalf("duplicate keys %v, reference %v", gotDups, dups)
	}
}

// referenceInputs are strict JSON texts that exercise the node layout:
// keys too long or too far from their value for the packed form, escaped
// and duplicate keys in small and large objects, and strings of every length
// around the eight-byte scan.
func referenceInputs() [][]byte {
	long := strings.Repeat("k", 300)
	in := []string{
		`{}`, `[]`, `""`, `"\"\""`, `0`, `[[],{},[{}]]`,
		`{"` + long + `": 1, "b": {"` + long + `x": [1, 2]}, "` + long + `": "x"}`,
		`{"a"` + strings.Repeat(" ", 300) + `: 1, "b":` + strings.Repeat("\n", 256) + `[], "a": {}}`,
		`{"a\u0062": 1, "ab": 2, "\n": "x\ty", "\"": {"\\": []}, "a\/b": 3, "a/b": 4}`,
		`{"a":1,"\u0061":2,"b":3,"b":4,"bb":5,"b\u0062":6}`,
		` {"a" : [ 1 , 2 ] , "c" :{ } } `,
		`[0,-0,1.5e+10,-2E-3,123456789012345678901234567890,1e2,0.0,true,false,null]`,
		"{\"\xd1\":1,\"\xd2\":[\"\xff\xfe\"],\"\xd1\":3}",
	}
	var large []string
	for i := range 40 {
		large = append(large, fmt.Sprintf(`"k%d":%d`, i%11, i))
	}
	in = append(in, "{"+strings.Join(large, ",")+"}", "{"+strings.Join(large[:16], ",")+"}", "{"+strings.Join(large[:17], ",")+"}")
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "b", "\\\"", "\\\\", "\\n", "\\u00e9", "é", "中", "/", " ", "\\/", "~"}
	var strs []string
	for n := range 64 {
		var b strings.Builder
		for range n {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		strs = append(strs, `"`+b.String()+`"`)
	}
	in = append(in, "["+strings.Join(strs, ",")+"]")
	out := make([][]byte, len(in))
	for i, s := range in {
		out[i] = []byte(s)
	}
	return out
}

func TestParseMatchesReference(t *testing.T) {
	inputs := referenceInputs()
	files, _ := filepath.Glob("testdata/*.json*")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, b)
	}
	inputs = append(inputs, corpus.Solution(corpus.Options{Tables: 40, Seed: 3}))
	checked := 0
	for i, src := range inputs {
		if !json.Valid(src) {
			continue
		}
		checked++
		t.Run(fmt.Sprint(i), func(t *testing.T) { checkAgainstReference(t, src) })
	}
	if checked < len(referenceInputs()) {
		t.Fatalf("only %d inputs are strict JSON", checked)
	}
}

// FuzzParseMatchesReference checks every strict JSON input against refParse
// and encoding/json.
func FuzzParseMatchesReference(f *testing.F) {
	addFixtureSeeds(f)
	for _, in := range referenceInputs() {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if !json.Valid(src) {
			return
		}
		checkAgainstReference(t, src)
	})
}

// TestStopBytes compares the eight-byte scan with a byte loop.
func TestStopBytes(t *testing.T) {
	stop := func(c byte) bool { return c == '"' || c == '\\' || c < 0x20 || c >= 0x80 }
	check := func(w [8]byte) {
		x := uint64(0)
		for j := 7; j >= 0; j-- {
			x = x<<8 | uint64(w[j])
		}
		want := 8
		for j, c := range w {
			if stop(c) {
				want = j
				break
			}
		}
		got := 8
		if m := stopBytes(x); m != 0 {
			got = bits.TrailingZeros64(m) >> 3
		}
		if got != want {
			t.Fatalf("%q: first stop byte at %d, want %d", w[:], got, want)
		}
	}
	for _, fill := range []byte{'a', ' ', '!', '#', '[', ']', '~', 0x7f, 0x21, 0x5d} {
		for pos := range 8 {
			for c := range 256 {
				var w [8]byte
				for j := range w {
					w[j] = fill
				}
				w[pos] = byte(c)
				check(w)
				// A stop byte below another.
				if pos < 7 {
					w[pos+1] = 0
					check(w)
				}
			}
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 200000 {
		var w [8]byte
		for j := range w {
			w[j] = byte(0x1e + r.IntN(0x64)) // mostly plain, some stops
		}
		check(w)
	}
}
