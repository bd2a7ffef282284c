package schema

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// JSON Schema's "pattern" and "patternProperties" are ECMA-262 regular
// expressions, and the tools that read dilint's bundle (ajv, which compiles
// them with the u flag, and VS Code) apply them as such. Go's regexp differs
// where it matters for key and value checks: its \s is only [\t\n\f\r ],
// so "where\u00a0" would pass a rule that rejects "where ", and its "."
// matches \r, U+2028 and U+2029, which ECMA's does not. translateECMA
// rewrites an ECMA-262 pattern (u flag, no other flags) into an RE2 pattern
// with the same meaning, and refuses what RE2 cannot express.

// ecmaPattern is a compiled schema pattern: the ECMA-262 source, the
// regexp of its translation and the byte automaton of that regexp, built on
// first use.
type ecmaPattern struct {
	source string
	re     *regexp.Regexp
	bytes  *lazyByteMatcher
}

// compileECMA compiles an ECMA-262 pattern (with the u flag, as ajv
// compiles it).
func compileECMA(source string) (*ecmaPattern, error) {
	goPattern, err := translateECMA(source)
	if err != nil {
		return nil, err
	}
	re, err := regexp.Compile(goPattern)
	if err != nil {
		return nil, &ecmaRegexpError{Pattern: source, Reason: err.Error()}
	}
	return &ecmaPattern{source: source, re: re, bytes: newLazyByteMatcher(goPattern)}, nil
}

// Match reports whether text has a match of the pattern.
func (p *ecmaPattern) Match(text []byte) bool { return matchPattern(p.re, p.bytes, text) }

// MatchString reports whether s has a match of the pattern.
func (p *ecmaPattern) MatchString(s string) bool { return p.Match([]byte(s)) }

// String returns the ECMA-262 source, as the schema spells it.
func (p *ecmaPattern) String() string { return p.source }

// ecmaRegexpError reports a schema pattern that is not a valid ECMA-262
// regular expression under the u flag, or uses a feature (a back
// reference, a lookaround) that dilint's regexp engine cannot evaluate.
type ecmaRegexpError struct {
	Pattern string
	// Offset is the byte offset in Pattern where the problem starts.
	Offset int
	Reason string
}

func (e *ecmaRegexpError) Error() string {
	return fmt.Sprintf("pattern %q at offset %d: %s", e.Pattern, e.Offset, e.Reason)
}

// ecmaSpace is ECMA-262's WhiteSpace and LineTerminator, the set of \s:
// TAB, VT, FF, ZWNBSP (U+FEFF), the Space_Separator (Zs) characters and
// LF, CR, LS, PS.
const ecmaSpace = `\x{9}-\x{d}\x{20}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}`

// ecmaNotSpace is the complement of ecmaSpace, for \S inside a class.
const ecmaNotSpace = `\x{0}-\x{8}\x{e}-\x{1f}\x{21}-\x{9f}\x{a1}-\x{167f}\x{1681}-\x{1fff}\x{200b}-\x{2027}\x{202a}-\x{202e}\x{2030}-\x{205e}\x{2060}-\x{2fff}\x{3001}-\x{fefe}\x{ff00}-\x{10ffff}`

// ecmaLineTerminators are the characters "." does not match.
const ecmaLineTerminators = `\x{a}\x{d}\x{2028}\x{2029}`

// The class escapes \d and \w are ASCII in ECMA-262 (without the i flag)
// as in RE2; they are spelt out so that the translation does not depend on
// RE2's definitions.
const (
	ecmaDigit    = `0-9`
	ecmaNotDigit = `\x{0}-\x{2f}\x{3a}-\x{10ffff}`
	ecmaWord     = `0-9A-Z_a-z`
	ecmaNotWord  = `\x{0}-\x{2f}\x{3a}-\x{40}\x{5b}-\x{5e}\x{60}\x{7b}-\x{10ffff}`
)

// ecmaTranslator holds the state of one translation.
type ecmaTranslator struct {
	src string
	i   int
	out strings.Builder
}

