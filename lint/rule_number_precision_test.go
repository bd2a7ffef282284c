package lint

import "testing"

func TestNumberPrecision(t *testing.T) { testRuleData(t, "number-precision") }
