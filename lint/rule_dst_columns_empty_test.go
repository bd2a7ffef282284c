package lint

import "testing"

func TestDstColumnsEmpty(t *testing.T) { testRuleData(t, "dst-columns-empty") }
