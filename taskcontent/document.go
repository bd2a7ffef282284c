package taskcontent

import (
	"fmt"
	"os"
	"strings"
	"sync"
)

// Kind says what a document's content is.
type Kind uint8

// The kinds of content Parse recognises.
const (
	// KindUnknown is JSON that is none of the shapes below.
	KindUnknown Kind = iota
	// KindNone is an API response that carries no content (a failed
	// process has an empty TaskContent).
	KindNone
	// KindJob is a TaskContent job: {"type":"job","version":"2.0","steps":…}.
	KindJob
	// KindTaskParam is the CreateDISyncTask / UpdateDISyncTask TaskParam:
	// {"FileFolderPath","ResourceGroup","Cu"}.
	KindTaskParam
	// KindRealtimeTaskParam is the GenerateDISyncTaskConfigForCreating
	// TaskParam: {"type":"realtime","version":"1.0",…}.
	KindRealtimeTaskParam
	// KindUpdateTaskParam is the partial GenerateDISyncTaskConfigForUpdating
	// TaskParam: {"steps":[…]} with only the tables to change.
	KindUpdateTaskParam
	// KindDataXJob is an open-source DataX job ({"job":{"content":…}}),
	// which DataWorks does not accept as TaskContent.
	KindDataXJob
	// KindSolution is the ProcessContent of a synchronization solution
	// (GetDISyncTask Data.SolutionDetail.ProcessContent): a real-time job
	// under realtimeSyncConfig.content, with offline settings and the
	// table mapping.
	KindSolution
)

var kindNames = [...]string{"unknown", "none", "job", "taskparam", "realtime-taskparam", "update-taskparam", "datax-job", "solution"}

// String returns the kind's kebab-case name.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// Container says how the content is stored in the file.
type Container uint8

// The containers.
const (
	// ContainerPlain: the file is the content.
	ContainerPlain Container = iota
	// ContainerEnvelope: the file is a saved API response whose
	// Data.TaskContent (or, for GetDISyncTask, Data.Code or
	// Data.SolutionDetail.ProcessContent) holds the content
	// as an escaped JSON string.
	ContainerEnvelope
	// ContainerString: the file is one JSON string holding the content, as
	// the TaskContent parameter is sent.
	ContainerString
)

var containerNames = [...]string{"plain", "envelope", "string"}

// String returns the container's name.
func (c Container) String() string {
	if int(c) < len(containerNames) {
		return containerNames[c]
	}
	return fmt.Sprintf("Container(%d)", c)
}

// Document is a parsed file. It is immutable and safe for concurrent
// readers; edits produce a new Document.
type Document struct {
	name       string
	src        []byte
	lines      *Lines
	file       *tree // the whole file
	content    *tree // the content: file itself, or the decoded embedded string
	emb        *embedding
	container  Container
	kind       Kind
	contentErr *SyntaxError

	secretsOnce sync.Once
	secrets     *Secrets

	// problems is Problems' result, built once: four rules ask for it,
	// and a file can have a million (one per duplicate key).
	problemsOnce sync.Once
	problems     []Problem
}

// Parse parses a document without a file name. See ParseFile.
func Parse(src []byte) (*Document, error) { return ParseFile("", src) }

// ReadFile reads and parses a file.
func ReadFile(name string) (*Document, error) {
	src, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return ParseFile(name, src)
}

// ParseFile parses src, naming it name in positions and errors.
//
// A file that is not JSON gives a *SyntaxError with line:column and a short
// excerpt. Defects that still leave the meaning clear — comments, trailing
// commas, a byte order mark, duplicate keys, invalid UTF-8 in strings — are
// accepted and listed by Problems, so the rest of the document can be
// checked. When the file is an API response or a string whose embedded
// content is not JSON, or is itself a JSON string, ParseFile succeeds, Kind
// is KindUnknown and ContentErr explains, with the position in the file.
func ParseFile(name string, src []byte) (*Document, error) {
	d := &Document{name: name, src: src, lines: NewLines(src)}
	t, perr := parseTree(src)
	if perr != nil {
		err := d.syntaxError(perr.off, perr.msg, "")
		if perr.encoding {
			// The bytes are not UTF-8 text; an excerpt would be noise.
			err.Excerpt = ""
		}
		return nil, err
	}
	t.doc = d
	d.file, d.content = t, t
	root := Value{t: t, i: 0}
	if str, ok := embeddedContent(root); ok {
		d.embed(str)
	}
	if d.content != nil {
		d.kind = detectKind(d.Root())
	}
	return d, nil
}