// translateECMA returns an RE2 pattern that matches exactly the strings the
// ECMA-262 pattern src matches under the u flag.
func translateECMA(src string) (string, error) {
	t := &ecmaTranslator{src: src}
	if !utf8.ValidString(src) {
		return "", t.errorf(0, "pattern is not valid UTF-8")
	}
	if err := t.disjunction(); err != nil {
		return "", err
	}
	if t.i < len(src) {
		return "", t.errorf(t.i, "unmatched ')'")
	}
	return t.out.String(), nil
}

func (t *ecmaTranslator) errorf(off int, format string, args ...any) error {
	return &ecmaRegexpError{Pattern: t.src, Offset: off, Reason: fmt.Sprintf(format, args...)}
}

func (t *ecmaTranslator) peek() (rune, int) {
	if t.i >= len(t.src) {
		return -1, 0
	}
	return utf8.DecodeRuneInString(t.src[t.i:])
}

// disjunction translates alternatives up to an unmatched ')' or the end.
func (t *ecmaTranslator) disjunction() error {
	for {
		if err := t.alternative(); err != nil {
			return err
		}
		if t.i < len(t.src) && t.src[t.i] == '|' {
			t.out.WriteByte('|')
			t.i++
			continue
		}
		return nil
	}
}

// alternative translates terms up to '|', an unmatched ')' or the end.
func (t *ecmaTranslator) alternative() error {
	for t.i < len(t.src) {
		c := t.src[t.i]
		if c == '|' || c == ')' {
			return nil
		}
		start := t.i
		quantifiable, err := t.term()
		if err != nil {
			return err
		}
		if err := t.quantifier(start, quantifiable); err != nil {
			return err
		}
	}
	return nil
}

// term translates one assertion or atom and reports whether a quantifier
// may follow it.
func (t *ecmaTranslator) term() (bool, error) {
	c := t.src[t.i]
	switch c {
	case '^', '$':
		// Without the m flag, ^ and $ are the start and end of the input,
		// as in RE2 without (?m).
		t.out.WriteByte(c)
		t.i++
		return false, nil
	case '.':
		t.out.WriteString(`[^` + ecmaLineTerminators + `]`)
		t.i++
		return true, nil
	case '(':
		return t.group()
	case '[':
		return true, t.class()
	case '\\':
		return t.atomEscape()
	case '*', '+', '?':
		return false, t.errorf(t.i, "nothing to repeat before '%c'", c)
	case '{':
		if _, _, _, ok := t.braces(t.i); ok {
			return false, t.errorf(t.i, "nothing to repeat before '{'")
		}
		return false, t.errorf(t.i, "lone '{' (escape it as \\{)")
	case '}', ']':
		return false, t.errorf(t.i, "lone '%c' (escape it as \\%c)", c, c)
	}
	r, size := t.peek()
	t.i += size
	t.literal(r)
	return true, nil
}

// literal writes a pattern that matches the code point r.
func (t *ecmaTranslator) literal(r rune) {
	if r < utf8.RuneSelf && (r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r == '_') {
		t.out.WriteRune(r)
		return
	}
	fmt.Fprintf(&t.out, `\x{%x}`, r)
}

// group translates a parenthesised group: capturing, named or not, they
// all become non-capturing groups, since only whether a string matches
// counts. Lookarounds have no RE2 equivalent.
func (t *ecmaTranslator) group() (bool, error) {
	start := t.i
	t.i++
	rest := t.src[t.i:]
	switch {
	case strings.HasPrefix(rest, "?:"):
		t.i += 2
	case strings.HasPrefix(rest, "?="), strings.HasPrefix(rest, "?!"),
		strings.HasPrefix(rest, "?<="), strings.HasPrefix(rest, "?<!"):
		return false, t.errorf(start, "lookaround assertions are not supported by dilint's regexp engine")
	case strings.HasPrefix(rest, "?<"):
		end := strings.IndexByte(rest, '>')
		if end < 3 || !isGroupName(rest[2:end]) {
			return false, t.errorf(start, "invalid group name")
		}
		t.i += end + 1
	case strings.HasPrefix(rest, "?"):
		return false, t.errorf(start, "invalid group: '(?' must be followed by ':', '=', '!', '<=', '<!' or '<name>'")
	}
	t.out.WriteString("(?:")
	if err := t.disjunction(); err != nil {
		return false, err
	}
	if t.i >= len(t.src) {
		return false, t.errorf(start, "unterminated group")
	}
	t.i++ // ')'
	t.out.WriteByte(')')
	return true, nil
}

