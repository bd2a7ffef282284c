package lint

import "testing"

func TestSrcDb(t *testing.T) { testRuleData(t, "src-db") }
