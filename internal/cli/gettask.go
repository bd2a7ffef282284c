package cli

import (
	"fmt"

	"github.com/dilint/dilint/fetch"
)

const getTaskUsage = `dilint get-task --project ID --type DI_REALTIME|DI_SOLUTION --file-id ID [-o FILE] [flags]

Gets what DataWorks holds for a real-time task (its content, Data.Code) or a
synchronization solution (its SolutionDetail.ProcessContent) with
GetDISyncTask, and writes it in dilint's canonical layout, so that a review
bot can lint what is deployed and compare it with the file under review:

  dilint get-task --project 10000 --type DI_REALTIME --file-id 123 -o deployed.json
  dilint diff deployed.json jobs/orders.json

One API call, retried on network errors, 5xx and throttling. Batch
(DI_OFFLINE) tasks are not read by GetDISyncTask.

` + credentialsHelp + `

Exit status: 0 written, 1 DataWorks answered with a fail status (an unknown
FileId, for instance), 2 usage error, 3 no answer (network, API error,
credentials).`

func (c *Command) runGetTask(args []string) int {
	var (
		o      apiOptions
		fileID int64
		out    string
	)
	fs := c.newFlagSet("get-task", getTaskUsage)
	o.register(fs.FlagSet)
	fs.Int64Var(&fileID, "file-id", 0, "the task's `FileId` (required)")
	fs.StringVar(&out, "o", "", "write the content to this `file` (default: standard output)")
	rest, status, ok := parseFlags(fs, args)
	if !ok {
		return status
	}
	if len(rest) > 0 {
		return c.usageError("get-task: unexpected argument %q", rest[0])
	}
	if s := o.validate(c); s != 0 {
		return s
	}
	switch {
	case o.taskType == string(fetch.TaskTypeOffline):
		return c.usageError("get-task: GetDISyncTask reads real-time tasks and solutions only; --type DI_REALTIME or DI_SOLUTION")
	case fileID <= 0:
		return c.usageError("get-task: --file-id is required, a positive number")
	}
	s, status := c.connect(&o)
	if status != 0 {
		return status
	}
	defer s.stop()
	res, err := s.client.GetTask(s.ctx, fetch.GetTaskRequest{ProjectID: o.project, TaskType: fetch.TaskType(o.taskType), FileID: fileID})
	if err != nil {
		return c.apiFailure(err)
	}
	if res.Message != "" {
		fmt.Fprintf(c.Stderr, "dilint: DataWorks says: %s\n", res.Message)
	}
	return c.writeContent(res.Name(), res.RequestID, res.Content(), out)
}
