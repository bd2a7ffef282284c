package lint

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/dilint/dilint/internal/jsonptr"

	"go.yaml.in/yaml/v3"

	"github.com/dilint/dilint/schema"
	"github.com/dilint/dilint/taskcontent"
)

// ConfigFileNames are the names FindConfig looks for, in order.
var ConfigFileNames = []string{".dilint.yaml", ".dilint.yml"}

// ConfigSchema is the JSON Schema of the configuration file, for editors
// and for `config verify`-style checks.
//
//go:embed config.schema.json
var ConfigSchema []byte

// Config is a parsed .dilint.yaml: which rules run, how severe they are,
// per file glob and JSON Pointer, which files are ignored and which
// severity fails the run. It implements Selector, PointerSelector and
// Ignorer. A Config is immutable once loaded and safe for concurrent use.
//
//	fail-on: warning
//	max-same-issues: 20
//	disable: [number-precision]
//	rules:
//	  plaintext-secret: warning
//	  concurrent-range: {severity: error, options: {max: 16}}
//	ignore: [vendor/**]
//	overrides:
//	  - files: ["jobs/legacy/*.json#/steps/0"]
//	    rules: {security: off}
//	policies:
//	  - name: prod-writer-no-truncate
//	    given: steps.#(category=="writer")#.parameter
//	    schema: {properties: {truncate: {const: false}}}
//
// Policies (see Policy) are rules of the configuration's own; it also
// implements PolicySource.
type Config struct {
	// Path is the file the configuration was read from; "" for Default.
	Path string
	// Dir is the directory globs are relative to: Path's directory, or ""
	// to match file names as they are given.
	Dir string
	// FailOn is the least severity that fails a run (SeverityError unless
	// set); SeverityOff never fails.
	FailOn Severity
	// MaxSameIssues is how many findings of one rule a file reports before
	// LimitSame sums up the rest (max-same-issues; DefaultMaxSameIssues
	// unless set); 0 reports all.
	MaxSameIssues int

	base      layer
	ignore    []string
	overrides []override
	policies  policySet
}

// RuleConfig is the configured severity and options of one rule. Options
// are decoded YAML: maps, slices, strings, booleans, nil and json.Number.
type RuleConfig struct {
	Severity Severity
	Options  map[string]any
}

// layer is a set of changes to rule settings: the top level of a
// configuration or one override.
type layer map[*Rule]change

// change is what a layer does to one rule.
type change struct {
	enable bool // turn on at its default severity if it is off
	set    bool // set sev
	sev    Severity
	opts   map[string]any
}

func (c change) apply(r *Rule, rc RuleConfig) RuleConfig {
	switch {
	case c.set:
		rc.Severity = c.sev
	case c.enable && rc.Severity == SeverityOff:
		rc.Severity = enabledSeverity(r)
	}
	if len(c.opts) > 0 {
		merged := make(map[string]any, len(rc.Options)+len(c.opts))
		for k, v := range rc.Options {
			merged[k] = v
		}
		for k, v := range c.opts {
			merged[k] = v
		}
		rc.Options = merged
	}
	return rc
}

// enabledSeverity is the severity of a rule that is turned on by name: its
// default, or warning for a rule that is off unless asked for.
func enabledSeverity(r *Rule) Severity {
	if r.DefaultSeverity == SeverityOff {
		return SeverityWarning
	}
	return r.DefaultSeverity
}

// enabledSelector runs every rule as if it were turned on by name, so a
// rule that is off by default still shows what it reports: the rule pages
// run the Bad examples with it.
type enabledSelector struct{}

func (enabledSelector) Severity(r *Rule, _ string) (Severity, map[string]any) {
	return enabledSeverity(r), nil
}

// override is one entry of overrides: a layer applied to files matching a
// glob and, when pointer is set, only to diagnostics under that pointer.
type override struct {
	glob       string
	pointer    string
	hasPointer bool
	layer      layer
}

// Default returns the configuration used when there is no file: every rule
// at its default severity, failing on errors.
func Default() *Config {
	return &Config{FailOn: SeverityError, MaxSameIssues: DefaultMaxSameIssues, base: layer{}}
}

// Severity implements Selector. When overrides turn the rule on only below
// some JSON Pointers of the file, it returns the highest of those severities
// so the rule runs; SeverityAt then filters.
func (c *Config) Severity(r *Rule, file string) (Severity, map[string]any) {
	if len(c.overrides) == 0 {
		// Without overrides the file name does not matter; working out
		// its relative path for every rule of every file is the cost of a
		// run over many small files.
		rc := c.fileLevel(r, "")
		return rc.Severity, rc.Options
	}
	rel := c.rel(file)
	rc := c.fileLevel(r, rel)
	if rc.Severity != SeverityOff {
		return rc.Severity, rc.Options
	}
	best := rc
	for _, o := range c.overrides {
		if !o.hasPointer || !MatchGlob(o.glob, rel) {
			continue
		}
		if ch, ok := o.layer[r]; ok {
			if s := ch.apply(r, rc); s.Severity > best.Severity {
				best = s
			}
		}
	}
	return best.Severity, best.Options
}

