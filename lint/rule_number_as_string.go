package lint

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/dilint/dilint/taskcontent"
)

// numericField is a field DataWorks reads as a number, named by its path
// below the object that holds it.
type numericField struct {
	path    []string
	integer bool // false: fractions are allowed
}

// The numeric fields number-as-string knows, by the object that holds them.
var (
	settingNumbers = []numericField{
		{[]string{"speed", "concurrent"}, true},
		{[]string{"speed", "mbps"}, true},
		{[]string{"speed", "dmu"}, true},
		{[]string{"speed", "readerConcurrent"}, true},
		{[]string{"errorLimit", "record"}, true},
		{[]string{"jvmMemory"}, false},
	}
	parameterNumbers = []numericField{
		{[]string{"batchSize"}, true},
		{[]string{"fetchSize"}, true},
		{[]string{"splitFactor"}, true},
	}
	mappingNumbers = []numericField{{[]string{"totalTableMapping"}, true}}
	columnNumbers  = []numericField{
		{[]string{"index"}, true},
		{[]string{"columnSize"}, true},
		{[]string{"digit"}, true},
		{[]string{"newDigit"}, true},
	}
)

var _ = register(&Rule{
	Name:  "number-as-string",
	Group: "settings",
	Doc: `A numeric field is written as a string, such as "concurrent": "3". DataWorks accepts it and writes it itself ("record": "0" and "mbps": "12" are in nearly every script-mode demo and console export), but tools that read the job (scripts, diff reviews) see a string, and comparisons such as "3" < "10" go wrong.

Off by default, because it is a matter of style and DataWorks' own output has it: turn it on with --enable number-as-string or in .dilint.yaml.

The fields checked are the speed and errorLimit settings, jvmMemory, the batchSize, fetchSize and splitFactor parameters, totalTableMapping and the numeric fields of table-mapping columns. An empty string ("record": "") means "not set" and is left alone; strings that are not numbers are the schema's finding.

Fix: --fix writes the number without quotes.`,
	Bad:             `{"type": "job", "version": "2.0", "steps": [], "setting": {"speed": {"concurrent": "3", "throttle": false}, "errorLimit": {"record": ""}}}`,
	Good:            `{"type": "job", "version": "2.0", "steps": [], "setting": {"speed": {"concurrent": 3, "throttle": false}, "errorLimit": {"record": ""}}}`,
	URL:             docURL("number-as-string"),
	DefaultSeverity: SeverityOff,
	Fixable:         true,
	Run: func(pass *Pass) {
		if pass.Doc.Kind() != taskcontent.KindJob {
			return
		}
		job := pass.Doc.Job()
		checkNumbers(pass, job.Setting().Value, settingNumbers)
		for _, step := range job.Steps() {
			checkNumbers(pass, step.Parameter(), parameterNumbers)
		}
		for _, w := range pass.mappingWriters() {
			m := w.TableMappingRule()
			checkNumbers(pass, m.Value, mappingNumbers)
			for r := range m.Rules() {
				for _, col := range r.DstCreateTableInfo().Columns() {
					checkNumbers(pass, col.Value, columnNumbers)
				}
			}
		}
	},
})

func checkNumbers(pass *Pass, obj taskcontent.Value, fields []numericField) {
	if obj.Type() != taskcontent.TypeObject {
		return
	}
	for _, f := range fields {
		v := obj.Path(f.path...)
		if v.Type() != taskcontent.TypeString {
			continue
		}
		num, ok := numberText(v, f.integer)
		if !ok {
			continue
		}
		d := At(v, fmt.Sprintf("%s is the string %q; write the number %s", strings.Join(f.path, "."), v.Str(), num))
		d.Fixes = []SuggestedFix{{
			Message: "write " + num + " as a number",
			Edits:   []taskcontent.TextEdit{pass.Doc.ReplaceValue(v, []byte(num))},
		}}
		pass.Report(d)
	}
}

// numberText returns the JSON number the string v spells, or false when it
// spells none, or an integer field's value is not whole or too large to
// survive parsers that read numbers as doubles.
func numberText(v taskcontent.Value, integer bool) (string, bool) {
	if integer {
		n, ok := taskcontent.Flex{Value: v, Spelling: taskcontent.SpellingString}.Int()
		if !ok || n > 1<<53-1 || n < -(1<<53-1) {
			return "", false
		}
		return strconv.FormatInt(n, 10), true
	}
	t := strings.TrimSpace(v.Str())
	if t == "" || !(t[0] == '-' || t[0] >= '0' && t[0] <= '9') || !json.Valid([]byte(t)) {
		return "", false
	}
	return t, true
}
