package cli

import (
	"encoding/json"
	"fmt"

	"github.com/dilint/dilint/taskcontent"
)

const getUsage = "dilint get [-r] FILE PATH"

// runGet prints what a gjson path selects in a document: for an API
// response, in the job inside Data.TaskContent.
func (c *Command) runGet(args []string) int {
	fs := c.newFlagSet("get", getUsage)
	raw := fs.Bool("r", false, "print a string's value without quotes and escapes")
	rest, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	if len(rest) != 2 {
		return c.usageError("get takes a file and a gjson path: %s", getUsage)
	}
	file, path := rest[0], rest[1]
	if err := taskcontent.CheckPath(path); err != nil {
		return c.usageError("%v", err)
	}
	doc, err := c.readDocument(file, anyDataWorks)
	if err != nil {
		c.failure("%v", err)
		return ExitFailure
	}
	m, found, err := doc.Get(path)
	if err != nil {
		return c.usageError("%v", err)
	}
	if !found {
		fmt.Fprintf(c.Stderr, "dilint: %s: nothing matches %s\n", doc.Name(), path)
		return ExitFindings
	}
	out := m.Raw
	// The redaction policy holds here too: a credential in the job is
	// printed masked, whole or inside the selected object.
	switch {
	case m.Value.Type() == taskcontent.TypeString && m.Value.Secret():
		out = quoteJSON(taskcontent.Mask)
	default:
		out = []byte(doc.Secrets().Scrub(string(out)))
	}
	if *raw {
		var s string
		if json.Unmarshal(out, &s) == nil {
			out = []byte(s)
		}
	}
	if _, err := fmt.Fprintf(c.Stdout, "%s\n", out); err != nil {
		c.failure("%v", err)
		return ExitFailure
	}
	return ExitOK
}
