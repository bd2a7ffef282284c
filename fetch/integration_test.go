package fetch_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dilint/dilint/fetch"
	"github.com/dilint/dilint/fetch/fetchtest"
	"github.com/dilint/dilint/taskcontent"
)

const projectID = 10000

// job is a batch job with a password inside, which must reach the server
// but never an error or a log.
const job = `{
  "type": "job", "version": "2.0",
  "steps": [
    {"stepType": "mysql", "name": "Reader", "category": "reader",
     "parameter": {"connection": [{"jdbcUrl": ["jdbc:mysql://db:3306/shop"], "table": ["orders"]}], "username": "etl", "password": "job-password-7f3a", "column": ["id"]}},
    {"stepType": "odps", "name": "Writer", "category": "writer", "parameter": {"datasource": "odps_first", "table": "orders", "column": ["id"]}}
  ],
  "order": {"hops": [{"from": "Reader", "to": "Writer"}]},
  "setting": {"speed": {"concurrent": 1}, "errorLimit": {"record": "0"}}
}`

const realtimeParam = `{"type":"realtime","version":"1.0","setting":{"resourceGroup":"S_res_group_1","taskType":"oneclick_to_holo"},"steps":[]}`

func mustParse(t testing.TB, src string) *taskcontent.Document {
	t.Helper()
	doc, err := taskcontent.ParseFile("job.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func newClient(t testing.TB, srv *fetchtest.Server, edit func(*fetch.Config)) *fetch.Client {
	t.Helper()
	cfg := srv.Config()
	if edit != nil {
		edit(&cfg)
	}
	c, err := fetch.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The whole flow, for each signature version, credential kind and scheme:
// Generate, Wait, Create with the generated content, Update.
func TestFlow(t *testing.T) {
	for _, tt := range []struct {
		name string
		tls  bool
		sig  fetch.SignatureVersion
		sts  bool
	}{
		{"v1", false, fetch.SignatureV1, false},
		{"v1 STS TLS", true, fetch.SignatureV1, true},
		{"v3", false, fetch.SignatureV3, false},
		{"v3 STS TLS", true, fetch.SignatureV3, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := fetchtest.NewServer()
			if tt.tls {
				srv = fetchtest.NewTLSServer()
			}
			defer srv.Close()
			srv.SetGenerate(func(fetchtest.Call) fetchtest.Process {
				return fetchtest.Process{Pending: 2, TaskContent: fetchtest.DefaultTaskContent}
			})
			c := newClient(t, srv, func(cfg *fetch.Config) {
				cfg.Signature = tt.sig
				if tt.sts {
					cfg.Credentials = fetch.Static(fetch.Credential{AccessKeyID: fetchtest.STSAccessKeyID, AccessKeySecret: fetchtest.AccessKeySecret, SecurityToken: fetchtest.SecurityToken})
				}
			})
			ctx := context.Background()

			gen, err := c.Generate(ctx, fetch.GenerateRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, TaskParam: []byte(" \n" + realtimeParam + "\n")})
			if err != nil {
				t.Fatal(err)
			}
			var polls []fetch.Progress
			res, err := c.Wait(ctx, fetch.QueryRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, AsyncProcessID: gen.ProcessID},
				fetch.WaitOptions{Interval: time.Millisecond, MaxInterval: 2 * time.Millisecond, Progress: func(p fetch.Progress) { polls = append(polls, p) }})
			if err != nil {
				t.Fatal(err)
			}
			if len(polls) != 3 || polls[2].Status != "success" || polls[2].Next != 0 || polls[0].Next == 0 {
				t.Errorf("progress %+v", polls)
			}
			doc, err := res.Document()
			if err != nil {
				t.Fatal(err)
			}
			if doc.Kind() != taskcontent.KindJob || doc.Name() != "QueryDISyncTaskConfigProcessResult(1)" || string(res.TaskContent) != fetchtest.DefaultTaskContent {
				t.Errorf("document %s kind %v", doc.Name(), doc.Kind())
			}

			created, err := c.Create(ctx, fetch.CreateRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, TaskName: "orders 实时",
				TaskParam: []byte(`{"FileFolderPath": "业务流程/demo/数据集成", "ResourceGroup": "S_res_group_1"}`), TaskContent: doc})
			if err != nil {
				t.Fatal(err)
			}
			task, ok := srv.Task(created.FileID)
			if !ok || task.TaskContent != fetchtest.DefaultTaskContent || task.TaskName != "orders 实时" || task.TaskParam != `{"FileFolderPath":"业务流程/demo/数据集成","ResourceGroup":"S_res_group_1"}` {
				t.Errorf("stored task %+v", task)
			}

			batch := mustParse(t, job)
			if _, err := c.Update(ctx, fetch.UpdateRequest{ProjectID: projectID, TaskType: fetch.TaskTypeOffline, FileID: created.FileID, TaskContent: batch}); err != nil {
				t.Fatal(err)
			}
			compact, _ := batch.Compact()
			if task, _ := srv.Task(created.FileID); task.TaskContent != string(compact) || task.Updates != 1 {
				t.Errorf("updated task %+v", task)
			}

			// Parameter placement, as the official SDK places them.
			calls := srv.Calls()
			if len(calls) != 6 {
				t.Fatalf("%d calls", len(calls))
			}
			for _, call := range calls {
				if call.Signature != tt.sig.String() || call.HTTPStatus != 200 {
					t.Errorf("%s: signature %q, status %d", call.Action, call.Signature, call.HTTPStatus)
				}
			}
			create, update := calls[4], calls[5]
			if create.Query.Has("TaskContent") || create.Form.Get("TaskContent") != fetchtest.DefaultTaskContent || create.Query.Get("ClientToken") != created.ClientToken {
				t.Errorf("Create placement: query %v form %v", create.Query, create.Form)
			}
			if update.Query.Get("TaskContent") != string(compact) || len(update.Form) != 0 {
				t.Errorf("Update placement: query %v form %v", update.Query, update.Form)
			}
			if calls[0].Query.Get("TaskParam") != realtimeParam || calls[0].Query.Get("ClientToken") != gen.ClientToken {
				t.Errorf("Generate query %v", calls[0].Query)
			}
		})
	}
}

