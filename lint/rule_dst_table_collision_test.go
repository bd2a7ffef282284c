package lint

import "testing"

func TestDstTableCollision(t *testing.T) { testRuleData(t, "dst-table-collision") }
