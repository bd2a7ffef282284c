package output

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dilint/dilint/lint"
	"github.com/dilint/dilint/taskcontent"
)

// TestEveryFormatMasksSecrets writes the findings of a job with literal
// credentials in every format: the plaintext-secret finding's own excerpt,
// a message and a fix that carry a secret some other way, and a file that
// is not JSON must show none of them.
func TestEveryFormatMasksSecrets(t *testing.T) {
	src := []byte(`{"type": "job", "version": "2.0", "steps": [{"stepType": "mysql", "name": "r", "category": "reader",
  "parameter": {"password": "Hunter2Secret", "jdbcUrl": "jdbc:mysql://u:UrlSecret9@h/d", "column": ["a"]}}]}
`)
	doc, err := taskcontent.ParseFile("job.json", src)
	if err != nil {
		t.Fatal(err)
	}
	_, diags := (&lint.Linter{}).LintFile("job.json", src)
	pw := bytes.Index(src, []byte("Hunter2Secret"))
	diags = append(diags, lint.Diagnostic{
		Rule: "custom", Severity: lint.SeverityWarning, Message: `value "Hunter2Secret" echoed`,
		Start: doc.Position(pw), End: doc.Position(pw + 13),
		Fixes: []lint.SuggestedFix{{Message: "rewrite", Edits: []taskcontent.TextEdit{{Start: pw, End: pw + 13, NewText: []byte("x")}}}},
	})
	broken := []byte("{\"password\":\n  \"Broken7Value\" \"x\": 1}\n")
	files := []*File{
		{Path: "job.json", Src: src, Doc: doc, Diagnostics: diags},
		{Path: "broken.json", Src: broken, Diagnostics: []lint.Diagnostic{{
			Rule: "syntax", Severity: lint.SeverityError, Message: "missing ','",
			Start: taskcontent.Position{Offset: 30, Line: 2, Column: 18}}}},
	}
	for _, format := range Formats {
		var b bytes.Buffer
		o, err := New(format, &b, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if err := o.Write(f); err != nil {
				t.Fatal(err)
			}
		}
		if err := o.Flush(Summary{}); err != nil {
			t.Fatal(err)
		}
		for _, secret := range []string{"Hunter2", "UrlSecret9", "Broken7"} {
			if strings.Contains(b.String(), secret) {
				t.Errorf("%s shows %s:\n%s", format, secret, b.String())
			}
		}
		if format == "text" {
			for _, want := range []string{
				"2 |   \"parameter\": {\"password\": \"***\", \"jdbcUrl\": \"jdbc:mysql://u:***@h/d\"",
				"  |                 ^~~~~~~~~~~~~~~~~\n", // the caret spans the masked member
				`value "***" echoed`,
				"2 |   \"***\" \"x\": 1}\n", // the line of a file that is not JSON
			} {
				if !strings.Contains(b.String(), want) {
					t.Errorf("text lacks %q:\n%s", want, b.String())
				}
			}
		}
	}
}
