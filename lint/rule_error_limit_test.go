package lint

import "testing"

func TestErrorLimit(t *testing.T) { testRuleData(t, "error-limit") }
