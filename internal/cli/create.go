package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/dilint/dilint/fetch"
	"github.com/dilint/dilint/taskcontent"
)

const sendHelp = `
The job is linted first, as 'dilint lint' would (the .dilint.yaml nearest
above the file applies), and the findings are printed to standard error;
so is --task-param, against the TaskParam schema (FileFolderPath,
ResourceGroup, Cu).
Findings at or above fail-on (default: error), or a file that is not a job,
stop the command with exit status 1 before any call; --force sends anyway.
What is sent is the job compacted: whitespace, comments and trailing commas
dropped, every key, string and number as written. A saved
QueryDISyncTaskConfigProcessResult response is accepted; its TaskContent is
sent. One API call, retried on network errors, 5xx and throttling.

` + credentialsHelp + `

Exit status: 0 sent, 1 refused (findings, or DataWorks answered with a fail
status), 2 usage error, 3 not sent or no answer (file, network, API error,
credentials).`

const createUsage = `dilint create --project ID --type TYPE --name NAME [--task-param FILE|JSON] [flags] FILE

Creates a Data Integration task from a job (CreateDISyncTask) and prints its
FileId on standard output.
` + sendHelp

const updateUsage = `dilint update --project ID --type TYPE --file-id ID [--task-param FILE|JSON] [flags] [FILE]

Replaces the job of a Data Integration task, its TaskParam (resource group),
or both (UpdateDISyncTask), and prints its FileId on standard output. Without
FILE only the TaskParam is sent and the job stays as it is.
` + sendHelp

// jobKinds are the documents create and update send.
var jobKinds = []taskcontent.Kind{taskcontent.KindJob}

func (c *Command) runCreate(args []string) int {
	var (
		o                  apiOptions
		name, param, token string
		pf                 = preflight{what: "job (TaskContent)", kinds: jobKinds}
	)
	fs := c.newFlagSet("create", createUsage)
	o.register(fs.FlagSet)
	fs.StringVar(&name, "name", "", "the new task's `name` (required)")
	fs.StringVar(&param, "task-param", "", "TaskParam, such as {\"FileFolderPath\":…,\"ResourceGroup\":…}: a `file`, or the JSON itself")
	fs.StringVar(&token, "client-token", "", clientTokenHelp)
	pf.register(fs.FlagSet)
	file, status, ok := c.sendArgs(fs, "create", args, false)
	if !ok {
		return status
	}
	if s := o.validate(c); s != 0 {
		return s
	}
	if name == "" {
		return c.usageError("create: --name is required")
	}
	taskParam, status, ok := c.taskParam(param, pf)
	if !ok {
		return status
	}
	doc, status := c.lintForSending(file, pf)
	if status != 0 {
		return status
	}
	if status := c.typeFitsContent(&o, file, doc); status != 0 {
		return status
	}
	if token == autoToken {
		content, err := doc.Compact()
		if err != nil {
			c.failure("%s: %v", file, err)
			return ExitFindings
		}
		token = deriveClientToken([]byte(fetch.ActionCreate), []byte(strconv.FormatInt(o.project, 10)), []byte(o.taskType), []byte(name), compactOrRaw(taskParam), content)
	}
	s, status := c.connect(&o)
	if status != 0 {
		return status
	}
	defer s.stop()
	res, err := s.client.Create(s.ctx, fetch.CreateRequest{
		ProjectID:   o.project,
		TaskType:    fetch.TaskType(o.taskType),
		TaskName:    name,
		TaskParam:   taskParam,
		TaskContent: doc,
		ClientToken: token,
	})
	if err != nil {
		return c.apiFailure(err)
	}
	fmt.Fprintln(c.Stdout, res.FileID)
	return ExitOK
}

