package lint

import (
	"bytes"
	"fmt"
	"strings"
)

// Markdown renders a rule's documentation page: what it finds and why,
// its default severity, a document it reports with the diagnostics dilint
// gives for it, and the fixed document. The pages under docs/rules are
// generated with it, and a test keeps them equal to the code.
func Markdown(r *Rule) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s\n\n", r.Name)
	fixable := "no"
	if r.Fixable {
		fixable = "yes (`dilint --fix`)"
	}
	fmt.Fprintf(&b, "Group: `%s` · Default severity: `%s` · Fixable: %s\n\n", r.Group, r.DefaultSeverity, fixable)
	b.WriteString(strings.TrimSpace(r.Doc))
	writeOptions(&b, r)
	b.WriteString("\n\n## Reported\n\n")
	writeJSONBlock(&b, r.Bad)
	l := &Linter{Rules: []*Rule{r}, Selector: enabledSelector{}}
	_, diags := l.LintFile("bad.json", []byte(r.Bad))
	b.WriteString("dilint says:\n\n```text\n")
	for _, d := range diags {
		fmt.Fprintf(&b, "bad.json:%s: %s: %s [%s]\n", d.Start, d.Severity, d.Message, d.Rule)
	}
	b.WriteString("```\n\n## Fixed\n\n")
	writeJSONBlock(&b, r.Good)
	return b.Bytes()
}

// writeOptions lists the rule's declared options and how to set one.
func writeOptions(b *bytes.Buffer, r *Rule) {
	if len(r.Options) == 0 {
		return
	}
	b.WriteString("\n\n## Options\n\n| option | type | default | what it changes |\n|---|---|---|---|\n")
	for _, o := range r.Options {
		doc := strings.ReplaceAll(strings.ReplaceAll(o.Doc, "\n", " "), "|", "\\|")
		fmt.Fprintf(b, "| `%s` | %s | `%s` | %s |\n", o.Name, o.TypeString(), o.DefaultString(), doc)
	}
	o := r.Options[0]
	fmt.Fprintf(b, "\nIn `.dilint.yaml`, with the default written out:\n\n```yaml\nrules:\n  %s:\n    options: {%s: %s}\n```", r.Name, o.Name, o.DefaultString())
}

func writeJSONBlock(b *bytes.Buffer, doc string) {
	b.WriteString("```json\n")
	b.WriteString(strings.TrimRight(doc, "\n"))
	b.WriteString("\n```\n\n")
}

// MarkdownIndex renders the table of every rule for docs/rules/README.md.
func MarkdownIndex() []byte {
	var b bytes.Buffer
	b.WriteString("# dilint rules\n\nGenerated from the rules' own documentation (`go test ./lint -run TestRulePages -update`).\n\n")
	b.WriteString("| rule | group | default | fixable | what it finds |\n|---|---|---|---|---|\n")
	for _, r := range All() {
		fix := ""
		if r.Fixable {
			fix = "yes"
		}
		summary := strings.ReplaceAll(r.Summary(), "\n", " ")
		summary = strings.ReplaceAll(summary, "|", "\\|")
		fmt.Fprintf(&b, "| [%s](%s.md) | %s | %s | %s | %s |\n", r.Name, r.Name, r.Group, r.DefaultSeverity, fix, summary)
	}
	return b.Bytes()
}
