package lint

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/dilint/dilint/internal/third_party/jsonschema"
	"github.com/dilint/dilint/internal/third_party/jsonschema/kind"
	"github.com/dilint/dilint/schema"
	"github.com/dilint/dilint/taskcontent"
)

// PolicyGroup is the group of the rules that policies define: --only
// policy runs a team's policies and nothing else.
const PolicyGroup = "policy"

// Policy is a team's own rule, written in .dilint.yaml instead of Go: the
// values that the gjson path Given selects in a document must validate
// against a JSON Schema (draft 2020-12 unless the schema says otherwise,
// with every keyword, format assertions included). Each failure is a
// diagnostic of the rule Name, placed at the failing value inside the
// selected one.
//
//	policies:
//	  - name: prod-writer-no-truncate
//	    message: production writers never truncate
//	    severity: error
//	    files: ["jobs/prod/**"]
//	    given: steps.#(category=="writer")#.parameter
//	    schema:
//	      properties:
//	        truncate: {const: false}
type Policy struct {
	// Name is the rule's name; it must not be a built-in rule or group.
	Name string
	// Message starts every diagnostic; the schema failure follows it.
	Message string
	// Severity is the rule's default severity; zero means SeverityError.
	Severity Severity
	// Files, when set, limits the policy to files matching one of these
	// globs (relative to the configuration's directory, as in overrides).
	Files []string
	// Given is a gjson path over the content (for an API response, the
	// job inside Data.TaskContent); see taskcontent.Document.Query.
	Given string
	// Schema is the JSON Schema as decoded JSON (map[string]any or bool,
	// numbers as json.Number or float64).
	Schema any
	// SchemaFile, instead of Schema, names a JSON or YAML file holding the
	// schema, relative to the configuration's directory. Its $refs to
	// other files resolve from there.
	SchemaFile string
}

// PolicyError is a policy that cannot be used. Field is the policy key at
// fault (name, given, schema, schema-file, files); Pointer, when set, is
// the place inside the schema.
type PolicyError struct {
	Policy  string
	Field   string
	Pointer string
	Err     error
}

func (e *PolicyError) Error() string {
	where := e.Field
	if e.Pointer != "" {
		where += " at " + e.Pointer
	}
	return fmt.Sprintf("policy %q: %s: %v", e.Policy, where, e.Err)
}

func (e *PolicyError) Unwrap() error { return e.Err }

// policySet is the compiled policies of one configuration.
type policySet struct {
	list     []*policy
	compiler *jsonschema.Compiler
	// compiled holds each schema by URL: policies that share a
	// schema-file share its compiled form.
	compiled map[string]*jsonschema.Schema
}

// compile compiles the schema doc known as url, once per configuration.
func (s *policySet) compile(url string, doc any) (*jsonschema.Schema, error) {
	if sch, ok := s.compiled[url]; ok {
		return sch, nil
	}
	if s.compiler == nil {
		s.compiler = jsonschema.NewCompiler()
		s.compiler.AssertFormat()
		s.compiled = map[string]*jsonschema.Schema{}
	}
	if err := s.compiler.AddResource(url, doc); err != nil {
		return nil, err
	}
	sch, err := s.compiler.Compile(url)
	if err != nil {
		return nil, err
	}
	s.compiled[url] = sch
	return sch, nil
}

type policy struct {
	Policy
	rule   *Rule
	schema *jsonschema.Schema
	// origin is where the policy was defined, for its documentation.
	origin string
}

// AddPolicy compiles a policy and adds its rule to the configuration. It
// must be called before the Config is used, as a Config is not modified
// once linting starts. Every problem is a *PolicyError.
func (c *Config) AddPolicy(p Policy) error {
	return c.addPolicy(p, c.Path)
}

