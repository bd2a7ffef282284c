package schema

import (
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/dilint/dilint/internal/jsonptr"
)

// Violation is one way an instance breaks a schema.
type Violation struct {
	// Pointer is the RFC 6901 pointer of the offending value. For "required"
	// it names the missing key (/setting/speed/concurrent) and Missing is
	// true; for "additionalProperties" and "patternProperties" it names the
	// offending key.
	Pointer string
	// Missing reports that Pointer names a key that does not exist; the
	// nearest existing location is its parent.
	Missing bool
	// Keyword is the schema keyword that failed, one of
	// ViolationKeywords: "required", "additionalProperties", "type",
	// "enum", "const", "minimum", "maximum", "multipleOf", "minItems",
	// "minLength", "pattern", "contains", "patternProperties" (a key whose
	// name is not allowed, such as one with trailing whitespace), "anyOf"
	// (also when one of several sets of keys is required), "not", "false"
	// (a false schema) or "invalid" (an instance no JSON text holds).
	Keyword string
	// SchemaLocation is the failing keyword's location in the schema files,
	// such as "plugins/mysql.json#/$defs/writer/properties/writeMode/enum".
	SchemaLocation string
	// Message describes the violation for people. It never repeats the
	// value of a secret-like key (password, accessKey, token, ...).
	Message string
	// Allowed lists the permitted values (enum, const) or keys
	// (additionalProperties, anyOf), in JSON notation for values.
	Allowed []string
	// Expected lists the permitted JSON types when Keyword is "type".
	Expected []string
	// Actual is the JSON type found when Keyword is "type".
	Actual string
	// Suggestion is the closest permitted key or value ("did you mean"),
	// or "" when none is close.
	Suggestion string
}

// ViolationKeywords lists every Keyword a Violation can carry, so that a
// caller routing violations by keyword (as lint's schema rules do) can
// check that it routes each one on purpose.
var ViolationKeywords = []string{
	"additionalProperties", "anyOf", "const", "contains", "enum", "false",
	"invalid", "maximum", "minItems", "minLength", "minimum",
	"multipleOf", "not", "pattern", "patternProperties", "required", "type",
}

// String formats the violation as "pointer: message", with "(root)" for the
// empty pointer.
func (v Violation) String() string {
	p := v.Pointer
	if p == "" {
		p = "(root)"
	}
	return p + ": " + v.Message
}

// violations words the failures of one instance as sorted, de-duplicated
// violations; docs are the decoded schema files, for the allowed keys and
// values of suggestions.
func violations(fs []failure, docs map[string]any) []Violation {
	b := builder{docs: docs}
	b.collect(fs)
	return sortViolations(b.out)
}

// sortViolations orders violations by pointer, keyword and message and
// drops repeats.
func sortViolations(out []Violation) []Violation {
	sort.SliceStable(out, func(i, j int) bool {
		if c := comparePointers(out[i].Pointer, out[j].Pointer); c != 0 {
			return c < 0
		}
		if out[i].Keyword != out[j].Keyword {
			return out[i].Keyword < out[j].Keyword
		}
		return out[i].Message < out[j].Message
	})
	return slices.CompactFunc(out, func(a, b Violation) bool {
		return a.Pointer == b.Pointer && a.Keyword == b.Keyword && a.Message == b.Message
	})
}

// builder collects the violations of one list of failures; docs are the
// decoded schema files, for the allowed keys and values of suggestions.
type builder struct {
	docs map[string]any
	out  []Violation
}

func (b *builder) collect(fs []failure) {
	for i := range fs {
		if f := &fs[i]; f.kind == failAnyOf {
			b.alternatives(f)
		} else {
			b.leaf(f)
		}
	}
}

// alternatives reports an anyOf that matched no branch. When every branch
// only misses keys, one violation lists the keys to choose from; otherwise
// the branch with the fewest violations is reported, being the one the
// author most likely meant.
func (b *builder) alternatives(f *failure) {
	var (
		best     []Violation
		keys     []string
		onlyKeys = true
	)
	at := pointer(f.loc)
	for i, c := range f.branches {
		sub := builder{docs: b.docs}
		sub.collect(c)
		for _, v := range sub.out {
			if v.Keyword != "required" || parent(v.Pointer) != at {
				onlyKeys = false
			} else if key := lastToken(v.Pointer); !slices.Contains(keys, key) {
				keys = append(keys, key)
			}
		}
		if i == 0 || len(sub.out) < len(best) {
			best = sub.out
		}
	}
	if !onlyKeys || len(keys) == 0 {
		b.out = append(b.out, best...)
		return
	}
	quoted := make([]string, len(keys))
	for i, k := range keys {
		quoted[i] = fmt.Sprintf("%q", k)
	}
	b.out = append(b.out, Violation{
		Pointer:        at,
		Keyword:        "anyOf",
		SchemaLocation: location(f),
		Message:        "needs one of the keys " + orList(quoted),
		Allowed:        keys,
	})
}

