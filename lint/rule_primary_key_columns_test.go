package lint

import "testing"

func TestPrimaryKeyColumns(t *testing.T) { testRuleData(t, "primary-key-columns") }
