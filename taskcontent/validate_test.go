package taskcontent

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestValidatePositions(t *testing.T) {
	d := readFixture(t, "defects.json")
	vs, err := d.Validate()
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ Pointer, Keyword, At, Suggestion string }
	var got []row
	for _, v := range vs {
		got = append(got, row{v.Pointer, v.Keyword, v.Location.Start().String(), v.Suggestion})
	}
	want := []row{
		{"/setting ", "additionalProperties", "9:3", "setting"},
	}
	for _, w := range want {
		found := false
		for _, g := range got {
			if g == w {
				found = true
			}
		}
		if !found {
			t.Errorf("missing violation %+v in:\n%s", w, cmp.Diff(want, got))
		}
	}
	// Unknown stepTypes are the linter's business, not the schema's.
	if len(got) != 1 {
		t.Errorf("want only the misspelt key, got %+v", got)
	}
	// Valid fixtures have no violations, also through an envelope.
	for _, f := range []string{"batch_mysql_odps.json", "envelope_query.json", "taskparam_create.json", "taskparam_realtime.json", "taskparam_update.json"} {
		vs, err := readFixture(t, f).Validate()
		if err != nil || len(vs) > 0 {
			t.Errorf("%s: %v %v", f, vs, err)
		}
	}
}
