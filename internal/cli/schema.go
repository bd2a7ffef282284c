package cli

import (
	"github.com/dilint/dilint/lint"
	"github.com/dilint/dilint/schema"
)

func (c *Command) runSchema(args []string) int {
	fs := c.newFlagSet("schema", "dilint schema [--vscode | --config] > dilint.schema.json")
	vscode := fs.Bool("vscode", false, "add the annotations VS Code shows (enumDescriptions); strict validators such as ajv reject them")
	config := fs.Bool("config", false, "write the schema of .dilint.yaml instead, with each rule's options, for YAML editors")
	rest, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	if len(rest) > 0 {
		return c.usageError("schema takes no arguments")
	}
	if *vscode && *config {
		return c.usageError("schema: --vscode and --config do not go together")
	}
	b := schema.Bundle()
	switch {
	case *vscode:
		b = schema.BundleVSCode()
	case *config:
		b = lint.ConfigSchema
	}
	if _, err := c.Stdout.Write(b); err != nil {
		c.failure("%v", err)
		return ExitFailure
	}
	return ExitOK
}
