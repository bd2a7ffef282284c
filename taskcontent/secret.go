package taskcontent

import (
	"bytes"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// This file is dilint's one redaction policy. What is secret:
//
//   - every number or string at or below a member whose key names a
//     credential (SecretKey: passwords, AccessKey secrets, tokens, private
//     keys, Kafka's sasl.jaas.config and other credential properties);
//   - the credentials inside any string (CredentialsIn: the password of
//     user:password@ in a URL, a password=… parameter, Oracle's
//     user/password@);
//
// which is a superset of what the plaintext-secret rule reports, since
// that rule classifies keys and URLs with the same functions. Every output
// that shows text from a file (excerpts, diffs, messages, labels) masks
// these values through Secrets.

// Mask replaces a secret value in anything dilint prints.
const Mask = "***"

// SecretKeyKind classifies a key that holds a credential: "password",
// "secret", "token" or "credential"; "" for other keys. The plaintext-secret
// rule reports literal values at these keys.
func SecretKeyKind[S ~string | ~[]byte](key S) string {
	var buf [64]byte
	k := normalizeKey(buf[:0], key)
	has := func(s string) bool { return bytes.Contains(k, []byte(s)) }
	is := func(s string) bool { return string(k) == s }
	ends := func(s string) bool { return bytes.HasSuffix(k, []byte(s)) }
	switch {
	case has("password") || has("passwd") || ends("pwd"):
		return "password"
	case is("accesskey") || is("accesskeysecret") || is("secretkey") || is("secretaccesskey") || ends("secret") || is("sk"):
		return "secret"
	case ends("token"):
		return "token"
	case is("privatekey") || is("credential") || is("credentials"):
		return "credential"
	}
	return ""
}

// credentialProperties are keys, normalised as normalizeKey does, whose
// values carry credentials without saying so in their name: Kafka's JAAS
// configuration (with password="…" inside), the Schema Registry's
// user:password, a keystore's private key, API keys and HTTP
// authorisation headers.
var credentialProperties = []string{
	"sasljaasconfig",
	"basicauthuserinfo",
	"sslkeystorekey",
	"apikey",
	"authorization",
	"signature",
}

// SecretKey reports whether the value of a member with this key is never
// shown: the keys SecretKeyKind classifies and credentialProperties.
func SecretKey[S ~string | ~[]byte](key S) bool {
	if SecretKeyKind(key) != "" {
		return true
	}
	var buf [64]byte
	k := normalizeKey(buf[:0], key)
	for _, p := range credentialProperties {
		if string(k) == p || bytes.HasSuffix(k, []byte(p)) {
			return true
		}
	}
	return false
}

// normalizeKey appends key in lower case without separators, so that
// private_key, private-key, sasl.jaas.config and privateKey compare alike.
// A stack buffer keeps it from allocating: every key of a large document
// passes here.
func normalizeKey[S ~string | ~[]byte](k []byte, key S) []byte {
	for i := 0; i < len(key); i++ {
		switch c := key[i]; {
		case c == '_' || c == '-' || c == '.':
		case 'A' <= c && c <= 'Z':
			k = append(k, c+'a'-'A')
		default:
			k = append(k, c)
		}
	}
	return k
}

var (
	// urlPassword matches a password given as a URL or property parameter.
	urlPassword = regexp.MustCompile(`(?i)(?:^|[?&;:\s])(?:password|pwd|passwd)=([^&;]+)`)
	// urlUserInfo matches user:password@ after a scheme's "//"; the user
	// may be empty (redis://:password@host).
	urlUserInfo = regexp.MustCompile(`//[^/@:?]*:([^/@?]+)@`)
	// oracleThin matches Oracle's thin form user/password@host.
	oracleThin = regexp.MustCompile(`(?i):thin:[^/@:]+/([^@]+)@`)
)

// Range is a half-open byte range [Start, End).
type Range struct{ Start, End int }

// CredentialsIn returns the byte ranges of s, in increasing order, that
// hold credentials: the password of user:password@ in a URL, the value of
// a password=, pwd= or passwd= parameter, and Oracle's user/password@.
// References such as ${pw} are included; the plaintext-secret rule decides
// whether a credential is written out.
func CredentialsIn(s string) []Range {
	// Each pattern needs a byte most strings lack: an '@' or an '='.
	if !strings.ContainsAny(s, "@=") {
		return nil
	}
	var out []Range
	for _, re := range []*regexp.Regexp{urlPassword, urlUserInfo, oracleThin} {
		for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
			out = append(out, Range{m[2], m[3]})
		}
	}
	return mergeRanges(out)
}

