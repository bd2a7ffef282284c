package cli

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/dilint/dilint/fetch"
	"github.com/dilint/dilint/internal/fileio"
	"github.com/dilint/dilint/taskcontent"
)

const fetchUsage = `dilint fetch --project ID --type TYPE (--async-id N | --generate TASKPARAM.json [--task-id ID]) [--wait] [-o FILE] [flags]

Fetches the TaskContent that DataWorks generates for a real-time task or a
synchronization solution (QueryDISyncTaskConfigProcessResult).

  --async-id N           ask once about process N (1 call); with --wait, poll
                         until it ends (1 call per poll)
  --generate FILE        lint the TaskParam script, then start a process
                         (GenerateDISyncTaskConfigForCreating, or ...ForUpdating
                         with --task-id) and print its ID (1 call); with
                         --wait, poll it and write the TaskContent

The TaskContent is written in dilint's canonical layout (as 'dilint fmt'):
indentation changes, but every key, string and number stays exactly as
DataWorks sent it, so 'dilint create' or 'dilint update' sends back the same
job. Content that is not valid JSON is written as received, with a warning.
A progress line is shown while waiting when standard error is a terminal.

` + credentialsHelp + `

Exit status: 0 written, 1 the process failed (its Message is shown), 2 usage
error, 3 no answer (network, API error, credentials, still pending).`

func (c *Command) runFetch(args []string) int {
	var (
		o               apiOptions
		asyncID, taskID int64
		generate, out   string
		token           string
		wait            bool
		interval        time.Duration
		maxPolls        int
		pf              = preflight{
			what: "TaskParam script",
			// Solutions' scripts have no published shape, so only a
			// document that is clearly something else is refused.
			kinds: []taskcontent.Kind{taskcontent.KindRealtimeTaskParam, taskcontent.KindUpdateTaskParam, taskcontent.KindUnknown},
		}
	)
	fs := c.newFlagSet("fetch", fetchUsage)
	o.register(fs.FlagSet)
	fs.Int64Var(&asyncID, "async-id", 0, "`ID` of a process that Generate started (Data.ProcessId)")
	fs.StringVar(&generate, "generate", "", "start a process from this TaskParam `file` (- for standard input)")
	fs.Int64Var(&taskID, "task-id", 0, "with --generate, the real-time task or solution `ID` to update")
	fs.StringVar(&token, "client-token", "", "with --generate, "+clientTokenHelp)
	fs.BoolVar(&wait, "wait", false, "poll until the process succeeds or fails")
	fs.DurationVar(&interval, "poll-interval", 2*time.Second, "with --wait, the `pause` after the first poll, doubling up to 10s (or to itself, when longer)")
	fs.IntVar(&maxPolls, "max-polls", 0, "with --wait, stop after this many `calls` to Query (0: only --timeout stops)")
	fs.StringVar(&out, "o", "", "write the TaskContent to this `file` (default: standard output)")
	pf.register(fs.FlagSet)
	rest, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	if len(rest) > 0 {
		return c.usageError("fetch: unexpected argument %q; the TaskParam file goes with --generate", rest[0])
	}
	if s := o.validate(c); s != 0 {
		return s
	}
	switch {
	case generate == "" && asyncID <= 0:
		return c.usageError("fetch: give --async-id N for a process started earlier, or --generate TASKPARAM.json to start one")
	case generate != "" && asyncID != 0:
		return c.usageError("fetch: --generate starts a new process and --async-id names an existing one; give one of them")
	case taskID != 0 && generate == "":
		return c.usageError("fetch: --task-id goes with --generate")
	case taskID < 0:
		return c.usageError("--task-id must be positive")
	case token != "" && generate == "":
		return c.usageError("fetch: --client-token goes with --generate")
	case generate != "" && o.taskType == string(fetch.TaskTypeOffline):
		return c.usageError("fetch: DI_OFFLINE tasks are not generated; send the job with 'dilint create --type DI_OFFLINE'")
	case generate != "" && !wait && out != "":
		return c.usageError("fetch: -o needs --wait: without it, --generate only starts the process and prints its ID")
	case interval <= 0:
		return c.usageError("--poll-interval must be positive")
	case maxPolls < 0:
		return c.usageError("--max-polls must not be negative")
	}

	var param []byte
	if generate != "" {
		doc, s := c.lintForSending(generate, pf)
		if s != 0 {
			return s
		}
		var err error
		if param, err = doc.Compact(); err != nil {
			c.failure("%s: %v", generate, err)
			return ExitFindings
		}
		if token == autoToken {
			action := fetch.ActionGenerateForCreating
			if taskID != 0 {
				action = fetch.ActionGenerateForUpdating
			}
			token = deriveClientToken([]byte(action), []byte(strconv.FormatInt(o.project, 10)), []byte(o.taskType), []byte(strconv.FormatInt(taskID, 10)), param)
		}
	}

	s, status := c.connect(&o)
	if status != 0 {
		return status
	}
	defer s.stop()
	taskType := fetch.TaskType(o.taskType)
	if generate != "" {
		res, err := s.client.Generate(s.ctx, fetch.GenerateRequest{ProjectID: o.project, TaskType: taskType, TaskID: taskID, TaskParam: param, ClientToken: token})
		if err != nil {
			return c.apiFailure(err)
		}
		asyncID = res.ProcessID
		if !wait {
			fmt.Fprintln(c.Stdout, res.ProcessID)
			fmt.Fprintf(c.Stderr, "dilint: started process %d; get its TaskContent with: dilint fetch --project %d --type %s --async-id %d --wait -o FILE\n",
				res.ProcessID, o.project, o.taskType, res.ProcessID)
			return ExitOK
		}
	}

	req := fetch.QueryRequest{ProjectID: o.project, TaskType: taskType, AsyncProcessID: asyncID}
	var (
		res *fetch.QueryResult
		err error
	)
	if wait {
		progress, done := c.progressLine(asyncID)
		res, err = s.client.Wait(s.ctx, req, fetch.WaitOptions{
			Interval:    interval,
			MaxInterval: max(10*time.Second, interval),
			Timeout:     o.timeout,
			MaxPolls:    maxPolls,
			Progress:    progress,
		})
		done()
	} else {
		res, err = s.client.Query(s.ctx, req)
	}
	if err != nil {
		return c.apiFailure(err)
	}
	if !res.Done() {
		status := res.Status
		if status == "" {
			status = "none"
		}
		c.failure("process %d is still running (status %s, RequestId %s); add --wait to poll until it ends", asyncID, status, res.RequestID)
		return ExitFailure
	}
	if res.Message != "" {
		fmt.Fprintf(c.Stderr, "dilint: DataWorks says: %s\n", res.Message)
	}
	return c.writeTaskContent(res, out)
}

