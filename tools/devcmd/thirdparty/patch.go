package main

// upstreamModule is the module dilint carries a patched copy of.
const upstreamModule = "github.com/santhosh-tekuri/jsonschema/v6"

// copyImportPath is the copy's import path, which replaces upstreamModule
// in every import of the copy.
const copyImportPath = "github.com/dilint/dilint/internal/third_party/jsonschema"

// A replacement is one edit of the patch: Old must occur exactly once in
// upstream's File, and becomes New. Why is the reason, listed in the
// copy's README.md.
type replacement struct {
	File, Why, Old, New string
}

// patch is every change dilint makes to upstream's text, besides the
// import path: what the package's init did now happens on first need, so
// that a program that links the package but compiles no schema pays
// nothing for it at start-up. Keep it this small; each Old is upstream's
// text verbatim.
var patch = []replacement{
	{
		File: "compiler.go",
		Why:  "NewCompiler compiles the drafts' metaschemas (once) before returning the first Compiler; compileDrafts uses newCompiler, NewCompiler's old body, so it does not wait for itself.",
		Old: `func NewCompiler() *Compiler {
	return &Compiler{`,
		New: `func NewCompiler() *Compiler {
	loadDrafts()
	return newCompiler()
}

// newCompiler is NewCompiler without loadDrafts, for compileDrafts.
func newCompiler() *Compiler {
	return &Compiler{`,
	},
	{
		File: "draft.go",
		Why:  "the metaschemas of the five drafts are compiled by compileDrafts under a sync.Once, which upstream's func init (same body) ran in every process that links the package.",
		Old: `func init() {
	c := NewCompiler()`,
		New: `// draftsOnce guards compileDrafts, which upstream runs as the package's
// init: linking the package then costs nothing until a Compiler is made.
var draftsOnce sync.Once

// loadDrafts compiles the drafts' metaschemas, once. Only a Compiler
// reads a Draft's sch and allVocabs (dialect.getSchema, while compiling
// or validating a schema against its metaschema), and every Compiler
// comes from NewCompiler, which calls loadDrafts first.
func loadDrafts() { draftsOnce.Do(compileDrafts) }

func compileDrafts() {
	c := newCompiler()`,
	},
	{
		File: "draft.go",
		Why:  "imports sync for draftsOnce.",
		Old: `import (
	"fmt"
	"slices"
	"strings"
)`,
		New: `import (
	"fmt"
	"slices"
	"strings"
	"sync"
)`,
	},
	{
		File: "output.go",
		Why:  "defaultPrinter, a golang.org/x/text message.Printer built at init, is built on first use by the methods that print with it.",
		Old:  `var defaultPrinter = message.NewPrinter(language.English)`,
		New: `// defaultPrinter is built on first use rather than at init.
var defaultPrinter = sync.OnceValue(func() *message.Printer {
	return message.NewPrinter(language.English)
})`,
	},
	{
		File: "output.go",
		Why:  "imports sync for defaultPrinter.",
		Old: `	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6/kind"`,
		New: `	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6/kind"`,
	},
	{File: "output.go", Why: "calls defaultPrinter.", Old: `e.LocalizedError(defaultPrinter)`, New: `e.LocalizedError(defaultPrinter())`},
	{File: "output.go", Why: "calls defaultPrinter.", Old: `e.LocalizedGoString(defaultPrinter)`, New: `e.LocalizedGoString(defaultPrinter())`},
	{File: "output.go", Why: "calls defaultPrinter.", Old: `e.LocalizedBasicOutput(defaultPrinter)`, New: `e.LocalizedBasicOutput(defaultPrinter())`},
	{File: "output.go", Why: "calls defaultPrinter.", Old: `e.LocalizedDetailedOutput(defaultPrinter)`, New: `e.LocalizedDetailedOutput(defaultPrinter())`},
}
