package cli

import "github.com/dilint/dilint/schema"

func (c *Command) runSchema(args []string) int {
	fs := c.newFlagSet("schema", "dilint schema [--vscode] > dilint.schema.json")
	vscode := fs.Bool("vscode", false, "add the annotations VS Code shows (enumDescriptions); strict validators such as ajv reject them")
	rest, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	if len(rest) > 0 {
		return c.usageError("schema takes no arguments")
	}
	b := schema.Bundle()
	if *vscode {
		b = schema.BundleVSCode()
	}
	if _, err := c.Stdout.Write(b); err != nil {
		c.failure("%v", err)
		return ExitFailure
	}
	return ExitOK
}
