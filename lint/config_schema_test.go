package lint

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestConfigSchemaRules keeps $defs/rules of config.schema.json equal to
// the rules' declarations: one property per rule and group with options,
// whose options object lists the declared options with their types and
// bounds, and refuses any other. Editors get completion and checks from
// it, and ParseConfig validates with it, so an unknown or mistyped option
// is refused there. Rules and groups without options are left to
// additionalProperties, and ParseConfig refuses their options itself:
// listing all 52 names tripled the time to compile the schema (0.15 →
// 0.44 ms), paid by every run with a configuration. Run with -update to
// regenerate after changing a rule.
func TestConfigSchemaRules(t *testing.T) {
	want, err := configSchemaWithRules(ConfigSchema, All())
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("config.schema.json", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(ConfigSchema, want) {
		t.Errorf("config.schema.json is out of date; run go test ./lint -run TestConfigSchemaRules -update")
	}
}

// configSchemaWithRules returns the configuration schema src with the value
// of $defs/rules generated from the rules; the rest of the file is kept
// byte for byte.
func configSchemaWithRules(src []byte, rules []*Rule) ([]byte, error) {
	var doc struct {
		Defs struct {
			Rules struct {
				Description string `json:"description"`
			} `json:"rules"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(src, &doc); err != nil {
		return nil, err
	}
	props := map[string]any{}
	var groups []string
	for _, r := range rules {
		if !slices.Contains(groups, r.Group) {
			groups = append(groups, r.Group)
		}
		if len(r.Options) == 0 {
			continue
		}
		summary, _, _ := strings.Cut(r.Summary(), "\n")
		props[r.Name] = ruleEntrySchema(summary, "rule "+r.Name, r.Options)
	}
	for _, g := range groups {
		var names []string
		var opts []Option
		for _, r := range rules {
			if r.Group != g {
				continue
			}
			names = append(names, r.Name)
			opts = append(opts, r.Options...)
		}
		if len(opts) == 0 {
			continue
		}
		merged, err := groupOptions(g, rules, opts)
		if err != nil {
			return nil, err
		}
		props[g] = ruleEntrySchema(fmt.Sprintf("The rules of the group %s: %s.", g, strings.Join(names, ", ")), "group "+g, merged)
	}
	value := map[string]any{
		"description":          doc.Defs.Rules.Description,
		"type":                 "object",
		"properties":           props,
		"additionalProperties": map[string]any{"$ref": "#/$defs/rule"},
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	if err := enc.Encode(value); err != nil {
		return nil, err
	}
	start, end, err := memberSpan(src, "$defs", "rules")
	if err != nil {
		return nil, err
	}
	return slices.Concat(src[:start], bytes.TrimSuffix(buf.Bytes(), []byte("\n")), src[end:]), nil
}

// ruleEntrySchema is the schema of the rules entry of a rule or group
// with options: its options object allows exactly the declared ones.
// The entry may be a severity or a boolean, so the options' shape applies
// to an object, and "type" beside "properties" keeps ajv's strict mode
// (strictTypes) quiet.
func ruleEntrySchema(description, owner string, opts []Option) map[string]any {
	props := map[string]any{}
	for _, o := range opts {
		props[o.Name] = optionSchema(o)
	}
	options := map[string]any{
		"description":          "The options of " + owner + ".",
		"type":                 "object",
		"additionalProperties": false,
		"properties":           props,
	}
	return map[string]any{
		"description": description,
		"$ref":        "#/$defs/rule",
		"if":          map[string]any{"type": "object"},
		"then":        map[string]any{"type": "object", "properties": map[string]any{"options": options}},
	}
}

// groupOptions merges the options the rules of a group declare, one per
// name: the rules that share a name must agree on its type and bounds, so
// that the group's schema refuses exactly what one of them would. The
// description names each rule's meaning and default.
func groupOptions(group string, rules []*Rule, opts []Option) ([]Option, error) {
	var out []Option
	for _, o := range opts {
		i := slices.IndexFunc(out, func(x Option) bool { return x.Name == o.Name })
		if i < 0 {
			out = append(out, o)
			continue
		}
		m := &out[i]
		if m.Type != o.Type || !sameBound(m.Min, o.Min) || !sameBound(m.Max, o.Max) || !slices.Equal(m.Enum, o.Enum) {
			return nil, fmt.Errorf("group %s: the rules declaring option %s disagree on its type, bounds or values", group, o.Name)
		}
		m.Default = nil
	}
	for i := range out {
		var docs []string
		n := 0
		for _, r := range rules {
			if r.Group != group {
				continue
			}
			if o, ok := r.Option(out[i].Name); ok {
				n++
				docs = append(docs, fmt.Sprintf("%s: %s%s", r.Name, o.Doc, defaultText(*o)))
			}
		}
		if n > 1 {
			out[i].Doc = "For " + strings.Join(docs, " For ")
		}
	}
	return out, nil
}

func sameBound(a, b *float64) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

// defaultText is " Default: X." for a description, or "" when the option
// has no default.
func defaultText(o Option) string {
	if o.Default == nil {
		return ""
	}
	return fmt.Sprintf(" Default: %s.", o.DefaultString())
}

// optionSchema is the JSON Schema of one option's value.
func optionSchema(o Option) map[string]any {
	s := map[string]any{"description": o.Doc + defaultText(o)}
	switch o.Type {
	case OptionInt:
		s["type"] = "integer"
	case OptionNumber:
		s["type"] = "number"
	case OptionBool:
		s["type"] = "boolean"
	case OptionString:
		s["type"] = "string"
	case OptionStrings:
		s["type"] = "array"
		item := map[string]any{"type": "string"}
		if len(o.Enum) > 0 {
			item["enum"] = o.Enum
		}
		s["items"] = item
	}
	if o.Type == OptionString && len(o.Enum) > 0 {
		s["enum"] = o.Enum
	}
	if o.Min != nil {
		s["minimum"] = *o.Min
	}
	if o.Max != nil {
		s["maximum"] = *o.Max
	}
	if o.Default != nil {
		s["default"] = o.Default
	}
	return s
}

// memberSpan returns the byte span of the value at the path of member
// names in the JSON object src.
func memberSpan(src []byte, path ...string) (start, end int, err error) {
	dec := json.NewDecoder(bytes.NewReader(src))
	for depth := 0; depth < len(path); {
		tok, err := dec.Token()
		if err != nil {
			return 0, 0, err
		}
		if tok != json.Delim('{') {
			return 0, 0, fmt.Errorf("%s is not an object", strings.Join(path[:depth], "/"))
		}
		for {
			if !dec.More() {
				return 0, 0, fmt.Errorf("no member %s", strings.Join(path[:depth+1], "/"))
			}
			key, err := dec.Token()
			if err != nil {
				return 0, 0, err
			}
			if key == path[depth] {
				break
			}
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return 0, 0, err
			}
		}
		depth++
	}
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return 0, 0, err
	}
	end = int(dec.InputOffset())
	start = end - len(raw)
	if !bytes.Equal(src[start:end], raw) {
		return 0, 0, errors.New("the decoder did not keep the value's bytes")
	}
	return start, end, nil
}