func (b *builder) leaf(f *failure) {
	loc := f.loc
	ptr := pointer(loc)
	secret := secretLike(loc)
	v := Violation{Pointer: ptr, SchemaLocation: location(f), Keyword: f.keyword()}
	switch f.kind {
	case failRequired:
		for _, m := range f.keys {
			b.missing(v, loc, m)
		}
		return
	case failAdditional:
		allowed := b.allowedKeys(f.schemaURL())
		for _, p := range f.keys {
			u := v
			u.Pointer = pointer(append(slices.Clip(loc), p))
			u.Allowed = allowed
			u.Suggestion = Suggest(p, allowed)
			u.Message = withSuggestion(fmt.Sprintf("unknown key %q", p), u.Suggestion)
			b.out = append(b.out, u)
		}
		return
	case failType:
		v.Expected = typeNames(f.s.types)
		v.Actual = f.types
		v.Message = fmt.Sprintf("expected %s, got %s", orList(v.Expected), f.types)
	case failEnum:
		want, _ := lookup(b.docs, f.schemaURL()+"/enum")
		list, _ := want.([]any)
		var choices []string
		for _, w := range list {
			v.Allowed = append(v.Allowed, display(w))
			if s, ok := w.(string); ok {
				choices = append(choices, s)
			}
		}
		if s, ok := f.got.(string); ok && !secret {
			v.Suggestion = Suggest(s, choices)
		}
		v.Message = withSuggestion(fmt.Sprintf("%s is not one of %s", shown(f.got, secret), strings.Join(v.Allowed, ", ")), v.Suggestion)
	case failConst:
		want, _ := lookup(b.docs, f.schemaURL()+"/const")
		v.Allowed = []string{display(want)}
		if s, ok := f.got.(string); ok && !secret {
			if w, ok := want.(string); ok {
				v.Suggestion = Suggest(s, []string{w})
			}
		}
		v.Message = withSuggestion(fmt.Sprintf("must be %s, got %s", display(want), shown(f.got, secret)), v.Suggestion)
	case failMinimum:
		v.Message = fmt.Sprintf("%s is less than the minimum %s", shownNumber(f, secret), f.s.minimum.rat.RatString())
		if f.rat == nil && !f.far {
			v.Message = fmt.Sprintf("%s is too large a number to compare with the minimum %s", shownNumber(f, secret), f.s.minimum.rat.RatString())
		}
	case failMaximum:
		v.Message = fmt.Sprintf("%s is greater than the maximum %s", shownNumber(f, secret), f.s.maximum.rat.RatString())
		if f.rat == nil && !f.far {
			v.Message = fmt.Sprintf("%s is too large a number to compare with the maximum %s", shownNumber(f, secret), f.s.maximum.rat.RatString())
		}
	case failMultipleOf:
		v.Message = fmt.Sprintf("%s is not a multiple of %s", shownNumber(f, secret), decimal(f.s.multipleOf.rat))
		if f.rat == nil && !f.far {
			v.Message = fmt.Sprintf("%s is too large a number to check as a multiple of %s", shownNumber(f, secret), decimal(f.s.multipleOf.rat))
		}
	case failMinItems:
		v.Message = fmt.Sprintf("has %d items, needs at least %d", f.count, f.s.minItems)
	case failMinLength:
		v.Message = fmt.Sprintf("is %d characters long, needs at least %d", f.count, f.s.minLength)
		if f.count == 0 && f.s.minLength == 1 {
			v.Message = "must not be empty"
		}
	case failPattern:
		got, _ := f.got.(string)
		if !secret {
			v.Suggestion = Suggest(got, b.stringExamples(f.schemaURL()))
		}
		v.Message = withSuggestion(fmt.Sprintf("%s does not match %s", shown(got, secret), f.s.pattern.String()), v.Suggestion)
	case failContains:
		v.Message = b.containsMessage(f.schemaURL())
	case failFalse:
		url := f.schemaURL()
		v.Keyword = "false"
		v.Message = "is not allowed here"
		if _, pattern, ok := strings.Cut(url, "/patternProperties/"); ok && len(loc) > 0 {
			// A key-name rule: {"patternProperties": {regex: false}}.
			v.Keyword = "patternProperties"
			key := loc[len(loc)-1]
			v.Message = fmt.Sprintf("key %q matches %s, which is not allowed here", key, unescapeToken(pattern))
			if t := strings.TrimSpace(key); t != key {
				v.Suggestion = t
				v.Message = withSuggestion(fmt.Sprintf("key %q has leading or trailing whitespace", key), t)
			}
		}
	case failNot:
		v.Keyword = "not"
		v.Message = "matches a shape that is not allowed here"
	default:
		v.Keyword = "invalid"
		v.Message = "is invalid"
	}
	b.out = append(b.out, v)
}