func isGroupName(name string) bool {
	for i, r := range name {
		if r == '_' || r == '$' || unicode.IsLetter(r) || i > 0 && (unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) || unicode.Is(unicode.Pc, r)) {
			continue
		}
		return false
	}
	return name != ""
}

// maxRepeat is the largest count RE2 accepts in {n,m}.
const maxRepeat = 1000

// quantifier translates a quantifier after an atom, if there is one. A
// lazy quantifier matches the same strings as its greedy form.
func (t *ecmaTranslator) quantifier(atomStart int, quantifiable bool) error {
	if t.i >= len(t.src) {
		return nil
	}
	start := t.i
	switch c := t.src[t.i]; c {
	case '*', '+', '?':
		t.out.WriteByte(c)
		t.i++
	case '{':
		lo, hi, end, ok := t.braces(t.i)
		if !ok {
			return t.errorf(t.i, "lone '{' (escape it as \\{)")
		}
		if hi >= 0 && hi < lo {
			return t.errorf(t.i, "numbers out of order in {} quantifier")
		}
		if lo > maxRepeat || hi > maxRepeat {
			return t.errorf(t.i, "repetition count above %d is not supported by dilint's regexp engine", maxRepeat)
		}
		t.out.WriteString(t.src[t.i:end])
		t.i = end
	default:
		return nil
	}
	if !quantifiable {
		return t.errorf(atomStart, "nothing to repeat")
	}
	if t.i < len(t.src) && t.src[t.i] == '?' {
		t.i++
	}
	if t.i < len(t.src) {
		switch t.src[t.i] {
		case '*', '+', '?':
			return t.errorf(start, "nothing to repeat")
		case '{':
			if _, _, _, ok := t.braces(t.i); ok {
				return t.errorf(start, "nothing to repeat")
			}
		}
	}
	return nil
}

// braces parses {n}, {n,} or {n,m} at off: hi is -1 for {n,}. Counts too
// large for an int are clamped, to fail the maxRepeat check.
func (t *ecmaTranslator) braces(off int) (lo, hi, end int, ok bool) {
	s := t.src[off:]
	j := 1
	num := func() (int, bool) {
		k := j
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == k {
			return 0, false
		}
		n, err := strconv.Atoi(s[k:j])
		if err != nil {
			n = maxRepeat + 1
		}
		return n, true
	}
	lo, ok = num()
	if !ok {
		return 0, 0, 0, false
	}
	hi = lo
	if j < len(s) && s[j] == ',' {
		j++
		hi = -1
		if j < len(s) && s[j] != '}' {
			if hi, ok = num(); !ok {
				return 0, 0, 0, false
			}
		}
	}
	if j >= len(s) || s[j] != '}' {
		return 0, 0, 0, false
	}
	return lo, hi, off + j + 1, true
}

// atomEscape translates an escape outside a class.
func (t *ecmaTranslator) atomEscape() (bool, error) {
	start := t.i
	if t.i+1 >= len(t.src) {
		return false, t.errorf(start, "'\\' at the end of the pattern")
	}
	switch c := t.src[t.i+1]; {
	case c == 'b' || c == 'B':
		// Word boundaries: ASCII word characters in both engines (ECMA
		// without the i flag).
		t.out.WriteString(t.src[t.i : t.i+2])
		t.i += 2
		return false, nil
	case c >= '1' && c <= '9':
		return false, t.errorf(start, "back references are not supported by dilint's regexp engine")
	case c == 'k':
		return false, t.errorf(start, "named back references are not supported by dilint's regexp engine")
	}
	set, r, err := t.classEscape(false)
	if err != nil {
		return false, err
	}
	if set != "" {
		t.out.WriteString("[" + set + "]")
		return true, nil
	}
	t.literalOrNever(r)
	return true, nil
}

