package graph_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dilint/dilint/internal/graph"
	"github.com/dilint/dilint/taskcontent"
)

func ExampleGraph_Mermaid() {
	doc, _ := taskcontent.Parse([]byte(`{"type": "job", "version": "2.0",
	  "steps": [{"name": "Reader", "stepType": "mysql", "category": "reader"},
	            {"name": "Writer", "stepType": "odps", "category": "writer"}],
	  "order": {"hops": [{"from": "Reader ", "to": "Writer"}]}}`))
	fmt.Print(graph.New(doc).Mermaid())
	// Output:
	// flowchart LR
	//   s0["Reader<br/><small>mysql reader</small>"]
	//   s1["Writer<br/><small>odps writer</small>"]
	//   m2["#quot;Reader #quot;<br/><small>missing</small>"]
	//   m2 --> s1
	//   style m2 stroke-dasharray: 5 5,stroke:#d33
}

func TestDOTEscapes(t *testing.T) {
	doc, err := taskcontent.Parse([]byte(`{"steps": [{"name": "a\"b\\c", "category": "reader"}], "order": {"hops": [{"from": "a\"b\\c", "to": ""}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	got := graph.New(doc).DOT()
	for _, want := range []string{`s0 [label="a\"b\\c\nreader"];`, `m1 [label="(no name)\nmissing", style=dashed, color=red];`, "s0 -> m1;"} {
		if !strings.Contains(got, want) {
			t.Errorf("DOT lacks %s:\n%s", want, got)
		}
	}
}

// TestGraphMasksSecretNames checks that a step name holding a credential
// (a URL with a password) is drawn masked, in both languages.
func TestGraphMasksSecretNames(t *testing.T) {
	doc, err := taskcontent.Parse([]byte(`{"type":"job","version":"2.0","steps":[
	  {"name":"mysql://u:NameSecret1@h","stepType":"mysql","category":"reader"}],
	  "order":{"hops":[{"from":"mysql://u:NameSecret1@h","to":"jdbc:mysql://u:HopSecret2@h"}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	g := graph.New(doc)
	for _, out := range []string{g.Mermaid(), g.DOT()} {
		if strings.Contains(out, "Secret") {
			t.Errorf("the graph shows a secret:\n%s", out)
		}
		if !strings.Contains(out, "mysql://u:***@h") {
			t.Errorf("the graph lacks the masked name:\n%s", out)
		}
	}
}

// TestLoneSurrogateNames: steps named "A\ud800" and "A\udc00" are two
// nodes joined by a hop, not one node with a loop (s1 --> s1), and their
// labels are valid UTF-8 that tells them apart.
func TestLoneSurrogateNames(t *testing.T) {
	doc, err := taskcontent.Parse([]byte(`{"type": "job", "version": "2.0",
	  "steps": [{"name": "A\ud800", "stepType": "mysql", "category": "reader"},
	            {"name": "A\udc00", "stepType": "odps", "category": "writer"}],
	  "order": {"hops": [{"from": "A\ud800", "to": "A\udc00"}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	got := graph.New(doc).Mermaid()
	if !strings.Contains(got, "s0 --> s1") || !utf8.ValidString(got) || strings.Contains(got, "m2") {
		t.Errorf("graph:\n%s", got)
	}
	if strings.Count(got, `A\xed`) != 2 || strings.Contains(got, `A\xed\xa0\x80"<br/><small>odps`) {
		t.Errorf("labels do not tell the steps apart:\n%s", got)
	}
}