func (b *builder) missing(v Violation, loc []string, key string) {
	v.Pointer = pointer(append(slices.Clip(loc), key))
	v.Missing = true
	v.Message = fmt.Sprintf("missing required key %q", key)
	b.out = append(b.out, v)
}

// location is the failing keyword's location relative to the schema files.
func location(f *failure) string {
	loc := f.schemaURL()
	if k := f.keyword(); k != "" {
		loc += "/" + jsonptr.EscapeToken(k)
	}
	return loc
}

// allowedKeys lists the properties declared beside a failing
// additionalProperties keyword.
func (b *builder) allowedKeys(schemaURL string) []string {
	node, _ := lookup(b.docs, schemaURL)
	obj, _ := node.(map[string]any)
	props, _ := obj["properties"].(map[string]any)
	if len(props) == 0 {
		return nil
	}
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// stringExamples returns the examples of a schema when all of them are
// strings, as for values that a pattern checks case-insensitively.
func (b *builder) stringExamples(schemaURL string) []string {
	node, _ := lookup(b.docs, schemaURL)
	obj, _ := node.(map[string]any)
	examples, _ := obj["examples"].([]any)
	out := make([]string, 0, len(examples))
	for _, e := range examples {
		s, ok := e.(string)
		if !ok {
			return nil
		}
		out = append(out, s)
	}
	return out
}

// containsMessage names what the contains schema looks for when it is a
// plain {"properties": {"k": {"const": v}}} test, as for step categories.
func (b *builder) containsMessage(schemaURL string) string {
	node, _ := lookup(b.docs, schemaURL+"/contains")
	obj, _ := node.(map[string]any)
	props, _ := obj["properties"].(map[string]any)
	for name, p := range props {
		if c, ok := p.(map[string]any)["const"]; ok && len(props) == 1 {
			return fmt.Sprintf("has no item whose %q is %s", name, display(c))
		}
	}
	return "has no item of the required shape"
}

// secretWords mark keys whose values must never be echoed, matched as
// lower-case substrings of any key on the way to a value.
var secretWords = []string{"password", "passwd", "pwd", "secret", "token", "signature", "credential", "accesskey", "privatekey"}

// secretLike reports whether a location passes through a secret-like key.
func secretLike(loc []string) bool {
	for _, tok := range loc {
		t := strings.ToLower(tok)
		for _, s := range secretWords {
			if strings.Contains(t, s) {
				return true
			}
		}
	}
	return false
}

const maxShown = 40

// shown renders an instance value for a message, hiding secrets and
// shortening long strings.
func shown(v any, secret bool) string {
	if secret {
		return "the value"
	}
	if s, ok := v.(string); ok && utf8.RuneCountInString(s) > maxShown {
		r := []rune(s)
		return fmt.Sprintf("%q", string(r[:maxShown])+"…")
	}
	return display(v)
}

// shownNumber renders the instance number of a minimum, maximum or
// multipleOf failure; one too large for math/big, or to write out, shows
// as written.
func shownNumber(f *failure, secret bool) string {
	if secret {
		return "the value"
	}
	if f.rat == nil || f.rat.Num().BitLen()+f.rat.Denom().BitLen() > maxDecimalBits {
		return shown(f.got, false)
	}
	return decimal(f.rat)
}

// maxDecimalBits bounds the numbers shownNumber writes out in decimal:
// "-1e999999" written out is a million digits, which took seconds to
// format and made a message of a megabyte. Larger numbers show as written.
const maxDecimalBits = 256

func decimal(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	f, _ := r.Float64()
	return fmt.Sprint(f)
}

// display renders a schema or instance value in JSON notation.
func display(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("%q", v)
	case json.Number:
		return v.String()
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	default:
		return fmt.Sprint(v)
	}
}

func withSuggestion(msg, suggestion string) string {
	if suggestion == "" {
		return msg
	}
	return fmt.Sprintf("%s; did you mean %q?", msg, suggestion)
}

// orList joins words as "a", "a or b", "a, b or c".
func orList(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

func parent(ptr string) string {
	if i := strings.LastIndexByte(ptr, '/'); i >= 0 {
		return ptr[:i]
	}
	return ""
}

func lastToken(ptr string) string {
	return jsonptr.UnescapeToken(ptr[strings.LastIndexByte(ptr, '/')+1:])
}