func TestGenerateForUpdating(t *testing.T) {
	srv := fetchtest.NewServer()
	defer srv.Close()
	c := newClient(t, srv, nil)
	fileID := srv.AddTask(fetchtest.Task{ProjectID: "10000", TaskType: "DI_REALTIME", TaskContent: fetchtest.DefaultTaskContent})
	gen, err := c.Generate(context.Background(), fetch.GenerateRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, TaskID: fileID, TaskParam: []byte(`{"steps":[]}`), ClientToken: "token-1"})
	if err != nil {
		t.Fatal(err)
	}
	call := srv.Calls()[0]
	if call.Action != fetch.ActionGenerateForUpdating || call.Query.Get("TaskId") != "1000001" || gen.ClientToken != "token-1" {
		t.Errorf("call %s %v", call.Action, call.Query)
	}
	// The same ClientToken names the same process.
	again, err := c.Generate(context.Background(), fetch.GenerateRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, TaskID: fileID, TaskParam: []byte(`{"steps":[]}`), ClientToken: "token-1"})
	if err != nil || again.ProcessID != gen.ProcessID {
		t.Errorf("second Generate: %v, %v", again, err)
	}
	_, err = c.Generate(context.Background(), fetch.GenerateRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, TaskID: 42, TaskParam: []byte(`{"steps":[]}`)})
	var se *fetch.StatusError
	if !errors.As(err, &se) || se.Message != "taskId:[42] is invalid." {
		t.Errorf("unknown TaskId: %v", err)
	}
}

