package lint

import "testing"

func TestSrcTableSelected(t *testing.T) { testRuleData(t, "src-table-selected") }
