package lint

import "testing"

func TestDistributeConcurrency(t *testing.T) { testRuleData(t, "distribute-concurrency") }
