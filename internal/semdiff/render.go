package semdiff

import (
	"fmt"
	"io"
	"strings"
)

// WriteText writes the changes as plain text, one section heading and an
// indented line per change; "no semantic changes" when there are none.
func WriteText(w io.Writer, changes []Change) error {
	var b strings.Builder
	if len(changes) == 0 {
		b.WriteString("no semantic changes\n")
	}
	var section Section
	for _, c := range changes {
		if c.Section != section {
			section = c.Section
			fmt.Fprintf(&b, "%s:\n", section)
		}
		fmt.Fprintf(&b, "  %s\n", c)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteMarkdown writes the changes for a review comment: a heading naming
// the two files, a bullet list per section and, when graph is not empty,
// the new job's graph as a Mermaid block, which GitHub renders.
func WriteMarkdown(w io.Writer, oldName, newName string, changes []Change, graph string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "### dilint diff: %s → %s\n\n", codeSpan(oldName), codeSpan(newName))
	if len(changes) == 0 {
		b.WriteString("No semantic changes.\n")
	}
	var section Section
	for _, c := range changes {
		if c.Section != section {
			if section != "" {
				b.WriteByte('\n')
			}
			section = c.Section
			fmt.Fprintf(&b, "**%s**\n\n", section)
		}
		fmt.Fprintf(&b, "- %s\n", c.Markdown())
	}
	if graph != "" {
		fmt.Fprintf(&b, "\n<details><summary>Steps and hops of %s</summary>\n\n```mermaid\n%s```\n\n</details>\n", codeSpan(newName), graph)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
