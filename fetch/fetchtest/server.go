// Package fetchtest is a fake DataWorks OpenAPI for tests: an
// httptest.Server that verifies signature v1 and V3 as the API gateway
// does, runs the asynchronous Generate → Query flow, stores the tasks that
// Create and Update send (GetDISyncTask reads them back), records every
// call and injects faults (5xx, throttling, slow, truncated or HTML
// responses, connection resets). Cloud fakes the services the credentials
// chain calls: STS, the ECS metadata service and a credentials URI.
//
// It serves this module's tests and the cross-check with the official SDK,
// and it is meant for users' tests too:
//
//	srv := fetchtest.NewServer()
//	defer srv.Close()
//	c, _ := fetch.New(srv.Config())
//
// The server accepts the credentials AccessKeyID/AccessKeySecret, and
// STSAccessKeyID/AccessKeySecret with SecurityToken; AddCredential adds
// more.
package fetchtest

import (
	"crypto/rand"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/dilint/dilint/fetch"
	"github.com/dilint/dilint/fetch/internal/signature"
)

// The credentials a new Server accepts.
const (
	AccessKeyID     = "testAccessKeyId"
	AccessKeySecret = "testAccessKeySecret"
	// STSAccessKeyID is accepted only with SecurityToken.
	STSAccessKeyID = "STS.testAccessKeyId"
	SecurityToken  = "testSecurityToken"
	// Region is the region Config uses.
	Region = "cn-shanghai"
)

// Server is a fake DataWorks endpoint. Its methods are safe for concurrent
// use, including while requests are served.
type Server struct {
	*httptest.Server

	mu          sync.Mutex
	creds       map[string]fetch.Credential
	expired     map[string]bool
	nonces      map[string]bool
	processes   map[int64]*process
	nextProcess int64
	tasks       map[int64]*Task
	nextFile    int64
	tokens      map[string]int64 // action + "\x00" + ClientToken → ProcessId or FileId
	generate    func(Call) Process
	faults      []Fault
	calls       []Call
}

// NewServer starts a fake on a loopback http:// URL.
func NewServer() *Server {
	s := newServer()
	s.Server = httptest.NewServer(s)
	return s
}

// NewTLSServer starts a fake on a loopback https:// URL with a
// self-signed certificate that the client of Config trusts.
func NewTLSServer() *Server {
	s := newServer()
	s.Server = httptest.NewTLSServer(s)
	return s
}

func newServer() *Server {
	s := &Server{
		creds:       map[string]fetch.Credential{},
		expired:     map[string]bool{},
		nonces:      map[string]bool{},
		processes:   map[int64]*process{},
		nextProcess: 1,
		tasks:       map[int64]*Task{},
		nextFile:    1000001,
		tokens:      map[string]int64{},
	}
	s.AddCredential(fetch.Credential{AccessKeyID: AccessKeyID, AccessKeySecret: AccessKeySecret})
	s.AddCredential(fetch.Credential{AccessKeyID: STSAccessKeyID, AccessKeySecret: AccessKeySecret, SecurityToken: SecurityToken})
	return s
}

// Config returns a client configuration for the server: its endpoint, the
// AccessKeyID credential, an HTTP client that trusts its certificate, and
// retries with millisecond backoff so that fault tests run fast.
func (s *Server) Config() fetch.Config {
	return fetch.Config{
		Region:      Region,
		Endpoint:    s.URL,
		Credentials: fetch.Static(fetch.Credential{AccessKeyID: AccessKeyID, AccessKeySecret: AccessKeySecret}),
		HTTPClient:  s.Client(),
		Timeout:     5 * time.Second,
		Retry:       fetch.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond},
	}
}

// Host returns the server's host:port, the form the official SDK takes as
// its Domain.
func (s *Server) Host() string {
	u, _ := url.Parse(s.URL)
	return u.Host
}

// AddCredential makes the server accept c. A credential with a
// SecurityToken is accepted only with that token.
func (s *Server) AddCredential(c fetch.Credential) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.creds[c.AccessKeyID] = c
}

// expire makes the server refuse a credential as expired.
func (s *Server) expire(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expired[id] = true
}

// Process is what an asynchronous process does when polled with
// QueryDISyncTaskConfigProcessResult.
type Process struct {
	// Pending is the number of polls that see the process still running.
	Pending int
	// PendingStatus is the Status of a pending poll; "" leaves Status out,
	// as DataWorks does not document a value for it.
	PendingStatus string
	// TaskContent is the result of a successful process.
	TaskContent string
	// FailMessage, when set, makes the process end with Status "fail" and
	// this Message.
	FailMessage string
}

type process struct {
	Process
	projectID string
	polls     int
}

// DefaultTaskContent is the TaskContent of the processes a Generate call
// starts unless SetGenerate says otherwise: a small real-time job.
const DefaultTaskContent = `{"type":"job","version":"2.0","steps":[{"stepType":"mysql","name":"Reader","category":"reader","parameter":{"datasource":"orders_mysql","table":["orders"],"column":["id","amount","updated_at"]}},{"stepType":"holo","name":"Writer","category":"writer","parameter":{"datasource":"orders_holo","table":"public.orders","writeMode":"replay"}}],"order":{"hops":[{"from":"Reader","to":"Writer"}]},"setting":{"speed":{"concurrent":2},"errorLimit":{"record":"0"}},"extend":{"mode":"migration_holo"}}`

