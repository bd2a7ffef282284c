package lint

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/dilint/dilint/schema"
	"github.com/dilint/dilint/taskcontent"
)

// This file holds what the steps, settings and mapping rules share: the
// reader-side index of selected tables that mapping rules check against,
// bounded did-you-mean lookups, and small helpers for loosely typed fields.

// atMost lowers the pass's severity to limit, for findings of a rule whose
// evidence is weaker than that of the rule's main finding. A configured
// severity below limit still wins.
func atMost(pass *Pass, limit Severity) Severity { return min(pass.Severity, limit) }

// related builds a secondary place of a diagnostic at v.
func related(v taskcontent.Value, msg string) Related {
	r := Related{Message: msg, Pointer: v.Pointer()}
	span := v.Span()
	r.Start, r.End = span.Start, span.End
	if k := v.KeySpan(); k.IsValid() {
		r.Start = k.Start
	}
	return r
}

// hasSteps reports whether the document's content is a job or request with
// a steps array, which the steps and mapping rules look into.
func hasSteps(doc *taskcontent.Document) bool {
	switch doc.Kind() {
	case taskcontent.KindJob, taskcontent.KindRealtimeTaskParam:
		return doc.Root().Get("steps").Type() == taskcontent.TypeArray
	}
	return false
}

// isCategory reports whether a step has the category c, compared
// case-insensitively as taskcontent's views compare it, so that a step with
// a miscapitalised category (the schema's finding) is still checked.
func isCategory(s taskcontent.Step, c string) bool {
	// s.Category() would allocate the string for every step of every
	// document; StrBytes does not.
	return bytes.EqualFold(s.Value.Get("category").StrBytes(), []byte(c))
}

// maxSuggestChoices bounds the names a did-you-mean compares against by
// edit distance, so that a document with thousands of tables and a typo in
// each stays linear: above it, only case and whitespace variants are found.
const maxSuggestChoices = 256

// nameSet is a set of names with a bounded did-you-mean. The folded index
// that suggestions need is built on the first suggest, under a sync.Once:
// most sets never suggest, and a set shared by rules running concurrently
// is read by several goroutines.
type nameSet struct {
	names    []string
	index    map[string]int // name → its position in names
	foldOnce sync.Once
	folded   map[string]string // folded name → first name with that fold
}

func newNameSet() *nameSet { return &nameSet{index: map[string]int{}} }

