package lint

import "testing"

func TestStatusFail(t *testing.T) { testRuleData(t, "status-fail") }
