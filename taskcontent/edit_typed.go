package taskcontent

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// SetResourceGroup sets the Data Integration resource group: extend.resourceGroup
// of a job, ResourceGroup of a Create/Update TaskParam, setting.resourceGroup
// of a realtime TaskParam.
func (e *Editor) SetResourceGroup(id string) *Editor {
	switch e.doc.Kind() {
	case KindTaskParam:
		return e.Set("/ResourceGroup", id)
	case KindRealtimeTaskParam:
		return e.Set("/setting/resourceGroup", id)
	}
	return e.Set("/extend/resourceGroup", id)
}

// setKeepingSpelling sets an integer field, writing it as a string when the
// document already spells it as one ("concurrent": "3").
func (e *Editor) setKeepingSpelling(ptr string, n int64) *Editor {
	if v, ok := e.doc.Lookup(ptr); ok && v.Type() == TypeString {
		return e.Set(ptr, strconv.FormatInt(n, 10))
	}
	return e.Set(ptr, json.Number(strconv.FormatInt(n, 10)))
}

// SetConcurrent sets setting.speed.concurrent (DataWorks accepts 1–32).
func (e *Editor) SetConcurrent(n int) *Editor {
	if n < 1 || n > 32 {
		e.fail(fmt.Errorf("concurrent %d is outside 1–32", n))
		return e
	}
	return e.setKeepingSpelling("/setting/speed/concurrent", int64(n))
}

// SetThrottle turns bandwidth throttling on with a limit of mbps MB/s, or
// off (mbps is then removed, since DataWorks ignores it without throttle).
func (e *Editor) SetThrottle(on bool, mbps int) *Editor {
	if on && mbps <= 0 {
		e.fail(fmt.Errorf("throttling needs a positive mbps, got %d", mbps))
		return e
	}
	e.Set("/setting/speed/throttle", on)
	if !on {
		return e.Delete("/setting/speed/mbps")
	}
	return e.setKeepingSpelling("/setting/speed/mbps", int64(mbps))
}

// SetErrorLimit sets errorLimit.strategy (Ignore, Tolerance or ZeroTolerance)
// and, for Tolerance, the number of dirty records tolerated. For the other
// strategies record is removed.
func (e *Editor) SetErrorLimit(strategy string, record int) *Editor {
	switch strategy {
	case "Ignore", "ZeroTolerance":
		e.Set("/setting/errorLimit/strategy", strategy)
		return e.Delete("/setting/errorLimit/record")
	case "Tolerance":
		if record < 0 {
			e.fail(fmt.Errorf("errorLimit record must be >= 0, got %d", record))
			return e
		}
		e.Set("/setting/errorLimit/strategy", strategy)
		return e.setKeepingSpelling("/setting/errorLimit/record", int64(record))
	}
	e.fail(fmt.Errorf("unknown errorLimit strategy %q (valid: Ignore, Tolerance, ZeroTolerance)", strategy))
	return e
}

// RenameStep renames a step and every hop that refers to it.
func (e *Editor) RenameStep(from, to string) *Editor {
	job := e.doc.Job()
	found := false
	for _, s := range job.Steps() {
		if n := s.Value.Get("name"); n.StrEqual(from) {
			e.SetValue(n, to)
			found = true
		}
	}
	if !found {
		e.fail(fmt.Errorf("rename step: no step named %q", from))
		return e
	}
	for _, h := range job.Hops() {
		for _, end := range []string{"from", "to"} {
			if v := h.Value.Get(end); v.StrEqual(from) {
				e.SetValue(v, to)
			}
		}
	}
	return e
}

// SetWriteMode sets parameter.writeMode of every writer step.
func (e *Editor) SetWriteMode(mode string) *Editor {
	writers := e.doc.Job().StepsByCategory("writer")
	if len(writers) == 0 {
		e.fail(fmt.Errorf("set writeMode: the document has no writer step"))
		return e
	}
	for _, w := range writers {
		e.setMember(e.member(slot{v: w.Value}, "parameter", false), "writeMode", quoteJSON(mode), w.Value.Pointer()+"/parameter/writeMode")
	}
	return e
}

func quoteJSON(s string) []byte { return appendQuoted(nil, s) }