func TestInvalidRequests(t *testing.T) {
	srv := fetchtest.NewServer()
	defer srv.Close()
	c := newClient(t, srv, nil)
	ctx := context.Background()
	doc := mustParse(t, job)
	for name, call := range map[string]func() error{
		"no project": func() error {
			_, err := c.Query(ctx, fetch.QueryRequest{TaskType: fetch.TaskTypeRealtime, AsyncProcessID: 1})
			return err
		},
		"bad type": func() error {
			_, err := c.Query(ctx, fetch.QueryRequest{ProjectID: 1, TaskType: "DI_BATCH", AsyncProcessID: 1})
			return err
		},
		"no process": func() error {
			_, err := c.Query(ctx, fetch.QueryRequest{ProjectID: 1, TaskType: fetch.TaskTypeRealtime})
			return err
		},
		"bad TaskParam": func() error {
			_, err := c.Generate(ctx, fetch.GenerateRequest{ProjectID: 1, TaskType: fetch.TaskTypeRealtime, TaskParam: []byte(`{"a":`)})
			return err
		},
		"no name": func() error {
			_, err := c.Create(ctx, fetch.CreateRequest{ProjectID: 1, TaskType: fetch.TaskTypeOffline, TaskContent: doc})
			return err
		},
		"no content": func() error {
			_, err := c.Create(ctx, fetch.CreateRequest{ProjectID: 1, TaskType: fetch.TaskTypeOffline, TaskName: "x"})
			return err
		},
		"no file": func() error {
			_, err := c.Update(ctx, fetch.UpdateRequest{ProjectID: 1, TaskType: fetch.TaskTypeOffline, TaskContent: doc})
			return err
		},
		"nothing": func() error {
			_, err := c.Update(ctx, fetch.UpdateRequest{ProjectID: 1, TaskType: fetch.TaskTypeOffline, FileID: 1})
			return err
		},
	} {
		if err := call(); !errors.Is(err, fetch.ErrInvalidRequest) {
			t.Errorf("%s: %v, want ErrInvalidRequest", name, err)
		}
	}
	if n := len(srv.Calls()); n != 0 {
		t.Errorf("%d calls sent for invalid requests", n)
	}
}

