package schema

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/dilint/dilint/internal/corpus"
)

// schemaPatterns collects every pattern and patternProperties key of the
// embedded schemas.
func schemaPatterns(t testing.TB) []string {
	docs, err := rawDocs()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if p, ok := v["pattern"].(string); ok {
				seen[p] = true
			}
			if pp, ok := v["patternProperties"].(map[string]any); ok {
				for p := range pp {
					seen[p] = true
				}
			}
			for _, sub := range v {
				walk(sub)
			}
		case []any:
			for _, sub := range v {
				walk(sub)
			}
		}
	}
	for _, doc := range docs {
		walk(doc)
	}
	var out []string
	for p := range seen {
		out = append(out, p)
	}
	return out
}

// matcherInputs returns every string of up to three symbols of an
// alphabet with ASCII and Unicode spaces, digits, letters, multi-byte and
// invalid UTF-8, and random longer ones.
func matcherInputs() [][]byte {
	alphabet := []string{"", "0", "1", "2", "3", "9", "-", ".", "s", "S", "t", "k", "a", " ", "\t", "\n", "\v", "\f", "\r", "\u00a0", "\u2003", "\u017f", "\u212a", "é", "\xff", "\xc3"}
	var out [][]byte
	for _, a := range alphabet {
		for _, b := range alphabet {
			for _, c := range alphabet {
				out = append(out, []byte(a+b+c))
			}
		}
	}
	words := []string{"string", "STRING", "bytearray", "ByteArray", "double", "long", "Long ", "longs", "32", "33", "012", "-0.5", "1.", "-", "10.25"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 8000 {
		var b strings.Builder
		for range rng.IntN(12) {
			if rng.IntN(4) == 0 {
				b.WriteString(words[rng.IntN(len(words))])
			} else {
				b.WriteString(alphabet[rng.IntN(len(alphabet))])
			}
		}
		out = append(out, []byte(b.String()))
	}
	return out
}

// TestFastRegexpMatchesRegexp compares the byte automata with regexp on
// the translations of every pattern of the schemas and on patterns of other
// shapes, and checks that the schemas' patterns all get one.
func TestFastRegexpMatchesRegexp(t *testing.T) {
	var patterns []string
	for _, p := range schemaPatterns(t) {
		goPattern, err := translateECMA(p)
		if err != nil {
			t.Errorf("schema pattern %q: %v", p, err)
			continue
		}
		patterns = append(patterns, goPattern)
	}
	if len(patterns) < 5 {
		t.Fatalf("only %d patterns in the schemas", len(patterns))
	}
	for _, p := range patterns {
		if compileByteMatcher(p) == nil {
			t.Errorf("schema pattern %q has no byte matcher", p)
		}
	}
	patterns = append(patterns,
		`^a`, `a$`, `a`, `^$`, ``, `^`, `$^`, `a|^b|c$`, `(?i)^t`, `^a*$`, `(a|ab)(c|bcd)`,
		`^(?:[0-9]{2,4}-)+$`, `\s+`, `^[^\x00-\x60\x{80}-\x{10FFFF}]+$`, `^[[:alpha:]]+$`, `x*`, `^(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`,
		// Classes beyond ASCII: decided by the automaton on ASCII text only.
		`.`, `é`, `[^a]`, `^[^0-9]`, `^\S+$`, `(?i)^string$`, `\pL`, `(?i)k`, `(?i)s`, `(?s).`, `^.$`, `a.b`)
	inputs := matcherInputs()
	compared, decided := 0, 0
	for _, p := range patterns {
		re := regexp.MustCompile(p)
		m := compileByteMatcher(p)
		if m == nil {
			t.Errorf("pattern %q has no byte matcher", p)
			continue
		}
		for _, in := range inputs {
			got, ok := m.match(in)
			if !ok {
				if m.asciiProgram || isASCII(in) {
					t.Errorf("%q on %q: no verdict", p, in)
				}
				continue
			}
			if want := re.Match(in); got != want {
				t.Errorf("%q on %q: byte matcher %v, regexp %v", p, in, got, want)
			}
			decided++
		}
		compared += len(inputs)
	}
	t.Logf("%d patterns, %d inputs, %d comparisons, %d decided by the automaton", len(patterns), len(inputs), compared, decided)
	// Patterns with other assertions keep regexp.
	for _, p := range []string{`\bx`, `(?m)^a$`, `\B`, `a(?m)$`} {
		if compileByteMatcher(p) != nil {
			t.Errorf("pattern %q got a byte matcher", p)
		}
	}
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// FuzzByteMatcher compares a byte automaton, whenever a pattern gets one,
// with regexp on any text.
func FuzzByteMatcher(f *testing.F) {
	f.Add(`^\s|\s$`, []byte(" a"))
	f.Add(`^([1-9]|[12][0-9]|3[0-2])$`, []byte("32"))
	f.Add(`^-?[0-9]+(\.[0-9]+)?$`, []byte("-1.5"))
	f.Add(`^([Ss][Tt][Rr][Ii][Nn][Gg]|[Ll][Oo][Nn][Gg])$`, []byte("STRING"))
	f.Add(`a|^b|c$`, []byte("\xffc"))
	f.Add(`^.$`, []byte("\u2028"))
	f.Fuzz(func(t *testing.T, pattern string, text []byte) {
		re, err := regexp.Compile(pattern)
		if err != nil {
			return
		}
		m := compileByteMatcher(pattern)
		if m == nil {
			return
		}
		got, ok := m.match(text)
		if !ok {
			if m.asciiProgram || isASCII(text) {
				t.Errorf("%q on %q: no verdict", pattern, text)
			}
			return
		}
		if want := re.Match(text); got != want {
			t.Errorf("%q on %q: byte matcher %v, regexp %v", pattern, text, got, want)
		}
	})
}

// TestByteMatcherConcurrentFirstUse validates from several goroutines with
// a fresh compile, so that the automata are built under contention (run
// with -race).
func TestByteMatcherConcurrentFirstUse(t *testing.T) {
	root, err := compileFast(Job)
	if err != nil {
		t.Fatal(err)
	}
	n := toTestNode(t, decode(t, string(corpus.Batch(5, false))))
	want := valid(root, n)
	fresh, err := compileFast(Job)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := valid(fresh, n); got != want {
				t.Errorf("valid = %v, want %v", got, want)
			}
		})
	}
	wg.Wait()
}