// TableMapping describes one source table to add to a realtime task or
// synchronization solution.
type TableMapping struct {
	// SrcDatasource is the source datasource name; empty means the reader's.
	SrcDatasource string
	SrcDB         string
	SrcTable      string
	// DstSchema and DstTable name the destination; DstTable defaults to SrcTable.
	DstSchema string
	DstTable  string
	// PrimaryKey lists the primary key columns.
	PrimaryKey []string
	// Columns describe the destination table, in order.
	Columns []MappingColumn
}

// MappingColumn is one destination column of a TableMapping.
type MappingColumn struct {
	Name    string
	Type    string
	Comment string
}

// mappingTarget finds the writer's tableMappingRule and the reader step.
func (e *Editor) mappingTarget() (writer Step, reader Step, err error) {
	job := e.doc.Job()
	for _, w := range job.StepsByCategory("writer") {
		if w.TableMappingRule().Exists() {
			writer = w
			break
		}
	}
	if !writer.Value.Exists() {
		return writer, reader, fmt.Errorf("the document has no writer with a tableMappingRule")
	}
	reader, _ = job.Reader()
	return writer, reader, nil
}

// AddTableMapping adds a table rule to the writer's tableMappingRule, selects
// the source table in the reader, and recounts totalTableMapping, keeping
// the three consistent.
func (e *Editor) AddTableMapping(m TableMapping) *Editor {
	writer, reader, err := e.mappingTarget()
	if err != nil {
		e.fail(fmt.Errorf("add table mapping: %w", err))
		return e
	}
	if m.SrcTable == "" || m.DstSchema == "" {
		e.fail(fmt.Errorf("add table mapping: SrcTable and DstSchema are required"))
		return e
	}
	if len(m.Columns) == 0 {
		// DataWorks would be asked to create a destination table without
		// columns.
		e.fail(fmt.Errorf("add table mapping %s: Columns is empty; give the destination table's columns", m.SrcTable))
		return e
	}
	for _, k := range m.PrimaryKey {
		if !slices.ContainsFunc(m.Columns, func(c MappingColumn) bool { return c.Name == k }) {
			e.fail(fmt.Errorf("add table mapping %s: primary key column %q is not among Columns", m.SrcTable, k))
			return e
		}
	}
	if m.DstTable == "" {
		m.DstTable = m.SrcTable
	}
	conn := Connection{Value: reader.Parameter().Get("connection").Index(0)}
	if m.SrcDatasource == "" {
		m.SrcDatasource = conn.Datasource()
	}
	for _, c := range reader.Connections() {
		if c.Datasource() == m.SrcDatasource {
			conn = c
		}
	}
	var sibling Value
	for r := range writer.TableMappingRule().Rules() {
		sibling = r.Value
		break
	}
	rule, err := marshal(newTableRule(m).like(sibling))
	if err != nil {
		e.fail(err)
		return e
	}
	e.push(e.mappingRules(writer, m.SrcDatasource), rule)
	if conn.Value.Exists() {
		info, _ := marshal(object{{"enable", true}, {"table", m.SrcTable}, {"tableName", m.SrcTable}})
		if tables := conn.Tables(); tables.Type() == TypeArray && !conn.Value.Get("selectedTables").Exists() {
			e.push(slot{v: tables}, quoteJSON(m.SrcTable))
		} else {
			e.push(e.selectedTableInfos(conn, m.SrcDB), info)
		}
	}
	e.recount = true
	return e
}

// mappingRules returns the tableRule array for a source datasource,
// creating the datasource entry when the batch is the first to need it.
func (e *Editor) mappingRules(writer Step, srcDatasource string) slot {
	dsArr := e.member(e.member(e.member(slot{v: writer.Value}, "parameter", false), "tableMappingRule", false), "datasource", true)
	if dsArr.v.Exists() {
		for _, ds := range dsArr.v.Elems() {
			if ds.Get("srcDatasourceName").StrEqual(srcDatasource) {
				return e.member(slot{v: ds}, "tableRule", true)
			}
		}
	}
	if p := e.pendingElem(dsArr, "srcDatasourceName", srcDatasource); p != nil {
		return e.member(slot{p: p}, "tableRule", true)
	}
	entry := e.push(dsArr, nil)
	entry.kids = append(entry.kids, &pending{key: "srcDatasourceName", raw: quoteJSON(srcDatasource)})
	return e.member(slot{p: entry}, "tableRule", true)
}

