package lint

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/dilint/dilint/schema"
)

// OptionType is the type of a rule option's value.
type OptionType int

// The option types. In a configuration file they are the JSON Schema types
// integer, number, boolean, string and array of strings.
const (
	OptionInt OptionType = iota + 1
	OptionNumber
	OptionBool
	OptionString
	OptionStrings
)

var optionTypeNames = [...]string{
	OptionInt:     "integer",
	OptionNumber:  "number",
	OptionBool:    "boolean",
	OptionString:  "string",
	OptionStrings: "list of strings",
}

// String returns "integer", "number", "boolean", "string" or "list of
// strings".
func (t OptionType) String() string {
	if t > 0 && int(t) < len(optionTypeNames) {
		return optionTypeNames[t]
	}
	return fmt.Sprintf("OptionType(%d)", int(t))
}

// Option declares one setting of a rule, as a go/analysis Analyzer
// declares its flags: the configuration accepts only declared options,
// checks and converts their values, and the rule's documentation, `dilint
// explain` and the configuration's JSON Schema list them.
//
//	rules:
//	  concurrent-range: {options: {max: 16}}
//
// A rule reads its options with Pass.IntOption, Pass.NumberOption,
// Pass.BoolOption, Pass.StringOption and Pass.StringsOption, which return
// the declared Default when the option is not set.
type Option struct {
	// Name is the option's key under options, in kebab-case.
	Name string
	// Type is the type of the value.
	Type OptionType
	// Default is the value the rule uses when the option is not set: an
	// int64, float64, bool, string or []string as Type says (nil for an
	// empty list).
	Default any
	// Doc says in one or two sentences what the option changes.
	Doc string
	// Min and Max, when set, bound an integer or number option.
	Min, Max *float64
	// Enum, when set, lists the values a string option (or each element
	// of a list of strings) may take.
	Enum []string
}

// DefaultString formats Default as a configuration file writes it: 32,
// true, "text", ["a","b"]; an unset Default is the type's zero value (an
// empty list for a list of strings).
func (o *Option) DefaultString() string {
	if o.Default == nil {
		switch o.Type {
		case OptionStrings:
			return "[]"
		case OptionString:
			return `""`
		case OptionBool:
			return "false"
		}
		return "0"
	}
	b, err := json.Marshal(o.Default)
	if err != nil {
		return fmt.Sprint(o.Default)
	}
	return string(b)
}

// TypeString describes the values the option accepts, for documentation:
// "integer, at least 1", "list of strings", "string, one of a, b".
func (o *Option) TypeString() string {
	s := o.Type.String()
	if len(o.Enum) > 0 {
		if o.Type == OptionStrings {
			s += ", each"
		}
		s += " one of " + strings.Join(o.Enum, ", ")
	}
	switch {
	case o.Min != nil && o.Max != nil:
		s += fmt.Sprintf(", %v to %v", *o.Min, *o.Max)
	case o.Min != nil:
		s += fmt.Sprintf(", at least %v", *o.Min)
	case o.Max != nil:
		s += fmt.Sprintf(", at most %v", *o.Max)
	}
	return s
}

// bound returns a pointer to f, for Option.Min and Max.
func bound(f float64) *float64 { return &f }

// OptionError is a rule option that is not declared or whose value does
// not fit its declaration.
type OptionError struct {
	Rule   string // the rule's name
	Option string // the option's name
	Msg    string
}

func (e *OptionError) Error() string {
	return fmt.Sprintf("rule %s: option %s: %s", e.Rule, e.Option, e.Msg)
}

// Option returns the declaration of the named option.
func (r *Rule) Option(name string) (*Option, bool) {
	for i := range r.Options {
		if r.Options[i].Name == name {
			return &r.Options[i], true
		}
	}
	return nil, false
}

// optionNames lists the names of the rule's options.
func optionNames(opts []Option) []string {
	names := make([]string, len(opts))
	for i, o := range opts {
		names[i] = o.Name
	}
	return names
}