// writeTaskContent writes the generated job in canonical layout to out,
// or to standard output.
func (c *Command) writeTaskContent(res *fetch.QueryResult, out string) int {
	return c.writeContent(res.Name(), res.RequestID, res.TaskContent, out)
}

// writeContent writes a document DataWorks returned in canonical layout
// to out, or to standard output; content that is not JSON is written as
// received, with a warning.
func (c *Command) writeContent(name, requestID string, content []byte, out string) int {
	var err error
	if len(content) > 0 {
		var doc *taskcontent.Document
		if doc, err = taskcontent.ParseFile(name, content); err == nil {
			var formatted []byte
			if formatted, err = doc.Format("  ", false); err == nil {
				content = formatted
			}
		}
	}
	var syntax *taskcontent.SyntaxError
	switch {
	case len(content) == 0:
		c.failure("%s: the answer has no content (RequestId %s)", name, requestID)
		return ExitFailure
	case errors.As(err, &syntax):
		fmt.Fprintf(c.Stderr, "dilint: warning: the content is not valid JSON (%v); written as received\n", err)
	case err != nil:
		fmt.Fprintf(c.Stderr, "dilint: warning: the content could not be formatted (%v); written as received\n", err)
	}
	if out == "" || out == "-" {
		if _, err := c.Stdout.Write(content); err != nil {
			c.failure("writing the content: %v", err)
			return ExitFailure
		}
		return ExitOK
	}
	if err := fileio.WriteAtomic(out, content, nil); err != nil {
		c.failure("-o %s: %v", out, fileio.Describe(err))
		return ExitFailure
	}
	return ExitOK
}
