package taskcontent

import (
	"iter"
	"strconv"
	"strings"
)

// Job is a typed, read-only view of a job document. Each accessor returns
// the underlying Value too (through V or the returned views), so callers
// can always ask where a field is.
type Job struct{ Value Value }

// Job returns the typed view of the content. It works for any kind; fields
// that are absent read as zero values.
func (d *Document) Job() Job { return Job{Value: d.Root()} }

// Type returns the "type" field ("job" for TaskContent, "realtime" for the
// Generate TaskParam).
func (j Job) Type() string { return j.Value.Get("type").Str() }

// Version returns the "version" field ("2.0" for TaskContent).
func (j Job) Version() string { return j.Value.Get("version").Str() }

// Steps iterates over the steps in document order.
func (j Job) Steps() iter.Seq2[int, Step] {
	return func(yield func(int, Step) bool) {
		for i, v := range j.Value.Get("steps").Elems() {
			if !yield(i, Step{Value: v}) {
				return
			}
		}
	}
}

// Step returns the last step with the given name (as DataWorks resolves
// hops), or false.
func (j Job) Step(name string) (Step, bool) {
	var found Step
	ok := false
	for _, s := range j.Steps() {
		if s.Value.Get("name").StrEqual(name) {
			found, ok = s, true
		}
	}
	return found, ok
}

// StepsByCategory returns the steps whose category is c ("reader", "writer",
// "processor", "transformer"), compared case-insensitively.
func (j Job) StepsByCategory(c string) []Step {
	var out []Step
	for _, s := range j.Steps() {
		// The category's bytes, not Category: a string per step and call
		// was most of a small job's allocations by the graph rules.
		if strings.EqualFold(string(s.Value.Get("category").StrBytes()), c) {
			out = append(out, s)
		}
	}
	return out
}

// Reader returns the first reader step.
func (j Job) Reader() (Step, bool) { return firstStep(j.StepsByCategory("reader")) }

// Writer returns the first writer step.
func (j Job) Writer() (Step, bool) { return firstStep(j.StepsByCategory("writer")) }

func firstStep(s []Step) (Step, bool) {
	if len(s) == 0 {
		return Step{}, false
	}
	return s[0], true
}

// Hops iterates over order.hops.
func (j Job) Hops() iter.Seq2[int, Hop] {
	return func(yield func(int, Hop) bool) {
		for i, v := range j.Value.Path("order", "hops").Elems() {
			if !yield(i, Hop{Value: v}) {
				return
			}
		}
	}
}

// Setting returns the view of "setting".
func (j Job) Setting() Setting { return Setting{Value: j.Value.Get("setting")} }

// Extend returns the "extend" object.
func (j Job) Extend() Value { return j.Value.Get("extend") }

// Step is one reader, writer, processor or transformer step.
type Step struct{ Value Value }

// Name returns the step name that hops refer to.
func (s Step) Name() string { return s.Value.Get("name").Str() }

// StepType returns the plugin id ("mysql", "holo", …), or "" when the
// field is absent, null (as for processor steps) or not a string.
func (s Step) StepType() string { return s.Value.Get("stepType").Str() }

// Category returns "reader", "writer", "processor" or "transformer".
func (s Step) Category() string { return s.Value.Get("category").Str() }

// Parameter returns the plugin parameter object.
func (s Step) Parameter() Value { return s.Value.Get("parameter") }

// Connections iterates over parameter.connection[].
func (s Step) Connections() iter.Seq2[int, Connection] {
	return func(yield func(int, Connection) bool) {
		for i, v := range s.Parameter().Get("connection").Elems() {
			if !yield(i, Connection{Value: v}) {
				return
			}
		}
	}
}

// TableMappingRule returns the writer's parameter.tableMappingRule view.
func (s Step) TableMappingRule() TableMappingRule {
	return TableMappingRule{Value: s.Parameter().Get("tableMappingRule")}
}

// Hop is one edge of order.hops.
type Hop struct{ Value Value }

// From returns the name of the step the hop leaves.
func (h Hop) From() string { return h.Value.Get("from").Str() }

// To returns the name of the step the hop enters.
func (h Hop) To() string { return h.Value.Get("to").Str() }

// Setting is the view of the job's "setting" object.
type Setting struct{ Value Value }

// Concurrent returns speed.concurrent.
func (s Setting) Concurrent() Flex { return flex(s.Value.Path("speed", "concurrent")) }

// Throttle returns speed.throttle, accepting "true"/"false" strings too.
func (s Setting) Throttle() Flex { return flex(s.Value.Path("speed", "throttle")) }

// Mbps returns speed.mbps.
func (s Setting) Mbps() Flex { return flex(s.Value.Path("speed", "mbps")) }