// mergeRanges sorts ranges and joins those that overlap or touch.
func mergeRanges(rs []Range) []Range {
	sort.Slice(rs, func(i, j int) bool { return rs[i].Start < rs[j].Start })
	out := rs[:0]
	for _, r := range rs {
		if r.End <= r.Start {
			continue
		}
		if n := len(out); n > 0 && r.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, r.End)
			continue
		}
		out = append(out, r)
	}
	return out
}

// Secrets is where a file holds secret values. The zero value and nil
// hold none.
type Secrets struct {
	ranges []Range // file offsets, sorted and disjoint
	end    int     // the length of the text scanned, for ScanSecrets
	// unsure is the file offset from which a scan of text that does not
	// parse lost track of what is a string (an unterminated string): no
	// text from there on is shown. -1 when the scan kept track.
	unsure int
	texts  []string // the secret values, for Scrub

	once  sync.Once
	scrub []string // texts to Scrub, longest first
}

// Ranges returns the byte ranges of the file that hold secrets, sorted
// and disjoint.
func (s *Secrets) Ranges() []Range {
	if s == nil {
		return nil
	}
	return s.ranges
}

// Overlaps reports whether any byte in [start, end) of the file is secret
// or past the point where a scan lost track.
func (s *Secrets) Overlaps(start, end int) bool {
	if s == nil {
		return false
	}
	if s.unsure >= 0 && end > s.unsure {
		return true
	}
	i := sort.Search(len(s.ranges), func(i int) bool { return s.ranges[i].End > start })
	return i < len(s.ranges) && s.ranges[i].Start < end
}

// Mask returns text, the bytes of the file from offset base, with every
// secret replaced by Mask, and index, which maps an index into text to the
// matching index into the result (an index inside a secret maps to the end
// of its mask). When text reaches past the point where a scan of text that
// does not parse lost track, the result stops there and ok is false.
func (s *Secrets) Mask(text []byte, base int) (masked []byte, index func(int) int, ok bool) {
	identity := func(i int) int { return i }
	if s == nil {
		return text, identity, true
	}
	ok = true
	if s.unsure >= 0 && base+len(text) > s.unsure {
		text, ok = text[:max(s.unsure-base, 0)], false
	}
	end := base + len(text)
	i := sort.Search(len(s.ranges), func(i int) bool { return s.ranges[i].End > base })
	type cut struct{ from, to, at int } // text[from:to] became Mask at index at
	var cuts []cut
	var out []byte
	pos := 0
	for ; i < len(s.ranges) && s.ranges[i].Start < end; i++ {
		from, to := max(s.ranges[i].Start-base, 0), min(s.ranges[i].End-base, len(text))
		if out == nil {
			out = make([]byte, 0, len(text))
		}
		out = append(out, text[pos:from]...)
		cuts = append(cuts, cut{from, to, len(out)})
		out = append(out, Mask...)
		pos = to
	}
	if cuts == nil {
		return text, identity, ok
	}
	out = append(out, text[pos:]...)
	return out, func(i int) int {
		shift := 0
		for _, c := range cuts {
			switch {
			case i <= c.from:
				return i + shift
			case i < c.to:
				return c.at + len(Mask)
			}
			shift = c.at + len(Mask) - c.to
		}
		return i + shift
	}, ok
}