// embeddedContent finds the string that holds the content when the file is
// a bare string or an API response envelope.
func embeddedContent(root Value) (Value, bool) {
	if root.Type() == TypeString {
		return root, true
	}
	data := root.Get("Data")
	if data.Type() != TypeObject || !(root.Get("RequestId").Exists() || root.Get("Success").Exists() || data.Get("Status").Exists()) {
		return Value{}, false
	}
	// GetDISyncTask returns Code for a real-time task and, for a solution,
	// Code null beside SolutionDetail.ProcessContent.
	var null Value
	for _, key := range []string{"TaskContent", "Code"} {
		if v := data.Get(key); v.Type() == TypeNull {
			null = v
		} else if v.Exists() {
			return v, true
		}
	}
	if v := data.Get("SolutionDetail").Get("ProcessContent"); v.Exists() {
		return v, true
	}
	return null, true
}

// embed decodes the content string and parses it. A missing or empty
// string leaves KindNone; content that does not parse, or is itself a
// string, leaves KindUnknown and a content error.
func (d *Document) embed(str Value) {
	d.container = ContainerEnvelope
	if str.Exists() && str.i == 0 {
		d.container = ContainerString
	}
	if str.Type() != TypeString || strings.TrimSpace(str.Str()) == "" {
		d.content = nil
		d.kind = KindNone
		return
	}
	n := str.n()
	raw := d.src[n.start+1 : n.end-1]
	decoded, marks := appendUnescaped(make([]byte, 0, len(raw)), raw, make([]escapeMark, 0, 16))
	d.emb = &embedding{node: str.i, base: int(n.start) + 1, marks: marks}
	t, perr := parseTree(decoded)
	if perr == nil && t.nodes[0].typ == TypeString {
		// Content that is itself a JSON string has no plain form: written
		// out (Compact, Format) it is a string again, which Parse reads as
		// a string container and decodes once more, so the document would
		// not mean what it says. It is a TaskContent encoded twice.
		perr = &parseError{off: int(t.nodes[0].start), msg: "a JSON string instead of an object (the TaskContent is encoded twice)"}
	}
	if perr != nil {
		d.content = nil
		d.kind = KindUnknown
		where := "the embedded content"
		if d.container == ContainerEnvelope {
			where = str.Pointer()
		}
		d.contentErr = d.syntaxError(d.emb.fileOffset(perr.off), perr.msg, where)
		return
	}
	t.doc = d
	d.content = t
}

// detectKind recognises the content's shape from its top-level keys.
func detectKind(root Value) Kind {
	if root.Type() != TypeObject {
		return KindUnknown
	}
	typ := root.Get("type")
	steps := root.Get("steps")
	switch {
	case typ.StrEqual("job"):
		return KindJob
	case typ.StrEqual("realtime"):
		return KindRealtimeTaskParam
	case root.Get("job").Get("content").Exists():
		return KindDataXJob
	case root.Get("realtimeSyncConfig").Exists() && !steps.Exists():
		return KindSolution
	case steps.Exists() && !typ.Exists() && !root.Get("order").Exists() && !root.Get("setting").Exists() && !root.Get("version").Exists():
		return KindUpdateTaskParam
	case steps.Exists():
		return KindJob
	case root.Get("FileFolderPath").Exists() || root.Get("ResourceGroup").Exists() || root.Get("Cu").Exists(),
		// camelCase, as inside real-time TaskParams: the schema names the
		// key CreateDISyncTask reads.
		root.Get("resourceGroup").Exists() || root.Get("fileFolderPath").Exists():
		return KindTaskParam
	}
	return KindUnknown
}

