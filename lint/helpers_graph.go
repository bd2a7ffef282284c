package lint

import (
	"strings"

	"github.com/dilint/dilint/taskcontent"
)

// This file holds what the graph rules share: the steps of a job by name
// and the ends of its hops.

// stepGraph indexes the named steps and the hops of a job. Building it is
// linear in the number of steps and hops.
type stepGraph struct {
	steps  []taskcontent.Step
	byName map[string][]taskcontent.Step // exact name → steps, in order
	names  *nameSet
	hops   []taskcontent.Hop
	// hopEnds are the from and to strings of the hops, in document order.
	hopEnds []hopEnd
	// hasHops reports whether order.hops is an array at all.
	hasHops bool
}

func newStepGraph(doc *taskcontent.Document) *stepGraph {
	job := doc.Job()
	n := job.Value.Get("steps").Len()
	g := &stepGraph{
		steps:  make([]taskcontent.Step, 0, n),
		byName: make(map[string][]taskcontent.Step, n),
		names:  &nameSet{index: make(map[string]int, n)},
	}
	for _, s := range job.Steps() {
		g.steps = append(g.steps, s)
		if v := s.Value.Get("name"); v.Type() == taskcontent.TypeString {
			name := v.Str()
			g.byName[name] = append(g.byName[name], s)
			g.names.add(name)
		}
	}
	hops := job.Value.Path("order", "hops")
	g.hasHops = hops.Type() == taskcontent.TypeArray
	g.hops = make([]taskcontent.Hop, 0, hops.Len())
	g.hopEnds = make([]hopEnd, 0, 2*hops.Len())
	for _, h := range job.Hops() {
		g.hops = append(g.hops, h)
		for _, key := range [...]string{"from", "to"} {
			if v := h.Value.Get(key); v.Type() == taskcontent.TypeString {
				g.hopEnds = append(g.hopEnds, hopEnd{hop: h, key: key, v: v, name: v.Str()})
			}
		}
	}
	return g
}

// step returns the step a hop end names: the last step of that name, as
// DataWorks resolves hops.
func (g *stepGraph) step(name string) (taskcontent.Step, bool) {
	s := g.byName[name]
	if len(s) == 0 {
		return taskcontent.Step{}, false
	}
	return s[len(s)-1], true
}

// hopEnd is the "from" or "to" string of a hop.
type hopEnd struct {
	hop  taskcontent.Hop
	key  string // "from" or "to"
	v    taskcontent.Value
	name string
}

// ends calls fn for every hop end that is a string, in document order.
// The ends are read once, when the graph is built, for all graph rules.
func (g *stepGraph) ends(fn func(hopEnd)) {
	for _, e := range g.hopEnds {
		fn(e)
	}
}

// hasGraph reports whether a document is a job, whose steps are joined by
// order.hops.
func hasGraph(doc *taskcontent.Document) bool {
	return doc.Kind() == taskcontent.KindJob
}

// trimmed reports whether s has no leading or trailing whitespace.
func trimmed(s string) bool { return strings.TrimSpace(s) == s }