// ErrorRecord returns errorLimit.record.
func (s Setting) ErrorRecord() Flex { return flex(s.Value.Path("errorLimit", "record")) }

// ErrorStrategy returns errorLimit.strategy (Ignore, Tolerance, ZeroTolerance).
func (s Setting) ErrorStrategy() string { return s.Value.Path("errorLimit", "strategy").Str() }

// ExecuteMode returns executeMode ("distribute", or "" when absent or null).
func (s Setting) ExecuteMode() string { return s.Value.Get("executeMode").Str() }

// Spelling says how a loosely typed field was written.
type Spelling uint8

// The spellings of a Flex field.
const (
	SpellingAbsent Spelling = iota // the field is not there
	SpellingNumber                 // 8
	SpellingString                 // "8"
	SpellingBool                   // true
	SpellingNull                   // null
	SpellingOther                  // an object or array
)

var spellingNames = [...]string{"absent", "number", "string", "boolean", "null", "other"}

// String returns the spelling's name.
func (s Spelling) String() string { return spellingNames[s] }

// Flex is a field that published jobs write both as a number (or boolean)
// and as a string, such as speed.concurrent (3 and "3") or
// errorLimit.record (0, "0" and "").
type Flex struct {
	Value    Value
	Spelling Spelling
}

func flex(v Value) Flex {
	f := Flex{Value: v}
	switch v.Type() {
	case TypeInvalid:
		f.Spelling = SpellingAbsent
	case TypeNumber:
		f.Spelling = SpellingNumber
	case TypeString:
		f.Spelling = SpellingString
	case TypeBool:
		f.Spelling = SpellingBool
	case TypeNull:
		f.Spelling = SpellingNull
	default:
		f.Spelling = SpellingOther
	}
	return f
}

// Text returns the value as written without quotes: "8" for both 8 and "8".
func (f Flex) Text() string {
	switch f.Spelling {
	case SpellingString:
		return f.Value.Str()
	case SpellingNumber, SpellingBool, SpellingNull:
		return string(f.Value.Raw())
	}
	return ""
}

// Int returns the value as an integer, whichever the spelling; ok is false
// when absent, empty or not an integer.
func (f Flex) Int() (n int64, ok bool) {
	switch f.Spelling {
	case SpellingNumber:
		return f.Value.Int()
	case SpellingString:
		n, err := parseIntSpelling(strings.TrimSpace(f.Value.Str()))
		return n, err == nil
	}
	return 0, false
}

// Bool returns the value as a boolean, accepting "true" and "false" strings;
// ok is false otherwise.
func (f Flex) Bool() (b, ok bool) {
	switch f.Spelling {
	case SpellingBool:
		return f.Value.Bool()
	case SpellingString:
		b, err := strconv.ParseBool(strings.TrimSpace(f.Value.Str()))
		return b, err == nil
	}
	return false, false
}

// Connection is one element of a reader's parameter.connection[].
type Connection struct{ Value Value }

// Datasource returns the connection's datasource name.
func (c Connection) Datasource() string { return c.Value.Get("datasource").Str() }

// DatasourceType returns datasourceType ("mysql", …).
func (c Connection) DatasourceType() string { return c.Value.Get("datasourceType").Str() }

// Tables returns the single-database table list ("table": [...]).
func (c Connection) Tables() Value { return c.Value.Get("table") }

// SelectedTables iterates over selectedTables[] (one entry per database).
func (c Connection) SelectedTables() iter.Seq2[int, SelectedDB] {
	return func(yield func(int, SelectedDB) bool) {
		for i, v := range c.Value.Get("selectedTables").Elems() {
			if !yield(i, SelectedDB{Value: v}) {
				return
			}
		}
	}
}

// SelectedDB is one database of selectedTables: dbName and its schemas.
type SelectedDB struct{ Value Value }

// DBName returns dbName.
func (s SelectedDB) DBName() string { return s.Value.Get("dbName").Str() }

// Tables iterates over every tableInfos entry of every schema of the database.
func (s SelectedDB) Tables() iter.Seq[TableInfo] {
	return func(yield func(TableInfo) bool) {
		for _, schema := range s.Value.Get("schema").Elems() {
			for _, ti := range schema.Get("tableInfos").Elems() {
				if !yield(TableInfo{Value: ti}) {
					return
				}
			}
		}
	}
}

// TableInfo is one selected source table.
type TableInfo struct{ Value Value }

// Table returns the table name.
func (t TableInfo) Table() string { return t.Value.Get("table").Str() }

// Enabled reports whether the table is selected: "enable" true or absent.
func (t TableInfo) Enabled() bool {
	b, ok := t.Value.Get("enable").Bool()
	return !ok || b
}

// TableMappingRule is a writer's parameter.tableMappingRule.
type TableMappingRule struct{ Value Value }

