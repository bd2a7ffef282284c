package lint

import "testing"

func TestColumnCount(t *testing.T) { testRuleData(t, "column-count") }
