package lint

import "testing"

func TestThrottleMbps(t *testing.T) { testRuleData(t, "throttle-mbps") }
