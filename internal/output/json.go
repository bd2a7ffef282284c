package output

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"unicode/utf8"

	"github.com/dilint/dilint/lint"
	"github.com/dilint/dilint/taskcontent"
)

// jsonFormatVersion is bumped when a field changes meaning or goes away;
// new fields may appear without a bump. docs/output.md describes the shape.
const jsonFormatVersion = 1

// jsonReport is the document the json format writes.
type jsonReport struct {
	Version int         `json:"version"`
	Tool    jsonTool    `json:"tool"`
	Files   []jsonFile  `json:"files"`
	Summary jsonSummary `json:"summary"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonFile struct {
	Path        string           `json:"path"`
	Kind        string           `json:"kind,omitempty"`
	Container   string           `json:"container,omitempty"`
	Error       string           `json:"error,omitempty"`
	Fixed       int              `json:"fixed,omitempty"`
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
}

type jsonDiagnostic struct {
	Rule     string                `json:"rule"`
	Severity string                `json:"severity"`
	Message  string                `json:"message"`
	Pointer  string                `json:"pointer"`
	Start    *taskcontent.Position `json:"start,omitempty"`
	End      *taskcontent.Position `json:"end,omitempty"`
	URL      string                `json:"url,omitempty"`
	Related  []jsonRelated         `json:"related,omitempty"`
	Fixes    []jsonFix             `json:"fixes,omitempty"`
}

type jsonRelated struct {
	Message string                `json:"message"`
	Pointer string                `json:"pointer,omitempty"`
	Start   *taskcontent.Position `json:"start,omitempty"`
	End     *taskcontent.Position `json:"end,omitempty"`
}

type jsonFix struct {
	Message string     `json:"message"`
	Edits   []jsonEdit `json:"edits"`
}

// jsonEdit is a taskcontent.TextEdit with its text as a string rather
// than encoding/json's base64 for []byte.
type jsonEdit struct {
	Start   int    `json:"start"`
	End     int    `json:"end"`
	NewText string `json:"newText"`
}

type jsonSummary struct {
	Files    int `json:"files"`
	Failed   int `json:"failed"`
	Problems int `json:"filesWithProblems"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
	Fixed    int `json:"fixed"`
	// NotWritten counts files whose fixes could not be written.
	NotWritten int `json:"notWritten,omitempty"`
	// Skipped counts JSON files that are no DataWorks document.
	Skipped int `json:"skipped,omitempty"`
	// Hidden counts findings left out by --max-same-issues.
	Hidden int `json:"hidden,omitempty"`
}

// jsonOutput writes one JSON document with every file and the summary.
// Each file is encoded as it arrives, while later files are still being
// checked, and written out once a few kilobytes have gathered: the
// document's head (version, tool) is known before the first file and its
// tail (the summary) is written by Flush, so memory does not grow with the
// number of files.
type jsonOutput struct {
	w       io.Writer
	tool    jsonTool
	files   bytes.Buffer // the head and the elements of "files" not yet written
	nfiles  int
	encoder *json.Encoder // writes indented elements into files
}

// jsonFlushBytes is how much encoded output gathers before it is written.
const jsonFlushBytes = 64 << 10

// jsonFilesMark is where the files go in a report encoded without them.
const jsonFilesMark = `"files": [],`

// encodeReport encodes the report without files and returns it with the
// offset of jsonFilesMark.
func (o *jsonOutput) encodeReport(s Summary) ([]byte, int, error) {
	var doc bytes.Buffer
	enc := json.NewEncoder(&doc)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(jsonReport{Version: jsonFormatVersion, Tool: o.tool, Files: []jsonFile{}, Summary: jsonSummary(s)}); err != nil {
		return nil, 0, err
	}
	i := bytes.Index(doc.Bytes(), []byte(jsonFilesMark))
	if i < 0 {
		return nil, 0, errors.New("json output: no files array in the report")
	}
	return doc.Bytes(), i, nil
}

func newJSON(w io.Writer, opts Options) *jsonOutput {
	o := &jsonOutput{w: w, tool: jsonTool{Name: "dilint", Version: opts.ToolVersion}}
	o.encoder = json.NewEncoder(&o.files)
	o.encoder.SetEscapeHTML(false)
	o.encoder.SetIndent(jsonElementIndent, "  ")
	return o
}

// jsonElementIndent is the indentation of an element of "files".
const jsonElementIndent = "    "

