package fetchtest_test

import (
	"context"
	"fmt"
	"log"

	"github.com/dilint/dilint/fetch"
	"github.com/dilint/dilint/fetch/fetchtest"
)

// A test of code that calls DataWorks: the fake answers with a 503, then
// normally; the client retries, and Calls shows both requests.
func ExampleServer_Inject() {
	srv := fetchtest.NewServer()
	defer srv.Close()
	srv.Inject(fetchtest.ServerError(503).For(fetch.ActionGenerateForCreating))

	c, err := fetch.New(srv.Config())
	if err != nil {
		log.Fatal(err)
	}
	gen, err := c.Generate(context.Background(), fetch.GenerateRequest{
		ProjectID: 10000, TaskType: fetch.TaskTypeRealtime, TaskParam: []byte(`{"type":"realtime","version":"1.0","steps":[]}`),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("ProcessId", gen.ProcessID)
	for _, call := range srv.Calls() {
		fmt.Println(call.Action, call.Signature, call.HTTPStatus, call.Code)
	}
	// Output:
	// ProcessId 1
	// GenerateDISyncTaskConfigForCreating v1 503 ServiceUnavailable
	// GenerateDISyncTaskConfigForCreating v1 200
}
