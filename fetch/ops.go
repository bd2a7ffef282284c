package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/dilint/dilint/taskcontent"
)

// The operations of the DataWorks OpenAPI the client calls.
const (
	ActionGenerateForCreating = "GenerateDISyncTaskConfigForCreating"
	ActionGenerateForUpdating = "GenerateDISyncTaskConfigForUpdating"
	ActionQuery               = "QueryDISyncTaskConfigProcessResult"
	ActionCreate              = "CreateDISyncTask"
	ActionUpdate              = "UpdateDISyncTask"
	ActionGetTask             = "GetDISyncTask"
)

// TaskType is the kind of Data Integration object a call is about.
type TaskType string

// The task types DataWorks accepts.
const (
	// TaskTypeOffline is a batch synchronization task, which Create and
	// Update take directly.
	TaskTypeOffline TaskType = "DI_OFFLINE"
	// TaskTypeRealtime is a real-time synchronization task, created and
	// updated only through Generate, Query (Wait) and then Create or Update.
	TaskTypeRealtime TaskType = "DI_REALTIME"
	// TaskTypeSolution is a synchronization solution, with the same flow as
	// TaskTypeRealtime.
	TaskTypeSolution TaskType = "DI_SOLUTION"
)

func (t TaskType) check(action string) error {
	switch t {
	case TaskTypeOffline, TaskTypeRealtime, TaskTypeSolution:
		return nil
	case "":
		return invalid(action, "TaskType is required (DI_OFFLINE, DI_REALTIME or DI_SOLUTION)")
	}
	return invalid(action, "TaskType %q is not DI_OFFLINE, DI_REALTIME or DI_SOLUTION", string(t))
}

func checkProject(action string, id int64) error {
	if id <= 0 {
		return invalid(action, "ProjectID must be a positive workspace ID")
	}
	return nil
}

// missingOrNotPositive describes an ID an answer lacks or gives as zero or
// less, which no DataWorks object has.
func missingOrNotPositive(field string, id int64) string {
	if id == 0 {
		return field + " is missing"
	}
	return fmt.Sprintf("%s is %d, not a positive ID", field, id)
}

// compactJSON checks a JSON parameter and drops its insignificant
// whitespace, which would otherwise lengthen the URL. The error says where
// the JSON breaks, never what it holds.
func compactJSON(action, name string, raw []byte) (string, error) {
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return "", invalid(action, "%s is not valid JSON (%s)", name, jsonErrorWithoutText(err))
	}
	return b.String(), nil
}

// compactContent renders a document as the TaskContent parameter.
func compactContent(action string, doc *taskcontent.Document) (string, error) {
	b, err := doc.Compact()
	if err != nil {
		if errors.Is(err, taskcontent.ErrNoContent) {
			return "", invalid(action, "TaskContent %s has no content to send", doc.Name())
		}
		return "", fmt.Errorf("fetch: %s: TaskContent: %w", action, err)
	}
	return string(b), nil
}

// GenerateRequest starts an asynchronous process that turns a real-time
// TaskParam script into TaskContent: GenerateDISyncTaskConfigForCreating,
// or GenerateDISyncTaskConfigForUpdating when TaskID is set.
type GenerateRequest struct {
	// ProjectID is the DataWorks workspace ID.
	ProjectID int64
	// TaskType is TaskTypeRealtime or TaskTypeSolution.
	TaskType TaskType
	// TaskID is the real-time task or solution to update; zero creates a
	// new one.
	TaskID int64
	// TaskParam is the JSON script: the whole task for creating, the tables
	// to add or remove for updating. It is sent compacted.
	TaskParam []byte
	// ClientToken makes the call idempotent; empty means a random one,
	// which also lets the client retry the call safely.
	ClientToken string
}

// GenerateResult is the answer to a GenerateRequest.
type GenerateResult struct {
	RequestID string
	// ProcessID is the process to pass to Query or Wait as AsyncProcessID.
	ProcessID int64
	// ClientToken is the token sent.
	ClientToken string
}

