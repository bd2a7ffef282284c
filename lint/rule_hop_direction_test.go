package lint

import "testing"

func TestHopDirection(t *testing.T) { testRuleData(t, "hop-direction") }
