package lint

import "testing"

func TestDstTableFormat(t *testing.T) { testRuleData(t, "dst-table-format") }

func TestDstTableFormatFixes(t *testing.T) { testFixesClear(t, "dst-table-format") }
