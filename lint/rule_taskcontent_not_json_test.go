package lint

import "testing"

func TestTaskcontentNotJson(t *testing.T) { testRuleData(t, "taskcontent-not-json") }
