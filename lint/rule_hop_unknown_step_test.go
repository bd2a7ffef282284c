package lint

import "testing"

func TestHopUnknownStep(t *testing.T) { testRuleData(t, "hop-unknown-step") }
