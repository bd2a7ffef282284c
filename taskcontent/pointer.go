package taskcontent

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/dilint/dilint/internal/jsonptr"
)

// PointerError reports a malformed JSON Pointer.
type PointerError struct {
	Pointer string
	Reason  string
}

func (e *PointerError) Error() string {
	return fmt.Sprintf("invalid JSON pointer %q: %s", e.Pointer, e.Reason)
}

// SplitPointer splits an RFC 6901 JSON Pointer into its unescaped reference
// tokens. It also accepts the URI fragment form ("#/steps/0").
func SplitPointer(ptr string) ([]string, error) {
	if strings.HasPrefix(ptr, "#") {
		dec, err := url.PathUnescape(ptr[1:])
		if err != nil {
			return nil, &PointerError{Pointer: ptr, Reason: "bad percent-encoding"}
		}
		ptr = dec
	}
	if ptr == "" {
		return nil, nil
	}
	if ptr[0] != '/' {
		return nil, &PointerError{Pointer: ptr, Reason: "must be empty or start with '/'"}
	}
	parts := strings.Split(ptr[1:], "/")
	for i, p := range parts {
		if !jsonptr.ValidToken(p) {
			return nil, &PointerError{Pointer: ptr, Reason: "'~' must be followed by '0' or '1'"}
		}
		parts[i] = jsonptr.UnescapeToken(p)
	}
	return parts, nil
}

// JoinPointer builds a JSON Pointer from unescaped tokens.
func JoinPointer(tokens ...string) string { return jsonptr.Join(tokens...) }

// child follows one reference token.
func (v Value) child(tok string) Value {
	switch v.Type() {
	case TypeObject:
		return v.Get(tok)
	case TypeArray:
		if tok == "" || (len(tok) > 1 && tok[0] == '0') {
			return Value{}
		}
		i, err := strconv.Atoi(tok)
		if err != nil {
			return Value{}
		}
		return v.Index(i)
	}
	return Value{}
}

// Lookup returns the value a JSON Pointer names within v.
func (v Value) Lookup(ptr string) (Value, bool) {
	toks, err := SplitPointer(ptr)
	if err != nil {
		return Value{}, false
	}
	for _, t := range toks {
		v = v.child(t)
		if !v.Exists() {
			return Value{}, false
		}
	}
	return v, v.Exists()
}

// Lookup returns the content value a JSON Pointer names.
func (d *Document) Lookup(ptr string) (Value, bool) {
	return d.Root().Lookup(ptr)
}

// lookupClosest resolves ptr in the content, stopping at the deepest
// existing value. found reports whether the whole pointer resolved.
func (d *Document) lookupClosest(ptr string) (Value, bool) {
	v := d.Root()
	if !v.Exists() {
		v = d.FileRoot()
	}
	toks, err := SplitPointer(ptr)
	if err != nil {
		return v, false
	}
	for _, t := range toks {
		c := v.child(t)
		if !c.Exists() {
			return v, false
		}
		v = c
	}
	return v, true
}