// literalOrNever writes r, or a class that matches nothing for a lone
// surrogate, which no Go string (and no decoded JSON string) holds.
func (t *ecmaTranslator) literalOrNever(r rune) {
	if r >= 0xd800 && r <= 0xdfff {
		t.out.WriteString(`[^\x{0}-\x{10ffff}]`)
		return
	}
	t.literal(r)
}

// classEscape reads an escape at t.i and returns either the contents of a
// class (without brackets) for a class escape, or the code point of a
// character escape. inClass allows \b (backspace) and \-.
func (t *ecmaTranslator) classEscape(inClass bool) (set string, r rune, err error) {
	start := t.i
	c := t.src[t.i+1]
	t.i += 2
	switch c {
	case 'd':
		return ecmaDigit, 0, nil
	case 'D':
		return ecmaNotDigit, 0, nil
	case 'w':
		return ecmaWord, 0, nil
	case 'W':
		return ecmaNotWord, 0, nil
	case 's':
		return ecmaSpace, 0, nil
	case 'S':
		return ecmaNotSpace, 0, nil
	case 'p', 'P':
		return t.property(start, c == 'P')
	case 'f':
		return "", '\f', nil
	case 'n':
		return "", '\n', nil
	case 'r':
		return "", '\r', nil
	case 't':
		return "", '\t', nil
	case 'v':
		return "", '\v', nil
	case 'c':
		if t.i < len(t.src) {
			if l := t.src[t.i]; l >= 'a' && l <= 'z' || l >= 'A' && l <= 'Z' {
				t.i++
				return "", rune(l % 32), nil
			}
		}
		return "", 0, t.errorf(start, "invalid escape \\c: it must be followed by a letter")
	case '0':
		if t.i < len(t.src) && t.src[t.i] >= '0' && t.src[t.i] <= '9' {
			return "", 0, t.errorf(start, "invalid escape: \\0 followed by a digit")
		}
		return "", 0, nil
	case 'x':
		if t.i+2 <= len(t.src) {
			if v, err := strconv.ParseUint(t.src[t.i:t.i+2], 16, 8); err == nil && isHexDigits(t.src[t.i:t.i+2]) {
				t.i += 2
				return "", rune(v), nil
			}
		}
		return "", 0, t.errorf(start, "invalid escape \\x: it must be followed by two hexadecimal digits")
	case 'u':
		r, ok := t.unicodeEscape()
		if !ok {
			return "", 0, t.errorf(start, "invalid escape \\u: write \\uXXXX or \\u{X…}")
		}
		return "", r, nil
	case 'b':
		if inClass {
			return "", '\b', nil
		}
	case '-':
		if inClass {
			return "", '-', nil
		}
	}
	if strings.IndexByte(`^$\.*+?()[]{}|/`, c) >= 0 {
		return "", rune(c), nil
	}
	t.i = start
	r, _ = utf8.DecodeRuneInString(t.src[start+1:])
	return "", 0, t.errorf(start, "invalid escape \\%c (with the u flag only syntax characters and / may be escaped)", r)
}

func isHexDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return s != ""
}

// unicodeEscape reads what follows \u: XXXX, a surrogate pair
// XXXX\uXXXX, or {X…}.
func (t *ecmaTranslator) unicodeEscape() (rune, bool) {
	s := t.src[t.i:]
	if strings.HasPrefix(s, "{") {
		end := strings.IndexByte(s, '}')
		if end < 2 || !isHexDigits(s[1:end]) {
			return 0, false
		}
		v, err := strconv.ParseUint(s[1:end], 16, 32)
		if err != nil || v > unicode.MaxRune {
			return 0, false
		}
		t.i += end + 1
		return rune(v), true
	}
	if len(s) < 4 || !isHexDigits(s[:4]) {
		return 0, false
	}
	v, _ := strconv.ParseUint(s[:4], 16, 32)
	t.i += 4
	r := rune(v)
	if r >= 0xd800 && r <= 0xdbff && len(s) >= 10 && s[4:6] == `\u` && isHexDigits(s[6:10]) {
		lo, _ := strconv.ParseUint(s[6:10], 16, 32)
		if lo >= 0xdc00 && lo <= 0xdfff {
			t.i += 6
			return 0x10000 + (r-0xd800)<<10 + rune(lo) - 0xdc00, true
		}
	}
	return r, true
}