// scrubMinLen is the shortest secret Scrub looks for: shorter ones would
// mangle ordinary words and numbers of a message.
const scrubMinLen = 4

// Scrub replaces in a message every secret value of the file (of at least
// four bytes) with Mask. Messages are written not to repeat values at
// secret keys; Scrub is the guard for a value that reaches one by another
// way, such as a step name that holds a URL with a password.
func (s *Secrets) Scrub(msg string) string {
	if s == nil || len(s.texts) == 0 {
		return msg
	}
	s.once.Do(func() {
		seen := map[string]bool{}
		for _, t := range s.texts {
			if len(t) >= scrubMinLen && !seen[t] {
				seen[t] = true
				s.scrub = append(s.scrub, t)
			}
		}
		// Longest first, so that a secret containing another is masked
		// whole.
		sort.SliceStable(s.scrub, func(i, j int) bool { return len(s.scrub[i]) > len(s.scrub[j]) })
	})
	// A file holds a few secrets and a message is short: a search for
	// each costs less than building a replacer.
	for _, t := range s.scrub {
		if strings.Contains(msg, t) {
			msg = strings.ReplaceAll(msg, t, Mask)
		}
	}
	return msg
}

// add records a secret range and its text.
func (s *Secrets) add(start, end int, text string) {
	if end <= start {
		return
	}
	s.ranges = append(s.ranges, Range{start, end})
	if text != "" {
		s.texts = append(s.texts, text)
	}
}

// Secrets returns where the file holds secret values: the content's and,
// for an API response, the envelope's. Content embedded in a response that
// does not parse is scanned token by token (see ScanSecrets).
func (d *Document) Secrets() *Secrets {
	d.secretsOnce.Do(func() { d.secrets = d.findSecrets() })
	return d.secrets
}

func (d *Document) findSecrets() *Secrets {
	s := &Secrets{unsure: -1}
	skip := int32(-1)
	if d.emb != nil {
		skip = d.emb.node
	}
	d.file.secrets(s, 0, false, skip, func(off int) int { return off })
	switch {
	case d.content != nil && d.content != d.file:
		d.content.secrets(s, 0, false, -1, d.emb.fileOffset)
	case d.emb != nil && d.content == nil:
		// The embedded content does not parse: scan its decoded text.
		n := &d.file.nodes[d.emb.node]
		decoded, _ := appendUnescaped(nil, d.src[n.start+1:n.end-1], nil)
		scan := ScanSecrets(decoded)
		s.addScan(scan, d.emb.fileOffset)
	}
	// A credential commented out is still a credential.
	trees := []*tree{d.file}
	if d.content != nil && d.content != d.file {
		trees = append(trees, d.content)
	}
	for _, t := range trees {
		for _, p := range t.problems {
			if p.code == ProblemComment {
				from, to := commentBody(t.src, p.start, p.end)
				s.addScan(scanComment(t.src[from:to]), func(off int) int { return d.fileOffset(t, from+off) })
			}
		}
	}
	s.ranges = mergeRanges(s.ranges)
	return s
}

// scanComment finds the secrets of a comment's text. A comment is free
// text, so its words and quotes say nothing of where the strings of the
// file are: only what the scan finds counts, not where it lost track.
func scanComment(text []byte) *Secrets {
	s := scanSecrets(text, false)
	s.unsure = -1
	return s
}

// commentBody returns the text of the comment src[start:end] without its
// markers.
func commentBody(src []byte, start, end int) (int, int) {
	from := start + 2
	if src[start+1] == '*' && end-from >= 2 && bytes.HasSuffix(src[from:end], []byte("*/")) {
		end -= 2
	}
	return from, max(end, from)
}

