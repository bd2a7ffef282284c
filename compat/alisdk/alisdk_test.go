package alisdk_test

import (
	"context"
	"errors"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	dataworks "github.com/aliyun/alibaba-cloud-sdk-go/services/dataworks-public"

	"github.com/dilint/dilint/fetch"
	"github.com/dilint/dilint/fetch/fetchtest"
	"github.com/dilint/dilint/taskcontent"
)

const projectID = 10000

// Parameters with characters that signature encodings disagree on when
// they are wrong: space, +, *, ~ and UTF-8.
const (
	clientToken   = "0000-ABCD-EFG~*+ x"
	realtimeParam = `{"type":"realtime","version":"1.0","setting":{"resourceGroup":"S_res_group_1","taskType":"oneclick_to_holo"},"steps":[{"name":"源 ~*+ x"}]}`
	taskParam     = `{"FileFolderPath":"业务流程/demo/数据集成","ResourceGroup":"S_res_group_1"}`
	updateParam   = `{"steps":[{"name":"add"}]}`
	taskName      = "orders 实时*~+"
)

type sdkCred struct {
	name string
	cred func() auth.Credential
}

var creds = []sdkCred{
	{"AK", func() auth.Credential {
		return credentials.NewAccessKeyCredential(fetchtest.AccessKeyID, fetchtest.AccessKeySecret)
	}},
	{"STS", func() auth.Credential {
		return credentials.NewStsTokenCredential(fetchtest.STSAccessKeyID, fetchtest.AccessKeySecret, fetchtest.SecurityToken)
	}},
}

func sdkClient(t *testing.T, srv *fetchtest.Server, cred auth.Credential) *dataworks.Client {
	t.Helper()
	c, err := dataworks.NewClientWithOptions(fetchtest.Region, sdk.NewConfig(), cred)
	if err != nil {
		t.Fatal(err)
	}
	c.Domain = srv.Host()
	return c
}

// runSDK sends the six operations with the official SDK, in the order of
// the real-time flow, and checks its view of each answer.
func runSDK(t *testing.T, srv *fetchtest.Server, c *dataworks.Client) {
	t.Helper()
	gen := dataworks.CreateGenerateDISyncTaskConfigForCreatingRequest()
	gen.Scheme = "http"
	gen.ProjectId = requests.NewInteger(projectID)
	gen.TaskType = "DI_REALTIME"
	gen.TaskParam = realtimeParam
	gen.ClientToken = clientToken
	genResp, err := c.GenerateDISyncTaskConfigForCreating(gen)
	if err != nil {
		t.Fatal("GenerateDISyncTaskConfigForCreating:", err)
	}
	if !genResp.Success || genResp.Data.ProcessId == 0 {
		t.Fatalf("Generate answer %+v", genResp.Data)
	}

	query := dataworks.CreateQueryDISyncTaskConfigProcessResultRequest()
	query.Scheme = "http"
	query.ProjectId = requests.NewInteger(projectID)
	query.TaskType = "DI_REALTIME"
	query.AsyncProcessId = requests.NewInteger(int(genResp.Data.ProcessId))
	queryResp, err := c.QueryDISyncTaskConfigProcessResult(query)
	if err != nil {
		t.Fatal("QueryDISyncTaskConfigProcessResult:", err)
	}
	if queryResp.Data.Status != "success" || queryResp.Data.TaskContent != fetchtest.DefaultTaskContent {
		t.Fatalf("Query answer %+v", queryResp.Data)
	}

	create := dataworks.CreateCreateDISyncTaskRequest()
	create.Scheme = "http"
	create.ProjectId = requests.NewInteger(projectID)
	create.TaskType = "DI_REALTIME"
	create.TaskName = taskName
	create.TaskParam = taskParam
	create.ClientToken = clientToken
	create.TaskContent = queryResp.Data.TaskContent
	createResp, err := c.CreateDISyncTask(create)
	if err != nil {
		t.Fatal("CreateDISyncTask:", err)
	}
	if createResp.Data.FileId == 0 {
		t.Fatalf("Create answer %+v", createResp.Data)
	}

	genUpd := dataworks.CreateGenerateDISyncTaskConfigForUpdatingRequest()
	genUpd.Scheme = "http"
	genUpd.ProjectId = requests.NewInteger(projectID)
	genUpd.TaskType = "DI_REALTIME"
	genUpd.TaskId = requests.NewInteger(int(createResp.Data.FileId))
	genUpd.TaskParam = updateParam
	genUpd.ClientToken = clientToken
	if _, err := c.GenerateDISyncTaskConfigForUpdating(genUpd); err != nil {
		t.Fatal("GenerateDISyncTaskConfigForUpdating:", err)
	}

	update := dataworks.CreateUpdateDISyncTaskRequest()
	update.Scheme = "http"
	update.ProjectId = requests.NewInteger(projectID)
	update.TaskType = "DI_REALTIME"
	update.FileId = requests.NewInteger(int(createResp.Data.FileId))
	update.TaskParam = `{"ResourceGroup":"S_res_group_2"}`
	update.TaskContent = queryResp.Data.TaskContent
	updResp, err := c.UpdateDISyncTask(update)
	if err != nil {
		t.Fatal("UpdateDISyncTask:", err)
	}
	if !updResp.Success || updResp.Data.Status != "success" {
		t.Fatalf("Update answer %+v", updResp.Data)
	}
	if task, ok := srv.Task(createResp.Data.FileId); !ok || task.TaskName != taskName || task.TaskParam != `{"ResourceGroup":"S_res_group_2"}` || task.Updates != 1 {
		t.Errorf("stored task %+v", task)
	}

	get := dataworks.CreateGetDISyncTaskRequest()
	get.Scheme = "http"
	get.ProjectId = requests.NewInteger(projectID)
	get.TaskType = "DI_REALTIME"
	get.FileId = requests.NewInteger(int(createResp.Data.FileId))
	getResp, err := c.GetDISyncTask(get)
	if err != nil {
		t.Fatal("GetDISyncTask:", err)
	}
	if !getResp.Success || getResp.Data.Code != queryResp.Data.TaskContent {
		t.Fatalf("GetDISyncTask answer %+v", getResp.Data)
	}
}

