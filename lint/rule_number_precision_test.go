package lint

import "testing"

func TestNumberPrecision(t *testing.T) { testRuleData(t, "number-precision") }

func TestHasDigitRun(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"", false},
		{"123456789012345", false},
		{"1234567890123456", true},
		{`{"a": 123456789012345, "b": 9007199254740993}`, true},
		{`{"a": 123456789012345, "b": 12345678901234.5}`, false},
		{"x1234567890123456", true},
		{"x123456789012345x1234567890123456", true},
		{"123456789012345x123456789012345x", false},
	} {
		if got := hasDigitRun([]byte(tc.s), len(maxSafeInteger)); got != tc.want {
			t.Errorf("hasDigitRun(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}