// Every fault fetchtest injects, with the outcome the client must reach.
func TestFaults(t *testing.T) {
	query := func(c *fetch.Client, srv *fetchtest.Server) error {
		id := srv.AddProcess(projectID, fetchtest.Process{TaskContent: fetchtest.DefaultTaskContent})
		res, err := c.Query(context.Background(), fetch.QueryRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, AsyncProcessID: id})
		if err == nil && !res.Done() {
			return errors.New("not done")
		}
		return err
	}
	tests := []struct {
		name    string
		faults  []fetchtest.Fault
		timeout time.Duration
		calls   int
		check   func(t *testing.T, err error)
	}{
		{name: "500 then success", faults: []fetchtest.Fault{fetchtest.ServerError(500)}, calls: 2},
		{name: "503 three times then success", faults: []fetchtest.Fault{fetchtest.ServerError(503).Times(3)}, calls: 4},
		{name: "503 beyond MaxAttempts", faults: []fetchtest.Fault{fetchtest.ServerError(503).Times(4)}, calls: 4,
			check: apiError(503, "ServiceUnavailable")},
		{name: "throttled with TimeLeft", faults: []fetchtest.Fault{fetchtest.Throttle(40 * time.Millisecond)}, calls: 2},
		{name: "throttled without TimeLeft", faults: []fetchtest.Fault{fetchtest.Throttle(0).Times(2)}, calls: 3},
		{name: "throttled for an hour", faults: []fetchtest.Fault{fetchtest.Throttle(time.Hour)}, calls: 1,
			check: func(t *testing.T, err error) {
				apiError(400, "Throttling.User")(t, err)
				var e *fetch.APIError
				if errors.As(err, &e) && (e.RetryAfter != time.Hour || !e.Throttled()) {
					t.Errorf("RetryAfter %v", e.RetryAfter)
				}
			}},
		{name: "slow answer times out, retry succeeds", faults: []fetchtest.Fault{fetchtest.Slow(2 * time.Second)}, timeout: 100 * time.Millisecond, calls: 2},
		{name: "slow every time", faults: []fetchtest.Fault{fetchtest.Slow(2 * time.Second).Times(4)}, timeout: 50 * time.Millisecond, calls: 4,
			check: func(t *testing.T, err error) {
				var e *fetch.TransportError
				if !errors.As(err, &e) || !errors.Is(err, context.DeadlineExceeded) {
					t.Errorf("got %v, want a TransportError wrapping DeadlineExceeded", err)
				}
			}},
		{name: "truncated body", faults: []fetchtest.Fault{fetchtest.TruncatedBody()}, calls: 2},
		{name: "truncated every time", faults: []fetchtest.Fault{fetchtest.TruncatedBody().Times(4)}, calls: 4,
			check: func(t *testing.T, err error) {
				var e *fetch.TransportError
				if !errors.As(err, &e) || !errors.Is(err, io.ErrUnexpectedEOF) {
					t.Errorf("got %v, want a TransportError wrapping io.ErrUnexpectedEOF", err)
				}
			}},
		{name: "HTML 502 from a proxy, then success", faults: []fetchtest.Fault{fetchtest.HTMLPage(502)}, calls: 2},
		{name: "HTML 502 every time", faults: []fetchtest.Fault{fetchtest.HTMLPage(502).Times(4)}, calls: 4,
			check: func(t *testing.T, err error) {
				apiError(502, "")(t, err)
				if err != nil && !strings.Contains(err.Error(), "text/html") {
					t.Errorf("message %q does not name the content type", err)
				}
			}},
		{name: "HTML 200 is not retried", faults: []fetchtest.Fault{fetchtest.HTMLPage(200)}, calls: 1,
			check: func(t *testing.T, err error) {
				var e *fetch.ResponseError
				if !errors.As(err, &e) || e.ContentType != "text/html" || e.Reason != "not JSON" {
					t.Errorf("got %v, want a ResponseError about HTML", err)
				}
			}},
		{name: "connection reset", faults: []fetchtest.Fault{fetchtest.ConnectionReset()}, calls: 2},
		{name: "forbidden is final", faults: []fetchtest.Fault{{Status: 403, Code: "Forbidden.Access", Message: "User not authorized to operate on the specified resource."}}, calls: 1,
			check: apiError(403, "Forbidden.Access")},
		{name: "internal error is retried", faults: []fetchtest.Fault{{Status: 500, Code: "InternalError.System", Message: "x"}}, calls: 2},
		{name: "fault for another action", faults: []fetchtest.Fault{fetchtest.ServerError(500).For(fetch.ActionCreate)}, calls: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := fetchtest.NewServer()
			defer srv.Close()
			srv.Inject(tt.faults...)
			c := newClient(t, srv, func(cfg *fetch.Config) {
				if tt.timeout != 0 {
					cfg.Timeout = tt.timeout
				}
			})
			start := time.Now()
			err := query(c, srv)
			if tt.check != nil {
				tt.check(t, err)
			} else if err != nil {
				t.Errorf("got %v, want success", err)
			}
			calls := srv.Calls()
			if len(calls) != tt.calls {
				t.Errorf("%d calls, want %d", len(calls), tt.calls)
			}
			nonces := map[string]bool{}
			for _, call := range calls {
				nonces[call.Query.Get("SignatureNonce")+call.Query.Get("Signature")] = true
			}
			if len(nonces) != len(calls) {
				t.Errorf("retries reused a nonce or signature: %d distinct in %d calls", len(nonces), len(calls))
			}
			if tt.name == "throttled with TimeLeft" && time.Since(start) < 40*time.Millisecond {
				t.Errorf("retried after %v, before TimeLeft", time.Since(start))
			}
		})
	}
}

func apiError(status int, code string) func(t *testing.T, err error) {
	return func(t *testing.T, err error) {
		t.Helper()
		var e *fetch.APIError
		if !errors.As(err, &e) || e.HTTPStatus != status || e.Code != code || e.RequestID == "" && code != "" {
			t.Errorf("got %v, want an APIError %d %q with a RequestId", err, status, code)
		}
	}
}

