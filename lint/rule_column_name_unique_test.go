package lint

import "testing"

func TestColumnNameUnique(t *testing.T) { testRuleData(t, "column-name-unique") }
