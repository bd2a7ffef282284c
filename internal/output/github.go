package output

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dilint/dilint/lint"
)

// github writes GitHub Actions workflow commands, which the runner turns
// into annotations on the run and on the pull request's changed files:
//
//	::error file=jobs/a.json,line=12,endLine=12,col=7,endColumn=16,title=hop-unknown-step::message
//
// Columns count UTF-16 code units. GitHub shows at most 10 error and 10
// warning annotations per step (and 50 per job) and drops the rest
// silently, so Flush adds a notice when a run produced more and points to
// SARIF upload or reviewdog for large runs. Every finding is still in the
// log.
type github struct {
	w      *bufio.Writer
	counts map[string]int
}

// githubAnnotationCap is GitHub's per-step limit for each of the error and
// warning annotation levels.
const githubAnnotationCap = 10

func newGitHub(w io.Writer) *github {
	return &github{w: bufio.NewWriter(w), counts: map[string]int{}}
}

func githubLevel(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return "error"
	case lint.SeverityWarning:
		return "warning"
	}
	return "notice"
}

// escapeData and escapeProperty follow @actions/core's command encoding.
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func (g *github) command(level string, props [][2]string, msg string) {
	g.counts[level]++
	var b strings.Builder
	b.WriteString("::")
	b.WriteString(level)
	for i, p := range props {
		if i == 0 {
			b.WriteByte(' ')
		} else {
			b.WriteByte(',')
		}
		b.WriteString(p[0])
		b.WriteByte('=')
		b.WriteString(propertyEscaper.Replace(p[1]))
	}
	b.WriteString("::")
	b.WriteString(dataEscaper.Replace(msg))
	b.WriteByte('\n')
	g.w.WriteString(b.String())
}

func (g *github) Write(f *File) error {
	if f.Err != nil {
		g.command("error", [][2]string{{"file", f.Path}, {"title", "dilint"}}, f.Err.Error())
		return nil
	}
	src := newSource(f)
	for _, d := range f.Diagnostics {
		props := [][2]string{{"file", f.Path}}
		if d.Start.IsValid() {
			end := d.End
			if !end.IsValid() || end.Offset < d.Start.Offset {
				end = d.Start
			}
			props = append(props,
				[2]string{"line", strconv.Itoa(d.Start.Line)},
				[2]string{"endLine", strconv.Itoa(end.Line)},
				[2]string{"col", strconv.Itoa(src.columnUTF16(d.Start))},
				[2]string{"endColumn", strconv.Itoa(src.columnUTF16(end))})
		}
		props = append(props, [2]string{"title", d.Rule})
		msg := d.Message
		if u := ruleURL(d); u != "" {
			msg += "\n" + u
		}
		g.command(githubLevel(d.Severity), props, msg)
	}
	return nil
}

func (g *github) Flush(s Summary) error {
	if over := max(g.counts["error"]-githubAnnotationCap, 0) + max(g.counts["warning"]-githubAnnotationCap, 0); over > 0 {
		g.command("notice", [][2]string{{"title", "dilint"}}, fmt.Sprintf(
			"GitHub shows at most %d error and %d warning annotations per step, so up to %d of these findings are not annotated; all are listed in this log. Upload SARIF to code scanning or use reviewdog for large runs.",
			githubAnnotationCap, githubAnnotationCap, over))
	}
	return g.w.Flush()
}
