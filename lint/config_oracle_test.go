package lint

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/dilint/dilint/internal/jsonptr"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// The jsonschema v6 validation of configuration files that
// schema.CompileStandalone replaced, kept as the test oracle.

var oracleConfigSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(string(ConfigSchema)))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource("https://dilint.dev/schema/dilint-config.json", doc); err != nil {
		return nil, err
	}
	return c.Compile("https://dilint.dev/schema/dilint-config.json")
})

var oraclePrinter = message.NewPrinter(language.English)

func (d *decoder) oracleValidate(value any) {
	sch, err := oracleConfigSchema()
	if err != nil {
		d.errs = append(d.errs, err)
		return
	}
	err = sch.Validate(value)
	var verr *jsonschema.ValidationError
	if !errors.As(err, &verr) {
		return
	}
	d.oracleLeaves(verr)
	d.sortErrs()
}

func (d *decoder) oracleLeaves(e *jsonschema.ValidationError) {
	if len(e.Causes) > 0 {
		for _, c := range e.Causes {
			d.oracleLeaves(c)
		}
		return
	}
	ptr := ""
	for _, tok := range e.InstanceLocation {
		ptr += "/" + jsonptr.EscapeToken(tok)
	}
	switch k := e.ErrorKind.(type) {
	case *kind.AdditionalProperties:
		d.unknownKeys(ptr, k.Properties, allowedKeys(e.SchemaURL))
	case *kind.Enum:
		d.notOneOf(ptr, k.Got, k.Want)
	default:
		d.failSchema(ptr, e.ErrorKind.LocalizedString(oraclePrinter))
	}
}

// configProblems decodes YAML and validates it with the new path and with
// the oracle; ok is false when the YAML does not get that far.
func configProblems(t testing.TB, src []byte, edit func(any) any) (got, want []string, ok bool) {
	t.Helper()
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil || len(root.Content) == 0 {
		return nil, nil, false
	}
	run := func(validate func(*decoder, any)) []string {
		d := &decoder{file: "cfg.yaml", keys: map[string]*yaml.Node{}, vals: map[string]*yaml.Node{}}
		value := d.value(root.Content[0], "")
		if d.err() != nil {
			return nil
		}
		if edit != nil {
			value = edit(value)
		}
		validate(d, value)
		var out []string
		for _, e := range d.errs {
			out = append(out, e.Error())
		}
		return out
	}
	// Both sort the problems by position; jsonschema v6 visits members in
	// map order, so problems at one position (or at none, in edited
	// values) come in no fixed order there: compare them sorted.
	got = run((*decoder).validate)
	want = run((*decoder).oracleValidate)
	slices.Sort(got)
	slices.Sort(want)
	return got, want, true
}

// oracleConfigs are configurations, valid and not, that the comparison
// starts from.
var oracleConfigs = []string{
	"fail_on: error\n",
	"overrides:\n  - files: [a.json]\n    rule:\n      duplicate-key: off\n",
	"rules:\n  duplicate-key:\n    severty: error\n",
	"rules:\n  duplicate-key: eror\n",
	"fail-on: fatal\n",
	"ignore: vendor\n",
	"overrides:\n  - rules: {json: off}\n",
	"version: 2\nfail-on: 3\nonly: [\"\", 1]\nenable: x\n",
	"rules: {a: [1], b: {severity: 5, options: 1}, c: {}, d: 3, e: true, f: null}\n",
	"overrides: [1, {files: []}, {files: [1, ''], enable: {}, disable: [true], rules: [], x: 1, y: 2}]\n",
	"[1, 2]\n",
	"- a\n",
	"7\n",
	"null\n",
	"rules:\n  concurrent-range: {options: {max: 16, min: 2}}\n  settings: {severity: info, options: {min: 3}}\n" +
		"  dst-column-type: {options: {types: ['int2[]']}}\n  json: {options: {}}\n" +
		"overrides:\n  - files: [a]\n    rules: {unknown-step-type: {options: {step-types: [questdb]}}}\n",
	"version: 1\nfail-on: warning\nonly: [json]\nenable: [schema]\ndisable: [encoding]\nignore: [vendor]\n" +
		"rules:\n  json: {severity: error, options: {max: 3}}\n  encoding: off\n  schema: true\n" +
		"overrides:\n  - files: ['jobs/*.json#/steps/0']\n    enable: [json]\n    disable: [schema]\n    rules: {json: warn}\n",
}

// TestConfigMatchesV6 compares the problems of every configuration above,
// and of each with every value replaced or deleted, with jsonschema v6's.
func TestConfigMatchesV6(t *testing.T) {
	repls := []any{"x", "", "error", "warnn", 1, true, nil, map[string]any{}, []any{}, []any{"json"},
		map[string]any{"severity": "off"}, map[string]any{"files": []any{"a"}}}
	compared, failing := 0, 0
	check := func(label string, src []byte, edit func(any) any) {
		got, want, ok := configProblems(t, src, edit)
		if !ok {
			return
		}
		compared++
		if len(want) > 0 {
			failing++
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: problems differ from jsonschema v6 (-v6 +new):\n%s", label, diff)
		}
	}
	for _, src := range oracleConfigs {
		check(src, []byte(src), nil)
		var root yaml.Node
		if err := yaml.Unmarshal([]byte(src), &root); err != nil {
			t.Fatal(err)
		}
		d := &decoder{file: "cfg.yaml", keys: map[string]*yaml.Node{}, vals: map[string]*yaml.Node{}}
		d.value(root.Content[0], "")
		for ptr := range d.vals {
			toks := strings.Split(ptr, "/")[1:]
			for i, r := range repls {
				check(fmt.Sprintf("%q with %s = %v", src, ptr, r), []byte(src), func(v any) any { return replaceAt(v, toks, repls[i], false) })
			}
			if ptr != "" {
				check(fmt.Sprintf("%q without %s", src, ptr), []byte(src), func(v any) any { return replaceAt(v, toks, nil, true) })
			}
		}
	}
	t.Logf("%d configurations compared, %d with problems", compared, failing)
	if compared < 300 || failing < compared/3 || failing == compared {
		t.Errorf("the comparison exercises too little: %d compared, %d with problems", compared, failing)
	}
}

// replaceAt returns a copy of v with the value at the (unescaped) tokens
// replaced by repl, or deleted.
func replaceAt(v any, toks []string, repl any, del bool) any {
	if len(toks) == 0 {
		return repl
	}
	tok := strings.NewReplacer("~1", "/", "~0", "~").Replace(toks[0])
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = e
		}
		if len(toks) == 1 && del {
			delete(out, tok)
		} else {
			out[tok] = replaceAt(v[tok], toks[1:], repl, del)
		}
		return out
	case []any:
		var i int
		if _, err := fmt.Sscan(tok, &i); err != nil || i < 0 || i >= len(v) {
			return v
		}
		out := slices.Clone(v)
		if len(toks) == 1 && del {
			return slices.Delete(out, i, i+1)
		}
		out[i] = replaceAt(v[i], toks[1:], repl, del)
		return out
	}
	return v
}

// FuzzConfigMatchesV6 compares the problems of arbitrary YAML with
// jsonschema v6's.
func FuzzConfigMatchesV6(f *testing.F) {
	for _, src := range oracleConfigs {
		f.Add([]byte(src))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		got, want, ok := configProblems(t, src, nil)
		if !ok {
			return
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%q: problems differ from jsonschema v6 (-v6 +new):\n%s", src, diff)
		}
	})
}