// SetGenerate decides the process each Generate call starts. By default
// it is Process{TaskContent: DefaultTaskContent}, which succeeds at the
// first poll.
func (s *Server) SetGenerate(f func(Call) Process) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.generate = f
}

// AddProcess registers a process, as if Generate had started it for
// projectID, and returns its AsyncProcessId.
func (s *Server) AddProcess(projectID int64, p Process) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addProcess(fmt.Sprint(projectID), p)
}

func (s *Server) addProcess(projectID string, p Process) int64 {
	id := s.nextProcess
	s.nextProcess++
	s.processes[id] = &process{Process: p, projectID: projectID}
	return id
}

// Task is a task as Create or Update left it.
type Task struct {
	ProjectID   string
	TaskType    string
	TaskName    string
	TaskParam   string
	TaskContent string
	// Updates counts the UpdateDISyncTask calls that changed it.
	Updates int
}

// AddTask stores a task, as if Create had made it, and returns its FileId.
func (s *Server) AddTask(t Task) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addTask(t)
}

func (s *Server) addTask(t Task) int64 {
	id := s.nextFile
	s.nextFile++
	s.tasks[id] = &t
	return id
}

// Task returns the task with a FileId.
func (s *Server) Task(fileID int64) (Task, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tasks[fileID]
	if !ok {
		return Task{}, false
	}
	return *t, true
}

// Tasks returns the number of tasks stored.
func (s *Server) Tasks() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.tasks)
}

// Call is one request the server received.
type Call struct {
	// Action is the operation named by the Action parameter (v1) or the
	// x-acs-action header (V3).
	Action string
	// Signature is the scheme the request was signed with, "v1" or "v3",
	// whether or not the signature was right; "" for an unsigned request.
	Signature string
	// AccessKeyID is the AccessKey ID the request claims.
	AccessKeyID string
	// Query and Form hold the parameters as sent: in the URL and in the
	// form body.
	Query  url.Values
	Form   url.Values
	Header http.Header
	// HTTPStatus is the status answered; 0 when a fault reset the
	// connection.
	HTTPStatus int
	// Code is the error code answered, or "" for a success.
	Code string
	// Fault is true when an injected fault shaped the answer.
	Fault bool
}

// Param returns a parameter from the query or, failing that, the form.
func (c Call) Param(name string) string {
	if c.Query.Has(name) {
		return c.Query.Get(name)
	}
	return c.Form.Get(name)
}

// Calls returns the calls received so far, oldest first.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 32<<20))
	if err != nil {
		return
	}
	call := Call{Query: r.URL.Query(), Form: url.Values{}, Header: r.Header.Clone()}
	if mt := r.Header.Get("Content-Type"); strings.HasPrefix(mt, "application/x-www-form-urlencoded") {
		call.Form, _ = url.ParseQuery(string(body))
	}
	call.Action = call.Query.Get("Action")
	if call.Query.Has("Signature") {
		call.Signature, call.AccessKeyID = "v1", call.Query.Get("AccessKeyId")
	}
	if id, _, _, ok := signature.ParseAuthorizationV3(r.Header.Get("Authorization")); ok {
		call.Signature, call.AccessKeyID, call.Action = "v3", id, r.Header.Get("x-acs-action")
	}

	fault, faulty := s.takeFault(call.Action)
	call.Fault = faulty
	n := s.record(call)
	if faulty && fault.Delay > 0 {
		t := time.NewTimer(fault.Delay)
		select {
		case <-r.Context().Done():
			t.Stop()
		case <-t.C:
		}
	}
	var resp *response
	switch {
	case faulty && fault.Reset && !fault.AfterHandling:
		reset(w)
		return
	case faulty && fault.Status != 0:
		resp = fault.response()
	default:
		resp = s.handle(r, body, &call)
	}
	switch {
	case faulty && fault.Reset:
		s.answered(n, call, &response{})
		reset(w)
	case faulty && fault.Truncate:
		s.answered(n, call, resp)
		truncate(w, resp)
	default:
		s.answered(n, call, resp)
		resp.write(w)
	}
}

// record keeps a call as it arrives, so that a client that gave up
// waiting still finds it in Calls, and returns its index.
func (s *Server) record(c Call) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, c)
	return len(s.calls) - 1
}

// answered completes the record of call n once the answer is known.
func (s *Server) answered(n int, c Call, resp *response) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c.HTTPStatus, c.Code = resp.status, resp.code
	s.calls[n] = c
}

// reset closes the connection with a TCP RST and no response.
func reset(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	conn.Close()
}

// truncate sends the headers of resp with its full Content-Length and
// half its body, then closes the connection.
func truncate(w http.ResponseWriter, resp *response) {
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	defer conn.Close()
	fmt.Fprintf(buf, "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n",
		resp.status, http.StatusText(resp.status), resp.contentType, len(resp.body))
	buf.Write(resp.body[:len(resp.body)/2])
	buf.Flush()
}

// newRequestID returns an ID shaped like the gateway's.
func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return strings.ToUpper(fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]))
}