// A lost answer to Create: the retry carries the same ClientToken, so the
// task is created once and the client learns its FileId.
func TestCreateRetryIsIdempotent(t *testing.T) {
	srv := fetchtest.NewServer()
	defer srv.Close()
	srv.Inject(fetchtest.Fault{Reset: true, AfterHandling: true}.For(fetch.ActionCreate))
	c := newClient(t, srv, nil)
	res, err := c.Create(context.Background(), fetch.CreateRequest{ProjectID: projectID, TaskType: fetch.TaskTypeOffline, TaskName: "orders", TaskContent: mustParse(t, job)})
	if err != nil {
		t.Fatal(err)
	}
	calls := srv.Calls()
	if len(calls) != 2 || srv.Tasks() != 1 || res.FileID != 1000001 {
		t.Fatalf("%d calls, %d tasks, FileID %d", len(calls), srv.Tasks(), res.FileID)
	}
	if calls[0].Query.Get("ClientToken") != calls[1].Query.Get("ClientToken") || calls[0].Query.Get("SignatureNonce") == calls[1].Query.Get("SignatureNonce") {
		t.Errorf("retry: token %q/%q, nonce %q/%q", calls[0].Query.Get("ClientToken"), calls[1].Query.Get("ClientToken"),
			calls[0].Query.Get("SignatureNonce"), calls[1].Query.Get("SignatureNonce"))
	}
}

func TestStatusFail(t *testing.T) {
	srv := fetchtest.NewServer()
	defer srv.Close()
	c := newClient(t, srv, nil)
	ctx := context.Background()
	_, err := c.Update(ctx, fetch.UpdateRequest{ProjectID: projectID, TaskType: fetch.TaskTypeOffline, FileID: 100, TaskContent: mustParse(t, job)})
	var se *fetch.StatusError
	if !errors.As(err, &se) || se.Message != "fileId:[100] is invalid." || se.Action != fetch.ActionUpdate || se.RequestID == "" {
		t.Errorf("Update of an unknown file: %v", err)
	}
	if n := len(srv.Calls()); n != 1 {
		t.Errorf("a fail status was retried: %d calls", n)
	}
}

func TestWait(t *testing.T) {
	fast := fetch.WaitOptions{Interval: time.Millisecond, MaxInterval: 4 * time.Millisecond}
	tests := []struct {
		name  string
		proc  fetchtest.Process
		opts  func(*fetch.WaitOptions)
		ctx   func() (context.Context, context.CancelFunc)
		polls int
		check func(t *testing.T, res *fetch.QueryResult, err error)
	}{
		{name: "pending without status", proc: fetchtest.Process{Pending: 3, TaskContent: fetchtest.DefaultTaskContent}, polls: 4,
			check: func(t *testing.T, res *fetch.QueryResult, err error) {
				if err != nil || !res.Done() {
					t.Errorf("%v, %v", res, err)
				}
			}},
		{name: "undocumented pending status", proc: fetchtest.Process{Pending: 2, PendingStatus: "running", TaskContent: "{}"}, polls: 3,
			check: func(t *testing.T, res *fetch.QueryResult, err error) {
				if err != nil || string(res.TaskContent) != "{}" {
					t.Errorf("%v, %v", res, err)
				}
			}},
		{name: "fail", proc: fetchtest.Process{Pending: 1, FailMessage: "fileId:[100] is invalid."}, polls: 2,
			check: func(t *testing.T, res *fetch.QueryResult, err error) {
				var se *fetch.StatusError
				if !errors.As(err, &se) || se.Message != "fileId:[100] is invalid." || res != nil {
					t.Errorf("%v, %v", res, err)
				}
			}},
		{name: "MaxPolls", proc: fetchtest.Process{Pending: 10}, opts: func(o *fetch.WaitOptions) { o.MaxPolls = 3 }, polls: 3,
			check: pending(fetch.ErrMaxPolls, 3)},
		{name: "timeout", proc: fetchtest.Process{Pending: 1000, PendingStatus: "running"}, opts: func(o *fetch.WaitOptions) {
			o.Timeout = 30 * time.Millisecond
			o.Interval = 10 * time.Millisecond
			o.MaxInterval = 10 * time.Millisecond
		}, polls: -1,
			check: pending(context.DeadlineExceeded, -1)},
		{name: "cancelled", proc: fetchtest.Process{Pending: 1000},
			ctx: func() (context.Context, context.CancelFunc) {
				return context.WithTimeout(context.Background(), 20*time.Millisecond)
			}, polls: -1,
			check: pending(context.DeadlineExceeded, -1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := fetchtest.NewServer()
			defer srv.Close()
			c := newClient(t, srv, nil)
			id := srv.AddProcess(projectID, tt.proc)
			opts := fast
			if tt.opts != nil {
				tt.opts(&opts)
			}
			var progress atomic.Int32
			opts.Progress = func(fetch.Progress) { progress.Add(1) }
			ctx, cancel := context.WithCancel(context.Background())
			if tt.ctx != nil {
				ctx, cancel = tt.ctx()
			}
			defer cancel()
			res, err := c.Wait(ctx, fetch.QueryRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, AsyncProcessID: id}, opts)
			tt.check(t, res, err)
			calls := len(srv.Calls())
			if tt.polls >= 0 && calls != tt.polls {
				t.Errorf("%d polls, want %d", calls, tt.polls)
			}
			// A poll cut short by the deadline gets no progress report.
			if got := int(progress.Load()); got != calls && (tt.polls >= 0 || got != calls-1) {
				t.Errorf("%d progress calls for %d polls", progress.Load(), calls)
			}
		})
	}
}

