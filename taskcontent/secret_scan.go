package taskcontent

import "bytes"

// The token scan of the redaction policy (see secret.go), for text that
// does not parse as JSON and for the text of comments and strings.

// ScanSecrets finds the secrets of text that does not parse as JSON, token
// by token rather than line by line: strings (double- or single-quoted,
// with their escapes), bare words, comments and punctuation. A string or
// word followed by ':' or '=' (or directly by a value, a missing colon)
// is a key; when SecretKey says it is a credential's, the value after it
// is secret, on the same line or the next, and so is every string, word
// and number inside a bracket that value opens. The text of a string is
// scanned as text of its own, and the credentials inside any string or
// word (CredentialsIn) are secret too. An unterminated string, or a bare
// word where JSON has none (the mark of a missing quote), leaves the scan
// unsure where strings start: nothing from there on is shown.
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
