package lint

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/dilint/dilint/taskcontent"
)

// genJob writes a random job with fixable defects injected: comments,
// trailing commas, a byte order mark, whitespace in step names and hop
// ends, misspelt hop ends and keys, numbers written as strings. Some jobs
// are wrapped in an API response envelope, so fixes also go through
// string escapes.
func genJob(r *rand.Rand) string {
	var b strings.Builder
	indent := r.IntN(2) == 0
	nl := func(depth int) {
		if indent {
			b.WriteString("\n" + strings.Repeat("  ", depth))
		}
	}
	maybe := func(p float64) bool { return r.Float64() < p }
	comment := func() {
		if maybe(0.15) {
			if maybe(0.5) {
				b.WriteString(" /* note */")
			} else if indent {
				b.WriteString(" // note")
			}
		}
	}
	trailing := func() {
		if maybe(0.15) {
			b.WriteString(",")
		}
	}
	key := func(k string) {
		if maybe(0.05) {
			k += " "
		}
		fmt.Fprintf(&b, "%q: ", k)
	}

	n := 2 + r.IntN(4)
	names := make([]string, n)
	cats := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("Step%d", i)
		switch {
		case i == 0:
			cats[i] = "reader"
		case i == n-1:
			cats[i] = "writer"
		default:
			cats[i] = "processor"
		}
	}
	spell := func(name string) string {
		switch x := r.IntN(20); {
		case x == 0:
			return name + " "
		case x == 1:
			return " " + name
		case x == 2:
			return strings.ToLower(name)
		}
		return name
	}

	b.WriteString("{")
	nl(1)
	key("type")
	b.WriteString(`"job",`)
	comment()
	nl(1)
	key("version")
	b.WriteString(`"2.0",`)
	nl(1)
	key("steps")
	b.WriteString("[")
	for i, name := range names {
		if i > 0 {
			b.WriteString(",")
		}
		comment()
		nl(2)
		b.WriteString("{")
		key("stepType")
		b.WriteString(`"stream", `)
		key("name")
		fmt.Fprintf(&b, "%q, ", spell(name))
		key("category")
		fmt.Fprintf(&b, "%q, ", cats[i])
		key("parameter")
		b.WriteString("{")
		if maybe(0.3) {
			b.WriteString(`"column": ["a", "b"]`)
			trailing()
		}
		b.WriteString("}")
		trailing()
		b.WriteString("}")
	}
	trailing()
	nl(1)
	b.WriteString("],")
	nl(1)
	key("order")
	b.WriteString(`{"hops": [`)
	for i := 0; i+1 < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		comment()
		nl(2)
		fmt.Fprintf(&b, `{"from": %q, "to": %q}`, spell(names[i]), spell(names[i+1]))
	}
	trailing()
	b.WriteString("]},")
	nl(1)
	key("setting")
	b.WriteString(`{"speed": {"concurrent": `)
	if maybe(0.3) {
		fmt.Fprintf(&b, `"%d"`, 1+r.IntN(8))
	} else {
		fmt.Fprintf(&b, "%d", 1+r.IntN(8))
	}
	b.WriteString(`, "throttle": false}, "errorLimit": {"record": `)
	if maybe(0.3) {
		b.WriteString(`"0"`)
	} else {
		b.WriteString("0")
	}
	b.WriteString("}}")
	trailing()
	comment()
	nl(0)
	b.WriteString("}")

	doc := b.String()
	if maybe(0.2) && !strings.Contains(doc, "//") {
		doc = fmt.Sprintf(`{"RequestId": "r-%d", "Success": true, "Data": {"Status": "success", "TaskContent": %s}}`, r.IntN(1000), jsonString(doc))
	}
	if maybe(0.1) {
		doc = "\ufeff" + doc
	}
	return doc
}

// TestFixProperties checks over generated documents that fixing never
// yields invalid JSON (nor breaks JSON embedded in an envelope), that it
// is idempotent, and that the JSON defects it always fixes are gone.
func TestFixProperties(t *testing.T) {
	iterations := 400
	if testing.Short() {
		iterations = 50
	}
	l := &Linter{}
	for seed := range uint64(iterations) {
		r := rand.New(rand.NewPCG(seed, 0x5eed))
		src := genJob(r)
		before, err := taskcontent.ParseFile("gen.json", []byte(src))
		if err != nil {
			t.Fatalf("seed %d: generator wrote invalid JSON: %v\n%s", seed, err, src)
		}
		res := l.FixFile("gen.json", []byte(src))
		after, err := taskcontent.ParseFile("gen.json", res.Src)
		if err != nil {
			t.Fatalf("seed %d: fixing produced invalid JSON: %v\nbefore:\n%s\nafter:\n%s", seed, err, src, res.Src)
		}
		if before.Root().Exists() && !after.Root().Exists() {
			t.Fatalf("seed %d: fixing broke the embedded content: %v\n%s", seed, after.ContentErr(), res.Src)
		}
		if again := l.FixFile("gen.json", res.Src); again.Changed() {
			t.Fatalf("seed %d: fixing is not idempotent\nfirst:\n%s\nsecond:\n%s", seed, res.Src, again.Src)
		}
		for _, d := range res.Diagnostics {
			switch d.Rule {
			case "comments", "trailing-comma", "encoding", "name-whitespace":
				t.Errorf("seed %d: %s %s left after fixing: %s\n%s", seed, d.Rule, d.Start, d.Message, res.Src)
			}
		}
	}
}

// FuzzFixFile checks the same properties on arbitrary input: a file that
// parses still parses after fixing, and a second fix changes nothing.
func FuzzFixFile(f *testing.F) {
	for seed := range uint64(20) {
		f.Add(genJob(rand.New(rand.NewPCG(seed, 1))))
	}
	l := &Linter{}
	f.Fuzz(func(t *testing.T, src string) {
		if _, err := taskcontent.ParseFile("f.json", []byte(src)); err != nil {
			return
		}
		res := l.FixFile("f.json", []byte(src))
		if _, err := taskcontent.ParseFile("f.json", res.Src); err != nil {
			t.Fatalf("fixing produced invalid JSON: %v\n%s", err, res.Src)
		}
		if res.Rounds < MaxFixRounds {
			if again := l.FixFile("f.json", res.Src); again.Changed() {
				t.Fatalf("not idempotent:\n%s\n%s", res.Src, again.Src)
			}
		}
	})
}