// Generate starts the asynchronous generation of a real-time task's or a
// synchronization solution's TaskContent. A Data.Status "fail" is a
// *StatusError. It makes one call, plus retries.
func (c *Client) Generate(ctx context.Context, req GenerateRequest) (*GenerateResult, error) {
	action := ActionGenerateForCreating
	if req.TaskID != 0 {
		action = ActionGenerateForUpdating
	}
	if err := checkProject(action, req.ProjectID); err != nil {
		return nil, err
	}
	if err := req.TaskType.check(action); err != nil {
		return nil, err
	}
	if req.TaskID < 0 {
		return nil, invalid(action, "TaskID must be positive")
	}
	param, err := compactJSON(action, "TaskParam", req.TaskParam)
	if err != nil {
		return nil, err
	}
	token := req.ClientToken
	if token == "" {
		token = newUUID()
	}
	q := url.Values{
		"ProjectId":   {strconv.FormatInt(req.ProjectID, 10)},
		"TaskType":    {string(req.TaskType)},
		"TaskParam":   {param},
		"ClientToken": {token},
	}
	if req.TaskID != 0 {
		q.Set("TaskId", strconv.FormatInt(req.TaskID, 10))
	}
	var data struct {
		ProcessID int64 `json:"ProcessId"`
	}
	rid, err := c.call(ctx, operation{action: action, query: q, idempotent: true}, &data)
	if err != nil {
		return nil, err
	}
	if data.ProcessID <= 0 {
		return nil, &ResponseError{Action: action, HTTPStatus: 200, ContentType: "application/json", RequestID: rid, Reason: missingOrNotPositive("Data.ProcessId", data.ProcessID)}
	}
	return &GenerateResult{RequestID: rid, ProcessID: data.ProcessID, ClientToken: token}, nil
}

// QueryRequest asks for the state of a process started by Generate.
type QueryRequest struct {
	ProjectID int64
	// TaskType is the type given to Generate.
	TaskType TaskType
	// AsyncProcessID is GenerateResult.ProcessID.
	AsyncProcessID int64
}

// Status values of a process. DataWorks documents only these two; any
// other value, or none, means the process is still running.
const (
	StatusSuccess = "success"
	StatusFail    = "fail"
)

// QueryResult is the state of a process that has not failed.
type QueryResult struct {
	RequestID string
	// Status is "success", or whatever DataWorks says (often nothing)
	// while the process runs.
	Status string
	// Message is DataWorks' comment, usually empty.
	Message string
	// TaskContent is the generated document exactly as DataWorks returned
	// it (the decoded string), empty until Status is "success".
	TaskContent []byte

	asyncProcessID int64
}

// Done reports whether the process succeeded.
func (r *QueryResult) Done() bool { return r.Status == StatusSuccess }

// Name is the name Document gives the TaskContent in positions and
// diagnostics: "QueryDISyncTaskConfigProcessResult(<AsyncProcessID>)".
func (r *QueryResult) Name() string {
	return ActionQuery + "(" + strconv.FormatInt(r.asyncProcessID, 10) + ")"
}

// Document parses TaskContent, ready to lint, edit and pass to Create or
// Update. It fails when there is no TaskContent yet, and with a
// *taskcontent.SyntaxError when DataWorks returned something that is not
// JSON; TaskContent keeps the bytes either way.
func (r *QueryResult) Document() (*taskcontent.Document, error) {
	if len(bytes.TrimSpace(r.TaskContent)) == 0 {
		return nil, fmt.Errorf("fetch: %s has no TaskContent (status %q)", r.Name(), r.Status)
	}
	return taskcontent.ParseFile(r.Name(), r.TaskContent)
}

// Query asks once for the state of a process. A failed process is a
// *StatusError; a pending one is a result whose Done is false. Wait polls
// until the process ends.
func (c *Client) Query(ctx context.Context, req QueryRequest) (*QueryResult, error) {
	if err := checkProject(ActionQuery, req.ProjectID); err != nil {
		return nil, err
	}
	if err := req.TaskType.check(ActionQuery); err != nil {
		return nil, err
	}
	if req.AsyncProcessID <= 0 {
		return nil, invalid(ActionQuery, "AsyncProcessID must be positive")
	}
	q := url.Values{
		"ProjectId":      {strconv.FormatInt(req.ProjectID, 10)},
		"TaskType":       {string(req.TaskType)},
		"AsyncProcessId": {strconv.FormatInt(req.AsyncProcessID, 10)},
	}
	var data struct {
		Status      *string `json:"Status"`
		Message     *string `json:"Message"`
		TaskContent *string `json:"TaskContent"`
	}
	rid, err := c.call(ctx, operation{action: ActionQuery, query: q, idempotent: true}, &data)
	if err != nil {
		return nil, err
	}
	r := &QueryResult{RequestID: rid, asyncProcessID: req.AsyncProcessID}
	if data.Status != nil {
		r.Status = *data.Status
	}
	if data.Message != nil {
		r.Message = *data.Message
	}
	if data.TaskContent != nil {
		r.TaskContent = []byte(*data.TaskContent)
	}
	return r, nil
}

