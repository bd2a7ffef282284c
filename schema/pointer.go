package schema

import (
	"errors"
	"net/url"
	"strconv"
	"strings"

	"github.com/dilint/dilint/internal/jsonptr"
)

// pointer joins instance location tokens into an RFC 6901 JSON Pointer.
func pointer(tokens []string) string { return jsonptr.Join(tokens...) }

// unescapeToken decodes one token of a schema location fragment, which the
// compiler writes URL-path-escaped and then RFC 6901-escaped.
func unescapeToken(tok string) string {
	if u, err := url.PathUnescape(tok); err == nil {
		tok = u
	}
	return jsonptr.UnescapeToken(tok)
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