// pendingElem finds an object this batch added to an array whose field key
// is the string value.
func (e *Editor) pendingElem(arr slot, key, value string) *pending {
	var kids []*pending
	if arr.p != nil {
		kids = arr.p.kids
	} else if arr.v.Exists() {
		kids = e.appends[arr.v.i]
	}
	want := string(quoteJSON(value))
	for _, k := range kids {
		if f := k.member(key); k.raw == nil && f != nil && string(f.raw) == want {
			return k
		}
	}
	return nil
}

// selectedTableInfos returns the tableInfos array of the first schema of
// the database in selectedTables, creating the database entry if needed.
func (e *Editor) selectedTableInfos(conn Connection, db string) slot {
	sel := e.member(slot{v: conn.Value}, "selectedTables", true)
	if sel.v.Exists() {
		for _, d := range sel.v.Elems() {
			if d.Get("dbName").StrEqual(db) {
				schemas := e.member(slot{v: d}, "schema", true)
				if schemas.v.Len() > 0 {
					return e.member(slot{v: schemas.v.Index(0)}, "tableInfos", true)
				}
				return e.member(e.firstPendingObject(schemas), "tableInfos", true)
			}
		}
	}
	if p := e.pendingElem(sel, "dbName", db); p != nil {
		return e.member(e.firstPendingObject(slot{p: p.member("schema")}), "tableInfos", true)
	}
	entry := e.push(sel, nil)
	entry.kids = append(entry.kids, &pending{key: "dbName", raw: quoteJSON(db)})
	schemas := &pending{key: "schema", arr: true}
	entry.kids = append(entry.kids, schemas)
	return e.member(e.firstPendingObject(slot{p: schemas}), "tableInfos", true)
}

// firstPendingObject returns the first object element of a pending or
// empty array, adding one if there is none.
func (e *Editor) firstPendingObject(arr slot) slot {
	if arr.p != nil && len(arr.p.kids) > 0 {
		return slot{p: arr.p.kids[0]}
	}
	if arr.v.Exists() && len(e.appends[arr.v.i]) > 0 {
		return slot{p: e.appends[arr.v.i][0]}
	}
	return slot{p: e.push(arr, nil)}
}

func newTableRule(m TableMapping) object {
	pk := m.PrimaryKey
	if pk == nil {
		pk = []string{}
	}
	isPK := map[string]bool{}
	for _, c := range pk {
		isPK[c] = true
	}
	cols := make([]any, len(m.Columns))
	for i, c := range m.Columns {
		cols[i] = object{
			{"name", c.Name}, {"index", i}, {"type", c.Type}, {"columnSize", 0},
			{"digit", 0}, {"newDigit", 0}, {"comment", c.Comment}, {"primaryKey", isPK[c.Name]},
		}
	}
	// The order of the published examples and the console's exports.
	return object{
		{"srcDbName", m.SrcDB},
		{"srcTable", m.SrcTable},
		{"dstTable", m.DstSchema + "." + m.DstTable},
		{"mergeIntoCycleType", "DEFAULT"},
		{"dayDeltaEnable", false},
		{"hourDeltaEnable", false},
		{"primaryKeyInfo", object{{"column", pk}, {"type", "pk"}}},
		{"dstCreateTableInfo", object{
			{"schemaName", m.DstSchema},
			{"tableName", m.DstTable},
			{"dataColumn", cols},
		}},
	}
}

// object is a JSON object whose members keep their order when marshalled.
type object []objectMember

type objectMember struct {
	key string
	val any
}

// MarshalJSON writes the members in order.
func (o object) MarshalJSON() ([]byte, error) {
	out := []byte{'{'}
	for i, m := range o {
		if i > 0 {
			out = append(out, ',')
		}
		out = appendQuoted(out, m.key)
		out = append(out, ':')
		raw, err := marshal(m.val)
		if err != nil {
			return nil, err
		}
		out = append(out, raw...)
	}
	return append(out, '}'), nil
}

