package lint

import "testing"

func TestTotalTableMapping(t *testing.T) { testRuleData(t, "total-table-mapping") }

func TestTotalTableMappingFixes(t *testing.T) { testFixesClear(t, "total-table-mapping") }
