package lint

import "testing"

func TestReaderWriterPresent(t *testing.T) { testRuleData(t, "reader-writer-present") }