func pending(cause error, polls int) func(t *testing.T, res *fetch.QueryResult, err error) {
	return func(t *testing.T, res *fetch.QueryResult, err error) {
		t.Helper()
		var pe *fetch.PendingError
		if !errors.As(err, &pe) || !errors.Is(err, cause) || res != nil || (polls >= 0 && pe.Polls != polls) {
			t.Errorf("got %v, %v; want a PendingError for %v", res, err, cause)
		}
	}
}

func TestSignatureRejected(t *testing.T) {
	srv := fetchtest.NewServer()
	defer srv.Close()
	for _, sig := range []fetch.SignatureVersion{fetch.SignatureV1, fetch.SignatureV3} {
		c := newClient(t, srv, func(cfg *fetch.Config) {
			cfg.Signature = sig
			cfg.Credentials = fetch.Static(fetch.Credential{AccessKeyID: fetchtest.AccessKeyID, AccessKeySecret: "wrong-secret"})
		})
		_, err := c.Query(context.Background(), fetch.QueryRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, AsyncProcessID: 1})
		apiError(400, "SignatureDoesNotMatch")(t, err)
		if err != nil && strings.Contains(err.Error(), "POST&") {
			t.Errorf("%v: the server's string to sign leaked into %q", sig, err)
		}
	}
	c := newClient(t, srv, func(cfg *fetch.Config) {
		cfg.Credentials = fetch.Static(fetch.Credential{AccessKeyID: "unknown", AccessKeySecret: "x"})
	})
	_, err := c.Query(context.Background(), fetch.QueryRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, AsyncProcessID: 1})
	apiError(404, "InvalidAccessKeyId.NotFound")(t, err)
	if n := len(srv.Calls()); n != 3 {
		t.Errorf("%d calls; signature errors must not be retried", n)
	}
}

// A redirect is answered, not followed: the signed request never reaches
// another host.
func TestRedirectNotFollowed(t *testing.T) {
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { elsewhere.Add(1) }))
	defer other.Close()
	redirector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/steal", http.StatusTemporaryRedirect)
	}))
	defer redirector.Close()
	c, err := fetch.New(fetch.Config{Region: "cn-shanghai", Endpoint: redirector.URL, Credentials: fetch.Static(fetch.Credential{AccessKeyID: "a", AccessKeySecret: "b"})})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Query(context.Background(), fetch.QueryRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, AsyncProcessID: 1})
	var e *fetch.APIError
	if !errors.As(err, &e) || e.HTTPStatus != 307 || !strings.Contains(e.Message, "redirect refused") {
		t.Errorf("got %v", err)
	}
	if elsewhere.Load() != 0 {
		t.Error("the redirect was followed")
	}
}

func TestResponseSizeLimit(t *testing.T) {
	srv := fetchtest.NewServer()
	defer srv.Close()
	id := srv.AddProcess(projectID, fetchtest.Process{TaskContent: `{"type":"job","steps":[],"pad":"` + strings.Repeat("x", 4096) + `"}`})
	c := newClient(t, srv, func(cfg *fetch.Config) { cfg.MaxResponseBytes = 1024 })
	_, err := c.Query(context.Background(), fetch.QueryRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, AsyncProcessID: id})
	var e *fetch.ResponseError
	if !errors.As(err, &e) || !strings.Contains(e.Reason, "larger than 1024 bytes") {
		t.Errorf("got %v", err)
	}
}

