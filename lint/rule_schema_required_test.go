package lint

import "testing"

func TestSchemaRequired(t *testing.T) { testRuleData(t, "schema-required") }
