package lint

import (
	"os"
	"testing"
)

func TestColumnCount(t *testing.T) { testRuleData(t, "column-count") }

// TestColumnCountShapes pins the messages that explain a count given by a
// plugin's record shape rather than by a column list.
func TestColumnCountShapes(t *testing.T) {
	for file, want := range map[string]string{
		"hbase-multiversion.json":      `writer "Writer2" has a column count of 5 but reader "Reader" has 4 fields per record (rowkey, family:qualifier, timestamp and value for each cell in multiVersionFixedColumn mode): values are matched by position, so the counts must be equal`,
		"ots-writer-mismatch.json":     `writer "Writer" has records of 3 fields (2 primaryKey and 1 column entries) but reader "Reader" has 4: values are matched by position, so the counts must be equal`,
		"ots-writer-multiversion.json": `writer "Writer" has records of 5 fields (its 2 primaryKey columns, then column name, timestamp and value, in multiVersion mode) but reader "Reader" has 4 fields per record (rowkey, family:qualifier, timestamp and value for each cell in multiVersionFixedColumn mode): values are matched by position, so the counts must be equal`,
	} {
		src, err := os.ReadFile("testdata/column-count/" + file)
		if err != nil {
			t.Fatal(err)
		}
		ds := lintWith(t, string(src), "column-count")
		if len(ds) != 1 || ds[0].Message != want {
			t.Errorf("%s: got %v\nwant one diagnostic: %s", file, ds, want)
		}
	}
}
