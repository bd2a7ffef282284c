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
