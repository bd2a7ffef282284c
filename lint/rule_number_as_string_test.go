package lint

import "testing"

func TestNumberAsString(t *testing.T) { testRuleData(t, "number-as-string") }

func TestNumberAsStringFixes(t *testing.T) { testFixesClear(t, "number-as-string") }
