package schema

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
)

// pointer joins instance location tokens into an RFC 6901 JSON Pointer.
func pointer(tokens []string) string {
	var b strings.Builder
	for _, tok := range tokens {
		b.WriteByte('/')
		b.WriteString(escapeToken(tok))
	}
	return b.String()
}

var (
	tokenEscaper   = strings.NewReplacer("~", "~0", "/", "~1")
	tokenUnescaper pointerUnescaper
)

// pointerUnescaper decodes an RFC 6901 token ("~1" is "/", "~0" is "~") as
// strings.NewReplacer("~1", "/", "~0", "~") does, without allocating for
// a token that has no "~": compiling the job schema unescapes thousands.
type pointerUnescaper struct{}

func (pointerUnescaper) Replace(tok string) string {
	i := strings.IndexByte(tok, '~')
	if i < 0 {
		return tok
	}
	b := make([]byte, 0, len(tok))
	b = append(b, tok[:i]...)
	for ; i < len(tok); i++ {
		c := tok[i]
		if c == '~' && i+1 < len(tok) && (tok[i+1] == '0' || tok[i+1] == '1') {
			if tok[i+1] == '0' {
				c = '~'
			} else {
				c = '/'
			}
			i++
		}
		b = append(b, c)
	}
	return string(b)
}

func escapeToken(tok string) string {
	if !strings.ContainsAny(tok, "~/") {
		return tok // the common case, without the replacer's cost
	}
	return tokenEscaper.Replace(tok)
}

// unescapeToken decodes one token of a schema location fragment, which the
// compiler writes URL-path-escaped and then RFC 6901-escaped.
func unescapeToken(tok string) string {
	if u, err := url.PathUnescape(tok); err == nil {
		tok = u
	}
	return tokenUnescaper.Replace(tok)
}

var errIndex = errors.New("schema: bad array index")

func index(tok string, n int) (int, error) {
	i, err := strconv.Atoi(tok)
	if err != nil || i < 0 || i >= n {
		return 0, errIndex
	}
	return i, nil
}

// comparePointers orders pointers token by token, numerically where both
// tokens are array indexes, so that /steps/2 sorts before /steps/10.
func comparePointers(a, b string) int {
	for a != "" && b != "" {
		var ta, tb string
		ta, a = nextToken(a)
		tb, b = nextToken(b)
		if c := compareTokens(ta, tb); c != 0 {
			return c
		}
	}
	switch {
	case a == "" && b == "":
		return 0
	case a == "":
		return -1
	default:
		return 1
	}
}

func nextToken(p string) (tok, rest string) {
	p = strings.TrimPrefix(p, "/")
	if i := strings.IndexByte(p, '/'); i >= 0 {
		return p[:i], p[i:]
	}
	return p, ""
}

func compareTokens(a, b string) int {
	ia, errA := strconv.Atoi(a)
	ib, errB := strconv.Atoi(b)
	if errA == nil && errB == nil {
		return ia - ib
	}
	return strings.Compare(a, b)
}
