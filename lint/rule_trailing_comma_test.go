package lint

import "testing"

func TestTrailingComma(t *testing.T) { testRuleData(t, "trailing-comma") }
