package fetch_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/dilint/dilint/fetch"
	"github.com/dilint/dilint/fetch/fetchtest"
)

// The real-time flow: Generate starts a process, Wait polls it, Create
// sends the TaskContent it produced. The fake server stands in for
// DataWorks; against the real service, use fetch.Config{Region: …}.
func Example() {
	srv := fetchtest.NewServer()
	defer srv.Close()
	c, err := fetch.New(srv.Config())
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	gen, err := c.Generate(ctx, fetch.GenerateRequest{
		ProjectID: 10000,
		TaskType:  fetch.TaskTypeRealtime,
		TaskParam: []byte(`{"type":"realtime","version":"1.0","setting":{"resourceGroup":"S_res_group_1","taskType":"oneclick_to_holo"},"steps":[]}`),
	})
	if err != nil {
		log.Fatal(err)
	}
	res, err := c.Wait(ctx, fetch.QueryRequest{ProjectID: 10000, TaskType: fetch.TaskTypeRealtime, AsyncProcessID: gen.ProcessID}, fetch.WaitOptions{})
	if err != nil {
		log.Fatal(err)
	}
	doc, err := res.Document()
	if err != nil {
		log.Fatal(err)
	}
	created, err := c.Create(ctx, fetch.CreateRequest{
		ProjectID:   10000,
		TaskType:    fetch.TaskTypeRealtime,
		TaskName:    "orders_to_holo",
		TaskParam:   []byte(`{"FileFolderPath":"Business Flow/demo/Data Integration","ResourceGroup":"S_res_group_1"}`),
		TaskContent: doc,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(doc.Name(), doc.Kind())
	fmt.Println("FileId", created.FileID)
	// Output:
	// QueryDISyncTaskConfigProcessResult(1) job
	// FileId 1000001
}

// Wait reports each poll; a failed process ends it with a *StatusError.
func ExampleClient_Wait() {
	srv := fetchtest.NewServer()
	defer srv.Close()
	c, err := fetch.New(srv.Config())
	if err != nil {
		log.Fatal(err)
	}
	id := srv.AddProcess(10000, fetchtest.Process{Pending: 2, PendingStatus: "running", FailMessage: "fileId:[100] is invalid."})

	_, err = c.Wait(context.Background(), fetch.QueryRequest{ProjectID: 10000, TaskType: fetch.TaskTypeRealtime, AsyncProcessID: id},
		fetch.WaitOptions{
			Interval: 10 * time.Millisecond,
			MaxPolls: 10,
			Progress: func(p fetch.Progress) { fmt.Printf("poll %d: %s\n", p.Poll, p.Status) },
		})
	var failed *fetch.StatusError
	if errors.As(err, &failed) {
		fmt.Println("failed:", failed.Message)
	}
	// Output:
	// poll 1: running
	// poll 2: running
	// poll 3: fail
	// failed: fileId:[100] is invalid.
}

// Errors are typed values: an API error carries its code and RequestId, and
// says whether trying later may help.
func ExampleAPIError() {
	srv := fetchtest.NewServer()
	defer srv.Close()
	cfg := srv.Config()
	cfg.Retry.MaxAttempts = 1
	c, err := fetch.New(cfg)
	if err != nil {
		log.Fatal(err)
	}
	srv.Inject(fetchtest.Throttle(2 * time.Second))

	_, err = c.Query(context.Background(), fetch.QueryRequest{ProjectID: 10000, TaskType: fetch.TaskTypeRealtime, AsyncProcessID: 1})
	var apiErr *fetch.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.HTTPStatus, apiErr.Code, apiErr.Throttled(), apiErr.RetryAfter)
	}
	// Output:
	// 400 Throttling.User true 2s
}

func ExampleEndpoint() {
	fmt.Println(fetch.Endpoint("cn-shanghai"))
	fmt.Println(fetch.Endpoint("cn-qingdao"))
	// Output:
	// dataworks.cn-shanghai.aliyuncs.com
	// dataworks.aliyuncs.com
}