func (c *Config) addPolicy(p Policy, origin string) error {
	fail := func(field, ptr string, err error) error {
		return &PolicyError{Policy: p.Name, Field: field, Pointer: ptr, Err: err}
	}
	if err := c.checkPolicyName(p.Name); err != nil {
		return fail("name", "", err)
	}
	if p.Severity == SeverityOff {
		p.Severity = SeverityError
	}
	if err := taskcontent.CheckPath(p.Given); err != nil {
		return fail("given", "", err)
	}
	for _, g := range p.Files {
		if !ValidGlob(g) {
			return fail("files", "", fmt.Errorf("invalid glob %q", g))
		}
	}
	field, doc, base := "schema", p.Schema, c.policyBase(p.Name)
	switch {
	case p.SchemaFile != "" && p.Schema != nil:
		return fail("schema-file", "", errors.New("give schema or schema-file, not both"))
	case p.SchemaFile != "":
		field = "schema-file"
		file := p.SchemaFile
		if !filepath.IsAbs(file) {
			file = filepath.Join(c.baseDir(), file)
		}
		var err error
		if doc, err = readSchemaFile(file); err != nil {
			return fail(field, "", err)
		}
		base = fileURL(file)
		p.Schema = doc // for explain
	case p.Schema == nil:
		return fail("schema", "", errors.New("a policy needs a schema or a schema-file"))
	}
	sch, err := c.policies.compile(base, doc)
	if err != nil {
		var sve *jsonschema.SchemaValidationError
		var ve *jsonschema.ValidationError
		if errors.As(err, &sve) && errors.As(sve.Err, &ve) {
			leaf := schemaFailures(ve)[0]
			return fail(field, taskcontent.JoinPointer(leaf.InstanceLocation...), errors.New(failureText(leaf)))
		}
		return fail(field, "", err)
	}
	pol := &policy{Policy: p, schema: sch, origin: origin}
	pol.rule = &Rule{
		Name:            p.Name,
		Group:           PolicyGroup,
		Doc:             pol.doc(),
		DefaultSeverity: p.Severity,
		Run:             pol.run,
	}
	c.policies.list = append(c.policies.list, pol)
	return nil
}

// checkPolicyName refuses names that --only, --disable and the rules
// table could not tell apart from a built-in rule, a group or another
// policy.
func (c *Config) checkPolicyName(name string) error {
	if name == "" {
		return errors.New("a policy needs a name")
	}
	if _, ok := Lookup(name); ok {
		return fmt.Errorf("%q is a built-in rule; choose another name", name)
	}
	if name == PolicyGroup || slices.Contains(Groups(), name) {
		return fmt.Errorf("%q is a rule group; choose another name", name)
	}
	for _, p := range c.policies.list {
		if p.Name == name {
			return fmt.Errorf("a policy named %q is already defined", name)
		}
	}
	return nil
}

// baseDir is the directory a policy's schema-file and $refs are relative
// to: the configuration file's.
func (c *Config) baseDir() string {
	if c.Dir != "" {
		return c.Dir
	}
	dir := filepath.Dir(c.Path)
	if abs, err := filepath.Abs(dir); err == nil {
		return abs
	}
	return dir
}

// policyBase is the URL of an inline schema: a name beside the
// configuration file, so that relative $refs find files there.
func (c *Config) policyBase(name string) string {
	return fileURL(filepath.Join(c.baseDir(), ".dilint-policy-"+name+".json"))
}

func fileURL(file string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(file)}).String()
}

// readSchemaFile reads a schema written in JSON or, for .yaml and .yml
// files, YAML.
func readSchemaFile(file string) (any, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, maxSchemaFile+1))
	if err != nil {
		return nil, err
	}
	if len(src) > maxSchemaFile {
		return nil, fmt.Errorf("%s: over the %d-byte limit for a schema", file, maxSchemaFile)
	}
	switch strings.ToLower(filepath.Ext(file)) {
	case ".yaml", ".yml":
		var n yaml.Node
		if err := yaml.Unmarshal(src, &n); err != nil {
			return nil, fmt.Errorf("%s: %v", file, err)
		}
		if size := expandedSize(&n, map[*yaml.Node]int{}); size > maxSchemaNodes {
			return nil, fmt.Errorf("%s: its aliases expand to more than %d values", file, maxSchemaNodes)
		}
		d := &decoder{file: file, keys: map[string]*yaml.Node{}, vals: map[string]*yaml.Node{}}
		v := d.value(&n, "")
		return v, d.err()
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	return v, nil
}

// Bounds of a schema file: a schema is a few kilobytes, and YAML aliases
// must not expand a small file into millions of values.
const (
	maxSchemaFile  = 4 << 20
	maxSchemaNodes = 1 << 20
)

// expandedSize counts the values n stands for with its aliases expanded,
// each node's count computed once; it stops counting past maxSchemaNodes.
func expandedSize(n *yaml.Node, memo map[*yaml.Node]int) int {
	if s, ok := memo[n]; ok {
		return s
	}
	memo[n] = maxSchemaNodes + 1 // an alias of itself counts as too many
	size := 1
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		size = expandedSize(n.Alias, memo)
	}
	for _, c := range n.Content {
		if size += expandedSize(c, memo); size > maxSchemaNodes {
			break
		}
	}
	memo[n] = size
	return size
}

// Policies returns the rules of the configuration's policies, in the order
// they were defined.
func (c *Config) Policies() []*Rule {
	out := make([]*Rule, len(c.policies.list))
	for i, p := range c.policies.list {
		out[i] = p.rule
	}
	return out
}