// CreateRequest creates a Data Integration task with CreateDISyncTask.
type CreateRequest struct {
	ProjectID int64
	TaskType  TaskType
	// TaskName is the node's name.
	TaskName string
	// TaskParam is the JSON {"FileFolderPath": …, "ResourceGroup": …}
	// (optional); it is sent compacted.
	TaskParam []byte
	// TaskContent is the job, sent compacted (Document.Compact) in the
	// form body.
	TaskContent *taskcontent.Document
	// ClientToken makes the call idempotent; empty means a random one, so
	// that the client can retry without creating the task twice.
	ClientToken string
}

// CreateResult is the answer to a CreateRequest.
type CreateResult struct {
	RequestID string
	// FileID is the new task's file ID, for UpdateRequest.FileID.
	FileID int64
	// ClientToken is the token sent.
	ClientToken string
}

// Create creates a task. It makes one call, plus retries; retries reuse the
// ClientToken, so at most one task is created.
func (c *Client) Create(ctx context.Context, req CreateRequest) (*CreateResult, error) {
	if err := checkProject(ActionCreate, req.ProjectID); err != nil {
		return nil, err
	}
	if err := req.TaskType.check(ActionCreate); err != nil {
		return nil, err
	}
	if req.TaskName == "" {
		return nil, invalid(ActionCreate, "TaskName is required")
	}
	if req.TaskContent == nil {
		return nil, invalid(ActionCreate, "TaskContent is required")
	}
	content, err := compactContent(ActionCreate, req.TaskContent)
	if err != nil {
		return nil, err
	}
	token := req.ClientToken
	if token == "" {
		token = newUUID()
	}
	q := url.Values{
		"ProjectId":   {strconv.FormatInt(req.ProjectID, 10)},
		"TaskType":    {string(req.TaskType)},
		"TaskName":    {req.TaskName},
		"ClientToken": {token},
	}
	if len(req.TaskParam) > 0 {
		param, err := compactJSON(ActionCreate, "TaskParam", req.TaskParam)
		if err != nil {
			return nil, err
		}
		q.Set("TaskParam", param)
	}
	op := operation{action: ActionCreate, query: q, form: url.Values{"TaskContent": {content}}, idempotent: token != ""}
	var data struct {
		FileID int64 `json:"FileId"`
	}
	rid, err := c.call(ctx, op, &data)
	if err != nil {
		return nil, err
	}
	if data.FileID <= 0 {
		return nil, &ResponseError{Action: ActionCreate, HTTPStatus: 200, ContentType: "application/json", RequestID: rid, Reason: missingOrNotPositive("Data.FileId", data.FileID)}
	}
	return &CreateResult{RequestID: rid, FileID: data.FileID, ClientToken: token}, nil
}

// UpdateRequest changes a task with UpdateDISyncTask.
type UpdateRequest struct {
	ProjectID int64
	TaskType  TaskType
	// FileID is the task's file ID.
	FileID int64
	// TaskParam is the JSON {"ResourceGroup": …} (optional).
	TaskParam []byte
	// TaskContent is the new job; nil keeps the current one. As in the
	// official SDKs it travels in the query string, so a large job makes a
	// long URL.
	TaskContent *taskcontent.Document
}

// UpdateResult is the answer to an UpdateRequest.
type UpdateResult struct {
	RequestID string
}

// Update changes a task. Sending the same update twice has the effect of
// one, so it is retried like a read.
func (c *Client) Update(ctx context.Context, req UpdateRequest) (*UpdateResult, error) {
	if err := checkProject(ActionUpdate, req.ProjectID); err != nil {
		return nil, err
	}
	if err := req.TaskType.check(ActionUpdate); err != nil {
		return nil, err
	}
	if req.FileID <= 0 {
		return nil, invalid(ActionUpdate, "FileID must be positive")
	}
	q := url.Values{
		"ProjectId": {strconv.FormatInt(req.ProjectID, 10)},
		"TaskType":  {string(req.TaskType)},
		"FileId":    {strconv.FormatInt(req.FileID, 10)},
	}
	if len(req.TaskParam) > 0 {
		param, err := compactJSON(ActionUpdate, "TaskParam", req.TaskParam)
		if err != nil {
			return nil, err
		}
		q.Set("TaskParam", param)
	}
	if req.TaskContent != nil {
		content, err := compactContent(ActionUpdate, req.TaskContent)
		if err != nil {
			return nil, err
		}
		q.Set("TaskContent", content)
	}
	if !q.Has("TaskParam") && !q.Has("TaskContent") {
		return nil, invalid(ActionUpdate, "nothing to update: set TaskContent or TaskParam")
	}
	rid, err := c.call(ctx, operation{action: ActionUpdate, query: q, idempotent: true}, nil)
	if err != nil {
		return nil, err
	}
	return &UpdateResult{RequestID: rid}, nil
}

