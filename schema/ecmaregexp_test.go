package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// ecmaTestPatterns are ECMA-262 patterns of every construct the translator
// handles; ecmaTestInputs are the texts they are tried on.
var ecmaTestPatterns = []string{
	`^\s|\s$`, `\s`, `\S`, `^\S+$`, `[\s]`, `[\S]`, `[^\s]`, `[^\S]`, `[\sa]`, `[\Sa]`, `[^\Sa]`,
	`.`, `^.$`, `^.*$`, `a.b`, `[.]`, `\.`,
	`\d`, `\D`, `[\D]`, `\w`, `\W`, `[^\W]`, `\bfoo\b`, `\Bo`, `^\w+$`,
	`^([1-9]|[12][0-9]|3[0-2])$`, `^-?[0-9]+(\.[0-9]+)?$`, `^[0-9]*$`, `^[1-9][0-9]*$`,
	`^([Ss][Tt][Rr][Ii][Nn][Gg]|[Ll][Oo][Nn][Gg])$`,
	`\p{Letter}`, `\p{L}`, `^\p{Lu}`, `\P{L}`, `[\p{Greek}\d]`, `\p{Script=Greek}`, `\p{sc=Han}`,
	`\p{General_Category=Decimal_Number}`, `\p{gc=Nd}`, `[^\P{L}]`, `\p{White_Space}`, `\P{White_Space}`, `[\p{ASCII}]`, `\P{Any}`, `[^\p{Any}]`, `\p{Hex_Digit}+`, `[[:alpha:]`,
	`\u00e9`, `\u{1F600}`, `\uD83D\uDE00`, `\x41`, `\cJ`, `\cj`, `\0`, `[\b]`, `\t`, `\v`, `\f`, `\r`, `\n`,
	`\/`, `\\`, `\^\$\.\*\+\?\(\)\[\]\{\}\|`, `[\-]`, `[a\-z]`, `[a-]`, `[-a]`, `[a-c-e]`, `[\u0061-\u0063]`,
	`a{2}`, `a{2,}`, `^a{1,2}$`, `a*?`, `a+?`, `a??`, `a{1,2}?`, `(a)|b`, `(?:ab)+`, `(?<name>a)b`,
	`[]`, `[^]`, `^[^]$`, `[]a`, `^$`, ``, `a|`, `|`, `é+`, `😀`, `[😀]`, `^[^a]$`,
}

var ecmaTestInputs = []string{
	"", "a", "ab", "aab", "abc", "A", "Z", "é", "É", "e\u0301", "😀", "\U0001F600x", "α", "Ω", "中", "中文",
	" ", "\t", "\n", "\v", "\f", "\r", "\u00a0", "\u1680", "\u2000", "\u2003", "\u200a", "\u200b",
	"\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\ufeff", "\u0085", "\u180e",
	"where", "where ", " where", "where\u00a0", "where\u3000", "where\u2003", "where\ufeff", "where\u2028", "where\v",
	"0", "1", "9", "10", "32", "33", "-1.5", "1.", "٣", "_", "-", ".", "/", "\\", "^$.*+?()[]{}|",
	"\x00", "\x01", "\b", "foo", "a foo b", "xfoox", "boo", "string", "STRING", "Long", "long ",
	"a\rb", "a\nb", "a\u2028b", "a.b", "axb",
}

// TestECMAKeyNames pins the cases of the issue: every ECMA-262 space
// around a key, not only ASCII ones, breaks common.json's key rule, and "."
// does not match line terminators.
func TestECMAKeyNames(t *testing.T) {
	keyNames, err := compileECMA(`^\s|\s$`)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"where ", "where\t", "where\u00a0", "where\u3000", "where\u2003", "where\ufeff", "where\u2028", "where\v", "\u00a0where"} {
		if !keyNames.MatchString(key) {
			t.Errorf("%q: no match, want one (ECMA-262 \\s)", key)
		}
	}
	for _, key := range []string{"where", "wh ere", "where\u200b", "where\u0085", "中文"} {
		if keyNames.MatchString(key) {
			t.Errorf("%q: match, want none", key)
		}
	}
	dot, err := compileECMA(`^.$`)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"\r", "\n", "\u2028", "\u2029"} {
		if dot.MatchString(s) {
			t.Errorf("^.$ matches %q; ECMA's . does not match line terminators", s)
		}
	}
	for _, s := range []string{"a", "\t", "\u0085", "😀"} {
		if !dot.MatchString(s) {
			t.Errorf("^.$ does not match %q", s)
		}
	}
}

