package lint

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/dilint/dilint/internal/jsonptr"
	"github.com/dilint/dilint/schema"
	"github.com/dilint/dilint/taskcontent"
)

// ConfigError is a problem in a configuration file, at a line and column.
type ConfigError struct {
	File   string
	Line   int
	Column int
	// Pointer names the offending value in the decoded configuration.
	Pointer string
	Msg     string
}

func (e *ConfigError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// LoadConfig reads and checks a configuration file. Every problem is a
// *ConfigError with its line and column (joined when there are several);
// an unknown key names the closest valid one.
func LoadConfig(file string) (*Config, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// One byte over the limit is enough for ParseConfig to refuse it.
	src, err := io.ReadAll(io.LimitReader(f, MaxConfigSize+1))
	if err != nil {
		return nil, err
	}
	cfg, err := ParseConfig(file, src)
	if err != nil {
		return nil, err
	}
	if abs, err := filepath.Abs(file); err == nil {
		cfg.Dir = filepath.Dir(abs)
	}
	return cfg, nil
}

// ParseConfig parses configuration YAML; name is used in errors. Globs of
// the result match file names as given (Dir is empty).
func ParseConfig(name string, src []byte) (*Config, error) {
	if len(src) > MaxConfigSize {
		return nil, &ConfigError{File: name, Line: 1, Column: 1, Msg: fmt.Sprintf("the configuration is %d bytes, over the %d-byte limit", len(src), MaxConfigSize)}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		return nil, &ConfigError{File: name, Msg: err.Error()}
	}
	cfg := Default()
	cfg.Path = name
	if len(root.Content) == 0 {
		return cfg, nil // an empty file
	}
	d := &decoder{file: name, keys: map[string]*yaml.Node{}, vals: map[string]*yaml.Node{}}
	value := d.value(root.Content[0], "")
	if err := d.err(); err != nil {
		return nil, err
	}
	d.validate(value)
	if err := d.err(); err != nil {
		return nil, err
	}
	var raw rawConfig
	if b, err := json.Marshal(value); err != nil {
		return nil, &ConfigError{File: name, Msg: err.Error()}
	} else if err := json.Unmarshal(b, &raw); err != nil {
		return nil, &ConfigError{File: name, Msg: err.Error()}
	}
	d.compile(cfg, &raw)
	if err := d.err(); err != nil {
		return nil, err
	}
	return cfg, nil
}

// MaxConfigSize and MaxConfigValues bound what a configuration file may
// cost: .dilint.yaml is found in any parent directory, so a hostile one
// must fail fast. A few hundred bytes of YAML aliases that refer to
// aliases expand to 10^8 values (a "billion laughs"); decoding stops with
// an error at the alias that crosses the budget. Real configurations are
// a few hundred values; ten thousand take a few milliseconds.
const (
	MaxConfigSize   = 1 << 20
	MaxConfigValues = 10_000
)

// rawConfig is the decoded shape of the file once it matches the schema.
type rawConfig struct {
	FailOn    string                     `json:"fail-on"`
	MaxSame   *int                       `json:"max-same-issues"`
	Only      []string                   `json:"only"`
	Enable    []string                   `json:"enable"`
	Disable   []string                   `json:"disable"`
	Rules     map[string]json.RawMessage `json:"rules"`
	Ignore    []string                   `json:"ignore"`
	Overrides []rawOverride              `json:"overrides"`
	Policies  []rawPolicy                `json:"policies"`
}

type rawOverride struct {
	Files   []string                   `json:"files"`
	Enable  []string                   `json:"enable"`
	Disable []string                   `json:"disable"`
	Rules   map[string]json.RawMessage `json:"rules"`
}

// configSchema is the compiled ConfigSchema and its decoded form (for
// listing the keys allowed where an unknown one was found).
var configSchema = sync.OnceValues(func() (*schema.Standalone, error) {
	return schema.CompileStandalone(ConfigSchema)
})

var configSchemaDoc = sync.OnceValue(func() map[string]any {
	var m map[string]any
	_ = json.Unmarshal(ConfigSchema, &m)
	return m
})

func (d *decoder) validate(value any) {
	sch, err := configSchema()
	if err != nil {
		d.errs = append(d.errs, fmt.Errorf("dilint: the configuration schema does not compile: %w", err))
		return
	}
	fs := sch.Failures(value)
	if len(fs) == 0 {
		return
	}
	for _, f := range fs {
		d.failure(f)
	}
	d.sortErrs()
}

// sortErrs orders the problems by position and drops repeated ones.
func (d *decoder) sortErrs() {
	slices.SortStableFunc(d.errs, func(a, b error) int {
		var x, y *ConfigError
		errors.As(a, &x)
		errors.As(b, &y)
		if x.Line != y.Line {
			return x.Line - y.Line
		}
		return x.Column - y.Column
	})
	d.errs = slices.CompactFunc(d.errs, func(a, b error) bool { return a.Error() == b.Error() })
}

// failure reports one schema failure, naming the closest valid key for an
// unknown one and the closest valid value for a wrong one.
func (d *decoder) failure(f schema.Failure) {
	ptr := ""
	for _, tok := range f.InstanceLocation {
		ptr += "/" + jsonptr.EscapeToken(tok)
	}
	switch f.Keyword {
	case "additionalProperties":
		d.unknownKeys(ptr, f.Keys, allowedKeys(f.SchemaLocation))
	case "enum":
		d.notOneOf(ptr, f.Got, f.Want)
	default:
		d.failSchema(ptr, f.Message)
	}
}

func (d *decoder) unknownKeys(ptr string, keys, allowed []string) {
	owner := optionsOwner(ptr)
	for _, p := range keys {
		if owner != "" {
			d.failKey(ptr+"/"+jsonptr.EscapeToken(p), "%s", unknownOptionMsg(owner, p, allowed))
			continue
		}
		msg := fmt.Sprintf("unknown key %q", p)
		if s := schema.Suggest(p, allowed); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		} else if len(allowed) > 0 {
			msg += "; valid keys: " + strings.Join(allowed, ", ")
		}
		d.failKey(ptr+"/"+jsonptr.EscapeToken(p), "%s", msg)
	}
}