// Name returns the file name given to ParseFile.
func (d *Document) Name() string { return d.name }

// Kind returns what the content is.
func (d *Document) Kind() Kind { return d.kind }

// Container returns how the content is stored in the file.
func (d *Document) Container() Container { return d.container }

// Bytes returns the file exactly as parsed. The slice must not be modified.
func (d *Document) Bytes() []byte { return d.src }

// Content returns the content's bytes as written: the file itself, or the
// decoded string for embedded content. It is nil when there is no content.
func (d *Document) Content() []byte {
	if d.content == nil {
		return nil
	}
	return d.content.src
}

// Root returns the content's top-level value; it does not exist when the
// document has no parsable content.
func (d *Document) Root() Value {
	if d.content == nil {
		return Value{}
	}
	return Value{t: d.content, i: 0}
}

// FileRoot returns the top-level value of the file: the API response for an
// envelope, the string for a string container, else the same as Root.
func (d *Document) FileRoot() Value { return Value{t: d.file, i: 0} }

// ContentErr returns the syntax error of embedded content that is not JSON,
// or is a JSON string (encoded twice), positioned in the file; nil otherwise.
func (d *Document) ContentErr() error {
	if d.contentErr == nil {
		return nil
	}
	return d.contentErr
}

// Embedded returns the string value in the file that holds the content, for
// envelope and string containers.
func (d *Document) Embedded() (Value, bool) {
	if d.emb == nil {
		return Value{}, false
	}
	return Value{t: d.file, i: d.emb.node}, true
}

// Problem is a non-fatal defect found while parsing.
type Problem struct {
	Code    ProblemCode
	Message string
	// Pointer names the value the problem is about, when there is one.
	Pointer string
	Span    Span
	// Related is a second place that explains the problem, such as the
	// first occurrence of a duplicate key; RelatedMessage labels it.
	Related        Span
	RelatedMessage string
	// InContent reports whether the problem is inside embedded content
	// rather than in the envelope around it.
	InContent bool
}

// Problems returns the non-fatal defects of the file and of its content,
// in file order. The slice is shared by every caller and must not be
// modified.
func (d *Document) Problems() []Problem {
	d.problemsOnce.Do(func() { d.problems = d.listProblems() })
	return d.problems
}

func (d *Document) listProblems() []Problem {
	n := len(d.file.problems)
	if d.content != nil && d.content != d.file {
		n += len(d.content.problems)
	}
	if n == 0 {
		return nil
	}
	out := make([]Problem, 0, n)
	add := func(t *tree, inContent bool) {
		for _, p := range t.problems {
			q := Problem{Code: p.code, Message: p.msg, Span: d.span(t, p.start, p.end), InContent: inContent}
			if p.related >= 0 {
				q.Related = d.span(t, p.related, p.relatedEnd)
				q.RelatedMessage = p.relatedLabel
			}
			if p.node > 0 {
				q.Pointer = Value{t: t, i: p.node}.Pointer()
			}
			out = append(out, q)
		}
	}
	add(d.file, false)
	if d.content != nil && d.content != d.file {
		add(d.content, true)
	}
	return out
}

// Envelope is the part of a saved API response around the content.
type Envelope struct {
	RequestID   Value // RequestId
	Success     Value // Success
	Status      Value // Data.Status: "success" or "fail"
	Message     Value // Data.Message, the reason of a failure
	TaskContent Value // Data.TaskContent (or Data.Code), the embedded string
}

// Envelope returns the API response around the content, when the file is one.
func (d *Document) Envelope() (Envelope, bool) {
	if d.container != ContainerEnvelope {
		return Envelope{}, false
	}
	root := d.FileRoot()
	data := root.Get("Data")
	e := Envelope{
		RequestID: root.Get("RequestId"),
		Success:   root.Get("Success"),
		Status:    data.Get("Status"),
		Message:   data.Get("Message"),
	}
	e.TaskContent, _ = d.Embedded()
	if !e.TaskContent.Exists() {
		e.TaskContent = data.Get("TaskContent")
	}
	return e, true
}