// SeverityAt implements PointerSelector.
func (c *Config) SeverityAt(r *Rule, file, pointer string) (Severity, bool) {
	if len(c.overrides) == 0 {
		rc := c.fileLevel(r, "")
		return rc.Severity, rc.Severity == SeverityOff
	}
	rel := c.rel(file)
	rc := c.fileLevel(r, rel)
	matched := false
	for _, o := range c.overrides {
		if !o.hasPointer || !MatchGlob(o.glob, rel) || !pointerWithin(pointer, o.pointer) {
			continue
		}
		if ch, ok := o.layer[r]; ok {
			rc = ch.apply(r, rc)
			matched = true
		}
	}
	if matched || rc.Severity == SeverityOff {
		return rc.Severity, true
	}
	return rc.Severity, false
}

// Rule returns the severity and options of a rule for a file, ignoring
// pointer overrides.
func (c *Config) Rule(r *Rule, file string) RuleConfig {
	if len(c.overrides) == 0 {
		return c.fileLevel(r, "")
	}
	return c.fileLevel(r, c.rel(file))
}

func (c *Config) fileLevel(r *Rule, rel string) RuleConfig {
	rc := RuleConfig{Severity: r.DefaultSeverity}
	if ch, ok := c.base[r]; ok {
		rc = ch.apply(r, rc)
	}
	for _, o := range c.overrides {
		if o.hasPointer || !MatchGlob(o.glob, rel) {
			continue
		}
		if ch, ok := o.layer[r]; ok {
			rc = ch.apply(r, rc)
		}
	}
	return rc
}

// Ignored implements Ignorer: the file matches an ignore glob, or lies in a
// directory that does.
func (c *Config) Ignored(file string) bool {
	if len(c.ignore) == 0 {
		return false
	}
	rel := c.rel(file)
	for _, g := range c.ignore {
		for p := rel; p != "." && p != "" && p != "/"; p = path.Dir(p) {
			if MatchGlob(g, p) {
				return true
			}
		}
	}
	return false
}

// Fails reports whether a diagnostic of severity s fails the run.
func (c *Config) Fails(s Severity) bool {
	return c.FailOn != SeverityOff && s >= c.FailOn
}

