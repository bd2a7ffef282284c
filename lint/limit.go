package lint

import "fmt"

// DefaultMaxSameIssues is how many findings of one rule a file shows
// unless the configuration (max-same-issues) or the command line says
// otherwise: enough to see the pattern, few enough that a pasted
// one-line job with a million duplicate keys prints a screenful.
// golangci-lint's --max-same-issues has the same role and default.
const DefaultMaxSameIssues = 50

// LimitSame keeps the first max diagnostics of each rule (ds sorted by
// position, as the Linter returns them) and replaces the rest of each
// rule by one notice: an info diagnostic of that rule, at the first one
// left out, saying how many were. max 0 keeps everything. hidden counts
// the diagnostics left out.
//
// Apply it last, to what is reported: fixes, baselines and fail-on see
// every finding.
func LimitSame(ds []Diagnostic, max int) (kept []Diagnostic, hidden int) {
	if max <= 0 || len(ds) <= max {
		return ds, 0
	}
	type tally struct {
		n     int
		first int // index in ds of the first diagnostic left out
	}
	counts := map[string]*tally{}
	kept = ds[:0:0]
	for i, d := range ds {
		c := counts[d.Rule]
		if c == nil {
			c = &tally{}
			counts[d.Rule] = c
		}
		c.n++
		switch {
		case c.n <= max:
			kept = append(kept, d)
		case c.n == max+1:
			c.first = i
		}
	}
	var notices []Diagnostic
	for _, d := range ds {
		c := counts[d.Rule]
		if c.n <= max {
			continue
		}
		first := ds[c.first]
		more := c.n - max
		hidden += more
		notices = append(notices, Diagnostic{
			Rule:     first.Rule,
			Severity: SeverityInfo,
			Message:  fmt.Sprintf("%d more %s findings in this file are not shown (max-same-issues %d; 0 shows all)", more, first.Rule, max),
			Pointer:  first.Pointer,
			Start:    first.Start,
			End:      first.End,
			URL:      first.URL,
		})
		c.n = 0 // one notice per rule
	}
	kept = append(kept, notices...)
	SortDiagnostics(kept)
	return kept, hidden
}
