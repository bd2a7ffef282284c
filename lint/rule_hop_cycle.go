package lint

import (
	"fmt"
	"strings"
)

var _ = register(&Rule{
	Name:  "hop-cycle",
	Group: "graph",
	Doc: `The hops form a cycle: following them from a step leads back to it. A sync job is a pipeline from readers to writers; DataWorks cannot order steps that feed each other and rejects the job.

The diagnostic is at the hop that closes the cycle and lists the steps around it.

Fix: remove or turn around the hop that points back.`,
	Bad: `{"type": "job", "version": "2.0",
  "steps": [
    {"stepType": "mysql", "name": "Reader", "category": "reader"},
    {"stepType": "odps", "name": "Writer", "category": "writer"}
  ],
  "order": {"hops": [{"from": "Reader", "to": "Writer"}, {"from": "Writer", "to": "Reader"}]}}`,
	Good: `{"type": "job", "version": "2.0",
  "steps": [
    {"stepType": "mysql", "name": "Reader", "category": "reader"},
    {"stepType": "odps", "name": "Writer", "category": "writer"}
  ],
  "order": {"hops": [{"from": "Reader", "to": "Writer"}]}}`,
	URL:             docURL("hop-cycle"),
	DefaultSeverity: SeverityError,
	Run: func(pass *Pass) {
		if !hasGraph(pass.Doc) {
			return
		}
		g := pass.stepGraph()
		// Nodes are step names; edges are hops between existing steps
		// (hop-unknown-step reports the others).
		type edge struct {
			to  string
			hop int
		}
		out := map[string][]edge{}
		var nodes []string
		for i, h := range g.hops {
			from, to := h.From(), h.To()
			if !g.names.has(from) || !g.names.has(to) {
				continue
			}
			if _, ok := out[from]; !ok {
				nodes = append(nodes, from)
			}
			out[from] = append(out[from], edge{to, i})
		}
		// Iterative depth-first search; an edge to a step on the current
		// path closes a cycle. Each edge is followed once: linear cost.
		const (
			unseen = iota
			onPath
			done
		)
		state := map[string]int{}
		type frame struct {
			node string
			next int
		}
		for _, root := range nodes {
			if state[root] != unseen {
				continue
			}
			path := []frame{{node: root}}
			state[root] = onPath
			for len(path) > 0 {
				top := &path[len(path)-1]
				edges := out[top.node]
				if top.next == len(edges) {
					state[top.node] = done
					path = path[:len(path)-1]
					continue
				}
				e := edges[top.next]
				top.next++
				switch state[e.to] {
				case unseen:
					state[e.to] = onPath
					path = append(path, frame{node: e.to})
				case onPath:
					var cycle []string
					for i := len(path) - 1; i >= 0; i-- {
						cycle = append([]string{path[i].node}, cycle...)
						if path[i].node == e.to {
							break
						}
					}
					cycle = append(cycle, e.to)
					pass.Reportf(g.hops[e.hop].Value, "hop %q → %q closes a cycle: %s", top.node, e.to, quoteJoin(cycle, " → "))
				}
			}
		}
	},
})

func quoteJoin(names []string, sep string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, sep)
}