// rel returns file relative to the configuration's directory, with
// forward slashes, for glob matching.
func (c *Config) rel(file string) string {
	if c.Dir != "" {
		if abs, err := filepath.Abs(file); err == nil {
			if r, err := filepath.Rel(c.Dir, abs); err == nil {
				file = r
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(file))
}

func pointerWithin(p, prefix string) bool {
	return prefix == "" || p == prefix || strings.HasPrefix(p, prefix+"/")
}

// MatchGlob reports whether a slash-separated path matches a glob, in
// the one dialect dilint uses everywhere (ignore, overrides and policies
// in .dilint.yaml, --include and --exclude): doublestar's, that is
// path.Match within a segment, ** for any number of segments and {a,b}
// for alternatives; a pattern without a slash matches the last segment
// at any depth. A malformed pattern matches nothing (ValidGlob tells).
func MatchGlob(pattern, name string) bool {
	if !strings.Contains(pattern, "/") {
		name = name[strings.LastIndexByte(name, '/')+1:]
	}
	ok, err := doublestar.Match(pattern, name)
	return ok && err == nil
}

// ValidGlob reports whether pattern is a well-formed glob for MatchGlob.
func ValidGlob(pattern string) bool { return doublestar.ValidatePattern(pattern) }

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

// FindConfig returns the configuration file nearest to file: in its
// directory or the closest parent that has one. It returns "" when there
// is none.
func FindConfig(file string) (string, error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return "", err
	}
	dir := abs
	if st, err := os.Stat(abs); err != nil || !st.IsDir() {
		dir = filepath.Dir(abs)
	}
	for {
		for _, n := range ConfigFileNames {
			p := filepath.Join(dir, n)
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				return p, nil
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
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

// decoder turns YAML nodes into JSON-like values while remembering where
// each value is, so every later check can report a line and column.
type decoder struct {
	file string
	cfg  *Config               // the configuration being compiled, for its policies
	keys map[string]*yaml.Node // JSON Pointer of a member → its key
	vals map[string]*yaml.Node // JSON Pointer → the value
	errs []error
	// decoded counts the values decoded so far, aliases expanded, up to
	// MaxConfigValues.
	decoded int
	// alias is the outermost alias being expanded, where a configuration
	// that exceeds the budget is reported.
	alias *yaml.Node
}

// fail reports a problem with the value at ptr.
func (d *decoder) fail(ptr string, format string, args ...any) {
	n := d.vals[ptr]
	if n == nil {
		n = d.keys[ptr]
	}
	d.add(ptr, n, fmt.Sprintf(format, args...))
}

// failKey reports a problem with the key of the member at ptr.
func (d *decoder) failKey(ptr string, format string, args ...any) {
	d.add(ptr, d.keys[ptr], fmt.Sprintf(format, args...))
}

func (d *decoder) add(ptr string, n *yaml.Node, msg string) {
	e := &ConfigError{File: d.file, Pointer: ptr, Msg: msg}
	if n != nil {
		e.Line, e.Column = n.Line, n.Column
	}
	d.errs = append(d.errs, e)
}

func (d *decoder) err() error {
	if len(d.errs) == 0 {
		return nil
	}
	if len(d.errs) == 1 {
		return d.errs[0]
	}
	return errors.Join(d.errs...)
}

func (d *decoder) value(n *yaml.Node, ptr string) any {
	if d.decoded++; d.decoded > MaxConfigValues {
		if d.decoded == MaxConfigValues+1 {
			at := n
			if d.alias != nil {
				at = d.alias
			}
			d.add(ptr, at, fmt.Sprintf("the configuration expands to more than %d values (YAML aliases that repeat aliases?); refused", MaxConfigValues))
		}
		return nil
	}
	if _, ok := d.vals[ptr]; !ok {
		d.vals[ptr] = n
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return d.value(n.Content[0], ptr)
	case yaml.AliasNode:
		if d.alias == nil {
			d.alias = n
			defer func() { d.alias = nil }()
		}
		return d.value(n.Alias, ptr)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				d.add(ptr, k, "keys must be plain strings")
				continue
			}
			child := ptr + "/" + jsonptr.EscapeToken(k.Value)
			if _, dup := m[k.Value]; dup {
				d.add(child, k, fmt.Sprintf("duplicate key %q", k.Value))
				continue
			}
			d.keys[child] = k
			m[k.Value] = d.value(v, child)
		}
		return m
	case yaml.SequenceNode:
		s := make([]any, len(n.Content))
		for i, c := range n.Content {
			s[i] = d.value(c, fmt.Sprintf("%s/%d", ptr, i))
		}
		return s
	}
	var v any
	if err := n.Decode(&v); err != nil {
		d.fail(ptr, "%v", err)
		return nil
	}
	switch x := v.(type) {
	case int:
		return json.Number(fmt.Sprint(x))
	case uint64:
		return json.Number(fmt.Sprint(x))
	case float64:
		return json.Number(fmt.Sprint(x))
	}
	return v
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
		d.fail(ptr, "%s", f.Message)
	}
}

func (d *decoder) unknownKeys(ptr string, keys, allowed []string) {
	for _, p := range keys {
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
		for _, r := range resolve(ptr, n) {
			c := l[r]
			switch {
			case entry.enable:
				c.enable = true
			case entry.set:
				c.set, c.sev = true, entry.sev
			}
			if entry.opts != nil {
				c.opts = entry.opts
			}
			l[r] = c
		}
	}
	return l
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

// ConfigFinder finds and caches the configuration of each file: the one at
// an explicit path for every file, or else the nearest .dilint.yaml above
// the file (Default when there is none). It is safe for concurrent use. It
// resolves relative file names once per directory, so the working
// directory must not change while it is in use.
type ConfigFinder struct {
	explicit string
	mu       sync.Mutex
	byPath   map[string]*configResult
	byDir    map[string]string
	// byGivenDir caches find by the directory as the file name gives it,
	// relative or not: resolving a relative name costs two stat calls
	// (os.Getwd), which were a fifth of the system calls of a run over
	// 10,000 small files.
	byGivenDir map[string]string
	def        *Config // the configuration of files without one
}

type configResult struct {
	once sync.Once
	cfg  *Config
	err  error
}

// NewConfigFinder returns a finder; a non-empty explicit path is used for
// every file instead of searching.
func NewConfigFinder(explicit string) *ConfigFinder {
	return &ConfigFinder{explicit: explicit, byPath: map[string]*configResult{}, byDir: map[string]string{}, byGivenDir: map[string]string{}, def: Default()}
}

// For returns the configuration that applies to file.
func (f *ConfigFinder) For(file string) (*Config, error) {
	p := f.explicit
	if p == "" {
		var err error
		if p, err = f.find(file); err != nil {
			return nil, err
		}
		if p == "" {
			return f.def, nil
		}
	}
	f.mu.Lock()
	r, ok := f.byPath[p]
	if !ok {
		r = &configResult{}
		f.byPath[p] = r
	}
	f.mu.Unlock()
	r.once.Do(func() { r.cfg, r.err = LoadConfig(p) })
	return r.cfg, r.err
}

// SelectorFor is For as a Linter.SelectorFor.
func (f *ConfigFinder) SelectorFor(file string) (Selector, error) {
	c, err := f.For(file)
	if err != nil {
		return nil, err
	}
	return c, nil
}

func (f *ConfigFinder) find(file string) (string, error) {
	given := filepath.Dir(file)
	f.mu.Lock()
	p, ok := f.byGivenDir[given]
	f.mu.Unlock()
	if ok {
		return p, nil
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return "", err
	}
	dir := filepath.Dir(abs)
	f.mu.Lock()
	p, ok = f.byDir[dir]
	f.mu.Unlock()
	if !ok {
		if p, err = FindConfig(abs); err != nil {
			return "", err
		}
	}
	f.mu.Lock()
	f.byDir[dir] = p
	f.byGivenDir[given] = p
	f.mu.Unlock()
	return p, nil
}