// runFetch sends the same six operations with package fetch.
func runFetch(t *testing.T, srv *fetchtest.Server, cfg fetch.Config) {
	t.Helper()
	c, err := fetch.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	gen, err := c.Generate(ctx, fetch.GenerateRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, TaskParam: []byte(realtimeParam), ClientToken: clientToken})
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Query(ctx, fetch.QueryRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, AsyncProcessID: gen.ProcessID})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := res.Document()
	if err != nil {
		t.Fatal(err)
	}
	created, err := c.Create(ctx, fetch.CreateRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, TaskName: taskName, TaskParam: []byte(taskParam), TaskContent: doc, ClientToken: clientToken})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Generate(ctx, fetch.GenerateRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, TaskID: created.FileID, TaskParam: []byte(updateParam), ClientToken: clientToken}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Update(ctx, fetch.UpdateRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, FileID: created.FileID, TaskParam: []byte(`{"ResourceGroup":"S_res_group_2"}`), TaskContent: doc}); err != nil {
		t.Fatal(err)
	}
	got, err := c.GetTask(ctx, fetch.GetTaskRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, FileID: created.FileID})
	if err != nil || string(got.Code) != string(res.TaskContent) {
		t.Fatalf("GetTask: %+v, %v", got, err)
	}
}

var actions = []string{fetch.ActionGenerateForCreating, fetch.ActionQuery, fetch.ActionCreate, fetch.ActionGenerateForUpdating, fetch.ActionUpdate, fetch.ActionGetTask}

func checkAccepted(t *testing.T, calls []fetchtest.Call, scheme string) {
	t.Helper()
	if len(calls) != len(actions) {
		t.Fatalf("%d calls, want %d", len(calls), len(actions))
	}
	for i, call := range calls {
		if call.Action != actions[i] || call.Signature != scheme || call.HTTPStatus != 200 || call.Code != "" {
			t.Errorf("call %d: %s signed %q answered %d %q", i, call.Action, call.Signature, call.HTTPStatus, call.Code)
		}
	}
}

// The official SDK's requests pass fetchtest's verifier, and so do fetch's,
// with v1 and V3, with long-term and STS credentials.
func TestAcceptedBySameVerifier(t *testing.T) {
	for _, cred := range creds {
		t.Run("SDK "+cred.name, func(t *testing.T) {
			srv := fetchtest.NewServer()
			defer srv.Close()
			runSDK(t, srv, sdkClient(t, srv, cred.cred()))
			checkAccepted(t, srv.Calls(), "v1")
		})
		for _, sig := range []fetch.SignatureVersion{fetch.SignatureV1, fetch.SignatureV3} {
			t.Run("fetch "+sig.String()+" "+cred.name, func(t *testing.T) {
				srv := fetchtest.NewServer()
				defer srv.Close()
				cfg := srv.Config()
				cfg.Signature = sig
				if cred.name == "STS" {
					cfg.Credentials = fetch.Static(fetch.Credential{AccessKeyID: fetchtest.STSAccessKeyID, AccessKeySecret: fetchtest.AccessKeySecret, SecurityToken: fetchtest.SecurityToken})
				}
				runFetch(t, srv, cfg)
				checkAccepted(t, srv.Calls(), sig.String())
			})
		}
	}
}