// addScan adds the secrets a scan found, whose offsets toFile maps to the
// file; what the scan was unsure of is masked to the end of the scan.
func (s *Secrets) addScan(scan *Secrets, toFile func(int) int) {
	for _, r := range scan.ranges {
		s.ranges = append(s.ranges, Range{toFile(r.Start), toFile(r.End)})
	}
	s.texts = append(s.texts, scan.texts...)
	if scan.unsure >= 0 {
		s.ranges = append(s.ranges, Range{toFile(scan.unsure), toFile(scan.end)})
	}
}

// secrets records the secrets of node i and below; secret says that a key
// above is a credential's. Offsets are mapped to the file by toFile.
func (t *tree) secrets(s *Secrets, i int32, secret bool, skip int32, toFile func(int) int) {
	if i == skip {
		return
	}
	n := &t.nodes[i]
	if !secret && n.flags&flagMember != 0 {
		if n.flags&flagKeyEsc != 0 {
			secret = SecretKey(t.keyString(i))
		} else {
			secret = SecretKey(t.keyRaw(i))
		}
	}
	switch n.typ {
	case TypeObject, TypeArray:
		for _, k := range t.children(i) {
			t.secrets(s, k, secret, skip, toFile)
		}
	case TypeNumber:
		if secret {
			s.add(toFile(int(n.start)), toFile(int(n.end)), string(t.src[n.start:n.end]))
		}
	case TypeString:
		raw := t.src[n.start+1 : n.end-1]
		start := int(n.start) + 1
		if secret {
			s.add(toFile(start), toFile(start+len(raw)), Value{t: t, i: i}.Str())
			return
		}
		if n.flags&flagEscaped != 0 && bytes.Contains(raw, []byte(`\"`)) {
			// JSON inside a string (a job kept as text): a credential
			// key inside hides the whole string.
			str := Value{t: t, i: i}.Str()
			if len(scanSecrets([]byte(str), false).ranges) > 0 {
				s.add(toFile(start), toFile(start+len(raw)), str)
				return
			}
		}
		if bytes.IndexByte(raw, '@') < 0 && bytes.IndexByte(raw, '=') < 0 {
			return
		}
		str := Value{t: t, i: i}.Str()
		creds := CredentialsIn(str)
		if len(creds) == 0 {
			return
		}
		if n.flags&flagEscaped != 0 {
			// Offsets in the decoded string are not offsets in the file:
			// hide the whole string.
			s.add(toFile(start), toFile(start+len(raw)), str)
			return
		}
		for _, r := range creds {
			s.add(toFile(start+r.Start), toFile(start+r.End), str[r.Start:r.End])
		}
	}
}

// ScanSecrets finds the secrets of text that does not parse as JSON, token
// by token rather than line by line: strings (double- or single-quoted,
// with their escapes), bare words, comments and punctuation. A string or
// word followed by ':' or '=' is a key; when SecretKey says it is a
// credential's, the value after it is secret, and so is every string, word
// and number inside a bracket that value opens. The credentials inside
// any string or word (CredentialsIn) are secret too. An unterminated
// string leaves the scan unsure where strings start, so nothing after it
// is shown at all.
func ScanSecrets(src []byte) *Secrets { return scanSecrets(src, true) }

