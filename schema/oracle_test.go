package schema

// The jsonschema v6 path that Validate replaced, kept as the test oracle:
// the same embedded schemas compiled by jsonschema v6 and its error tree
// worded by the former builder. Tests require Validate and ValidateNode to
// give exactly its violations.

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/dilint/dilint/internal/jsonptr"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// oraclePrinter renders the messages of error kinds the builder does not
// word itself.
var oraclePrinter = message.NewPrinter(language.English)

// oracleShownRat renders an instance number as shownNumber does: as
// written (found in the instance at loc) when it is of extreme magnitude
// or too long to write out, else in decimal.
func (b *oracleBuilder) oracleShownRat(r *big.Rat, loc []string, secret bool) string {
	if secret {
		return "the value"
	}
	if n, ok := instanceAt(b.instance, loc).(json.Number); ok {
		if _, isFar := far([]byte(n)); isFar || r.Num().BitLen()+r.Denom().BitLen() > maxDecimalBits {
			return shown(n, false)
		}
	}
	return decimal(r)
}

// instanceAt returns the value at a location of a decoded instance.
func instanceAt(v any, loc []string) any {
	for _, tok := range loc {
		switch x := v.(type) {
		case map[string]any:
			v = x[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// oracleValidate is the Validate that jsonschema v6 backed: it checks a decoded instance against the named schema. The instance
// is what jsonschema.UnmarshalJSON or a json.Decoder with UseNumber
// produces: maps, slices, strings, booleans, nil and json.Number.
//
// Validate returns the violations sorted by pointer, then keyword; none
// means the instance is valid. The error is non-nil only for an unknown
// name (*UnknownNameError) or a schema that fails to compile. Schemas are
// compiled on first use, once; Validate is safe for concurrent use.
func oracleValidate(name Name, instance any) ([]Violation, error) {
	sch, err := oracleCompiled(name)
	if err != nil {
		return nil, err
	}
	err = validateRecovering(sch, instance)
	if err == nil {
		return nil, nil
	}
	var verr *jsonschema.ValidationError
	if !errors.As(err, &verr) {
		return nil, fmt.Errorf("schema: validate against %s: %w", name, err)
	}
	docs, err := rawDocs()
	if err != nil {
		return nil, err
	}
	return oracleViolations(verr, docs, instance), nil
}

// validateRecovering runs the compiled schema and turns a panic into an
// error: jsonschema v6.0.3 dereferences a nil *big.Rat when minimum,
// maximum or multipleOf meets a number whose exponent is too large for
// math/big ("1e9999999"), and one hostile file must not end the process.
func validateRecovering(sch *jsonschema.Schema, instance any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("jsonschema cannot validate the instance (a number out of range?): %v", r)
		}
	}()
	return sch.Validate(instance)
}

// oracleCompilers holds one lazily compiled schema per top-level name, so that
// validating TaskParams never compiles the job schemas.
var oracleCompilers = func() map[Name]func() (*jsonschema.Schema, error) {
	m := make(map[Name]func() (*jsonschema.Schema, error), len(names))
	for _, n := range names {
		m[n] = sync.OnceValues(func() (*jsonschema.Schema, error) {
			c := jsonschema.NewCompiler()
			c.UseRegexpEngine(ecmaRegexpEngine)
			c.DefaultDraft(jsonschema.Draft2020)
			c.UseLoader(oracleLoader{})
			sch, err := c.Compile(baseURL + n.file())
			if err != nil {
				return nil, fmt.Errorf("schema: compile %s: %w", n, err)
			}
			return sch, nil
		})
	}
	return m
}()

func oracleCompiled(name Name) (*jsonschema.Schema, error) {
	compile, ok := oracleCompilers[name]
	if !ok {
		return nil, &UnknownNameError{Name: name}
	}
	return compile()
}

// oracleLoader serves the embedded files to the compiler under baseURL.
type oracleLoader struct{}

func (oracleLoader) Load(url string) (any, error) {
	docs, err := rawDocs()
	if err != nil {
		return nil, err
	}
	doc, ok := docs[strings.TrimPrefix(url, baseURL)]
	if !ok || !strings.HasPrefix(url, baseURL) {
		return nil, fmt.Errorf("schema: no embedded schema at %s", url)
	}
	return doc, nil
}

// oracleViolations flattens a validation error tree into sorted, de-duplicated
// leaf violations.
func oracleViolations(verr *jsonschema.ValidationError, docs map[string]any, instance any) []Violation {
	b := oracleBuilder{builder: builder{docs: docs}, instance: instance}
	b.collect(verr)
	return sortViolations(b.out)
}

// oracleBuilder is the violation builder of the jsonschema v6 path that
// Validate replaced: it collects the violations of one error tree.
type oracleBuilder struct {
	builder
	instance any
}

func (b *oracleBuilder) collect(e *jsonschema.ValidationError) {
	switch k := e.ErrorKind.(type) {
	case *kind.AnyOf:
		b.alternatives(e, "anyOf")
		return
	case *kind.OneOf:
		if k.Subschemas == nil {
			b.alternatives(e, "oneOf")
			return
		}
	case *kind.Contains, *kind.MinContains:
		// Their causes explain why each item failed; the violation
		// itself is the leaf.
		b.leaf(e)
		return
	}
	if len(e.Causes) == 0 {
		b.leaf(e)
		return
	}
	for _, c := range e.Causes {
		b.collect(c)
	}
}

// alternatives reports an anyOf/oneOf that matched no branch. When every
// branch only misses keys, one violation lists the keys to choose from;
// otherwise the branch with the fewest violations is reported, being the
// one the author most likely meant.
func (b *oracleBuilder) alternatives(e *jsonschema.ValidationError, keyword string) {
	var (
		best     []Violation
		keys     []string
		onlyKeys = true
	)
	for i, c := range e.Causes {
		sub := oracleBuilder{builder: builder{docs: b.docs}}
		sub.collect(c)
		for _, v := range sub.out {
			if v.Keyword != "required" || parent(v.Pointer) != pointer(e.InstanceLocation) {
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
		Pointer:        pointer(e.InstanceLocation),
		Keyword:        keyword,
		SchemaLocation: b.location(e),
		Message:        "needs one of the keys " + orList(quoted),
		Allowed:        keys,
	})
}

func (b *oracleBuilder) leaf(e *jsonschema.ValidationError) {
	loc := e.InstanceLocation
	ptr := pointer(loc)
	secret := secretLike(loc)
	v := Violation{Pointer: ptr, SchemaLocation: b.location(e)}
	if kp := e.ErrorKind.KeywordPath(); len(kp) > 0 {
		v.Keyword = kp[0]
	}
	switch k := e.ErrorKind.(type) {
	case *kind.Required:
		for _, m := range k.Missing {
			b.missing(v, loc, m)
		}
		return
	case *kind.DependentRequired:
		for _, m := range k.Missing {
			b.missing(v, loc, m)
		}
		return
	case *kind.AdditionalProperties:
		allowed := b.allowedKeys(e.SchemaURL)
		for _, p := range k.Properties {
			u := v
			u.Pointer = pointer(append(slices.Clip(loc), p))
			u.Allowed = allowed
			u.Suggestion = Suggest(p, allowed)
			u.Message = withSuggestion(fmt.Sprintf("unknown key %q", p), u.Suggestion)
			b.out = append(b.out, u)
		}
		return
	case *kind.Type:
		v.Expected = k.Want
		v.Actual = k.Got
		v.Message = fmt.Sprintf("expected %s, got %s", orList(k.Want), k.Got)
	case *kind.Enum:
		var choices []string
		for _, w := range k.Want {
			v.Allowed = append(v.Allowed, display(w))
			if s, ok := w.(string); ok {
				choices = append(choices, s)
			}
		}
		if s, ok := k.Got.(string); ok && !secret {
			v.Suggestion = Suggest(s, choices)
		}
		v.Message = withSuggestion(fmt.Sprintf("%s is not one of %s", shown(k.Got, secret), strings.Join(v.Allowed, ", ")), v.Suggestion)
	case *kind.Const:
		v.Allowed = []string{display(k.Want)}
		if s, ok := k.Got.(string); ok && !secret {
			if w, ok := k.Want.(string); ok {
				v.Suggestion = Suggest(s, []string{w})
			}
		}
		v.Message = withSuggestion(fmt.Sprintf("must be %s, got %s", display(k.Want), shown(k.Got, secret)), v.Suggestion)
	case *kind.Minimum:
		v.Message = fmt.Sprintf("%s is less than the minimum %s", b.oracleShownRat(k.Got, loc, secret), k.Want.RatString())
	case *kind.Maximum:
		v.Message = fmt.Sprintf("%s is greater than the maximum %s", b.oracleShownRat(k.Got, loc, secret), k.Want.RatString())
	case *kind.ExclusiveMinimum:
		v.Message = fmt.Sprintf("%s must be greater than %s", b.oracleShownRat(k.Got, loc, secret), k.Want.RatString())
	case *kind.ExclusiveMaximum:
		v.Message = fmt.Sprintf("%s must be less than %s", b.oracleShownRat(k.Got, loc, secret), k.Want.RatString())
	case *kind.MultipleOf:
		v.Message = fmt.Sprintf("%s is not a multiple of %s", b.oracleShownRat(k.Got, loc, secret), decimal(k.Want))
	case *kind.MinItems:
		v.Message = fmt.Sprintf("has %d items, needs at least %d", k.Got, k.Want)
	case *kind.MaxItems:
		v.Message = fmt.Sprintf("has %d items, allows at most %d", k.Got, k.Want)
	case *kind.MinLength:
		v.Message = fmt.Sprintf("is %d characters long, needs at least %d", k.Got, k.Want)
		if k.Got == 0 && k.Want == 1 {
			v.Message = "must not be empty"
		}
	case *kind.MaxLength:
		v.Message = fmt.Sprintf("is %d characters long, allows at most %d", k.Got, k.Want)
	case *kind.Pattern:
		if !secret {
			v.Suggestion = Suggest(k.Got, b.stringExamples(e.SchemaURL))
		}
		v.Message = withSuggestion(fmt.Sprintf("%s does not match %s", shown(k.Got, secret), k.Want), v.Suggestion)
	case *kind.Contains, *kind.MinContains:
		v.Message = b.containsMessage(e.SchemaURL)
	case *kind.FalseSchema:
		v.Keyword = "false"
		v.Message = "is not allowed here"
		if _, pattern, ok := strings.Cut(e.SchemaURL, "/patternProperties/"); ok && len(loc) > 0 {
			// A key-name rule: {"patternProperties": {regex: false}}.
			v.Keyword = "patternProperties"
			v.SchemaLocation = strings.TrimPrefix(e.SchemaURL, baseURL)
			key := loc[len(loc)-1]
			v.Message = fmt.Sprintf("key %q matches %s, which is not allowed here", key, unescapeToken(pattern))
			if t := strings.TrimSpace(key); t != key {
				v.Suggestion = t
				v.Message = withSuggestion(fmt.Sprintf("key %q has leading or trailing whitespace", key), t)
			}
		}
	case *kind.Not:
		v.Keyword = "not"
		v.Message = "matches a shape that is not allowed here"
	case *kind.OneOf:
		v.Message = fmt.Sprintf("matches more than one alternative (%d and %d)", k.Subschemas[0], k.Subschemas[1])
	default:
		if v.Keyword == "" {
			v.Keyword = "invalid"
		}
		v.Message = "is invalid"
		if !secret {
			v.Message = e.ErrorKind.LocalizedString(oraclePrinter)
		}
	}
	b.out = append(b.out, v)
}

func (b *oracleBuilder) missing(v Violation, loc []string, key string) {
	v.Pointer = pointer(append(slices.Clip(loc), key))
	v.Missing = true
	v.Message = fmt.Sprintf("missing required key %q", key)
	b.out = append(b.out, v)
}

// location is the failing keyword's location relative to the schema files.
func (b *oracleBuilder) location(e *jsonschema.ValidationError) string {
	loc := strings.TrimPrefix(e.SchemaURL, baseURL)
	for _, tok := range e.ErrorKind.KeywordPath() {
		loc += "/" + jsonptr.EscapeToken(tok)
	}
	return loc
}

// ecmaRegexpEngine gives jsonschema v6 the patterns as the validator
// applies them: ECMA-262 (u flag) translated to RE2. v6's default engine is
// Go's regexp on the untranslated pattern, whose \s and "." differ.
func ecmaRegexpEngine(s string) (jsonschema.Regexp, error) { return compileECMA(s) }
