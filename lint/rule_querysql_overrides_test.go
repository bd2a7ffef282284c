package lint

import "testing"

func TestQuerysqlOverrides(t *testing.T) { testRuleData(t, "querysql-overrides") }
