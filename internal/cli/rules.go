package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/dilint/dilint/lint"
)

// ruleInfo is a rule as `dilint rules --format json` prints it.
type ruleInfo struct {
	Name     string `json:"name"`
	Group    string `json:"group"`
	Severity string `json:"defaultSeverity"`
	Fixable  bool   `json:"fixable"`
	Summary  string `json:"summary"`
	URL      string `json:"url"`
	// Options are the rule's declared options, omitted when it has none.
	Options []optionInfo `json:"options,omitempty"`
}

// optionInfo is a rule option as `dilint rules --format json` prints it.
type optionInfo struct {
	Name string `json:"name"`
	// Type is "integer", "number", "boolean", "string" or "list of
	// strings", with bounds or allowed values (lint.Option.TypeString).
	Type    string `json:"type"`
	Default any    `json:"default"`
	Doc     string `json:"doc"`
}

// options lists the declared options of r for `rules --format json`.
func options(r *lint.Rule) []optionInfo {
	var out []optionInfo
	for _, o := range r.Options {
		def := o.Default
		if def == nil && o.Type == lint.OptionStrings {
			def = []string{}
		}
		out = append(out, optionInfo{o.Name, o.TypeString(), def, o.Doc})
	}
	return out
}

func (c *Command) runRules(args []string) int {
	fs := c.newFlagSet("rules", "dilint rules [--format text|json] [--config FILE]")
	format := fs.String("format", "text", "output `format`: text or json")
	configPath := fs.String("config", "", "list the policies of this configuration `file` (default: the .dilint.yaml nearest the working directory)")
	rest, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	if len(rest) > 0 {
		return c.usageError("rules takes no arguments; use 'dilint explain RULE' for one rule")
	}
	cfg, err := c.policiesConfig(*configPath)
	if err != nil {
		c.failure("%v", err)
		return ExitFailure
	}
	rules := append(lint.All(), cfg.Policies()...)
	switch *format {
	case "json":
		infos := []ruleInfo{}
		for _, r := range rules {
			infos = append(infos, ruleInfo{r.Name, r.Group, r.DefaultSeverity.String(), r.Fixable, oneLine(r.Summary()), r.URL, options(r)})
		}
		enc := json.NewEncoder(c.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(infos); err != nil {
			c.failure("%v", err)
			return ExitFailure
		}
	case "text":
		tw := tabwriter.NewWriter(c.Stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "RULE\tGROUP\tSEVERITY\tFIX\tSUMMARY")
		for _, r := range rules {
			fix := ""
			if r.Fixable {
				fix = "yes"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.Name, r.Group, r.DefaultSeverity, fix, oneLine(r.Summary()))
		}
		tw.Flush()
	default:
		return c.usageError("rules --format %q: valid formats are text, json", *format)
	}
	return ExitOK
}

func (c *Command) runExplain(args []string) int {
	fs := c.newFlagSet("explain", "dilint explain [--config FILE] RULE")
	configPath := fs.String("config", "", "explain the policies of this configuration `file` (default: the .dilint.yaml nearest the working directory)")
	rest, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	if len(rest) != 1 {
		return c.usageError("explain takes one rule name; 'dilint rules' lists them")
	}
	cfg, err := c.policiesConfig(*configPath)
	if err != nil {
		c.failure("%v", err)
		return ExitFailure
	}
	all := append(lint.All(), cfg.Policies()...)
	var r *lint.Rule
	for _, x := range all {
		if x.Name == rest[0] {
			r = x
		}
	}
	if r == nil {
		var names []string
		for _, r := range all {
			names = append(names, r.Name)
		}
		return c.usageError("unknown rule %q%s (valid: %s)", rest[0], didYouMean(rest[0], names), strings.Join(names, ", "))
	}
	fixable := "no"
	if r.Fixable {
		fixable = "yes (dilint --fix)"
	}
	fmt.Fprintf(c.Stdout, "%s\n\ngroup: %s\ndefault severity: %s\nfixable: %s\n", r.Name, r.Group, r.DefaultSeverity, fixable)
	if r.URL != "" {
		fmt.Fprintf(c.Stdout, "docs: %s\n", r.URL)
	}
	fmt.Fprintf(c.Stdout, "\n%s\n", strings.TrimSpace(r.Doc))
	if len(r.Options) > 0 {
		fmt.Fprintf(c.Stdout, "\nOptions (rules: {%s: {options: {NAME: VALUE}}} in .dilint.yaml):\n\n", r.Name)
		tw := tabwriter.NewWriter(c.Stdout, 0, 0, 2, ' ', 0)
		for _, o := range r.Options {
			fmt.Fprintf(tw, "  %s\t%s\tdefault %s\t%s\n", o.Name, o.TypeString(), o.DefaultString(), oneLine(o.Doc))
		}
		tw.Flush()
	}
	if r.Bad != "" {
		fmt.Fprintf(c.Stdout, "\nExample that is reported:\n\n%s\n", indent(r.Bad))
	}
	if r.Good != "" {
		fmt.Fprintf(c.Stdout, "\nThe same, fixed:\n\n%s\n", indent(r.Good))
	}
	return ExitOK
}

func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = "    " + l
	}
	return strings.Join(lines, "\n")
}

// oneLine keeps the first line of s, for one-line listings.
func oneLine(s string) string {
	first, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(first)
}
