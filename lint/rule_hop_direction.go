package lint

var _ = register(&Rule{
	Name:  "hop-direction",
	Group: "graph",
	Doc: `A hop leads into a reader step or out of a writer step. Records flow from readers through processors to writers: a reader has no input and a writer no output, so such a hop is backwards or joins the wrong steps.

A saved job whose reader was recorded with category "writer" shows up here too.

Fix: swap "from" and "to", or correct the step's category.`,
	Bad: `{"type": "job", "version": "2.0",
  "steps": [
    {"stepType": "mysql", "name": "Reader", "category": "reader"},
    {"stepType": "odps", "name": "Writer", "category": "writer"}
  ],
  "order": {"hops": [{"from": "Writer", "to": "Reader"}]}}`,
	Good: `{"type": "job", "version": "2.0",
  "steps": [
    {"stepType": "mysql", "name": "Reader", "category": "reader"},
    {"stepType": "odps", "name": "Writer", "category": "writer"}
  ],
  "order": {"hops": [{"from": "Reader", "to": "Writer"}]}}`,
	URL:             docURL("hop-direction"),
	DefaultSeverity: SeverityError,
	Run: func(pass *Pass) {
		if !hasGraph(pass.Doc) {
			return
		}
		g := pass.stepGraph()
		g.ends(func(e hopEnd) {
			s, ok := g.step(e.name)
			if !ok {
				return
			}
			switch {
			case e.key == "to" && isCategory(s, "reader"):
				d := At(e.v, "hop leads into reader step "+string(jsonString(e.name))+": a reader has no input")
				d.Related = []Related{related(s.Value.Get("category"), "the step is a reader")}
				pass.Report(d)
			case e.key == "from" && isCategory(s, "writer"):
				d := At(e.v, "hop leads out of writer step "+string(jsonString(e.name))+": a writer has no output")
				d.Related = []Related{related(s.Value.Get("category"), "the step is a writer")}
				pass.Report(d)
			}
		})
	},
})
