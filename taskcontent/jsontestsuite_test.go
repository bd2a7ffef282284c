package taskcontent

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The parsing tests of nst/JSONTestSuite (testdata/JSONTestSuite, with
// its LICENSE; see README.md there for the commit): every y_ file parses,
// every n_ file is rejected or parses with a Problem (Parse accepts some
// defects, such as a trailing comma, so that the rest of a sloppy script
// can be checked, and reports them), and each i_ file, where RFC 8259
// leaves the choice to the parser, gets the outcome pinned below.

// jsonTestOutcome is what Parse does with a file: "accept" (no error, no
// Problem), "problem:CODE" (parsed, with that Problem first) or
// "reject:PHRASE" (a *SyntaxError whose message contains PHRASE).
type jsonTestOutcome = string

// jsonTestYesProblems are the y_ files that parse with a Problem: JSON
// allows duplicate keys, DataWorks' parser keeps one of them.
var jsonTestYesProblems = map[string]jsonTestOutcome{
	"y_object_duplicated_key.json":           "problem:duplicate-key",
	"y_object_duplicated_key_and_value.json": "problem:duplicate-key",
}

// jsonTestImplementationDefined pins every i_ file.
var jsonTestImplementationDefined = map[string]jsonTestOutcome{
	// Numbers are kept as their text, never converted: any size parses.
	"i_number_double_huge_neg_exp.json":   "accept",
	"i_number_huge_exp.json":              "accept",
	"i_number_neg_int_huge_exp.json":      "accept",
	"i_number_pos_double_huge_exp.json":   "accept",
	"i_number_real_neg_overflow.json":     "accept",
	"i_number_real_pos_overflow.json":     "accept",
	"i_number_real_underflow.json":        "accept",
	"i_number_too_big_neg_int.json":       "accept",
	"i_number_too_big_pos_int.json":       "accept",
	"i_number_very_big_negative_int.json": "accept",
	// An escaped lone surrogate is valid JSON text; it decodes to U+FFFD.
	"i_object_key_lone_2nd_surrogate.json":                "accept",
	"i_string_1st_surrogate_but_2nd_missing.json":         "accept",
	"i_string_1st_valid_surrogate_2nd_invalid.json":       "accept",
	"i_string_incomplete_surrogate_and_escape_valid.json": "accept",
	"i_string_incomplete_surrogate_pair.json":             "accept",
	"i_string_incomplete_surrogates_escape_valid.json":    "accept",
	"i_string_invalid_lonely_surrogate.json":              "accept",
	"i_string_invalid_surrogate.json":                     "accept",
	"i_string_inverted_surrogates_U+1D11E.json":           "accept",
	"i_string_lone_second_surrogate.json":                 "accept",
	// Bytes that are not UTF-8 inside a string are a Problem.
	"i_string_UTF-8_invalid_sequence.json":         "problem:invalid-utf8",
	"i_string_UTF8_surrogate_U+D800.json":          "problem:invalid-utf8",
	"i_string_invalid_utf-8.json":                  "problem:invalid-utf8",
	"i_string_iso_latin_1.json":                    "problem:invalid-utf8",
	"i_string_lone_utf8_continuation_byte.json":    "problem:invalid-utf8",
	"i_string_not_in_unicode_range.json":           "problem:invalid-utf8",
	"i_string_overlong_sequence_2_bytes.json":      "problem:invalid-utf8",
	"i_string_overlong_sequence_6_bytes.json":      "problem:invalid-utf8",
	"i_string_overlong_sequence_6_bytes_null.json": "problem:invalid-utf8",
	"i_string_truncated-utf-8.json":                "problem:invalid-utf8",
	// Another encoding is named, with the way to convert.
	"i_string_UTF-16LE_with_BOM.json": "reject:the file is UTF-16LE with a byte order mark; DataWorks expects UTF-8",
	"i_string_utf16BE_no_BOM.json":    "reject:the file is UTF-16BE; DataWorks expects UTF-8",
	"i_string_utf16LE_no_BOM.json":    "reject:the file is UTF-16LE; DataWorks expects UTF-8",
	// 500 levels are within the 1000-level limit.
	"i_structure_500_nested_arrays.json":      "accept",
	"i_structure_UTF-8_BOM_empty_object.json": "problem:byte-order-mark",
}

func parseOutcome(src []byte) (jsonTestOutcome, error) {
	d, err := Parse(src)
	if err != nil {
		var se *SyntaxError
		if !errors.As(err, &se) {
			return "", err
		}
		return "reject:" + se.Msg, nil
	}
	if p := d.Problems(); len(p) > 0 {
		return "problem:" + p[0].Code.String(), nil
	}
	return "accept", nil
}

func TestJSONTestSuite(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "JSONTestSuite", "test_parsing", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 300 {
		t.Fatalf("only %d files", len(files))
	}
	counts := map[string]int{}
	pinned := map[string]bool{}
	for _, path := range files {
		name := filepath.Base(path)
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		got, err := parseOutcome(src)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		counts[name[:2]+strings.SplitN(got, ":", 2)[0]]++
		switch {
		case strings.HasPrefix(name, "y_"):
			want, ok := jsonTestYesProblems[name]
			if !ok {
				want = "accept"
			} else {
				pinned[name] = true
			}
			if got != want {
				t.Errorf("%s: %s, want %s", name, got, want)
			}
		case strings.HasPrefix(name, "n_"):
			if got == "accept" {
				t.Errorf("%s: accepted without a Problem, want rejected or a Problem", name)
			}
		case strings.HasPrefix(name, "i_"):
			want, ok := jsonTestImplementationDefined[name]
			pinned[name] = true
			if !ok {
				t.Errorf("%s: %s, and no outcome is pinned for it", name, got)
				continue
			}
			if want == got || strings.HasPrefix(want, "reject:") && strings.HasPrefix(got, want) {
				continue
			}
			t.Errorf("%s: %s, want %s", name, got, want)
		default:
			t.Errorf("%s: not a y_, n_ or i_ file", name)
		}
	}
	for name := range jsonTestImplementationDefined {
		if !pinned[name] {
			t.Errorf("%s is pinned but not in the suite", name)
		}
	}
	t.Logf("outcomes by prefix: %v", counts)
}