// Exists reports whether the writer has a tableMappingRule.
func (m TableMappingRule) Exists() bool { return m.Value.Exists() }

// TotalTableMapping returns totalTableMapping.
func (m TableMappingRule) TotalTableMapping() Flex { return flex(m.Value.Get("totalTableMapping")) }

// Datasources iterates over datasource[] entries.
func (m TableMappingRule) Datasources() iter.Seq2[int, MappingDatasource] {
	return func(yield func(int, MappingDatasource) bool) {
		for i, v := range m.Value.Get("datasource").Elems() {
			if !yield(i, MappingDatasource{Value: v}) {
				return
			}
		}
	}
}

// Rules iterates over every tableRule of every datasource entry.
func (m TableMappingRule) Rules() iter.Seq[TableRule] {
	return func(yield func(TableRule) bool) {
		for _, ds := range m.Datasources() {
			for _, r := range ds.Rules() {
				if !yield(r) {
					return
				}
			}
		}
	}
}

// RuleCount returns the number of tableRule entries.
func (m TableMappingRule) RuleCount() int {
	n := 0
	for _, ds := range m.Datasources() {
		n += ds.Value.Get("tableRule").Len()
	}
	return n
}

// MappingDatasource is one datasource[] entry of a tableMappingRule.
type MappingDatasource struct{ Value Value }

// SrcDatasource returns srcDatasourceName (TableMapping.SrcDatasource).
func (m MappingDatasource) SrcDatasource() string { return m.Value.Get("srcDatasourceName").Str() }

// Rules iterates over tableRule[].
func (m MappingDatasource) Rules() iter.Seq2[int, TableRule] {
	return func(yield func(int, TableRule) bool) {
		for i, v := range m.Value.Get("tableRule").Elems() {
			if !yield(i, TableRule{Value: v}) {
				return
			}
		}
	}
}

// TableRule maps one source table to one destination table.
type TableRule struct{ Value Value }

// SrcDB returns srcDbName (TableMapping.SrcDB).
func (r TableRule) SrcDB() string { return r.Value.Get("srcDbName").Str() }

// SrcTable returns srcTable.
func (r TableRule) SrcTable() string { return r.Value.Get("srcTable").Str() }

// DstTable returns dstTable ("schema.table").
func (r TableRule) DstTable() string { return r.Value.Get("dstTable").Str() }

// MergeIntoCycleType returns mergeIntoCycleType ("DEFAULT").
func (r TableRule) MergeIntoCycleType() string { return r.Value.Get("mergeIntoCycleType").Str() }

// DayDeltaEnable returns dayDeltaEnable.
func (r TableRule) DayDeltaEnable() Flex { return flex(r.Value.Get("dayDeltaEnable")) }

// HourDeltaEnable returns hourDeltaEnable.
func (r TableRule) HourDeltaEnable() Flex { return flex(r.Value.Get("hourDeltaEnable")) }

// PrimaryKeyColumns returns primaryKeyInfo.column.
func (r TableRule) PrimaryKeyColumns() Value { return r.Value.Path("primaryKeyInfo", "column") }

// DstCreateTableInfo returns the view of dstCreateTableInfo.
func (r TableRule) DstCreateTableInfo() DstCreateTableInfo {
	return DstCreateTableInfo{Value: r.Value.Get("dstCreateTableInfo")}
}

// DstCreateTableInfo describes the destination table DataWorks creates.
type DstCreateTableInfo struct{ Value Value }

// SchemaName returns schemaName.
func (c DstCreateTableInfo) SchemaName() string { return c.Value.Get("schemaName").Str() }

// TableName returns tableName.
func (c DstCreateTableInfo) TableName() string { return c.Value.Get("tableName").Str() }

// IndexType returns indexType.
func (c DstCreateTableInfo) IndexType() string { return c.Value.Get("indexType").Str() }

// Columns iterates over dataColumn[].
func (c DstCreateTableInfo) Columns() iter.Seq2[int, DataColumn] {
	return func(yield func(int, DataColumn) bool) {
		for i, v := range c.Value.Get("dataColumn").Elems() {
			if !yield(i, DataColumn{Value: v}) {
				return
			}
		}
	}
}

// DataColumn is one destination column.
type DataColumn struct{ Value Value }

// Name returns the column name.
func (c DataColumn) Name() string { return c.Value.Get("name").Str() }

// Index returns the column's index.
func (c DataColumn) Index() Flex { return flex(c.Value.Get("index")) }

// Type returns the destination type ("int8", "text", …).
func (c DataColumn) Type() string { return c.Value.Get("type").Str() }

// PrimaryKey reports whether the column is marked as part of the primary key.
func (c DataColumn) PrimaryKey() bool {
	b, ok := flex(c.Value.Get("primaryKey")).Bool()
	return ok && b
}
