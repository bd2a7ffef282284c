package lint

import (
	"encoding/json"
	"errors"
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/dilint/dilint/internal/jsonptr"
)

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
