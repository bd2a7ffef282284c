// Package semdiff compares two DataWorks job documents by meaning rather
// than by text, for review comments: which steps, settings, hops and table
// mappings were added, removed or changed. Key order, whitespace, the
// position of steps in the array and whether the job sits in an API
// response make no difference; "concurrent": 2 and "concurrent": "2" do,
// since DataWorks sees them differently.
//
// Each document is reduced to a model of maps keyed by what a reviewer
// names things by — steps by name, hops by "from → to", table mappings by
// source table — and Compare walks the two models, turning the path of every
// difference into a sentence.
package semdiff

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dilint/dilint/taskcontent"
)

// model is the comparable form of a job. Compare visits its fields in this
// order and map keys sorted, which fixes the order of changes.
type model struct {
	Fields            map[string]string // top-level values other than steps, order and setting
	Steps             map[string]step
	Hops              map[string]bool // "from → to"
	Setting           map[string]string
	Tables            map[string]map[string]string // table mappings by source table
	TotalTableMapping string
}

type step struct {
	StepType  string
	Category  string
	Parameter map[string]string
}

// newModel reduces a document's content to a model. Leaves keep their JSON
// spelling, so numbers are compared exactly as written; secret leaves are
// replaced by the placeholders of secrets.
func newModel(doc *taskcontent.Document, secrets secretLeaves) model {
	root := doc.Root()
	m := model{
		Fields:  map[string]string{},
		Steps:   map[string]step{},
		Hops:    map[string]bool{},
		Setting: map[string]string{},
		Tables:  map[string]map[string]string{},
	}
	for key, v := range root.Members() {
		switch key {
		case "steps", "order", "setting":
		default:
			flatten(m.Fields, key, v, secrets)
		}
	}
	flattenMembers(m.Setting, "", root.Get("setting"), secrets)
	job := doc.Job()
	for i, s := range job.Steps() {
		name := visible(s.Name())
		if _, dup := m.Steps[name]; dup || !s.Value.Get("name").Exists() {
			name = fmt.Sprintf("%s#%d", name, i)
		}
		st := step{Category: s.Category(), Parameter: map[string]string{}}
		st.StepType = s.StepType()
		for key, v := range s.Parameter().Members() {
			if key == "tableMappingRule" {
				continue
			}
			flatten(st.Parameter, key, v, secrets)
		}
		m.Steps[name] = st
		if rule := s.TableMappingRule(); rule.Exists() {
			m.addTables(rule, secrets)
		}
	}
	for _, h := range job.Hops() {
		m.Hops[visible(h.From())+" → "+visible(h.To())] = true
	}
	return m
}

// addTables records a writer's table mappings by source table, qualified
// with the source database when a table name occurs in more than one.
func (m *model) addTables(rule taskcontent.TableMappingRule, secrets secretLeaves) {
	if t := rule.TotalTableMapping(); t.Spelling != taskcontent.SpellingAbsent {
		m.TotalTableMapping = string(t.Value.Raw())
	}
	count := map[string]int{}
	for r := range rule.Rules() {
		count[r.SrcTable()]++
	}
	for r := range rule.Rules() {
		key := r.SrcTable()
		if count[key] > 1 && r.SrcDB() != "" {
			key = r.SrcDB() + "." + key
		}
		fields := map[string]string{}
		for k, v := range r.Value.Members() {
			if k == "srcTable" {
				continue
			}
			flatten(fields, k, v, secrets)
		}
		m.Tables[key] = fields
	}
}

// flatten stores v's leaves under dotted paths below prefix. Arrays of
// scalars are one leaf (a column list reads best whole); arrays of
// objects are keyed by a natural key when every element has a distinct
// one, so that inserting an element does not renumber the rest.
func flatten(out map[string]string, prefix string, v taskcontent.Value, secrets secretLeaves) {
	switch v.Type() {
	case taskcontent.TypeObject:
		if v.Len() == 0 {
			out[prefix] = "{}"
			return
		}
		flattenMembers(out, prefix+".", v, secrets)
	case taskcontent.TypeArray:
		key := elementKey(v)
		if key == "" {
			out[prefix] = secrets.leaf(v)
			return
		}
		for i, e := range v.Elems() {
			label := strconv.Itoa(i)
			if key != "#" {
				label = key + "=" + e.Get(key).Str()
			}
			flatten(out, prefix+"["+label+"]", e, secrets)
		}
	default:
		out[prefix] = secrets.leaf(v)
	}
}

func flattenMembers(out map[string]string, prefix string, v taskcontent.Value, secrets secretLeaves) {
	for k, c := range v.Members() {
		flatten(out, prefix+k, c, secrets)
	}
}

// secretLeaves stands in for the secret values (taskcontent.Secrets) in the
// two models of one Compare: equal secrets get the same placeholder and
// different ones different placeholders, so that a change is still seen,
// while no placeholder says anything about its value.
type secretLeaves map[string]string

// secretPrefix starts every placeholder; no JSON text starts with a NUL.
const secretPrefix = "\x00secret "

// leaf returns the value as a model leaf: its compact JSON, or the
// placeholder of a value that is or holds a secret.
func (s secretLeaves) leaf(v taskcontent.Value) string {
	raw := string(v.AppendCompact(nil))
	if !v.Secret() {
		return raw
	}
	p, ok := s[raw]
	if !ok {
		p = secretPrefix + strconv.Itoa(len(s))
		s[raw] = p
	}
	return p
}

// redact marks the changes of secret values, whose Old and New then hold
// only taskcontent.Mask, and masks any secret of either document that
// reached a name.
func (s secretLeaves) redact(changes []Change, old, new *taskcontent.Document) []Change {
	scrub := func(t string) string { return new.Secrets().Scrub(old.Secrets().Scrub(t)) }
	for i := range changes {
		c := &changes[i]
		if strings.HasPrefix(c.Old, secretPrefix) || strings.HasPrefix(c.New, secretPrefix) {
			c.Secret = true
			for _, v := range []*string{&c.Old, &c.New} {
				if *v != "" {
					*v = taskcontent.Mask
				}
			}
		}
		c.Subject, c.Field = scrub(c.Subject), scrub(c.Field)
		c.Old, c.New = scrub(c.Old), scrub(c.New)
	}
	return changes
}

// naturalKeys are the fields that name an element of an array of objects.
var naturalKeys = []string{"name", "table", "srcTable", "datasource", "dbName"}

// elementKey returns the natural key of an array of objects, "#" to key by
// index, or "" when the array holds scalars.
func elementKey(v taskcontent.Value) string {
	objects := v.Len() > 0
	for _, e := range v.Elems() {
		if e.Type() != taskcontent.TypeObject {
			objects = false
			break
		}
	}
	if !objects {
		return ""
	}
	for _, k := range naturalKeys {
		seen := map[string]bool{}
		ok := true
		for _, e := range v.Elems() {
			name := e.Get(k)
			if name.Type() != taskcontent.TypeString || seen[name.Str()] || strings.ContainsAny(name.Str(), ".[]=") || name.Secret() {
				ok = false
				break
			}
			seen[name.Str()] = true
		}
		if ok {
			return k
		}
	}
	return "#"
}

// visible quotes a name whose leading or trailing whitespace would
// otherwise not show, the usual cause of a hop that names no step.
func visible(name string) string {
	if name == "" || strings.TrimSpace(name) != name {
		return strconv.Quote(name)
	}
	return name
}
