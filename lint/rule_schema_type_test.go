package lint

import "testing"

func TestSchemaType(t *testing.T) { testRuleData(t, "schema-type") }