func position(p taskcontent.Position) *taskcontent.Position {
	if !p.IsValid() {
		return nil
	}
	return &p
}

func (o *jsonOutput) Write(f *File) error {
	jf := jsonFile{Path: f.Path, Diagnostics: []jsonDiagnostic{}}
	if f.Err != nil {
		jf.Error = f.Err.Error()
	}
	if f.WriteErr != nil {
		jf.Error = "fixes not written: " + f.WriteErr.Error()
	}
	jf.Fixed = f.Fixed
	if f.Doc != nil {
		jf.Kind, jf.Container = f.Doc.Kind().String(), f.Doc.Container().String()
	}
	for _, d := range f.Diagnostics {
		jf.Diagnostics = append(jf.Diagnostics, jsonDiag(d))
	}
	if o.nfiles == 0 {
		head, i, err := o.encodeReport(Summary{})
		if err != nil {
			return err
		}
		o.files.Write(head[:i])
		o.files.WriteString("\"files\": [\n")
	} else {
		o.files.WriteString(",\n")
	}
	o.files.WriteString(jsonElementIndent)
	o.nfiles++
	clean := len(jf.Diagnostics) == 0 && jf.Error == "" && jf.Fixed == 0 && appendCleanFile(&o.files, jf)
	if !clean {
		if err := o.encoder.Encode(jf); err != nil {
			return err
		}
	}
	// The element ends with a newline; the next one's comma goes before
	// it, so it comes off here and Flush puts the last one back.
	o.files.Truncate(o.files.Len() - 1)
	if o.files.Len() < jsonFlushBytes {
		return nil
	}
	_, err := o.files.WriteTo(o.w)
	return err
}

// appendCleanFile writes a file without diagnostics or error exactly as
// o.encoder would (most files of a large run are clean, and the encoder's
// reflection and re-indenting was a tenth of such a run). It reports false,
// having written nothing, when a string needs escaping; the encoder then
// does it.
func appendCleanFile(b *bytes.Buffer, jf jsonFile) bool {
	if !plainJSONString(jf.Path) || !plainJSONString(jf.Kind) || !plainJSONString(jf.Container) {
		return false
	}
	const in = jsonElementIndent + "  "
	b.WriteString("{\n" + in + `"path": "`)
	b.WriteString(jf.Path)
	if jf.Kind != "" {
		b.WriteString("\",\n" + in + `"kind": "`)
		b.WriteString(jf.Kind)
	}
	if jf.Container != "" {
		b.WriteString("\",\n" + in + `"container": "`)
		b.WriteString(jf.Container)
	}
	b.WriteString("\",\n" + in + `"diagnostics": []` + "\n" + jsonElementIndent + "}\n")
	return true
}

// plainJSONString reports whether encoding/json (with HTML escaping off)
// writes s between quotes unchanged: printable ASCII other than '"' and
// '\\', or valid UTF-8 other than U+2028 and U+2029.
func plainJSONString(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return false
		}
		i += size
	}
	return true
}

func jsonDiag(d lint.Diagnostic) jsonDiagnostic {
	jd := jsonDiagnostic{
		Rule:     d.Rule,
		Severity: d.Severity.String(),
		Message:  d.Message,
		Pointer:  d.Pointer,
		Start:    position(d.Start),
		End:      position(d.End),
		URL:      ruleURL(d),
	}
	for _, r := range d.Related {
		jd.Related = append(jd.Related, jsonRelated{Message: r.Message, Pointer: r.Pointer, Start: position(r.Start), End: position(r.End)})
	}
	for _, fix := range d.Fixes {
		jf := jsonFix{Message: fix.Message, Edits: []jsonEdit{}}
		for _, e := range fix.Edits {
			jf.Edits = append(jf.Edits, jsonEdit{Start: e.Start, End: e.End, NewText: string(e.NewText)})
		}
		jd.Fixes = append(jd.Fixes, jf)
	}
	return jd
}

func (o *jsonOutput) Flush(s Summary) error {
	doc, i, err := o.encodeReport(s)
	if err != nil {
		return err
	}
	if o.nfiles == 0 {
		_, err := o.w.Write(doc)
		return err
	}
	o.files.WriteString("\n  ],")
	o.files.Write(doc[i+len(jsonFilesMark):])
	_, err = o.files.WriteTo(o.w)
	return err
}