// like orders o's members as tmpl, an object of the document that o will
// stand beside, orders the same keys; keys tmpl lacks keep their place
// after those it has. Nested objects, and objects in arrays, follow the
// matching parts of tmpl.
func (o object) like(tmpl Value) object {
	if tmpl.Type() != TypeObject {
		return o
	}
	rank := map[string]int{}
	i := 0
	for k := range tmpl.Members() {
		if _, dup := rank[k]; !dup {
			rank[k] = i
			i++
		}
	}
	out := make(object, len(o))
	for j, m := range o {
		sub := tmpl.Get(m.key)
		switch v := m.val.(type) {
		case object:
			m.val = v.like(sub)
		case []any:
			if sub.Type() == TypeArray && sub.Len() > 0 {
				elems := make([]any, len(v))
				for n, e := range v {
					if eo, ok := e.(object); ok {
						e = eo.like(sub.Index(0))
					}
					elems[n] = e
				}
				m.val = elems
			}
		}
		out[j] = m
	}
	slices.SortStableFunc(out, func(a, b objectMember) int {
		ra, oka := rank[a.key]
		rb, okb := rank[b.key]
		switch {
		case oka && okb:
			return ra - rb
		case oka:
			return -1
		case okb:
			return 1
		}
		return 0
	})
	return out
}

// RemoveTableMapping removes the table rules of one source table and
// deselects it in the reader, then recounts totalTableMapping.
func (e *Editor) RemoveTableMapping(srcDB, srcTable string) *Editor {
	writer, reader, err := e.mappingTarget()
	if err != nil {
		e.fail(fmt.Errorf("remove table mapping: %w", err))
		return e
	}
	found := false
	for r := range writer.TableMappingRule().Rules() {
		if r.SrcTable() == srcTable && (srcDB == "" || r.SrcDB() == srcDB) {
			e.DeleteValue(r.Value)
			found = true
		}
	}
	if !found {
		e.fail(fmt.Errorf("remove table mapping: no rule for %s.%s", srcDB, srcTable))
		return e
	}
	for _, c := range reader.Connections() {
		for _, db := range c.SelectedTables() {
			if srcDB != "" && db.DBName() != srcDB {
				continue
			}
			for ti := range db.Tables() {
				if ti.Table() == srcTable {
					e.DeleteValue(ti.Value)
				}
			}
		}
		for _, t := range c.Tables().Elems() {
			if t.StrEqual(srcTable) {
				e.DeleteValue(t)
			}
		}
	}
	e.recount = true
	return e
}

// recountMappings sets totalTableMapping to the number of table rules.
func recountMappings(e *Editor) {
	writer, _, err := e.mappingTarget()
	if err != nil {
		return
	}
	tmr := writer.TableMappingRule()
	n := int64(tmr.RuleCount())
	if cur, ok := tmr.TotalTableMapping().Int(); ok && cur == n {
		return
	}
	e.setMember(slot{v: tmr.Value}, "totalTableMapping", []byte(strconv.FormatInt(n, 10)), "totalTableMapping")
}

// SetDestinationSchema moves every table mapping to another destination
// schema: dstTable becomes schema.table and dstCreateTableInfo.schemaName
// the schema.
func (e *Editor) SetDestinationSchema(schema string) *Editor {
	writer, _, err := e.mappingTarget()
	if err != nil {
		e.fail(fmt.Errorf("set destination schema: %w", err))
		return e
	}
	for r := range writer.TableMappingRule().Rules() {
		table := r.DstCreateTableInfo().TableName()
		if dst := r.Value.Get("dstTable"); dst.Exists() {
			if table == "" {
				table = dst.Str()
				if i := strings.LastIndexByte(table, '.'); i >= 0 {
					table = table[i+1:]
				}
			}
			e.SetValue(dst, schema+"."+table)
		}
		if info := r.Value.Get("dstCreateTableInfo"); info.Type() == TypeObject {
			e.setMember(slot{v: info}, "schemaName", quoteJSON(schema), info.Pointer()+"/schemaName")
		}
	}
	return e
}