// TestECMARefused checks the patterns that are not ECMA-262 under the u
// flag, or need what RE2 lacks, fail with an ecmaRegexpError.
func TestECMARefused(t *testing.T) {
	for _, p := range []string{
		`(?=a)`, `(?!a)`, `(?<=a)`, `(?<!a)`, `(a)\1`, `(?<n>a)\k<n>`, // RE2 cannot
		`\-`, `\a`, `\z`, `\Z`, `\A`, `{`, `a{`, `}`, `]`, `a**`, `*`, `(`, `)`, `[a`, `\`, `a{2,1}`,
		`[z-a]`, `[\d-z]`, `[a-\d]`, `\p{Nope}`, `\p{L`, `\u12`, `\x4`, `\c1`, `\00`, `(?i)a`, `(?P<n>a)`,
		`a{1001}`, `^*`, `$+`, `\b+`, `[[:alpha:]]`, `\p{Script_Extensions=Greek}`,
	} {
		_, err := compileECMA(p)
		var e *ecmaRegexpError
		if !errors.As(err, &e) {
			t.Errorf("%q: err = %v, want an ecmaRegexpError", p, err)
		}
	}
}

// TestECMARegexpMatchesNode compares every test pattern on every test
// input with node's RegExp under the u flag, the engine ajv uses. It needs
// node; without it, it skips unless CI=true.
func TestECMARegexpMatchesNode(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("node not found")
		}
		t.Skip("node not found")
	}
	patterns := append(schemaPatterns(t), ecmaTestPatterns...)
	// The refused patterns that node compiles must be exactly RE2's gaps.
	refusedByDesign := map[string]bool{`(?=a)`: true, `(?!a)`: true, `(?<=a)`: true, `(?<!a)`: true, `(a)\1`: true, `(?<n>a)\k<n>`: true, `a{1001}`: true}
	for p := range refusedByDesign {
		patterns = append(patterns, p)
	}
	patterns = append(patterns, `\-`, `{`, `]`, `\p{Nope}`, `[\d-z]`, `(?i)a`, `\z`)
	in, err := json.Marshal(map[string]any{"patterns": patterns, "inputs": ecmaTestInputs})
	if err != nil {
		t.Fatal(err)
	}
	const script = `
let data = "";
process.stdin.on("data", (c) => (data += c));
process.stdin.on("end", () => {
  const { patterns, inputs } = JSON.parse(data);
  const out = patterns.map((p) => {
    let re;
    try { re = new RegExp(p, "u"); } catch (e) { return null; }
    return inputs.map((s) => re.test(s));
  });
  process.stdout.write(JSON.stringify(out));
});`
	cmd := exec.Command(node, "-e", script)
	cmd.Stdin = bytes.NewReader(in)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var verdicts [][]bool
	if err := json.Unmarshal(out, &verdicts); err != nil {
		t.Fatal(err)
	}
	compared := 0
	for i, p := range patterns {
		re, err := compileECMA(p)
		switch {
		case verdicts[i] == nil && err == nil:
			t.Errorf("%q: node's RegExp refuses it, dilint compiles it", p)
			continue
		case verdicts[i] == nil:
			continue
		case err != nil && refusedByDesign[p]:
			continue
		case err != nil:
			t.Errorf("%q: node's RegExp compiles it, dilint refuses it: %v", p, err)
			continue
		}
		for j, s := range ecmaTestInputs {
			if got := re.MatchString(s); got != verdicts[i][j] {
				goPattern, _ := translateECMA(p)
				t.Errorf("%q (RE2 %q) on %q: dilint %v, node %v", p, goPattern, s, got, verdicts[i][j])
			}
			compared++
		}
	}
	t.Logf("%d patterns, %d inputs, %d comparisons with node %s", len(patterns), len(ecmaTestInputs), compared, strings.TrimSpace(nodeVersion(node)))
}

func nodeVersion(node string) string {
	out, _ := exec.Command(node, "--version").Output()
	return string(out)
}

// FuzzTranslateECMA checks that every translation RE2 is given compiles:
// a pattern translateECMA accepts must not fail later in regexp.Compile.
func FuzzTranslateECMA(f *testing.F) {
	for _, p := range ecmaTestPatterns {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, p string) {
		goPattern, err := translateECMA(p)
		if err != nil {
			return
		}
		if _, err := compileECMA(p); err != nil {
			t.Errorf("%q: translated to %q, which RE2 refuses: %v", p, goPattern, err)
		}
	})
}

// BenchmarkKeyNamesPattern measures common.json's key rule, applied to
// every key: an ASCII key is decided by the byte automaton, a key with a
// non-ASCII character by regexp.
func BenchmarkKeyNamesPattern(b *testing.B) {
	p, err := compileECMA(`^\s|\s$`)
	if err != nil {
		b.Fatal(err)
	}
	for _, key := range []string{"splitPk", "where\u00a0", "中文列名"} {
		text := []byte(key)
		b.Run(key, func(b *testing.B) {
			for b.Loop() {
				p.Match(text)
			}
		})
	}
}
