package lint

import "testing"

func TestConcurrentRange(t *testing.T) { testRuleData(t, "concurrent-range") }

// TestConcurrentRangeOptions sets max through a .dilint.yaml, the way users do.
func TestConcurrentRangeOptions(t *testing.T) {
	src := []byte(`{"type": "job", "version": "2.0", "steps": [], "setting": {"speed": {"concurrent": 20}}}`)
	r := mustRule(t, "concurrent-range")
	if _, ds := (&Linter{Rules: []*Rule{r}}).LintFile("job.json", src); len(ds) != 0 {
		t.Fatalf("20 is within the default 1-32: got %v", ds)
	}
	cfg, err := ParseConfig(".dilint.yaml", []byte("rules:\n  concurrent-range: {severity: warning, options: {max: 16}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, ds := (&Linter{Rules: []*Rule{r}, Selector: cfg}).LintFile("job.json", src)
	if len(ds) != 1 || ds[0].Severity != SeverityWarning || ds[0].Message != "speed.concurrent is 20; it must be between 1 and 16" {
		t.Fatalf("with max 16: got %v", ds)
	}
}
