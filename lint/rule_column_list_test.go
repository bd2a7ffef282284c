package lint

import "testing"

func TestColumnList(t *testing.T) { testRuleData(t, "column-list") }
