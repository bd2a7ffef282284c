package lint

import "testing"

func TestDstColumnType(t *testing.T) { testRuleData(t, "dst-column-type") }
