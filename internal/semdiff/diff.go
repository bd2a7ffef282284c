package semdiff

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/google/go-cmp/cmp"

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
	r := &reporter{}
	cmp.Equal(newModel(old), newModel(new), cmp.Reporter(r))
	return r.changes
}

// reporter turns go-cmp's report of each unequal leaf, or each map entry
// present on one side only, into a Change.
type reporter struct {
	path    cmp.Path
	changes []Change
}

func (r *reporter) PushStep(ps cmp.PathStep) { r.path = append(r.path, ps) }
func (r *reporter) PopStep()                 { r.path = r.path[:len(r.path)-1] }

func (r *reporter) Report(rs cmp.Result) {
	if rs.Equal() {
		return
	}
	vx, vy := r.path.Last().Values()
	c := Change{Op: Changed}
	switch {
	case !vx.IsValid():
		c.Op = Added
	case !vy.IsValid():
		c.Op = Removed
	}
	var keys []string
	var field string
	for _, ps := range r.path[1:] {
		switch s := ps.(type) {
		case cmp.StructField:
			keys = append(keys, s.Name())
		case cmp.MapIndex:
			keys = append(keys, s.Key().String())
		}
	}
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
		if vx.String() == "" {
			c.Op = Added
		} else if vy.String() == "" {
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
	r.changes = append(r.changes, c)
}

// leaf returns a string leaf's value, or "" for the side where it is
// absent.
func leaf(v reflect.Value, present bool) string {
	if !present || !v.IsValid() || v.Kind() != reflect.String {
		return ""
	}
	return v.String()
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