// CheckOptions checks option values against the rule's declarations and
// returns them converted to the declared Go types (int64, float64, bool,
// string, []string), ready for Pass.Options. Values may be of any Go type
// convertible without loss: any integer type, float64 holding a whole
// number, json.Number, []string or []any of strings. A nil value means
// unset. The error is an *OptionError, or several joined.
func (r *Rule) CheckOptions(opts map[string]any) (map[string]any, error) {
	if len(opts) == 0 {
		return nil, nil
	}
	out := make(map[string]any, len(opts))
	var errs []error
	names := make([]string, 0, len(opts))
	for k := range opts {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		o, ok := r.Option(k)
		if !ok {
			errs = append(errs, &OptionError{Rule: r.Name, Option: k, Msg: "not declared" + optionHint(k, optionNames(r.Options))})
			continue
		}
		if opts[k] == nil {
			continue
		}
		v, err := o.convert(opts[k])
		if err != nil {
			errs = append(errs, &OptionError{Rule: r.Name, Option: k, Msg: err.Error()})
			continue
		}
		if list, ok := v.([]string); ok {
			v = slices.Clone(list) // the caller keeps its own
		}
		out[k] = v
	}
	switch len(errs) {
	case 0:
		return out, nil
	case 1:
		return nil, errs[0]
	}
	return nil, errors.Join(errs...)
}

// unknownOptionMsg says that name is not an option of the rule (or group)
// that owner names ("rule NAME", "group NAME"), naming the closest declared one or listing them all.
func unknownOptionMsg(owner, name string, names []string) string {
	if len(names) == 0 {
		return fmt.Sprintf("%s has no options", owner)
	}
	return fmt.Sprintf("%s has no option %q", owner, name) + optionHint(name, names)
}

// optionHint names the declared option closest to name, or lists them.
func optionHint(name string, names []string) string {
	if len(names) == 0 {
		return "; there are no options"
	}
	if s := schema.Suggest(name, names); s != "" {
		return fmt.Sprintf("; did you mean %q?", s)
	}
	return "; valid options: " + strings.Join(names, ", ")
}

// convert checks v against the declaration and returns it as the declared
// Go type.
func (o *Option) convert(v any) (any, error) {
	switch o.Type {
	case OptionInt:
		n, ok := asInt(v)
		if !ok {
			if f, isNum := asNumber(v); isNum && f == math.Trunc(f) {
				return nil, fmt.Errorf("%s is too large for an integer option", describeOption(v))
			}
			return nil, fmt.Errorf("%s is not an integer", describeOption(v))
		}
		if err := o.inRange(float64(n), strconv.FormatInt(n, 10)); err != nil {
			return nil, err
		}
		return n, nil
	case OptionNumber:
		f, ok := asNumber(v)
		if !ok {
			return nil, fmt.Errorf("%s is not a number", describeOption(v))
		}
		if err := o.inRange(f, strconv.FormatFloat(f, 'g', -1, 64)); err != nil {
			return nil, err
		}
		return f, nil
	case OptionBool:
		b, ok := v.(bool)
		if !ok {
			return nil, fmt.Errorf("%s is not a boolean", describeOption(v))
		}
		return b, nil
	case OptionString:
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("%s is not a string", describeOption(v))
		}
		return s, o.inEnum(s)
	case OptionStrings:
		var list []string
		switch x := v.(type) {
		case []string:
			list = x
		case []any:
			list = make([]string, len(x))
			for i, e := range x {
				s, ok := e.(string)
				if !ok {
					return nil, fmt.Errorf("element %d, %s, is not a string", i, describeOption(e))
				}
				list[i] = s
			}
		default:
			return nil, fmt.Errorf("%s is not a list of strings", describeOption(v))
		}
		for _, s := range list {
			if err := o.inEnum(s); err != nil {
				return nil, err
			}
		}
		return list, nil
	}
	return nil, fmt.Errorf("has no valid type (%v)", o.Type)
}

