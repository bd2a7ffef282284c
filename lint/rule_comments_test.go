package lint

import "testing"

func TestComments(t *testing.T) { testRuleData(t, "comments") }
