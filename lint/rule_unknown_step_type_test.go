package lint

import "testing"

func TestUnknownStepType(t *testing.T) { testRuleData(t, "unknown-step-type") }

func TestUnknownStepTypeOption(t *testing.T) {
	src := `{"type": "job", "version": "2.0", "steps": [{"stepType": "questdb", "name": "Writer", "category": "writer", "parameter": {}}]}`
	if ds := lintOptions(t, "unknown-step-type", nil, src); len(ds) != 1 {
		t.Fatalf("without the option: got %v, want one diagnostic", ds)
	}
	if ds := lintOptions(t, "unknown-step-type", map[string]any{"step-types": []any{"questdb"}}, src); len(ds) != 0 {
		t.Fatalf("with step-types [questdb]: got %v, want none", ds)
	}
}

func TestSuggestStepType(t *testing.T) {
	for in, want := range map[string]string{
		"hologres":       "holo",
		"HologresWriter": "holo",
		"mysqlreader":    "mysql",
		"Oracle":         "oracle",
		"postgre":        "postgresql",
		"db2":            "db2",
		"sqlsever":       "sqlserver",
		"quantumdb":      "",
	} {
		if got := suggestStepType(in, knownStepTypes); got != want {
			t.Errorf("suggestStepType(%q) = %q, want %q", in, got, want)
		}
	}
}
