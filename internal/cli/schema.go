package cli

import "github.com/dilint/dilint/schema"

func (c *Command) runSchema(args []string) int {
	fs := c.newFlagSet("schema", "dilint schema > dilint.schema.json")
	rest, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	if len(rest) > 0 {
		return c.usageError("schema takes no arguments")
	}
	if _, err := c.Stdout.Write(schema.Bundle()); err != nil {
		c.failure("%v", err)
		return ExitFailure
	}
	return ExitOK
}