// fold is the comparison key of a name for suggestions: case and
// surrounding whitespace ignored.
func fold(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// add adds name unless the set has it, and returns its position in names.
func (s *nameSet) add(name string) int {
	if i, ok := s.index[name]; ok {
		return i
	}
	s.index[name] = len(s.names)
	s.names = append(s.names, name)
	return len(s.names) - 1
}

func (s *nameSet) has(name string) bool {
	_, ok := s.index[name]
	return ok
}

// suggest returns the name closest to word, or "".
func (s *nameSet) suggest(word string) string {
	s.foldOnce.Do(func() {
		s.folded = make(map[string]string, len(s.names))
		for _, n := range s.names {
			if _, ok := s.folded[fold(n)]; !ok {
				s.folded[fold(n)] = n
			}
		}
	})
	if f, ok := s.folded[fold(word)]; ok && f != word {
		return f
	}
	if len(s.names) > maxSuggestChoices {
		return ""
	}
	return schema.Suggest(word, s.names)
}

// didYouMean formats a suggestion for the end of a message.
func didYouMean(suggestion string) string {
	if suggestion == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", suggestion)
}

// sourceIndex is what the reader steps of a job read: the data sources they
// name and the tables they select, either per database
// (connection[].selectedTables[].dbName and its tableInfos) or as a plain
// list (connection[].table).
type sourceIndex struct {
	datasources *nameSet
	// datasourceAt is where each data source is first named.
	datasourceAt map[string]taskcontent.Value
	// dbs maps a selected database name to its tables.
	dbs   map[string]*sourceDB
	dbSet *nameSet
	// listed holds the tables of connection[].table lists, which name no
	// database; listedAt holds each first occurrence.
	listed   *nameSet
	listedAt []taskcontent.Value
	// hasDBs and hasLists report whether any reader uses either form, so a
	// rule can tell "not selected" from "selection unknown".
	hasDBs, hasLists bool
}

// sourceDB is one selected database.
type sourceDB struct {
	name taskcontent.Value // the dbName value
	// set indexes the table names by hash, without a string or a copy
	// per name: a database can have thousands of tables.
	set *keyIndex
	// tables holds the first tableInfos entry of each name, by id in set.
	tables []taskcontent.TableInfo
	// suggestions is the did-you-mean over the table names, built on the
	// first report that needs one.
	suggestOnce sync.Once
	suggestions *nameSet
}

// tableName is the name of a tableInfos entry as the index compares it.
func tableName(ti taskcontent.TableInfo) []byte { return ti.Value.Get("table").StrBytes() }

// find returns the id of a table name.
func (d *sourceDB) find(name []byte) (int, bool) {
	return d.set.find(hashKey(name), func(id int) bool { return bytes.Equal(tableName(d.tables[id]), name) })
}

// table returns the first tableInfos entry of a table name.
func (d *sourceDB) table(name []byte) (taskcontent.TableInfo, bool) {
	i, ok := d.find(name)
	if !ok {
		return taskcontent.TableInfo{}, false
	}
	return d.tables[i], true
}

// suggest returns the table name closest to word, or "".
func (d *sourceDB) suggest(word string) string {
	d.suggestOnce.Do(func() {
		d.suggestions = &nameSet{index: make(map[string]int, len(d.tables))}
		for _, ti := range d.tables {
			d.suggestions.add(string(tableName(ti)))
		}
	})
	return d.suggestions.suggest(word)
}

// indexSources reads the reader steps of job. Its cost is linear in the
// number of selected tables.
func indexSources(job taskcontent.Job) *sourceIndex {
	ix := &sourceIndex{
		datasources:  newNameSet(),
		datasourceAt: map[string]taskcontent.Value{},
		dbs:          map[string]*sourceDB{},
		dbSet:        newNameSet(),
		listed:       newNameSet(),
	}
	addDS := func(v taskcontent.Value) {
		name := v.Str()
		if v.Type() != taskcontent.TypeString || name == "" {
			return
		}
		if !ix.datasources.has(name) {
			ix.datasourceAt[name] = v
		}
		ix.datasources.add(name)
	}
	for _, step := range job.Steps() {
		if !isCategory(step, "reader") {
			continue
		}
		addDS(step.Parameter().Get("datasource"))
		for _, conn := range step.Connections() {
			addDS(conn.Value.Get("datasource"))
			if tables := conn.Tables(); tables.Type() == taskcontent.TypeArray {
				ix.hasLists = true
				for _, t := range tables.Elems() {
					if t.Type() == taskcontent.TypeString && !ix.listed.has(t.Str()) {
						ix.listed.add(t.Str())
						ix.listedAt = append(ix.listedAt, t)
					}
				}
			}
			if conn.Value.Get("selectedTables").Type() == taskcontent.TypeArray {
				ix.hasDBs = true
			}
			for _, db := range conn.SelectedTables() {
				ix.addDB(db)
			}
		}
	}
	return ix
}

func (ix *sourceIndex) addDB(db taskcontent.SelectedDB) {
	nameV := db.Value.Get("dbName")
	d, ok := ix.dbs[string(nameV.StrBytes())]
	if !ok {
		name := nameV.Str()
		// Sized for the tables of this entry, usually the only one of
		// its database, so that the index does not grow table by table.
		n := 0
		for _, schema := range db.Value.Get("schema").Elems() {
			n += schema.Get("tableInfos").Len()
		}
		d = &sourceDB{name: nameV, set: newKeyIndex(n), tables: make([]taskcontent.TableInfo, 0, n)}
		ix.dbs[name] = d
		ix.dbSet.add(name)
	}
	for ti := range db.Tables() {
		name := tableName(ti)
		if _, added := d.set.add(hashKey(name), func(id int) bool { return bytes.Equal(tableName(d.tables[id]), name) }); added {
			d.tables = append(d.tables, ti)
		}
	}
}

// mappingRule is one tableRule with the writer and datasource[] entry it
// belongs to.
type mappingRule struct {
	writer taskcontent.Step
	source taskcontent.MappingDatasource
	rule   taskcontent.TableRule
	// dst and info are the rule's dstTable and dstCreateTableInfo, looked
	// up once for the nine rules that read them: on a solution of 20,000
	// tables the repeated member lookups were a fifth of the rules' time.
	dst  taskcontent.Value
	info taskcontent.DstCreateTableInfo
}

// newMappingRule makes the mappingRule of one tableRule.
func newMappingRule(w taskcontent.Step, ds taskcontent.MappingDatasource, r taskcontent.TableRule) mappingRule {
	return mappingRule{writer: w, source: ds, rule: r, dst: r.Value.Get("dstTable"), info: r.DstCreateTableInfo()}
}

// mappingWriters returns the writer steps that carry a tableMappingRule
// object: the writers of real-time and solution jobs.
func mappingWriters(job taskcontent.Job) []taskcontent.Step {
	var out []taskcontent.Step
	for _, s := range job.Steps() {
		if isCategory(s, "writer") && s.TableMappingRule().Value.Type() == taskcontent.TypeObject {
			out = append(out, s)
		}
	}
	return out
}

// collectMappings returns every tableRule of the mapping writers, in
// document order; Pass.mappings shares the result.
func collectMappings(writers []taskcontent.Step) []mappingRule {
	n := 0
	for _, w := range writers {
		n += w.TableMappingRule().RuleCount()
	}
	out := make([]mappingRule, 0, n)
	for _, w := range writers {
		for _, ds := range w.TableMappingRule().Datasources() {
			for _, r := range ds.Rules() {
				out = append(out, newMappingRule(w, ds, r))
			}
		}
	}
	return out
}

// isHoloWriter reports whether a writer step writes to Hologres. "hologres"
// is accepted too: unknown-step-type reports the spelling, and the columns
// are Hologres columns either way.
func isHoloWriter(s taskcontent.Step) bool {
	t := s.Value.Get("stepType").StrBytes() // StepType without its string
	return string(t) == "holo" || string(t) == "hologres"
}

// isPostgresWriter reports whether a writer's identifiers follow PostgreSQL
// rules (Hologres is PostgreSQL-compatible).
func isPostgresWriter(s taskcontent.Step) bool {
	return isHoloWriter(s) || string(s.Value.Get("stepType").StrBytes()) == "postgresql"
}

// appendQualifiedTable appends schemaName.tableName of a dstCreateTableInfo
// to b, or nothing when either is missing. Rules that read it for every
// table build no string with it.
func appendQualifiedTable(b []byte, c taskcontent.DstCreateTableInfo) []byte {
	s, t := c.Value.Get("schemaName").StrBytes(), c.Value.Get("tableName").StrBytes()
	if len(s) == 0 || len(t) == 0 {
		return b
	}
	b = append(b, s...)
	b = append(b, '.')
	return append(b, t...)
}

// isSet reports whether a loosely typed field carries a value: present, not
// null and not the empty string the UI writes for "not set".
func isSet(f taskcontent.Flex) bool {
	switch f.Spelling {
	case taskcontent.SpellingAbsent, taskcontent.SpellingNull:
		return false
	case taskcontent.SpellingString:
		return strings.TrimSpace(f.Value.Str()) != ""
	}
	return true
}

// nonEmpty reports whether a parameter value says something: a non-blank
// string, or a non-empty array with at least one non-blank string.
func nonEmpty(v taskcontent.Value) bool {
	switch v.Type() {
	case taskcontent.TypeString:
		return strings.TrimSpace(v.Str()) != ""
	case taskcontent.TypeArray:
		for _, e := range v.Elems() {
			if e.Type() != taskcontent.TypeString || strings.TrimSpace(e.Str()) != "" {
				return true
			}
		}
	case taskcontent.TypeObject, taskcontent.TypeNumber, taskcontent.TypeBool:
		return true
	}
	return false
}

// maxIdentifierBytes is PostgreSQL's NAMEDATALEN-1: longer identifiers are
// cut to this many bytes, at a character boundary.
const maxIdentifierBytes = 63

// truncateIdentifier returns what PostgreSQL keeps of an identifier.
func truncateIdentifier(s string) string {
	if len(s) <= maxIdentifierBytes {
		return s
	}
	cut := maxIdentifierBytes
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

// querySQL returns the first non-empty querySql of a reader step, in its
// parameter or in one of its connections.
func querySQL(step taskcontent.Step) (taskcontent.Value, bool) {
	if v := step.Parameter().Get("querySql"); nonEmpty(v) {
		return v, true
	}
	for _, conn := range step.Connections() {
		if v := conn.Value.Get("querySql"); nonEmpty(v) {
			return v, true
		}
	}
	return taskcontent.Value{}, false
}

// columnName returns the name a column-list entry gives: the string itself,
// or the "name" of an object entry (file and document plugins).
func columnName(e taskcontent.Value) (string, bool) {
	switch e.Type() {
	case taskcontent.TypeString:
		return e.Str(), true
	case taskcontent.TypeObject:
		if n := e.Get("name"); n.Type() == taskcontent.TypeString {
			return n.Str(), true
		}
	}
	return "", false
}

// columnKey is the identity of a column name for duplicate checks: SQL
// engines fold case and ignore `quoting`.
func columnKey(name string) string {
	s := strings.TrimSpace(name)
	if len(s) >= 2 && (s[0] == '`' && s[len(s)-1] == '`' || s[0] == '"' && s[len(s)-1] == '"') {
		s = s[1 : len(s)-1]
	}
	return strings.ToLower(s)
}

// isColumnExpression reports whether a reader column entry is a constant or
// an expression rather than a column name ('abc', 42, now()), which may
// repeat.
func isColumnExpression(name string) bool {
	s := strings.TrimSpace(name)
	if s == "" || s == "*" {
		return true
	}
	if s[0] == '\'' || strings.ContainsAny(s, "()+ ") {
		return true
	}
	return isFloatLiteral(s)
}

// isFloatLiteral reports whether strconv.ParseFloat(s, 64) succeeds,
// without calling it (and allocating its error) for the column names that
// cannot be numbers: a number starts with a digit, '.', or a sign, or is
// "inf", "infinity" or "nan" in any case.
func isFloatLiteral(s string) bool {
	if s == "" {
		return false
	}
	switch c := s[0]; {
	case c >= '0' && c <= '9', c == '.', c == '+', c == '-':
		_, err := strconv.ParseFloat(s, 64)
		return err == nil
	case c == 'i', c == 'I', c == 'n', c == 'N':
		return strings.EqualFold(s, "inf") || strings.EqualFold(s, "infinity") || strings.EqualFold(s, "nan")
	}
	return false
}

// explicitColumns returns a step's column list when it names the columns:
// a non-empty array without "*", on a step whose columns are not replaced
// by a querySql.
func explicitColumns(step taskcontent.Step) (taskcontent.Value, bool) {
	col := step.Parameter().Get("column")
	if col.Type() != taskcontent.TypeArray || col.Len() == 0 {
		return taskcontent.Value{}, false
	}
	if isCategory(step, "reader") {
		if _, ok := querySQL(step); ok {
			return taskcontent.Value{}, false
		}
	}
	for _, e := range col.Elems() {
		if e.Type() == taskcontent.TypeString && strings.TrimSpace(e.Str()) == "*" {
			return taskcontent.Value{}, false
		}
	}
	return col, true
}

// jobSetting returns the setting of a TaskContent job; ok is false for
// other kinds of content and when the job has no setting object.
func jobSetting(doc *taskcontent.Document) (taskcontent.Setting, bool) {
	if doc.Kind() != taskcontent.KindJob {
		return taskcontent.Setting{}, false
	}
	s := doc.Job().Setting()
	return s, s.Value.Type() == taskcontent.TypeObject
}

// listNames renders a few names for a message: "a", "b" and 3 more.
func listNames(names []string) string {
	const show = 3
	var b strings.Builder
	for i, n := range names {
		if i == show {
			fmt.Fprintf(&b, " and %d more", len(names)-show)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", n)
	}
	return b.String()
}

// jsonString renders s as a JSON string for an edit.
func jsonString(s string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // encoding a string cannot fail
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}
