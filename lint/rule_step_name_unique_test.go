package lint

import "testing"

func TestStepNameUnique(t *testing.T) { testRuleData(t, "step-name-unique") }