// A 200 answer whose Data.Status is null or missing is pending, and one
// with Success false is an APIError.
func TestOddAnswers(t *testing.T) {
	srv := fetchtest.NewServer()
	defer srv.Close()
	c := newClient(t, srv, nil)
	req := fetch.QueryRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, AsyncProcessID: 1}
	srv.Inject(fetchtest.Fault{Status: 200, ContentType: "application/json", Body: `{"RequestId":"R1","Success":true,"Data":{"Status":null,"TaskContent":null}}`})
	res, err := c.Query(context.Background(), req)
	if err != nil || res.Done() || res.RequestID != "R1" {
		t.Errorf("null status: %v, %v", res, err)
	}
	if _, err := res.Document(); err == nil {
		t.Error("Document of a pending result")
	}
	srv.Inject(fetchtest.Fault{Status: 200, ContentType: "application/json", Body: `{"RequestId":"R2","Success":false,"Code":"Forbidden.Access","Message":"no"}`})
	_, err = c.Query(context.Background(), req)
	apiError(200, "Forbidden.Access")(t, err)
	srv.Inject(fetchtest.Fault{Status: 200, ContentType: "application/json", Body: `{"RequestId":"R3","Success":true,"Data":{"Status":"success","TaskContent":`})
	_, err = c.Query(context.Background(), req)
	var re *fetch.ResponseError
	if !errors.As(err, &re) || re.Reason != "incomplete or invalid JSON" {
		t.Errorf("cut JSON: %v", err)
	}
	srv.Inject(fetchtest.Fault{Status: 200, ContentType: "application/json", Body: `{"RequestId":"R4","Success":true,"Data":{"Status":"success","TaskContent":"{\"type\":\"job\",\"steps\":[}"}}`})
	res, err = c.Query(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	var syn *taskcontent.SyntaxError
	if _, err := res.Document(); !errors.As(err, &syn) {
		t.Errorf("Document of broken content: %v", err)
	}
}

// An answer whose fields have the wrong JSON type names the field and both
// types, never the value; an ID of zero or less is refused.
func TestAnswersOfTheWrongShape(t *testing.T) {
	srv := fetchtest.NewServer()
	defer srv.Close()
	c := newClient(t, srv, nil)
	ctx := context.Background()
	query := fetch.QueryRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, AsyncProcessID: 1}
	doc := mustParse(t, job)
	create := fetch.CreateRequest{ProjectID: projectID, TaskType: fetch.TaskTypeOffline, TaskName: "t", TaskContent: doc}
	generate := fetch.GenerateRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, TaskParam: []byte(realtimeParam)}
	for _, tt := range []struct {
		body string
		call func() error
		want string
	}{
		{`{"RequestId":"R1","Success":"true","Data":{}}`, func() error { _, err := c.Query(ctx, query); return err }, "Success is a JSON string, want a boolean"},
		{`{"RequestId":12,"Success":true}`, func() error { _, err := c.Query(ctx, query); return err }, "RequestId is a JSON number, want a string"},
		{`[1,2]`, func() error { _, err := c.Query(ctx, query); return err }, "the body is a JSON array, want an object"},
		{`{"RequestId":"R2","Success":true,"Data":{"Status":1}}`, func() error { _, err := c.Query(ctx, query); return err }, "Data.Status is a JSON number, want a string"},
		{`{"RequestId":"R3","Success":true,"Data":"secretish"}`, func() error { _, err := c.Query(ctx, query); return err }, "Data is a JSON string, want an object"},
		{`{"RequestId":"R4","Success":true,"Data":{"TaskContent":{"type":"job"}}}`, func() error { _, err := c.Query(ctx, query); return err }, "Data.TaskContent is a JSON object, want a string"},
		{`{"RequestId":"R5","Success":true,"Data":{"FileId":"1000001"}}`, func() error { _, err := c.Create(ctx, create); return err }, "Data.FileId is a JSON string, want an integer"},
		{`{"RequestId":"R6","Success":true,"Data":{"FileId":1.5}}`, func() error { _, err := c.Create(ctx, create); return err }, "Data.FileId is a JSON number, want an integer"},
		{`{"RequestId":"R7","Success":true,"Data":{"FileId":-3}}`, func() error { _, err := c.Create(ctx, create); return err }, "Data.FileId is -3, not a positive ID"},
		{`{"RequestId":"R8","Success":true,"Data":{"ProcessId":0}}`, func() error { _, err := c.Generate(ctx, generate); return err }, "Data.ProcessId is missing"},
		{`{"RequestId":"R9","Success":true,"Data":{"ProcessId":-1}}`, func() error { _, err := c.Generate(ctx, generate); return err }, "Data.ProcessId is -1, not a positive ID"},
	} {
		srv.Inject(fetchtest.Fault{Status: 200, ContentType: "application/json", Body: tt.body})
		err := tt.call()
		var re *fetch.ResponseError
		if !errors.As(err, &re) || re.Reason != tt.want {
			t.Errorf("%s: %v, want reason %q", tt.body, err, tt.want)
		}
		if err != nil && (strings.Contains(err.Error(), "secretish") || strings.Contains(err.Error(), "1000001") || strings.Contains(err.Error(), "1.5")) {
			t.Errorf("%s: the error quotes the value: %v", tt.body, err)
		}
	}
	for _, id := range []int64{0, -1} {
		_, err := c.Update(ctx, fetch.UpdateRequest{ProjectID: projectID, TaskType: fetch.TaskTypeOffline, FileID: id, TaskContent: doc})
		if !errors.Is(err, fetch.ErrInvalidRequest) || !strings.Contains(err.Error(), "FileID must be positive") {
			t.Errorf("Update FileID %d: %v", id, err)
		}
	}
}

