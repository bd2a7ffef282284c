// Package schema holds the JSON Schemas (draft 2020-12) of DataWorks Data
// Integration documents and checks decoded documents against them.
//
// The schemas are real JSON files embedded in the binary: the job document
// ("TaskContent") split the way the document is (job, step, setting, table
// mapping, reader connection, one file per plugin), and the three TaskParam
// documents of the DISyncTask APIs. Validate reports schema violations as
// data: an RFC 6901 pointer into the instance, the failing keyword, the
// allowed values or types and a "did you mean" suggestion for misspelt keys
// and values. The package knows nothing of files or positions; package
// taskcontent maps the pointers to line:column in the user's file.
//
// Bundle returns all schemas as one self-contained document for editors
// (VS Code json.schemas, SchemaStore).
package schema

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// Name identifies one embedded top-level schema.
type Name string

// The top-level schemas.
const (
	// Job is the TaskContent job document (type "job", version "2.0").
	Job Name = "job"
	// TaskParam is the TaskParam of CreateDISyncTask and UpdateDISyncTask:
	// {FileFolderPath, ResourceGroup, Cu}.
	TaskParam Name = "taskparam"
	// RealtimeTaskParam is the TaskParam of GenerateDISyncTaskConfigForCreating
	// (type "realtime", version "1.0").
	RealtimeTaskParam Name = "realtime-taskparam"
	// UpdateTaskParam is the partial TaskParam of
	// GenerateDISyncTaskConfigForUpdating ({"steps": [...]} only).
	UpdateTaskParam Name = "update-taskparam"
	// Solution is the ProcessContent of a synchronization solution
	// (GetDISyncTask Data.SolutionDetail.ProcessContent), whose
	// realtimeSyncConfig.content is a job.
	Solution Name = "solution"
)

var names = []Name{Job, TaskParam, RealtimeTaskParam, UpdateTaskParam, Solution}

// baseURL is the identifier prefix of every embedded schema; each file's
// $id is baseURL followed by its path under schemas/.
const baseURL = "https://dilint.dev/schema/"

//go:embed schemas
var files embed.FS

// Names lists the top-level schemas.
func Names() []Name {
	return append([]Name(nil), names...)
}

// Describe returns the title of the named schema, or "" for an unknown name.
func Describe(name Name) string {
	if !known(name) {
		return ""
	}
	docs, err := rawDocs()
	if err != nil {
		return ""
	}
	doc, _ := docs[name.file()].(map[string]any)
	title, _ := doc["title"].(string)
	return title
}

// StepTypes lists the plugin ids (stepType values) that DataWorks documents
// or publishes, in the order of Plugins (the plugins with a parameter
// schema first). Only some of them have a parameter schema; a step with
// any other stepType gets no parameter checks. Lint rules use the list
// with Suggest to catch misspelt plugin ids.
func StepTypes() []string {
	list := Plugins()
	ids := make([]string, len(list))
	for i, p := range list {
		ids[i] = p.ID
	}
	return ids
}

// UnknownNameError reports a Name that has no embedded schema.
type UnknownNameError struct {
	Name Name
}

func (e *UnknownNameError) Error() string {
	return fmt.Sprintf("schema: unknown schema %q", string(e.Name))
}

// Validate checks a decoded instance against the named schema. The instance
// is what a json.Decoder with UseNumber produces: maps, slices, strings,
// booleans, nil and json.Number (other Go numbers are accepted too).
//
// Validate returns the violations sorted by pointer, then keyword; none
// means the instance is valid. The error is non-nil only for an unknown
// name (*UnknownNameError) or a schema that fails to compile. Schemas are
// compiled on first use, once; Validate is safe for concurrent use.
//
// The violations are those jsonschema v6 (draft 2020-12) finds, worded by
// this package; a test compares them on every published example and on
// generated and mutated documents. A number too large for math/big
// ("1e9999999") fails minimum, maximum and multipleOf, where jsonschema v6
// has no verdict.
func Validate(name Name, instance any) ([]Violation, error) {
	return ValidateNode(name, newAnyNode(instance, ""))
}

func known(name Name) bool {
	for _, n := range names {
		if n == name {
			return true
		}
	}
	return false
}

func (n Name) file() string { return string(n) + ".json" }

// schemaFiles is the set of embedded schema files, each decoded on first
// use: compiling the job schema needs the plugin files of the steps a
// document has, not all of them, so linting one small file decodes only
// those.
type schemaFiles struct {
	files map[string]*schemaFile // keyed by path under schemas/
	list  []string               // the keys, sorted
}

type schemaFile struct {
	decode  func() (any, error)
	decoded atomic.Bool // for tests: whether decode has run
}

// newSchemaFiles lists the embedded files; nothing is decoded yet.
func newSchemaFiles() (*schemaFiles, error) {
	sf := &schemaFiles{files: make(map[string]*schemaFile)}
	err := fs.WalkDir(files, "schemas", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		f := &schemaFile{}
		f.decode = sync.OnceValues(func() (any, error) {
			f.decoded.Store(true)
			data, err := files.ReadFile(path)
			if err != nil {
				return nil, err
			}
			doc, err := decodeBytes(data)
			if err != nil {
				return nil, fmt.Errorf("schema: decode %s: %w", path, err)
			}
			return doc, nil
		})
		name := strings.TrimPrefix(path, "schemas/")
		sf.files[name] = f
		sf.list = append(sf.list, name)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(sf.list)
	return sf, nil
}

// doc returns one decoded file; ok is false when there is no such file.
func (sf *schemaFiles) doc(file string) (v any, ok bool, err error) {
	f, ok := sf.files[file]
	if !ok {
		return nil, false, nil
	}
	v, err = f.decode()
	return v, true, err
}

// all decodes every file.
func (sf *schemaFiles) all() (map[string]any, error) {
	docs := make(map[string]any, len(sf.list))
	for _, name := range sf.list {
		v, _, err := sf.doc(name)
		if err != nil {
			return nil, err
		}
		docs[name] = v
	}
	return docs, nil
}

// embedded is the process's one set of embedded schema files.
var embedded = sync.OnceValues(newSchemaFiles)

// rawDocs decodes every embedded schema file once, keyed by its path under
// schemas/. Bundle and the violation details of invalid documents read
// them all; the fast compiler decodes only the files it reaches.
var rawDocs = sync.OnceValues(func() (map[string]any, error) {
	sf, err := embedded()
	if err != nil {
		return nil, err
	}
	return sf.all()
})

// decodeJSON decodes one JSON document with numbers as json.Number and
// rejects trailing data.
func decodeJSON(r io.Reader) (any, error) {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("trailing data after the JSON value")
	}
	return v, nil
}

// lookup resolves an absolute schema location (file URL plus JSON Pointer
// fragment) in the decoded files.
func lookup(docs map[string]any, location string) (any, bool) {
	file, frag, _ := strings.Cut(strings.TrimPrefix(location, baseURL), "#")
	node, ok := docs[file]
	if !ok {
		return nil, false
	}
	if frag == "" {
		return node, true
	}
	for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		tok = unescapeToken(tok)
		switch n := node.(type) {
		case map[string]any:
			node, ok = n[tok]
		case []any:
			i, err := index(tok, len(n))
			if err != nil {
				return nil, false
			}
			node = n[i]
		default:
			ok = false
		}
		if !ok {
			return nil, false
		}
	}
	return node, true
}
