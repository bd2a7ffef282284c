package lint

import "testing"

func TestIdentifierLength(t *testing.T) { testRuleData(t, "identifier-length") }
