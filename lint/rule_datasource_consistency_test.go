package lint

import "testing"

func TestDatasourceConsistency(t *testing.T) { testRuleData(t, "datasource-consistency") }
