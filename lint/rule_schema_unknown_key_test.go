package lint

import "testing"

func TestSchemaUnknownKey(t *testing.T) { testRuleData(t, "schema-unknown-key") }