// GetTaskRequest reads a deployed real-time task or synchronization
// solution with GetDISyncTask.
type GetTaskRequest struct {
	ProjectID int64
	// TaskType is TaskTypeRealtime or TaskTypeSolution, the types
	// GetDISyncTask documents.
	TaskType TaskType
	// FileID is the task's file ID.
	FileID int64
}

// GetTaskResult is a task as DataWorks holds it.
type GetTaskResult struct {
	RequestID string
	// Status and Message are Data.Status and Data.Message.
	Status  string
	Message string
	// Code is a real-time task's content (Data.Code), exactly as returned.
	Code []byte
	// Solution is a synchronization solution's detail (Data.SolutionDetail),
	// nil when the answer has none.
	Solution *SolutionDetail

	fileID int64
}

// SolutionDetail describes a synchronization solution.
type SolutionDetail struct {
	ID          int64  `json:"Id"`
	Name        string `json:"Name"`
	Type        string `json:"Type"`
	SourceType  string `json:"SourceType"`
	Status      string `json:"Status"`
	ProjectID   int64  `json:"ProjectId"`
	CreatorName string `json:"CreatorName"`
	StartTime   string `json:"StartTime"`
	SubmitTime  string `json:"SubmitTime"`
	// ProcessContent is the solution's configuration, a JSON document.
	ProcessContent string `json:"ProcessContent"`
	// ProcessExtra is extra information, a JSON document such as
	// {"processType":"new","tableNum":300}.
	ProcessExtra string `json:"ProcessExtra"`
}

// Name is the name Document gives the content in positions and
// diagnostics: "GetDISyncTask(<FileId>)".
func (r *GetTaskResult) Name() string {
	return ActionGetTask + "(" + strconv.FormatInt(r.fileID, 10) + ")"
}

// Content is the task's document: Code for a real-time task, else the
// solution's ProcessContent; nil when the answer carries neither.
func (r *GetTaskResult) Content() []byte {
	if len(bytes.TrimSpace(r.Code)) > 0 {
		return r.Code
	}
	if r.Solution != nil && strings.TrimSpace(r.Solution.ProcessContent) != "" {
		return []byte(r.Solution.ProcessContent)
	}
	return nil
}

// Document parses Content, ready to lint or to compare with a file. It
// fails when there is no content, and with a *taskcontent.SyntaxError when
// the content is not JSON.
func (r *GetTaskResult) Document() (*taskcontent.Document, error) {
	content := r.Content()
	if content == nil {
		return nil, fmt.Errorf("fetch: %s has no Code or SolutionDetail.ProcessContent", r.Name())
	}
	return taskcontent.ParseFile(r.Name(), content)
}

// GetTask reads a real-time task or a synchronization solution. A
// Data.Status "fail" is a *StatusError. It makes one call, plus retries.
func (c *Client) GetTask(ctx context.Context, req GetTaskRequest) (*GetTaskResult, error) {
	if err := checkProject(ActionGetTask, req.ProjectID); err != nil {
		return nil, err
	}
	switch req.TaskType {
	case TaskTypeRealtime, TaskTypeSolution:
	case TaskTypeOffline:
		return nil, invalid(ActionGetTask, "TaskType DI_OFFLINE: GetDISyncTask reads real-time tasks and solutions only (DI_REALTIME, DI_SOLUTION)")
	default:
		if err := req.TaskType.check(ActionGetTask); err != nil {
			return nil, err
		}
	}
	if req.FileID <= 0 {
		return nil, invalid(ActionGetTask, "FileID must be positive")
	}
	q := url.Values{
		"ProjectId": {strconv.FormatInt(req.ProjectID, 10)},
		"TaskType":  {string(req.TaskType)},
		"FileId":    {strconv.FormatInt(req.FileID, 10)},
	}
	var data struct {
		Status         *string         `json:"Status"`
		Message        *string         `json:"Message"`
		Code           *string         `json:"Code"`
		SolutionDetail *SolutionDetail `json:"SolutionDetail"`
	}
	rid, err := c.call(ctx, operation{action: ActionGetTask, query: q, idempotent: true}, &data)
	if err != nil {
		return nil, err
	}
	r := &GetTaskResult{RequestID: rid, Solution: data.SolutionDetail, fileID: req.FileID}
	if data.Status != nil {
		r.Status = *data.Status
	}
	if data.Message != nil {
		r.Message = *data.Message
	}
	if data.Code != nil {
		r.Code = []byte(*data.Code)
	}
	return r, nil
}