func (d *decoder) notOneOf(ptr string, gotValue any, wantValues []any) {
	var want []string
	for _, w := range wantValues {
		want = append(want, fmt.Sprint(w))
	}
	got := fmt.Sprint(gotValue)
	if s, ok := gotValue.(string); ok {
		got = fmt.Sprintf("%q", s)
	}
	msg := fmt.Sprintf("%s is not one of %s", got, strings.Join(want, ", "))
	if s, ok := gotValue.(string); ok {
		if sug := schema.Suggest(s, want); sug != "" {
			msg += fmt.Sprintf("; did you mean %q?", sug)
		}
	}
	d.fail(ptr, "%s", msg)
}

// optionsOwner returns "rule NAME" or "group NAME" when ptr is the options
// of a rules entry (/rules/NAME/options, also in an override), else "".
func optionsOwner(ptr string) string {
	owner, rest, ok := optionsPath(ptr)
	if !ok || len(rest) > 0 {
		return ""
	}
	return owner
}

// optionsPath splits a pointer into the rules entry whose options it is
// in ("rule NAME" or "group NAME") and the tokens below options; ok is
// false when ptr is not within the options of a known rule or group.
func optionsPath(ptr string) (owner string, rest []string, ok bool) {
	toks := strings.Split(ptr, "/")
	i := 1 // /rules/NAME/options/...
	if len(toks) > 3 && toks[1] == "overrides" {
		i = 3 // /overrides/N/rules/NAME/options/...
	}
	if len(toks) < i+3 || toks[i] != "rules" || toks[i+2] != "options" {
		return "", nil, false
	}
	name := jsonptr.UnescapeToken(toks[i+1])
	rs, err := Resolve(name)
	if err != nil {
		return "", nil, false
	}
	return ownerLabel(name, rs), toks[i+3:], true
}

