// Package graph draws a job's steps and hops as a Mermaid flowchart, which
// GitHub renders in Markdown, or as Graphviz DOT. Hops that name a step
// the job does not have are drawn to a dashed "missing" node, so a
// dangling hop is visible at a glance.
package graph

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dilint/dilint/taskcontent"
)

// node is a step, or a name a hop uses that no step has.
type node struct {
	id      string
	name    string // as shown: masked when secret
	detail  string // "mysql reader"
	missing bool
}

type edge struct{ from, to string }

// Graph is the steps and hops of one job.
type Graph struct {
	nodes []node
	edges []edge
}

// New reads the steps and hops of a document's job. Steps keep document
// order; a name used by hops but by no step becomes a missing node. Names
// that are or hold a secret (taskcontent.Secrets) are drawn masked.
func New(doc *taskcontent.Document) *Graph {
	g := &Graph{}
	ids := map[string]string{}
	secrets := doc.Secrets()
	shown := func(v taskcontent.Value) string { return secrets.Scrub(v.RedactedStr()) }
	job := doc.Job()
	for i, s := range job.Steps() {
		id := "s" + strconv.Itoa(i)
		typ := s.StepType()
		detail := secrets.Scrub(strings.TrimSpace(typ + " " + s.Category()))
		g.nodes = append(g.nodes, node{id: id, name: shown(s.Value.Get("name")), detail: detail})
		// DataWorks resolves a hop to the last step of that name.
		ids[s.Name()] = id
	}
	idOf := func(v taskcontent.Value) string {
		name := v.Str()
		if id, ok := ids[name]; ok {
			return id
		}
		id := "m" + strconv.Itoa(len(g.nodes))
		ids[name] = id
		g.nodes = append(g.nodes, node{id: id, name: shown(v), detail: "missing", missing: true})
		return id
	}
	for _, h := range job.Hops() {
		g.edges = append(g.edges, edge{from: idOf(h.Value.Get("from")), to: idOf(h.Value.Get("to"))})
	}
	return g
}

// label shows a name so that surrounding whitespace, the usual cause of a
// dangling hop, stays visible, and so do bytes that are not UTF-8 (a lone
// surrogate escape decodes to such bytes, see taskcontent).
func label(name string) string {
	if name == "" {
		return "(no name)"
	}
	if strings.TrimSpace(name) != name || !utf8.ValidString(name) {
		return strconv.Quote(name)
	}
	return name
}

// Mermaid returns the graph as a Mermaid flowchart, left to right.
func (g *Graph) Mermaid() string {
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	for _, n := range g.nodes {
		text := mermaidEscape(label(n.name))
		if n.detail != "" {
			text += "<br/><small>" + mermaidEscape(n.detail) + "</small>"
		}
		fmt.Fprintf(&b, "  %s[\"%s\"]\n", n.id, text)
	}
	for _, e := range g.edges {
		fmt.Fprintf(&b, "  %s --> %s\n", e.from, e.to)
	}
	for _, n := range g.nodes {
		if n.missing {
			fmt.Fprintf(&b, "  style %s stroke-dasharray: 5 5,stroke:#d33\n", n.id)
		}
	}
	return b.String()
}

// mermaidEscape writes characters that end a Mermaid label or start HTML
// as entity codes.
func mermaidEscape(s string) string {
	return strings.NewReplacer(`"`, "#quot;", "<", "#lt;", ">", "#gt;", "&", "#amp;").Replace(s)
}

// DOT returns the graph in Graphviz's DOT language.
func (g *Graph) DOT() string {
	var b strings.Builder
	b.WriteString("digraph job {\n  rankdir=LR;\n  node [shape=box];\n")
	for _, n := range g.nodes {
		text := label(n.name)
		if n.detail != "" {
			text += "\n" + n.detail
		}
		attrs := "label=" + dotQuote(text)
		if n.missing {
			attrs += ", style=dashed, color=red"
		}
		fmt.Fprintf(&b, "  %s [%s];\n", n.id, attrs)
	}
	for _, e := range g.edges {
		fmt.Fprintf(&b, "  %s -> %s;\n", e.from, e.to)
	}
	b.WriteString("}\n")
	return b.String()
}

// dotQuote quotes s as a DOT string.
func dotQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}
