package prefault

import "testing"

func TestTHPDisabled(t *testing.T) {
	for godebug, want := range map[string]bool{
		"":                             false,
		"disablethp=1":                 true,
		"disablethp=0":                 false,
		"gctrace=1,disablethp=1":       true,
		"disablethp=1, madvdontneed=1": true,
		"disablethp=1,disablethp=0":    false,
		"xdisablethp=1":                false,
	} {
		if got := thpDisabled(godebug); got != want {
			t.Errorf("GODEBUG=%q: %t, want %t", godebug, got, want)
		}
	}
}
