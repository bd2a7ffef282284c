package lint

import "testing"

func TestEncoding(t *testing.T) { testRuleData(t, "encoding") }