// failSchema reports a schema failure at ptr; a failure in an option's
// value names the option, which the message of the schema does not.
func (d *decoder) failSchema(ptr, msg string) {
	if owner, rest, ok := optionsPath(ptr); ok && len(rest) > 0 {
		d.fail(ptr, "option %s of %s: %s", jsonptr.UnescapeToken(rest[0]), owner, msg)
		return
	}
	d.fail(ptr, "%s", msg)
}

// ownerLabel names what a rules entry configures: "rule NAME", "policy
// NAME" or "group NAME".
func ownerLabel(name string, rs []*Rule) string {
	switch {
	case len(rs) == 1 && rs[0].Name == name && rs[0].Group == PolicyGroup:
		return "policy " + name
	case len(rs) == 1 && rs[0].Name == name:
		return "rule " + name
	}
	return "group " + name
}

// allowedKeys lists the properties of the schema object that holds the
// failing additionalProperties keyword.
func allowedKeys(schemaURL string) []string {
	_, frag, _ := strings.Cut(schemaURL, "#")
	var node any = configSchemaDoc()
	for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		if tok == "" {
			continue
		}
		m, _ := node.(map[string]any)
		node = m[jsonptr.UnescapeToken(tok)]
	}
	m, _ := node.(map[string]any)
	props, _ := m["properties"].(map[string]any)
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// compile resolves rule and group names and checks globs and pointers.
func (d *decoder) compile(cfg *Config, raw *rawConfig) {
	if raw.FailOn != "" {
		cfg.FailOn, _ = ParseSeverity(raw.FailOn)
	}
	if raw.MaxSame != nil {
		cfg.MaxSameIssues = *raw.MaxSame
	}
	d.cfg = cfg
	d.policies(raw.Policies)
	cfg.base = d.layer("", raw.Only, raw.Enable, raw.Disable, raw.Rules)
	for i, g := range raw.Ignore {
		if !ValidGlob(g) {
			d.fail(fmt.Sprintf("/ignore/%d", i), "invalid glob %q", g)
		}
		cfg.ignore = append(cfg.ignore, strings.TrimSuffix(g, "/"))
	}
	for i, o := range raw.Overrides {
		at := fmt.Sprintf("/overrides/%d", i)
		l := d.layer(at, nil, o.Enable, o.Disable, o.Rules)
		for j, f := range o.Files {
			fp := fmt.Sprintf("%s/files/%d", at, j)
			glob, ptr, hasPtr := strings.Cut(f, "#")
			if !ValidGlob(glob) {
				d.fail(fp, "invalid glob %q", glob)
			}
			if hasPtr {
				toks, err := taskcontent.SplitPointer(ptr)
				if err != nil {
					d.fail(fp, "%v", err)
				}
				ptr = taskcontent.JoinPointer(toks...)
			}
			cfg.overrides = append(cfg.overrides, override{glob: glob, pointer: ptr, hasPointer: hasPtr, layer: l})
		}
	}
}

