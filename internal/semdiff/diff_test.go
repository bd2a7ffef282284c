package semdiff_test

import (
	"os"
	"strings"
	"testing"

	"github.com/dilint/dilint/internal/semdiff"
	"github.com/dilint/dilint/taskcontent"
)

func parse(t testing.TB, src string) *taskcontent.Document {
	t.Helper()
	doc, err := taskcontent.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func ExampleCompare() {
	old, _ := taskcontent.Parse([]byte(`{"type": "job", "version": "2.0",
	  "steps": [{"name": "w", "category": "writer", "stepType": "holo", "parameter": {"tableMappingRule": {
	    "datasource": [{"tableRule": [{"srcTable": "m_v1", "writeMode": "replay"}]}], "totalTableMapping": 1}}}]}`))
	new, _ := taskcontent.Parse([]byte(`{"type": "job", "version": "2.0",
	  "steps": [{"name": "w", "category": "writer", "stepType": "holo", "parameter": {"tableMappingRule": {
	    "datasource": [{"tableRule": [{"srcTable": "m_v1", "writeMode": "insert"}, {"srcTable": "m_v2"}]}], "totalTableMapping": 2}}}]}`))
	semdiff.WriteText(os.Stdout, semdiff.Compare(old, new))
	// Output:
	// Table mappings:
	//   m_v1: writeMode replay → insert
	//   table m_v2 added
	//   totalTableMapping 1 → 2
}

func TestCompareIgnoresLayout(t *testing.T) {
	a := parse(t, `{"type":"job","version":"2.0","steps":[{"name":"r","category":"reader"},{"name":"w","category":"writer"}],"order":{"hops":[{"from":"r","to":"w"}]},"setting":{"speed":{"concurrent":2}}}`)
	b := parse(t, `{
	  "setting": {"speed": {"concurrent": 2}},
	  "order": {"hops": [{"to": "w", "from": "r"}]},
	  "steps": [{"category": "writer", "name": "w"}, {"name": "r", "category": "reader"}],
	  "version": "2.0", "type": "job"
	}`)
	if changes := semdiff.Compare(a, b); len(changes) != 0 {
		t.Errorf("layout-only changes reported: %v", changes)
	}
	// An API response and the job it carries are the same job.
	env := parse(t, `{"RequestId": "x", "Data": {"Status": "success", "TaskContent": "{\"type\":\"job\",\"version\":\"2.0\",\"steps\":[{\"name\":\"r\",\"category\":\"reader\"},{\"name\":\"w\",\"category\":\"writer\"}],\"order\":{\"hops\":[{\"from\":\"r\",\"to\":\"w\"}]},\"setting\":{\"speed\":{\"concurrent\":2}}}"}}`)
	if changes := semdiff.Compare(a, env); len(changes) != 0 {
		t.Errorf("envelope reported as changes: %v", changes)
	}
}

func TestCompareSpellsOutChanges(t *testing.T) {
	old := parse(t, `{"type":"job","steps":[{"name":"Reader","category":"reader","stepType":"mysql","parameter":{"column":["a"],"where":"x"}},{"name":"Writer","category":"writer","stepType":"odps"}],"order":{"hops":[{"from":"Reader","to":"Writer"}]},"setting":{"speed":{"concurrent":2}}}`)
	new := parse(t, `{"type":"job","steps":[{"name":"Reader","category":"reader","stepType":"postgresql","parameter":{"column":["a","b"]}},{"name":"Writer ","category":"writer","stepType":"odps"}],"order":{"hops":[{"from":"Reader","to":"Writer "}]},"setting":{"speed":{"concurrent":"2"}}}`)
	var got []string
	for _, c := range semdiff.Compare(old, new) {
		got = append(got, c.String())
	}
	want := []string{
		`step "Writer " added`,
		`step Reader: stepType mysql → postgresql`,
		`step Reader: parameter.column ["a"] → ["a","b"]`,
		`step Reader: parameter.where removed (was x)`,
		`step Writer removed`,
		`hop Reader → "Writer " added`,
		`hop Reader → Writer removed`,
		`setting.speed.concurrent 2 → "2"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCompareHidesSecrets checks that a diff says a secret was added,
// removed or changed, never what to, in text and in Markdown.
func TestCompareHidesSecrets(t *testing.T) {
	old := parse(t, `{"type":"job","version":"2.0","steps":[{"name":"r","category":"reader","parameter":{
	  "password":"OldSecret1","token":"SameSecret2","jdbcUrl":["jdbc:mysql://u:UrlSecret3@h/d"],"column":["a"]}}]}`)
	new := parse(t, `{"type":"job","version":"2.0","steps":[{"name":"r","category":"reader","parameter":{
	  "password":"NewSecret4","token":"SameSecret2","jdbcUrl":["jdbc:mysql://u:UrlSecret5@h2/d"],"accessKey":"AddedSecret6","column":["a","b"]}}]}`)
	changes := semdiff.Compare(old, new)
	var text, md strings.Builder
	if err := semdiff.WriteText(&text, changes); err != nil {
		t.Fatal(err)
	}
	if err := semdiff.WriteMarkdown(&md, "old.json", "new.json", changes, ""); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{text.String(), md.String()} {
		for _, s := range []string{"Secret1", "Secret2", "Secret3", "Secret4", "Secret5", "Secret6"} {
			if strings.Contains(out, s) {
				t.Errorf("the diff shows %s:\n%s", s, out)
			}
		}
	}
	want := `Steps:
  step r: parameter.accessKey added (secret, not shown)
  step r: parameter.column ["a"] → ["a","b"]
  step r: parameter.jdbcUrl changed (secret, not shown)
  step r: parameter.password changed (secret, not shown)
`
	if text.String() != want {
		t.Errorf("text:\n%s\nwant:\n%s", text.String(), want)
	}
	for _, c := range changes {
		if c.Secret && (c.Old != "" && c.Old != taskcontent.Mask || c.New != "" && c.New != taskcontent.Mask) {
			t.Errorf("secret change carries values: %+v", c)
		}
	}
}
