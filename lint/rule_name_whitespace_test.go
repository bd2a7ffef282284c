package lint

import "testing"

func TestNameWhitespace(t *testing.T) { testRuleData(t, "name-whitespace") }