func (c *Command) runUpdate(args []string) int {
	var (
		o      apiOptions
		fileID int64
		param  string
		pf     = preflight{what: "job (TaskContent)", kinds: jobKinds}
	)
	fs := c.newFlagSet("update", updateUsage)
	o.register(fs.FlagSet)
	fs.Int64Var(&fileID, "file-id", 0, "the task's `FileId` (required)")
	fs.StringVar(&param, "task-param", "", "TaskParam, such as {\"ResourceGroup\":…}: a `file`, or the JSON itself")
	pf.register(fs.FlagSet)
	file, status, ok := c.sendArgs(fs, "update", args, true)
	if !ok {
		return status
	}
	if file == "" && param == "" {
		return c.usageError("update: give one job file (or - for standard input), or --task-param alone to change only the TaskParam")
	}
	if s := o.validate(c); s != 0 {
		return s
	}
	if fileID <= 0 {
		return c.usageError("update: --file-id is required, a positive number")
	}
	taskParam, status, ok := c.taskParam(param, pf)
	if !ok {
		return status
	}
	// Without a file, only the TaskParam changes: UpdateDISyncTask takes
	// an empty TaskContent.
	var doc *taskcontent.Document
	if file != "" {
		if doc, status = c.lintForSending(file, pf); status != 0 {
			return status
		}
	}
	if status := c.typeFitsContent(&o, file, doc); status != 0 {
		return status
	}
	s, status := c.connect(&o)
	if status != 0 {
		return status
	}
	defer s.stop()
	_, err := s.client.Update(s.ctx, fetch.UpdateRequest{
		ProjectID:   o.project,
		TaskType:    fetch.TaskType(o.taskType),
		FileID:      fileID,
		TaskParam:   taskParam,
		TaskContent: doc,
	})
	if err != nil {
		return c.apiFailure(err)
	}
	fmt.Fprintln(c.Stdout, fileID)
	return ExitOK
}

// typeFitsContent refuses a --type the content contradicts, before any
// call: content that a real-time or solution generation made (extend.mode
// "migration_holo", as in the QueryDISyncTaskConfigProcessResult example
// of the API reference) is not a batch task, so DI_OFFLINE would create a
// broken node. It returns a non-zero status when it refused.
func (c *Command) typeFitsContent(o *apiOptions, file string, doc *taskcontent.Document) int {
	if doc == nil || o.taskType != string(fetch.TaskTypeOffline) {
		return 0
	}
	if mode := doc.Root().Get("extend").Get("mode"); mode.StrEqual("migration_holo") {
		at := doc.Locate("/extend/mode").Start()
		return c.usageError("%s:%d:%d: --type DI_OFFLINE: extend.mode is \"migration_holo\", content generated for a real-time task or a synchronization solution, not a batch task; use --type DI_REALTIME or DI_SOLUTION",
			file, at.Line, at.Column)
	}
	return 0
}

// compactOrRaw drops a JSON value's insignificant whitespace, so that a
// re-indented TaskParam derives the same client token; invalid JSON, which
// is refused before, is returned as is.
func compactOrRaw(b []byte) []byte {
	var out bytes.Buffer
	if json.Compact(&out, b) != nil {
		return b
	}
	return out.Bytes()
}

// sendArgs parses the flags of create or update and returns the one file
// argument; with optional, none is allowed too and gives "".
func (c *Command) sendArgs(fs *flagSet, cmd string, args []string, optional bool) (string, int, bool) {
	files, status, ok := parseFlags(fs, args)
	if !ok {
		return "", status, false
	}
	switch {
	case len(files) == 0 && optional:
		return "", 0, true
	case len(files) != 1 && optional:
		return "", c.usageError("%s: give at most one job file (or - for standard input), not %d", cmd, len(files)), false
	case len(files) != 1:
		return "", c.usageError("%s: give exactly one job file (or - for standard input), not %d", cmd, len(files)), false
	}
	return files[0], 0, true
}

// taskParam reads --task-param, a file or inline JSON, and lints it like
// the job, against the TaskParam schema of CreateDISyncTask and
// UpdateDISyncTask; nil when unset.
func (c *Command) taskParam(v string, job preflight) ([]byte, int, bool) {
	if v == "" {
		return nil, 0, true
	}
	src, err := readJSONArg("task-param", v)
	if err != nil {
		return nil, c.usageError("%v", err), false
	}
	if !json.Valid(src) {
		return nil, c.usageError("--task-param: TaskParam is not valid JSON"), false
	}
	p := job
	p.what, p.kinds = "TaskParam ({\"FileFolderPath\", \"ResourceGroup\", \"Cu\"})", []taskcontent.Kind{taskcontent.KindTaskParam}
	file := v
	if strings.HasPrefix(strings.TrimSpace(v), "{") {
		file, p.inline, p.display = "", src, "--task-param"
	}
	if _, status := c.lintForSending(file, p); status != 0 {
		return nil, status, false
	}
	return src, 0, true
}