func (d *decoder) layer(at string, only, enable, disable []string, rules map[string]json.RawMessage) layer {
	l := layer{}
	resolve := func(ptr, name string) []*Rule {
		rs, err := d.cfg.Resolve(name)
		if err != nil {
			if strings.Contains(ptr, "/rules/") {
				d.failKey(ptr, "%v", err)
			} else {
				d.fail(ptr, "%v", err)
			}
		}
		return rs
	}
	if len(only) > 0 {
		keep := map[*Rule]bool{}
		for i, n := range only {
			for _, r := range resolve(fmt.Sprintf("%s/only/%d", at, i), n) {
				keep[r] = true
			}
		}
		for _, r := range d.cfg.allRules() {
			if keep[r] {
				l[r] = change{set: true, sev: enabledSeverity(r)}
			} else {
				l[r] = change{set: true, sev: SeverityOff}
			}
		}
	}
	for i, n := range enable {
		for _, r := range resolve(fmt.Sprintf("%s/enable/%d", at, i), n) {
			c := l[r]
			c.enable = true
			l[r] = c
		}
	}
	for i, n := range disable {
		for _, r := range resolve(fmt.Sprintf("%s/disable/%d", at, i), n) {
			c := l[r]
			c.set, c.sev = true, SeverityOff
			l[r] = c
		}
	}
	// Group entries first so that a rule's own entry wins over its group's.
	names := make([]string, 0, len(rules))
	for n := range rules {
		names = append(names, n)
	}
	isRule := func(n string) bool { rs, err := d.cfg.Resolve(n); return err == nil && len(rs) == 1 && rs[0].Name == n }
	slices.SortFunc(names, func(a, b string) int {
		if ra, rb := isRule(a), isRule(b); ra != rb {
			if ra {
				return 1
			}
			return -1
		}
		return strings.Compare(a, b)
	})
	for _, n := range names {
		ptr := at + "/rules/" + jsonptr.EscapeToken(n)
		entry, err := parseRuleEntry(rules[n])
		if err != nil {
			d.fail(ptr, "%v", err)
			continue
		}
		rs := resolve(ptr, n)
		opts := d.options(ptr, n, rs, entry.opts)
		for _, r := range rs {
			c := l[r]
			switch {
			case entry.enable:
				c.enable = true
			case entry.set:
				c.set, c.sev = true, entry.sev
			}
			c.opts = mergeOptions(c.opts, opts[r])
			l[r] = c
		}
	}
	return l
}

// options checks the options of the rules entry at ptr, for the rule or
// group name resolved to rs, and returns each rule's values converted to
// the declared types. Options under a group name apply to the rules of
// the group that declare them; an option no rule of the group declares is
// an error, as is an option of a rule that does not declare it.
func (d *decoder) options(ptr, name string, rs []*Rule, opts map[string]any) map[*Rule]map[string]any {
	if len(opts) == 0 || len(rs) == 0 {
		return nil
	}
	keys := make([]string, 0, len(opts))
	for k := range opts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := map[*Rule]map[string]any{}
	for _, k := range keys {
		kp := ptr + "/options/" + jsonptr.EscapeToken(k)
		declared := false
		for _, r := range rs {
			o, ok := r.Option(k)
			if !ok {
				continue
			}
			declared = true
			if opts[k] == nil {
				continue
			}
			v, err := o.convert(opts[k])
			if err != nil {
				d.fail(kp, "option %s of rule %s: %v", k, r.Name, err)
				break
			}
			if out[r] == nil {
				out[r] = map[string]any{}
			}
			out[r][k] = v
		}
		if !declared {
			var names []string
			for _, r := range rs {
				for _, o := range r.Options {
					if !slices.Contains(names, o.Name) {
						names = append(names, o.Name)
					}
				}
			}
			slices.Sort(names)
			d.failKey(kp, "%s", unknownOptionMsg(ownerLabel(name, rs), k, names))
		}
	}
	return out
}

// mergeOptions returns base with the values of over added, over winning;
// neither map is modified.
func mergeOptions(base, over map[string]any) map[string]any {
	if len(over) == 0 {
		return base
	}
	if len(base) == 0 {
		return over
	}
	merged := make(map[string]any, len(base)+len(over))
	for k, v := range base {
		merged[k] = v
	}
	for k, v := range over {
		merged[k] = v
	}
	return merged
}

// parseRuleEntry reads "warning", true/false or {severity, options}.
// Numbers in options stay json.Number, never float64.
func parseRuleEntry(raw json.RawMessage) (change, error) {
	var c change
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return c, err
	}
	switch x := v.(type) {
	case bool:
		if x {
			c.enable = true
		} else {
			c.set, c.sev = true, SeverityOff
		}
	case string:
		s, err := ParseSeverity(x)
		if err != nil {
			return c, err
		}
		c.set, c.sev = true, s
	case map[string]any:
		if s, ok := x["severity"].(string); ok {
			sev, err := ParseSeverity(s)
			if err != nil {
				return c, err
			}
			c.set, c.sev = true, sev
		}
		if o, ok := x["options"].(map[string]any); ok {
			c.opts = o
		}
	}
	return c, nil
}