// scanSecrets is ScanSecrets; strict says that a bare word JSON would not
// have (a missing quote's mark) makes the scan unsure. The text inside a
// string is scanned leniently: free text has words.
func scanSecrets(src []byte, strict bool) *Secrets {
	s := &Secrets{unsure: -1, end: len(src)}
	var (
		prev       []byte // the last string or word, decoded
		prevValue  bool   // prev is a string or word that nothing followed yet
		expect     bool   // the next value is a credential's
		depth      int    // brackets open inside a credential's value
		valueStart = func() bool { return expect || depth > 0 }
	)
	token := func(start, end int, text []byte, quoted bool) {
		secret := valueStart()
		// A credential's key followed by a value without ':' (a typo)
		// still makes it a credential's value.
		key := depth == 0 && SecretKey(text)
		expect, prev, prevValue = key, text, true
		if secret {
			s.add(start, end, string(text))
			return
		}
		if key && !strict {
			// Inside a string, a credential's key is reason enough to
			// hide the whole string: its quotes may be out of step.
			s.add(0, len(src), string(src))
			return
		}
		// The text of a string is scanned as text of its own: it may hold
		// JSON (a job kept as a string, or a misplaced quote's worth).
		var ranges []Range
		whole := false
		switch {
		case quoted && bytes.ContainsAny(text, ":=@"):
			inner := scanSecrets(text, false)
			ranges, whole = inner.ranges, inner.unsure >= 0
		case !quoted:
			ranges = CredentialsIn(string(text))
		}
		if whole || len(ranges) > 0 && !bytes.Equal(text, src[start:end]) {
			// A string whose end inside is unknown, or whose decoded
			// offsets are not offsets in src: hide it all.
			s.add(start, end, string(text))
			return
		}
		for _, r := range ranges {
			s.add(start+r.Start, start+r.End, string(text[r.Start:r.End]))
		}
	}
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '/' && i+1 < len(src) && (src[i+1] == '/' || src[i+1] == '*'):
			// A credential commented out is still a credential.
			end := len(src)
			if src[i+1] == '/' {
				if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
					end = i + j
				}
			} else if j := bytes.Index(src[i+2:], []byte("*/")); j >= 0 {
				end = i + 2 + j + 2
			}
			from, to := commentBody(src, i, end)
			s.addScan(scanComment(src[from:to]), func(off int) int { return from + off })
			i = end
		case c == '"' || c == '\'':
			j, closed := scanQuoted(src, i)
			if !closed {
				// The string runs to the end of its line; whether the
				// next line starts inside or outside a string is unknown.
				if valueStart() {
					s.add(i+1, j, string(src[i+1:j]))
				} else {
					token(i+1, j, decodeLenient(src[i+1:j]), true)
				}
				s.unsure = j
				s.ranges = mergeRanges(s.ranges)
				return s
			}
			token(i+1, j-1, decodeLenient(src[i+1:j-1]), true)
			i = j
		case c == ':' || c == '=':
			if prevValue {
				expect = depth == 0 && SecretKey(prev)
			}
			prevValue = false
			i++
		case c == '{' || c == '[':
			if expect || depth > 0 {
				depth++
			}
			expect, prevValue = false, false
			i++
		case c == '}' || c == ']':
			if depth > 0 {
				depth--
			}
			expect, prevValue = false, false
			i++
		case c == ',':
			expect, prevValue = false, false
			i++
		default:
			j := scanWord(src, i)
			word := src[i:j]
			if k := bytes.IndexByte(word, ':'); k > 0 && !valueStart() && SecretKey(word[:k]) {
				// key:value written as one word (YAML without a space).
				s.add(i+k+1, j, string(word[k+1:]))
				expect, prev, prevValue = false, word, true
				i = j
				continue
			}
			if strict && !valueStart() && !literalWord(word) && !keyNext(src, j) {
				// JSON has no bare words but literals and keys: the scan
				// is out of step with the strings (a missing quote), so
				// what looks like a value may be inside one.
				s.unsure = i
				s.ranges = mergeRanges(s.ranges)
				return s
			}
			token(i, j, word, false)
			i = j
		}
	}
	s.ranges = mergeRanges(s.ranges)
	return s
}