// property translates \p{…} or \P{…} (at start) into the contents of a
// class.
func (t *ecmaTranslator) property(start int, negated bool) (string, rune, error) {
	s := t.src[t.i:]
	end := strings.IndexByte(s, '}')
	if !strings.HasPrefix(s, "{") || end < 0 {
		return "", 0, t.errorf(start, "invalid property escape: write \\p{Name}")
	}
	expr := s[1:end]
	t.i += end + 1
	name, table, ok := ecmaProperty(expr)
	switch {
	case !ok:
		return "", 0, t.errorf(start, "unknown or unsupported Unicode property %q", expr)
	case table != nil:
		// A binary property: RE2 has no \p for it, so its ranges are
		// written out.
		return tableClass(table, negated), 0, nil
	case negated:
		return `\P{` + name + `}`, 0, nil
	}
	return `\p{` + name + `}`, 0, nil
}

// tableClass writes the ranges of a table, or of its complement, as the
// contents of a class.
func tableClass(table *unicode.RangeTable, negated bool) string {
	var ranges [][2]rune
	// A range with stride 1 is one span; otherwise each of its runes is.
	add := func(lo, hi, stride rune) {
		if stride == 1 {
			ranges = append(ranges, [2]rune{lo, hi})
			return
		}
		for r := lo; r <= hi; r += stride {
			ranges = append(ranges, [2]rune{r, r})
		}
	}
	for _, r := range table.R16 {
		add(rune(r.Lo), rune(r.Hi), rune(r.Stride))
	}
	for _, r := range table.R32 {
		add(rune(r.Lo), rune(r.Hi), rune(r.Stride))
	}
	if negated {
		var out [][2]rune
		next := rune(0)
		for _, r := range ranges {
			if r[0] > next {
				out = append(out, [2]rune{next, r[0] - 1})
			}
			next = r[1] + 1
		}
		if next <= unicode.MaxRune {
			out = append(out, [2]rune{next, unicode.MaxRune})
		}
		ranges = out
	}
	var b strings.Builder
	for _, r := range ranges {
		fmt.Fprintf(&b, `\x{%x}-\x{%x}`, r[0], r[1])
	}
	if b.Len() == 0 {
		// No character at all: an empty class is not RE2 syntax, so a
		// range that is empty once the surrogates go stands for it.
		return `\x{d800}-\x{d800}`
	}
	return b.String()
}

// generalCategories maps ECMA-262's long General_Category names to the
// short ones RE2 knows.
var generalCategories = map[string]string{
	"Letter": "L", "Cased_Letter": "LC", "Uppercase_Letter": "Lu", "Lowercase_Letter": "Ll",
	"Titlecase_Letter": "Lt", "Modifier_Letter": "Lm", "Other_Letter": "Lo",
	"Mark": "M", "Combining_Mark": "M", "Nonspacing_Mark": "Mn", "Spacing_Mark": "Mc", "Enclosing_Mark": "Me",
	"Number": "N", "Decimal_Number": "Nd", "digit": "Nd", "Letter_Number": "Nl", "Other_Number": "No",
	"Punctuation": "P", "punct": "P", "Connector_Punctuation": "Pc", "Dash_Punctuation": "Pd",
	"Open_Punctuation": "Ps", "Close_Punctuation": "Pe", "Initial_Punctuation": "Pi",
	"Final_Punctuation": "Pf", "Other_Punctuation": "Po",
	"Symbol": "S", "Math_Symbol": "Sm", "Currency_Symbol": "Sc", "Modifier_Symbol": "Sk", "Other_Symbol": "So",
	"Separator": "Z", "Space_Separator": "Zs", "Line_Separator": "Zl", "Paragraph_Separator": "Zp",
	"Other": "C", "Control": "Cc", "cntrl": "Cc", "Format": "Cf", "Surrogate": "Cs",
	"Private_Use": "Co", "Unassigned": "Cn",
}

