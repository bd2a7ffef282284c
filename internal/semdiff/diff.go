package semdiff

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dilint/dilint/taskcontent"
)

// Section groups changes the way a review reads them.
type Section string

// The sections, in the order changes are listed.
const (
	SectionJob      Section = "Job"
	SectionSteps    Section = "Steps"
	SectionHops     Section = "Hops"
	SectionSettings Section = "Settings"
	SectionTables   Section = "Table mappings"
)

// Op says what happened to the thing a Change is about.
type Op string

// The operations.
const (
	Added   Op = "added"
	Removed Op = "removed"
	Changed Op = "changed"
)

// Change is one difference between two documents.
type Change struct {
	Section Section
	Op      Op
	// Subject names what changed: a step or table name, a hop, or empty
	// for job-level fields and settings.
	Subject string
	// Field is the dotted path of the value within the subject, or empty
	// when the whole subject was added or removed.
	Field string
	// Old and New are the values as JSON (strings quoted); empty when
	// absent on that side.
	Old, New string
	// Secret reports that the value is secret (taskcontent.Secrets): Old
	// and New hold taskcontent.Mask instead, and the change says only that
	// the secret was added, removed or changed.
	Secret bool
}

// String renders the change as one line, such as
// "m_v1: writeMode replay → insert" or "table m_v2 added".
func (c Change) String() string { return c.format(func(s string) string { return s }) }

// Markdown renders the change as String does, with names and values in
// code spans.
func (c Change) Markdown() string { return c.format(codeSpan) }

func (c Change) format(code func(string) string) string {
	var subject string
	switch c.Section {
	case SectionSteps:
		subject = "step " + code(c.Subject)
	case SectionTables:
		switch {
		case c.Subject == "":
		case c.Field == "":
			subject = "table " + code(c.Subject)
		default:
			subject = code(c.Subject)
		}
	case SectionHops:
		subject = "hop " + code(c.Subject)
	}
	if c.Field == "" {
		return fmt.Sprintf("%s %s", subject, c.Op)
	}
	what := c.Field
	if c.Section == SectionSettings {
		what = "setting." + c.Field
	}
	if subject != "" {
		what = subject + ": " + what
	}
	if c.Secret {
		return fmt.Sprintf("%s %s (secret, not shown)", what, c.Op)
	}
	switch c.Op {
	case Added:
		return fmt.Sprintf("%s added: %s", what, code(Display(c.New)))
	case Removed:
		return fmt.Sprintf("%s removed (was %s)", what, code(Display(c.Old)))
	}
	return fmt.Sprintf("%s %s → %s", what, code(Display(c.Old)), code(Display(c.New)))
}

// codeSpan wraps s in a Markdown code span long enough for the backticks
// inside it.
func codeSpan(s string) string {
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// Display shows a JSON value for a reader: a string without quotes when
// that cannot be mistaken for something else, anything else as written.
func Display(raw string) string {
	if len(raw) < 2 || raw[0] != '"' {
		return raw
	}
	s := raw[1 : len(raw)-1]
	if s == "" || strings.ContainsAny(s, " \t\\\"→,:") || s == "true" || s == "false" || s == "null" || looksNumeric(s) {
		return raw
	}
	return s
}

func looksNumeric(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool {
		return !(r >= '0' && r <= '9' || r == '.' || r == '-' || r == '+' || r == 'e' || r == 'E')
	}) < 0
}

// Compare returns the differences from old to new, section by section and
// sorted within each. Documents without content (not JSON, or an API
// response without a job) compare as empty.
func Compare(old, new *taskcontent.Document) []Change {
	secrets := secretLeaves{}
	d := &differ{}
	d.models(newModel(old, secrets), newModel(new, secrets))
	return secrets.redact(d.changes, old, new)
}

// differ walks two models as go-cmp did (struct fields in declaration
// order, map keys sorted) and turns each unequal leaf, or each map entry
// present on one side only, into a Change. Its path holds the field names
// and map keys down to the value compared.
type differ struct {
	path    []string
	changes []Change
}

