package cli

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/dilint/dilint/internal/output"
	"github.com/dilint/dilint/lint"
)

const completionUsage = "dilint completion bash|zsh|fish"

// runCompletion prints a shell completion script. The commands, each
// command's flags, the formats and the rule names come from dilint
// itself, so the script is as new as the binary that wrote it:
//
//	source <(dilint completion bash)                  # ~/.bashrc
//	dilint completion zsh > "${fpath[1]}/_dilint"     # zsh
//	dilint completion fish > ~/.config/fish/completions/dilint.fish
func (c *Command) runCompletion(args []string) int {
	fs := c.newFlagSet("completion", completionUsage)
	rest, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	if len(rest) != 1 {
		return c.usageError("completion: name one shell: bash, zsh or fish")
	}
	spec := completionSpec()
	switch rest[0] {
	case "bash":
		writeBashCompletion(c.Stdout, spec)
	case "zsh":
		writeZshCompletion(c.Stdout, spec)
	case "fish":
		writeFishCompletion(c.Stdout, spec)
	default:
		return c.usageError("completion: unknown shell %q (valid: bash, zsh, fish)", rest[0])
	}
	return ExitOK
}

// completionCommand is one command as the completion scripts see it.
type completionCommand struct {
	name, summary string
	flags         []string // without dashes
}

type completion struct {
	commands []completionCommand
	formats  []string
	rules    []string
}

// helpFlag matches a flag line of a command's -h output.
var helpFlag = regexp.MustCompile(`(?m)^  -([a-zA-Z0-9][a-zA-Z0-9-]*)`)

// completionSpec collects the commands and their flags by asking each
// command for its help, the one place the flags are declared.
func completionSpec() completion {
	var spec completion
	for _, s := range subcommands() {
		var help bytes.Buffer
		if s.name != "help" {
			Command{Stdout: &help, Stderr: io.Discard, Stdin: strings.NewReader("")}.Main([]string{s.name, "-h"})
		}
		cmd := completionCommand{name: s.name, summary: s.summary}
		for _, m := range helpFlag.FindAllStringSubmatch(help.String(), -1) {
			cmd.flags = append(cmd.flags, m[1])
		}
		spec.commands = append(spec.commands, cmd)
	}
	spec.formats = slices.Clone(output.Formats)
	for _, r := range lint.All() {
		spec.rules = append(spec.rules, r.Name)
	}
	return spec
}

func (spec completion) names() []string {
	var names []string
	for _, c := range spec.commands {
		names = append(names, c.name)
	}
	return names
}

func dashed(flags []string) string {
	var b strings.Builder
	for i, f := range flags {
		if i > 0 {
			b.WriteByte(' ')
		}
		if len(f) == 1 {
			b.WriteString("-" + f)
		} else {
			b.WriteString("--" + f)
		}
	}
	return b.String()
}

func writeBashCompletion(w io.Writer, spec completion) {
	fmt.Fprintf(w, `# bash completion for dilint; load with: source <(dilint completion bash)
_dilint() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
  local cmd=lint i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      %s) cmd=${COMP_WORDS[i]}; break ;;
    esac
  done
  case $prev in
    --format|-format) COMPREPLY=($(compgen -W "%s" -- "$cur")); return ;;
    --fail-on|-fail-on) COMPREPLY=($(compgen -W "error warning info none" -- "$cur")); return ;;
    --color|-color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
  esac
  local flags
  case $cmd in
`, strings.Join(spec.names(), "|"), strings.Join(spec.formats, " "))
	for _, c := range spec.commands {
		fmt.Fprintf(w, "    %s) flags=%q ;;\n", c.name, dashed(c.flags))
	}
	fmt.Fprintf(w, `  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
    return
  fi
  case $cmd in
    explain) COMPREPLY=($(compgen -W "%s" -- "$cur")); return ;;
    help) COMPREPLY=($(compgen -W "%s" -- "$cur")); return ;;
    completion) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")); return ;;
  esac
  COMPREPLY=()
  if ((COMP_CWORD == 1)); then
    COMPREPLY=($(compgen -W "%s" -- "$cur"))
  fi
  COMPREPLY+=($(compgen -f -- "$cur"))
}
complete -o filenames -o bashdefault -F _dilint dilint
`, strings.Join(spec.rules, " "), strings.Join(spec.names(), " "), strings.Join(spec.names(), " "))
}

func writeZshCompletion(w io.Writer, spec completion) {
	fmt.Fprint(w, `#compdef dilint
# zsh completion for dilint; save as _dilint in a directory of $fpath.
_dilint() {
  local -a commands
  commands=(
`)
	for _, c := range spec.commands {
		fmt.Fprintf(w, "    %s\n", zshQuote(c.name+":"+c.summary))
	}
	fmt.Fprint(w, `  )
  local cmd=lint i
  for ((i = 2; i < CURRENT; i++)); do
    if (( ${commands[(I)${words[i]}:*]} )); then cmd=${words[i]}; break; fi
  done
  case ${words[CURRENT-1]} in
`)
	fmt.Fprintf(w, "    --format|-format) compadd -- %s; return ;;\n", strings.Join(spec.formats, " "))
	fmt.Fprint(w, `    --fail-on|-fail-on) compadd -- error warning info none; return ;;
    --color|-color) compadd -- auto always never; return ;;
  esac
  local -a flags
  case $cmd in
`)
	for _, c := range spec.commands {
		fmt.Fprintf(w, "    %s) flags=(%s) ;;\n", c.name, dashed(c.flags))
	}
	fmt.Fprintf(w, `  esac
  if [[ $PREFIX == -* ]]; then
    compadd -- $flags
    return
  fi
  case $cmd in
    explain) compadd -- %s; return ;;
    completion) compadd -- bash zsh fish; return ;;
  esac
  if (( CURRENT == 2 )); then
    _describe -t commands 'dilint command' commands
  fi
  _files
}
_dilint "$@"
`, strings.Join(spec.rules, " "))
}

func zshQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func writeFishCompletion(w io.Writer, spec completion) {
	fmt.Fprintln(w, "# fish completion for dilint; save as ~/.config/fish/completions/dilint.fish")
	names := strings.Join(spec.names(), " ")
	for _, c := range spec.commands {
		fmt.Fprintf(w, "complete -c dilint -n 'not __fish_seen_subcommand_from %s' -a %s -d %s\n", names, c.name, zshQuote(c.summary))
	}
	for _, c := range spec.commands {
		cond := "__fish_seen_subcommand_from " + c.name
		if c.name == "lint" {
			// lint is also what runs without a command.
			cond = "not __fish_seen_subcommand_from " + strings.Join(slices.DeleteFunc(spec.names(), func(n string) bool { return n == "lint" }), " ")
		}
		for _, f := range c.flags {
			opt := "-l " + f
			if len(f) == 1 {
				opt = "-s " + f
			}
			extra := ""
			switch f {
			case "format":
				if c.name == "lint" {
					extra = " -x -a " + zshQuote(strings.Join(spec.formats, " "))
				}
			case "fail-on":
				extra = " -x -a 'error warning info none'"
			case "color":
				extra = " -x -a 'auto always never'"
			}
			fmt.Fprintf(w, "complete -c dilint -n %s %s%s\n", zshQuote(cond), opt, extra)
		}
	}
	fmt.Fprintf(w, "complete -c dilint -n '__fish_seen_subcommand_from explain' -x -a %s\n", zshQuote(strings.Join(spec.rules, " ")))
	fmt.Fprintln(w, "complete -c dilint -n '__fish_seen_subcommand_from completion' -x -a 'bash zsh fish'")
}
