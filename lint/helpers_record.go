package lint

import (
	"strconv"
	"strings"

	"github.com/dilint/dilint/taskcontent"
)

// recordWidth is how many fields the records a step produces (a reader) or
// consumes (a writer) carry, and where the configuration says so.
type recordWidth struct {
	n int
	// at is the value the count is read from, for positions.
	at taskcontent.Value
	// shape explains a count that is not the length of the column list,
	// such as the four fields of an HBase reader in multiVersionFixedColumn
	// mode; it is empty for a plain column list.
	shape string
}

// readerWidth returns the number of fields per record a reader yields,
// when its configuration determines it. Readers whose records have a shape
// the configuration does not spell out (Tablestore in column mode: the
// primary key columns of the table come first; Tablestore Stream) give
// ok false, so no rule guesses.
func readerWidth(step taskcontent.Step) (w recordWidth, ok bool) {
	p := step.Parameter()
	switch step.StepType() {
	case "hbase":
		// HBase data source, https://www.alibabacloud.com/help/en/dataworks/hbase-writer:
		// "In this mode, the value of each cell in HBase is converted into
		// a separate record. Each record consists of four columns: rowkey,
		// family:qualifier, timestamp, and value."
		if mode := p.Get("mode"); mode.Type() == taskcontent.TypeString && mode.Str() == "multiVersionFixedColumn" {
			return recordWidth{n: 4, at: mode, shape: "rowkey, family:qualifier, timestamp and value for each cell in multiVersionFixedColumn mode"}, true
		}
	case "ots":
		// Tablestore data source: mode multiVersion reads {primary key
		// columns, attribute column name, timestamp, value}; the number of
		// primary key columns is the table's, not the job's.
		if strings.EqualFold(p.Get("mode").Str(), "multiVersion") {
			return recordWidth{}, false
		}
	case "otsstream":
		// The record of a change depends on the mode and on
		// isExportSequenceInfo, and on the table's primary key.
		return recordWidth{}, false
	}
	col, ok := explicitColumns(step)
	if !ok {
		return recordWidth{}, false
	}
	return recordWidth{n: col.Len(), at: col}, true
}

// writerWidth returns the number of fields per record a writer consumes,
// when its configuration determines it. Writers that pick fields by
// position (HBase's column[].index and rowkeyColumn, Redis's keyIndexes,
// Kafka's valueIndex) or that do not use their column list (a Kafka
// writer in text mode) give ok false.
func writerWidth(step taskcontent.Step) (w recordWidth, ok bool) {
	p := step.Parameter()
	switch step.StepType() {
	case "ots":
		return otsWriterWidth(p)
	case "hbase", "redis":
		return recordWidth{}, false
	case "kafka":
		// column names the fields of a JSON value; a text value joins
		// every reader column, and valueIndex or keyIndex pick fields by
		// position.
		if p.Get("writeMode").StrEqual("text") || p.Get("valueIndex").Exists() || p.Get("keyIndex").Exists() || p.Get("keyIndexes").Exists() {
			return recordWidth{}, false
		}
	}
	col, ok := explicitColumns(step)
	if !ok {
		return recordWidth{}, false
	}
	return recordWidth{n: col.Len(), at: col}, true
}

// otsWriterWidth is the record a Tablestore writer consumes. Tablestore
// data source, https://www.alibabacloud.com/help/en/document_detail/611029.html
// (Writer FAQ): "the number of primaryKey entries plus the number of column
// entries must equal the number of columns in the upstream ... data"; in
// column mode (multiVersion) the record is {pk0, pk1, ...}, {columnName},
// {timestamp}, {value}; a time series table writes column alone.
func otsWriterWidth(p taskcontent.Value) (recordWidth, bool) {
	pk := p.Get("primaryKey")
	if strings.EqualFold(p.Get("mode").Str(), "multiVersion") {
		if pk.Type() != taskcontent.TypeArray || pk.Len() == 0 {
			return recordWidth{}, false
		}
		return recordWidth{n: pk.Len() + 3, at: pk, shape: "its " + strconv.Itoa(pk.Len()) + " primaryKey columns, then column name, timestamp and value, in multiVersion mode"}, true
	}
	col := p.Get("column")
	if col.Type() != taskcontent.TypeArray || col.Len() == 0 {
		return recordWidth{}, false
	}
	if isTrue(p.Get("isTimeseriesTable")) || pk.Type() != taskcontent.TypeArray {
		return recordWidth{n: col.Len(), at: col}, true
	}
	if pk.Len() == 0 {
		return recordWidth{n: col.Len(), at: col}, true
	}
	return recordWidth{n: pk.Len() + col.Len(), at: col, shape: strconv.Itoa(pk.Len()) + " primaryKey and " + strconv.Itoa(col.Len()) + " column entries"}, true
}

// isTrue reports whether v is true or "true" (any case), as jobs write
// booleans both ways.
func isTrue(v taskcontent.Value) bool {
	if b, ok := v.Bool(); ok {
		return b
	}
	return v.Type() == taskcontent.TypeString && strings.EqualFold(strings.TrimSpace(v.Str()), "true")
}