func (o *Option) inRange(f float64, text string) error {
	switch {
	case o.Min != nil && f < *o.Min:
		return fmt.Errorf("%s is less than the minimum, %v", text, *o.Min)
	case o.Max != nil && f > *o.Max:
		return fmt.Errorf("%s is greater than the maximum, %v", text, *o.Max)
	}
	return nil
}

func (o *Option) inEnum(s string) error {
	if len(o.Enum) == 0 || slices.Contains(o.Enum, s) {
		return nil
	}
	msg := fmt.Sprintf("%q is not one of %s", s, strings.Join(o.Enum, ", "))
	if sug := schema.Suggest(s, o.Enum); sug != "" {
		msg += fmt.Sprintf("; did you mean %q?", sug)
	}
	return fmt.Errorf("%s", msg)
}

// asInt converts the integer types, json.Number and whole float64s.
func asInt(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case int:
		return int64(x), true
	case int32:
		return int64(x), true
	case int16:
		return int64(x), true
	case int8:
		return int64(x), true
	case uint:
		return int64(x), uint64(x) <= math.MaxInt64
	case uint64:
		return int64(x), x <= math.MaxInt64
	case uint32:
		return int64(x), true
	case uint16:
		return int64(x), true
	case uint8:
		return int64(x), true
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return n, true
		}
		// YAML's 1e6 arrives as json.Number("1e+06").
		f, err := x.Float64()
		if err != nil {
			return 0, false
		}
		return asInt(f)
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int64(x), true
		}
	}
	return 0, false
}

// asNumber converts the integer and float types and json.Number.
func asNumber(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, !math.IsNaN(x) && !math.IsInf(x, 0)
	case float32:
		f := float64(x)
		return f, !math.IsNaN(f) && !math.IsInf(f, 0)
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	}
	if n, ok := asInt(v); ok {
		return float64(n), true
	}
	return 0, false
}

// describeOption names a value and its type for an error message.
func describeOption(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("the string %q", x)
	case json.Number:
		return "the number " + string(x)
	case bool:
		return fmt.Sprintf("the boolean %v", x)
	case map[string]any:
		return "an object"
	case []any:
		return "a list"
	}
	return fmt.Sprintf("%v (%T)", v, v)
}

// option returns the value of the option a rule asks for: the configured
// one, converted, or the declared default. A Config holds values already
// converted; a Selector written in Go may return any convertible value.
// Asking for an undeclared option is a bug in the rule: it panics, and the
// engine reports the rule as crashed. A value that does not convert panics
// with an *OptionError, which the engine reports as one error diagnostic
// of the rule naming the option, instead of running the rule with a value
// nobody meant.
func (p *Pass) option(name string, t OptionType) any {
	o, ok := p.Rule.Option(name)
	if !ok {
		panic(fmt.Sprintf("lint: rule %s reads option %q, which it does not declare", p.Rule.Name, name))
	}
	if o.Type != t {
		panic(fmt.Sprintf("lint: rule %s reads option %q as %v; it is declared %v", p.Rule.Name, name, t, o.Type))
	}
	v, set := p.Options[name]
	if !set || v == nil {
		return o.Default
	}
	c, err := o.convert(v)
	if err != nil {
		panic(&OptionError{Rule: p.Rule.Name, Option: name, Msg: err.Error()})
	}
	return c
}

// IntOption returns the value of an integer option.
func (p *Pass) IntOption(name string) int64 {
	n, _ := p.option(name, OptionInt).(int64)
	return n
}

// NumberOption returns the value of a number option.
func (p *Pass) NumberOption(name string) float64 {
	f, _ := p.option(name, OptionNumber).(float64)
	return f
}

// BoolOption returns the value of a boolean option.
func (p *Pass) BoolOption(name string) bool {
	b, _ := p.option(name, OptionBool).(bool)
	return b
}

// StringOption returns the value of a string option.
func (p *Pass) StringOption(name string) string {
	s, _ := p.option(name, OptionString).(string)
	return s
}

// StringsOption returns the value of a list-of-strings option. The caller
// must not modify the slice.
func (p *Pass) StringsOption(name string) []string {
	s, _ := p.option(name, OptionStrings).([]string)
	return s
}
