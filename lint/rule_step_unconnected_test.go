package lint

import "testing"

func TestStepUnconnected(t *testing.T) { testRuleData(t, "step-unconnected") }