// ecmaBinaryProperties are the binary properties of ECMA-262 that are not
// in unicode.Properties.
var ecmaBinaryProperties = map[string]*unicode.RangeTable{
	"Any":   {R16: []unicode.Range16{{Lo: 0, Hi: 0xffff, Stride: 1}}, R32: []unicode.Range32{{Lo: 0x10000, Hi: unicode.MaxRune, Stride: 1}}},
	"ASCII": {R16: []unicode.Range16{{Lo: 0, Hi: 0x7f, Stride: 1}}, LatinOffset: 1},
}

// ecmaProperty resolves the body of \p{…}: General_Category values (long
// or short, bare or as gc=/General_Category=) and Script values (as
// sc=/Script=) to an RE2 property name; the binary properties that
// unicode.Properties has (White_Space, Hex_Digit, …), Any and ASCII to a
// table. Script_Extensions and the properties Go has no table for
// (Alphabetic, Emoji, …) are refused.
func ecmaProperty(expr string) (name string, table *unicode.RangeTable, ok bool) {
	key, value, hasKey := strings.Cut(expr, "=")
	if !hasKey {
		value = expr
	}
	category := func(v string) (string, bool) {
		if short, ok := generalCategories[v]; ok {
			v = short
		}
		if v == "LC" || v == "Cn" {
			// RE2 has no table for these two.
			return "", false
		}
		_, ok := unicode.Categories[v]
		return v, ok
	}
	switch {
	case hasKey && (key == "General_Category" || key == "gc"):
		name, ok = category(value)
		return name, nil, ok
	case hasKey && (key == "Script" || key == "sc"):
		_, ok = unicode.Scripts[value]
		return value, nil, ok
	case hasKey:
		return "", nil, false
	}
	if name, ok = category(value); ok {
		return name, nil, true
	}
	if table, ok = unicode.Properties[value]; ok {
		return "", table, true
	}
	table, ok = ecmaBinaryProperties[value]
	return "", table, ok
}

// class translates a character class at t.i.
func (t *ecmaTranslator) class() error {
	start := t.i
	t.i++
	negated := false
	if t.i < len(t.src) && t.src[t.i] == '^' {
		negated = true
		t.i++
	}
	var items strings.Builder
	empty := true
	for {
		if t.i >= len(t.src) {
			return t.errorf(start, "unterminated character class")
		}
		if t.src[t.i] == ']' {
			t.i++
			break
		}
		atomStart := t.i
		set, lo, err := t.classAtom()
		if err != nil {
			return err
		}
		if t.i+1 < len(t.src) && t.src[t.i] == '-' && t.src[t.i+1] != ']' {
			t.i++
			set2, hi, err := t.classAtom()
			if err != nil {
				return err
			}
			if set != "" || set2 != "" {
				return t.errorf(atomStart, "a class escape cannot bound a range")
			}
			if lo > hi {
				return t.errorf(atomStart, "range out of order in character class")
			}
			fmt.Fprintf(&items, `\x{%x}-\x{%x}`, lo, hi)
			empty = false
			continue
		}
		if set != "" {
			items.WriteString(set)
		} else {
			fmt.Fprintf(&items, `\x{%x}`, lo)
		}
		empty = false
	}
	switch {
	case empty && negated:
		t.out.WriteString(`[\x{0}-\x{10ffff}]`)
	case empty:
		t.out.WriteString(`[^\x{0}-\x{10ffff}]`)
	case negated:
		t.out.WriteString("[^" + items.String() + "]")
	default:
		t.out.WriteString("[" + items.String() + "]")
	}
	return nil
}

// classAtom reads one atom of a class: a code point or a class escape.
func (t *ecmaTranslator) classAtom() (set string, r rune, err error) {
	if t.src[t.i] == '\\' {
		if t.i+1 >= len(t.src) {
			return "", 0, t.errorf(t.i, "'\\' at the end of the pattern")
		}
		if c := t.src[t.i+1]; c >= '1' && c <= '9' || c == 'k' || c == 'B' {
			return "", 0, t.errorf(t.i, "invalid escape \\%c in a character class", c)
		}
		return t.classEscape(true)
	}
	r, size := t.peek()
	t.i += size
	return "", r, nil
}