// side is one side of a reported difference: absent (an entry only on the
// other side), a string leaf, or another value (a map, a bool).
type side struct {
	present, isString bool
	s                 string
}

func str(s string) side { return side{present: true, isString: true, s: s} }

var other = side{present: true}

func (d *differ) at(key string, f func()) {
	d.path = append(d.path, key)
	f()
	d.path = d.path[:len(d.path)-1]
}

func (d *differ) models(x, y model) {
	d.at("Fields", func() { compareMaps(d, x.Fields, y.Fields, d.texts) })
	d.at("Steps", func() { compareMaps(d, x.Steps, y.Steps, d.steps) })
	d.at("Hops", func() { compareMaps(d, x.Hops, y.Hops, d.flags) })
	d.at("Setting", func() { compareMaps(d, x.Setting, y.Setting, d.texts) })
	d.at("Tables", func() {
		compareMaps(d, x.Tables, y.Tables, func(a, b map[string]string) { compareMaps(d, a, b, d.texts) })
	})
	d.at("TotalTableMapping", func() { d.texts(x.TotalTableMapping, y.TotalTableMapping) })
}

func (d *differ) steps(a, b step) {
	d.at("StepType", func() { d.texts(a.StepType, b.StepType) })
	d.at("Category", func() { d.texts(a.Category, b.Category) })
	d.at("Parameter", func() { compareMaps(d, a.Parameter, b.Parameter, d.texts) })
}

func (d *differ) texts(a, b string) {
	if a != b {
		d.report(str(a), str(b))
	}
}

func (d *differ) flags(a, b bool) {
	if a != b {
		d.report(other, other)
	}
}

// compareMaps compares two maps entry by entry in sorted key order; a nil
// map equals only a nil map, and differs from any other as a whole.
func compareMaps[V any](d *differ, x, y map[string]V, elem func(a, b V)) {
	if x == nil || y == nil {
		if (x == nil) != (y == nil) {
			d.report(other, other)
		}
		return
	}
	keys := make([]string, 0, len(x)+len(y))
	for k := range x {
		keys = append(keys, k)
	}
	for k := range y {
		if _, ok := x[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		a, inX := x[k]
		b, inY := y[k]
		d.at(k, func() {
			switch {
			case !inX:
				d.report(side{}, valueSide(b))
			case !inY:
				d.report(valueSide(a), side{})
			default:
				elem(a, b)
			}
		})
	}
}

func valueSide(v any) side {
	if s, ok := v.(string); ok {
		return str(s)
	}
	return other
}

func (d *differ) report(vx, vy side) {
	c := Change{Op: Changed}
	switch {
	case !vx.present:
		c.Op = Added
	case !vy.present:
		c.Op = Removed
	}
	keys := d.path
	var field string
	if len(keys) == 0 {
		return
	}
	switch keys[0] {
	case "Fields":
		c.Section = SectionJob
		field = strings.Join(keys[1:], "")
	case "Setting":
		c.Section = SectionSettings
		field = strings.Join(keys[1:], "")
	case "TotalTableMapping":
		c.Section, field = SectionTables, "totalTableMapping"
		// An empty string is the model's "absent".
		if vx.s == "" {
			c.Op = Added
		} else if vy.s == "" {
			c.Op = Removed
		}
	case "Hops":
		c.Section, c.Subject = SectionHops, keys[1]
	case "Steps":
		c.Section, c.Subject = SectionSteps, keys[1]
		switch {
		case len(keys) == 3:
			field = lowerFirst(keys[2])
		case len(keys) > 3:
			field = "parameter." + strings.Join(keys[3:], "")
		}
	case "Tables":
		c.Section, c.Subject = SectionTables, keys[1]
		field = strings.Join(keys[2:], "")
	}
	c.Field = field
	if c.Field != "" || c.Section == SectionJob || c.Section == SectionSettings {
		c.Old, c.New = leaf(vx, c.Op != Added), leaf(vy, c.Op != Removed)
	}
	d.changes = append(d.changes, c)
}

// leaf returns a string leaf's value, or "" for the side where it is
// absent.
func leaf(v side, present bool) string {
	if !present || !v.present || !v.isString {
		return ""
	}
	return v.s
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
