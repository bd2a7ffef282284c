package cli_test

import (
	"testing"
)

// goldenRules are the rules the golden runs use: rules that other work
// on package lint will not change, so new rules do not churn the golden
// files. They cover a syntax error, related locations (duplicate-key) and
// fixes (comments, trailing-comma).
const goldenRules = "syntax,duplicate-key,comments,trailing-comma"

// goldenInputs are the sample jobs of the README plus inputs with a
// syntax error, multi-byte characters before a finding (to tell byte,
// UTF-16 and rune columns apart) and a JSON file that is no DataWorks
// document (skipped when found in a directory).
var goldenInputs = []string{"testdata/samples", "internal/cli/testdata/input"}

func TestGoldenFormats(t *testing.T) {
	for _, format := range []string{"text", "json", "sarif", "rdjson", "rdjsonl", "github", "checkstyle", "junit", "codequality"} {
		t.Run(format, func(t *testing.T) {
			args := append([]string{"--only", goldenRules, "--format", format}, goldenInputs...)
			r := dilint(t, "", "", args...)
			r.wantCode(t, 1)
			if r.stderr != "" {
				t.Errorf("unexpected stderr: %s", r.stderr)
			}
			golden(t, "samples."+format, r.stdout)
		})
	}
}