func TestGetTask(t *testing.T) {
	srv := fetchtest.NewServer()
	defer srv.Close()
	c := newClient(t, srv, nil)
	ctx := context.Background()
	rt := srv.AddTask(fetchtest.Task{ProjectID: "10000", TaskType: "DI_REALTIME", TaskName: "rt", TaskContent: fetchtest.DefaultTaskContent})
	sol := srv.AddTask(fetchtest.Task{ProjectID: "10000", TaskType: "DI_SOLUTION", TaskName: "sol", TaskContent: `{"srcType":"mysql"}`})

	res, err := c.GetTask(ctx, fetch.GetTaskRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, FileID: rt})
	if err != nil || string(res.Code) != fetchtest.DefaultTaskContent || res.Status != "success" || res.RequestID == "" {
		t.Fatalf("real-time task: %+v, %v", res, err)
	}
	doc, err := res.Document()
	if err != nil || doc.Name() != "GetDISyncTask("+strconv.FormatInt(rt, 10)+")" {
		t.Errorf("Document: %v, %v", doc, err)
	}
	res, err = c.GetTask(ctx, fetch.GetTaskRequest{ProjectID: projectID, TaskType: fetch.TaskTypeSolution, FileID: sol})
	if err != nil || res.Solution == nil || res.Solution.Name != "sol" || string(res.Content()) != `{"srcType":"mysql"}` {
		t.Fatalf("solution: %+v, %v", res, err)
	}
	var statusErr *fetch.StatusError
	if _, err := c.GetTask(ctx, fetch.GetTaskRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, FileID: 999}); !errors.As(err, &statusErr) {
		t.Errorf("unknown FileId: %v", err)
	}
	for _, req := range []fetch.GetTaskRequest{
		{ProjectID: projectID, TaskType: fetch.TaskTypeOffline, FileID: rt},
		{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, FileID: 0},
		{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, FileID: -2},
		{ProjectID: 0, TaskType: fetch.TaskTypeRealtime, FileID: rt},
	} {
		if _, err := c.GetTask(ctx, req); !errors.Is(err, fetch.ErrInvalidRequest) {
			t.Errorf("%+v: %v, want ErrInvalidRequest", req, err)
		}
	}
	if calls := srv.Calls(); len(calls) != 3 {
		t.Errorf("%d calls, want 3 (invalid requests are not sent)", len(calls))
	}
	if _, err := (&fetch.GetTaskResult{}).Document(); err == nil {
		t.Error("Document of an empty result")
	}
}
