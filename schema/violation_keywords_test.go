package schema

import (
	"slices"
	"testing"
)

// ViolationKeywords is exactly the set of keywords violations are made
// with: every failure kind's keyword, and the ones violations() sets
// itself (false, patternProperties, not, invalid).
func TestViolationKeywordsComplete(t *testing.T) {
	want := []string{"false", "patternProperties", "not", "invalid"}
	for k := failType; k <= failInvalid; k++ {
		if kw := (&failure{kind: k}).keyword(); kw != "" {
			want = append(want, kw)
		}
	}
	slices.Sort(want)
	want = slices.Compact(want)
	got := slices.Sorted(slices.Values(ViolationKeywords))
	if !slices.Equal(got, want) {
		t.Errorf("ViolationKeywords = %v, want %v", got, want)
	}
}
