package lint

import "testing"

func TestHopCycle(t *testing.T) { testRuleData(t, "hop-cycle") }