// PolicyRules implements PolicySource: the policies whose files globs
// match file (all of them when a policy has none).
func (c *Config) PolicyRules(file string) []*Rule {
	if len(c.policies.list) == 0 {
		return nil
	}
	rel := c.rel(file)
	var out []*Rule
	for _, p := range c.policies.list {
		if len(p.Files) == 0 || slices.ContainsFunc(p.Files, func(g string) bool { return MatchGlob(g, rel) }) {
			out = append(out, p.rule)
		}
	}
	return out
}

// Resolve is the package's Resolve that also knows the configuration's
// policies: a policy's name selects it, and "policy" selects them all.
func (c *Config) Resolve(name string) ([]*Rule, error) {
	for _, p := range c.policies.list {
		if p.Name == name {
			return []*Rule{p.rule}, nil
		}
	}
	if name == PolicyGroup {
		return c.Policies(), nil
	}
	rs, err := Resolve(name)
	var unknown *UnknownRuleError
	if errors.As(err, &unknown) && len(c.policies.list) > 0 {
		choices := []string{PolicyGroup}
		for _, p := range c.policies.list {
			choices = append(choices, p.Name)
		}
		if unknown.Suggestion == "" {
			unknown.Suggestion = schema.Suggest(name, choices)
		}
	}
	return rs, err
}

// allRules is every built-in rule and then the policies.
func (c *Config) allRules() []*Rule {
	if len(c.policies.list) == 0 {
		return allRules()
	}
	return append(All(), c.Policies()...)
}

// printer words schema failures as jsonschema does by default. It is
// built on first use: a run without policies does not pay for it.
var printer = sync.OnceValue(func() *message.Printer {
	return message.NewPrinter(language.English)
})

// run checks every value the policy's path selects.
func (p *policy) run(pass *Pass) {
	matches, err := pass.Doc.Query(p.Given)
	if err != nil {
		return // checked when the policy was added
	}
	for _, m := range matches {
		var inst any
		if m.Value.Exists() {
			inst = m.Value.Interface()
		} else {
			dec := json.NewDecoder(bytes.NewReader(m.Raw))
			dec.UseNumber()
			if dec.Decode(&inst) != nil {
				continue
			}
		}
		err := p.schema.Validate(inst)
		var ve *jsonschema.ValidationError
		if !errors.As(err, &ve) {
			continue
		}
		for _, f := range schemaFailures(ve) {
			pass.Report(p.diagnostic(pass.Doc, m, f))
		}
	}
}

// diagnostic places one failure at the failing value inside the match:
// the member that is not allowed, the element that is wrong. A match that
// the path computed (a modifier, a multipath) has no place in the file;
// its failures are reported at the start of the content.
func (p *policy) diagnostic(doc *taskcontent.Document, m taskcontent.Match, f *jsonschema.ValidationError) Diagnostic {
	loc := slices.Clone(f.InstanceLocation)
	// Place a failure about one member at that member.
	switch k := f.ErrorKind.(type) {
	case *kind.AdditionalProperties:
		loc = append(loc, k.Properties[0])
	case *kind.DependentRequired:
		loc = append(loc, k.Prop)
	case *kind.Dependency:
		loc = append(loc, k.Prop)
	case *kind.PropertyNames:
		loc = append(loc, k.Property)
	}
	msg := p.Message
	if msg == "" {
		msg = "does not satisfy policy " + p.Name
	}
	detail := failureText(f)
	v, at := m.Value, taskcontent.JoinPointer(loc...)
	if v.Exists() {
		for _, tok := range loc {
			next, ok := v.Lookup(taskcontent.JoinPointer(tok))
			if !ok {
				break
			}
			v = next
		}
		at = v.Pointer()
	}
	if secretPointer(at) {
		// Failures quote the value (a pattern, an enum); a credential's
		// must not reach the output.
		detail = fmt.Sprintf("the value fails %s (it is a credential and is not shown)", strings.Join(f.ErrorKind.KeywordPath(), "/"))
	}
	if rel := taskcontent.JoinPointer(f.InstanceLocation...); rel != "" && len(loc) == len(f.InstanceLocation) {
		detail = strings.TrimPrefix(rel, "/") + ": " + detail
	}
	if !v.Exists() {
		// A computed value has no place in the file: the start of the
		// content stands for it.
		start := doc.Root().Span().Start
		return Diagnostic{Message: fmt.Sprintf("%s: %s (in the value %s computes)", msg, detail, p.Given), Start: start, End: start}
	}
	return At(v, msg+": "+detail)
}

// failureText words one failure; a failed anyOf or oneOf says what each
// alternative wanted.
func failureText(f *jsonschema.ValidationError) string {
	text := f.ErrorKind.LocalizedString(printer())
	if len(f.Causes) == 0 {
		return text
	}
	var why []string
	for _, c := range f.Causes {
		for _, leaf := range schemaFailures(c) {
			if w := leaf.ErrorKind.LocalizedString(printer()); !slices.Contains(why, w) {
				why = append(why, w)
			}
		}
	}
	return text + " (" + strings.Join(why, "; ") + ")"
}

