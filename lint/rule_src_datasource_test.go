package lint

import "testing"

func TestSrcDatasource(t *testing.T) { testRuleData(t, "src-datasource") }
