package lint

import "testing"

func TestSchemaEnum(t *testing.T) { testRuleData(t, "schema-enum") }
