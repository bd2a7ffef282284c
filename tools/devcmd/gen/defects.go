package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/dilint/dilint/taskcontent"
)

// Defect names a defect Inject can put into a generated document. Each is
// one that published jobs carry and dilint reports.
type Defect string

// The injectable defects.
const (
	// DanglingHop renames the reader to "Reader " (trailing space) but not
	// the hop that refers to it.
	DanglingHop Defect = "dangling-hop"
	// StringConcurrent writes speed.concurrent as a string.
	StringConcurrent Defect = "string-concurrent"
	// ConcurrentRange sets speed.concurrent to 64 (DataWorks allows 1–32).
	ConcurrentRange Defect = "concurrent-range"
	// PlaintextPassword puts a literal password into the reader parameter.
	PlaintextPassword Defect = "plaintext-password"
	// WrongTotal makes totalTableMapping disagree with the number of rules.
	WrongTotal Defect = "wrong-total"
	// DstTableMismatch makes the first rule's dstTable disagree with its
	// dstCreateTableInfo.
	DstTableMismatch Defect = "dst-table-mismatch"
)

// Defects lists every Defect.
func Defects() []Defect {
	return []Defect{DanglingHop, StringConcurrent, ConcurrentRange, PlaintextPassword, WrongTotal, DstTableMismatch}
}

// Inject applies defects to a generated document with taskcontent's
// editor, so everything else stays as generated. A defect that does not
// apply to the document (WrongTotal on a batch job) is skipped.
func Inject(src []byte, defects ...Defect) ([]byte, error) {
	doc, err := taskcontent.Parse(src)
	if err != nil {
		return nil, err
	}
	e := doc.Edit()
	job := doc.Job()
	reader, _ := job.Reader()
	writer, _ := job.Writer()
	tmr := writer.TableMappingRule()
	for _, d := range defects {
		switch d {
		case DanglingHop:
			if reader.Value.Exists() {
				e.SetValue(reader.Value.Get("name"), reader.Name()+" ")
			}
		case StringConcurrent:
			e.Set("/setting/speed/concurrent", "3")
		case ConcurrentRange:
			e.Set("/setting/speed/concurrent", 64)
		case PlaintextPassword:
			if reader.Value.Exists() {
				e.SetRaw(reader.Value.Pointer()+"/parameter/password", []byte(`"corpus-Pa55word"`))
			}
		case WrongTotal:
			if tmr.Exists() {
				e.SetValue(tmr.Value.Get("totalTableMapping"), json.Number(fmt.Sprint(tmr.RuleCount()+1)))
			}
		case DstTableMismatch:
			for r := range tmr.Rules() {
				e.SetValue(r.Value.Get("dstTable"), "other."+r.SrcTable())
				break
			}
		default:
			return nil, fmt.Errorf("unknown defect %q (valid: %s)", d, strings.Join(defectNames(), ", "))
		}
	}
	out, err := e.Apply()
	if err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func defectNames() []string {
	var out []string
	for _, d := range Defects() {
		out = append(out, string(d))
	}
	slices.Sort(out)
	return out
}
