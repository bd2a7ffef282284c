package lint

import "testing"

func TestDataxKey(t *testing.T) { testRuleData(t, "datax-key") }