// schemaFailures returns the failures to report: the leaves of the error
// tree, except that a failed anyOf or oneOf is one failure (its
// alternatives' failures only say why no alternative fits).
func schemaFailures(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	var out []*jsonschema.ValidationError
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		switch e.ErrorKind.(type) {
		case *kind.AnyOf, *kind.OneOf:
			out = append(out, e)
			return
		}
		if len(e.Causes) == 0 {
			out = append(out, e)
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(e)
	return out
}

// doc is what `dilint explain` shows for the policy.
func (p *policy) doc() string {
	var b strings.Builder
	msg := p.Message
	if msg == "" {
		msg = "Team policy " + p.Name + "."
	}
	b.WriteString(msg)
	if !strings.HasSuffix(msg, ".") {
		b.WriteString(".")
	}
	b.WriteString("\n\nA team policy")
	if p.origin != "" {
		fmt.Fprintf(&b, " defined in %s", p.origin)
	}
	b.WriteString(": every value that the gjson path `given` selects must validate against the JSON Schema.\n\n")
	fmt.Fprintf(&b, "given: %s\n", p.Given)
	if len(p.Files) > 0 {
		fmt.Fprintf(&b, "files: %s\n", strings.Join(p.Files, ", "))
	}
	if p.SchemaFile != "" {
		fmt.Fprintf(&b, "schema-file: %s\n", p.SchemaFile)
	}
	text, err := json.MarshalIndent(p.Schema, "    ", "  ")
	if err != nil {
		return b.String()
	}
	fmt.Fprintf(&b, "schema:\n\n    %s\n", text)
	return b.String()
}

// displayPath shortens an absolute path below the working directory to a
// relative one: a policy's documentation ends up in SARIF files that are
// uploaded, where the machine's directories mean nothing.
func displayPath(file string) string {
	if !filepath.IsAbs(file) {
		return file
	}
	wd, err := os.Getwd()
	if err != nil {
		return file
	}
	if rel, err := filepath.Rel(wd, file); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return file
}

// rawPolicy is one entry of policies in .dilint.yaml.
type rawPolicy struct {
	Name       string          `json:"name"`
	Message    string          `json:"message"`
	Severity   string          `json:"severity"`
	Files      []string        `json:"files"`
	Given      string          `json:"given"`
	Schema     json.RawMessage `json:"schema"`
	SchemaFile string          `json:"schema-file"`
}

// policies compiles the configuration's policies, reporting each problem
// at the line and column of the key at fault (inside the schema when the
// schema breaks its metaschema).
func (d *decoder) policies(raws []rawPolicy) {
	for i, raw := range raws {
		at := fmt.Sprintf("/policies/%d", i)
		p := Policy{Name: raw.Name, Message: raw.Message, Files: raw.Files, Given: raw.Given, SchemaFile: raw.SchemaFile}
		if raw.Severity != "" {
			p.Severity, _ = ParseSeverity(raw.Severity) // the schema allows only valid names
		}
		if len(raw.Schema) > 0 {
			dec := json.NewDecoder(bytes.NewReader(raw.Schema))
			dec.UseNumber()
			if err := dec.Decode(&p.Schema); err != nil {
				d.fail(at+"/schema", "%v", err)
				continue
			}
		}
		origin := displayPath(d.file)
		if n := d.vals[at]; n != nil {
			origin = fmt.Sprintf("%s:%d", origin, n.Line)
		}
		err := d.cfg.addPolicy(p, origin)
		var pe *PolicyError
		if !errors.As(err, &pe) {
			continue
		}
		ptr := at + "/" + pe.Field
		if pe.Field == "schema" && pe.Pointer != "" {
			// Deepest place in the YAML that exists: a missing member is
			// reported at its parent.
			for p := ptr + pe.Pointer; len(p) >= len(ptr); p = p[:strings.LastIndexByte(p, '/')] {
				if d.vals[p] != nil {
					ptr = p
					break
				}
			}
		}
		if d.vals[ptr] == nil {
			ptr = at // a missing key: the policy itself
		}
		msg := pe.Err.Error()
		if pe.Field == "schema-file" && pe.Pointer != "" {
			msg = fmt.Sprintf("%s: at %s: %s", raw.SchemaFile, pe.Pointer, msg)
		}
		if pe.Field == "name" {
			d.fail(ptr, "policy name: %s", msg)
		} else {
			d.fail(ptr, "policy %q: %s", raw.Name, msg)
		}
	}
}