// literalWord reports whether a bare word is a JSON literal or number, or
// one of the non-JSON literals people write (NaN, True, None, …), which
// the parser explains and which hold no secret.
func literalWord(w []byte) bool {
	switch string(w) {
	case "true", "false", "null", "NaN", "Infinity", "-Infinity", "True", "False", "TRUE", "FALSE", "None", "NULL", "Null", "undefined":
		return true
	}
	if len(w) == 0 || !(isDigit(w[0]) || w[0] == '-' || w[0] == '+' || w[0] == '.') {
		return false
	}
	for _, c := range w {
		if !(isDigit(c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' || c == 'x' || c == 'X') {
			return false
		}
	}
	return true
}

// keyNext reports whether the next token after offset j is ':' or '=',
// which makes the word before it a key.
func keyNext(src []byte, j int) bool {
	for ; j < len(src); j++ {
		switch src[j] {
		case ' ', '\t', '\n', '\r':
			continue
		case ':', '=':
			return true
		}
		return false
	}
	return false
}

// scanQuoted returns the offset one past the closing quote of the string
// that opens at src[i], or, when the line or the input ends first, the
// offset of that end and false.
func scanQuoted(src []byte, i int) (int, bool) {
	quote := src[i]
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			if j+1 < len(src) && src[j+1] != '\n' && src[j+1] != '\r' {
				j++
			}
		case '\n', '\r':
			return j, false
		case quote:
			return j + 1, true
		}
	}
	return len(src), false
}

// scanWord returns the end of the bare word at src[i]: it stops at space,
// a quote, a bracket, a comma, '=', or a ':' that is followed by space, a
// quote or a bracket (so that jdbc:mysql://… stays one word).
func scanWord(src []byte, i int) int {
	j := i
	for ; j < len(src); j++ {
		switch c := src[j]; c {
		case ' ', '\t', '\n', '\r', '"', '\'', '{', '}', '[', ']', ',', '=':
			if j == i {
				return j + 1
			}
			return j
		case ':':
			if j+1 >= len(src) {
				return j
			}
			switch src[j+1] {
			case ' ', '\t', '\n', '\r', '"', '\'', '{', '[':
				if j == i {
					return j + 1
				}
				return j
			}
		}
	}
	return j
}

// decodeLenient decodes the inside of a string that may hold invalid
// escapes: valid ones are decoded, anything else is kept as written.
func decodeLenient(raw []byte) []byte {
	if bytes.IndexByte(raw, '\\') < 0 {
		return raw
	}
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' || i+1 >= len(raw) {
			out = append(out, c)
			continue
		}
		switch e := raw[i+1]; e {
		case 'u':
			if i+6 <= len(raw) && isHex4(raw[i+2:i+6]) {
				r, n := decodeU(raw[i:])
				out = append(out, string(r)...)
				i += n - 1
				continue
			}
			out = append(out, c)
		case '"', '\\', '/', '\'':
			out = append(out, e)
			i++
		case 'b', 'f', 'n', 'r', 't':
			out = append(out, controlEscapes[e])
			i++
		default:
			out = append(out, c)
		}
	}
	return out
}

// controlEscapes decodes the one-letter escapes of control characters.
var controlEscapes = [256]byte{'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

// Secret reports whether the value is, or contains, a secret: showing it
// would show one. See Document.Secrets.
func (v Value) Secret() bool {
	if v.t == nil || v.t.doc == nil {
		return false
	}
	n := v.n()
	d := v.t.doc
	return d.Secrets().Overlaps(d.fileOffset(v.t, int(n.start)), d.fileOffset(v.t, int(n.end)))
}

// RedactedStr returns Str with its secrets masked: the credential of a URL
// becomes Mask and the rest stays readable; a string at a credential key,
// or one whose escapes (its own, or those of an API response around it)
// keep its secrets from being cut out, is Mask whole.
func (v Value) RedactedStr() string {
	if !v.Secret() {
		return v.Str()
	}
	n := v.n()
	d := v.t.doc
	if n.typ != TypeString || n.flags&flagEscaped != 0 || v.t != d.file {
		return Mask
	}
	raw := v.t.src[n.start+1 : n.end-1]
	base := d.fileOffset(v.t, int(n.start)+1)
	masked, _, ok := d.Secrets().Mask(raw, base)
	if !ok || string(masked) == Mask {
		return Mask
	}
	return string(masked)
}
