package lint

import "testing"

func TestColumnIndex(t *testing.T) { testRuleData(t, "column-index") }

func TestColumnIndexFixes(t *testing.T) { testFixesClear(t, "column-index") }
