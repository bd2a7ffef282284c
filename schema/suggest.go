package schema

import (
	"strings"
	"unicode/utf8"
)

// Suggest returns the choice closest to word by edit distance ("did you
// mean"), or "" when none is close enough or word is itself a choice.
//
// The comparison ignores case and leading and trailing whitespace, so
// "Replay" suggests "replay" and "setting " suggests "setting". Otherwise
// the distance counts insertions, deletions, substitutions and swaps of
// adjacent characters (optimal string alignment), and a choice is close
// enough when the distance is at most a third of its length (at least 1, at
// most 3): "mysq" suggests "mysql", "hologres" does not suggest "holo".
// Ties go to the earlier choice.
func Suggest(word string, choices []string) string {
	w := []rune(strings.ToLower(strings.TrimSpace(word)))
	if len(w) == 0 {
		return ""
	}
	best, bestDist := "", -1
	for _, c := range choices {
		if c == word {
			return ""
		}
		limit := min(max(utf8.RuneCountInString(c)/3, 1), 3)
		d := distance(w, []rune(strings.ToLower(c)), limit)
		if d <= limit && (bestDist < 0 || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// distance is the optimal string alignment distance of a and b, or a value
// above limit as soon as it is certain to exceed it.
func distance(a, b []rune, limit int) int {
	if abs(len(a)-len(b)) > limit {
		return limit + 1
	}
	// Three rows: two back (for swaps), previous and current.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
			rowMin = min(rowMin, d)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