// The verifier is no pushover: the SDK with a wrong secret gets
// SignatureDoesNotMatch, which it reports as a server error.
func TestSDKWrongSecretRejected(t *testing.T) {
	srv := fetchtest.NewServer()
	defer srv.Close()
	c := sdkClient(t, srv, credentials.NewAccessKeyCredential(fetchtest.AccessKeyID, "wrong"))
	req := dataworks.CreateQueryDISyncTaskConfigProcessResultRequest()
	req.Scheme = "http"
	req.ProjectId = requests.NewInteger(projectID)
	req.TaskType = "DI_REALTIME"
	req.AsyncProcessId = requests.NewInteger(1)
	_, err := c.QueryDISyncTaskConfigProcessResult(req)
	var se *sdkerrors.ServerError
	if !errors.As(err, &se) || se.ErrorCode() != "SignatureDoesNotMatch" {
		t.Errorf("got %v, want SignatureDoesNotMatch", err)
	}
}

// fetch's v1 requests carry exactly the SDK's parameters, in the same
// places (query or form body), with the same values and wire encoding,
// and the same Content-Type; only the nonce, the time and so the
// signature differ.
func TestSameRequestsAsSDK(t *testing.T) {
	for _, cred := range creds {
		t.Run(cred.name, func(t *testing.T) {
			sdkSrv := fetchtest.NewServer()
			defer sdkSrv.Close()
			runSDK(t, sdkSrv, sdkClient(t, sdkSrv, cred.cred()))

			ourSrv := fetchtest.NewServer()
			defer ourSrv.Close()
			cfg := ourSrv.Config()
			if cred.name == "STS" {
				cfg.Credentials = fetch.Static(fetch.Credential{AccessKeyID: fetchtest.STSAccessKeyID, AccessKeySecret: fetchtest.AccessKeySecret, SecurityToken: fetchtest.SecurityToken})
			}
			runFetch(t, ourSrv, cfg)

			theirs, ours := sdkSrv.Calls(), ourSrv.Calls()
			if len(theirs) != len(ours) {
				t.Fatalf("SDK sent %d calls, fetch %d", len(theirs), len(ours))
			}
			for i := range theirs {
				action := theirs[i].Action
				if q1, q2 := normalise(theirs[i].Query), normalise(ours[i].Query); q1 != q2 {
					t.Errorf("%s query differs:\n SDK   %s\n fetch %s", action, q1, q2)
				}
				if f1, f2 := theirs[i].Form.Encode(), ours[i].Form.Encode(); f1 != f2 {
					t.Errorf("%s form differs:\n SDK   %s\n fetch %s", action, f1, f2)
				}
				for _, h := range []string{"Content-Type", "x-acs-action", "x-acs-version", "Accept-Encoding"} {
					if v1, v2 := theirs[i].Header.Get(h), ours[i].Header.Get(h); v1 != v2 {
						t.Errorf("%s header %s: SDK %q, fetch %q", action, h, v1, v2)
					}
				}
			}
			if got := keys(ours[2].Form); got != "TaskContent" {
				t.Errorf("Create form keys %s", got)
			}
			if !ours[4].Query.Has("TaskContent") {
				t.Error("Update TaskContent not in the query")
			}
		})
	}
}

// normalise blanks the per-attempt values and encodes the rest as
// url.Values does, which is how both clients write the query.
func normalise(q url.Values) string {
	c := url.Values{}
	for k, v := range q {
		c[k] = v
	}
	for _, k := range []string{"Signature", "SignatureNonce", "Timestamp"} {
		if c.Has(k) {
			c.Set(k, "*")
		}
	}
	return c.Encode()
}

func keys(v url.Values) string {
	var ks []string
	for k := range v {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, ",")
}

// The Document the SDK's TaskContent parses to is what fetch sends back.
func TestTaskContentRoundTrip(t *testing.T) {
	doc, err := taskcontent.Parse([]byte(fetchtest.DefaultTaskContent))
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := doc.Compact(); string(b) != fetchtest.DefaultTaskContent {
		t.Errorf("Compact changed the content:\n%s", b)
	}
}
