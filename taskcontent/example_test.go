package taskcontent_test

import (
	"fmt"

	"github.com/dilint/dilint/taskcontent"
)

func ExampleParse() {
	doc, err := taskcontent.ParseFile("orders.json", []byte(`{
  "type": "job", "version": "2.0",
  "steps": [
    {"stepType": "mysql", "name": "Reader", "category": "reader", "parameter": {"datasource": "orders_rds"}},
    {"stepType": "odps", "name": "Writer", "category": "writer", "parameter": {"datasource": "odps_dw"}}
  ],
  "order": {"hops": [{"from": "Reader", "to": "Writer"}]},
  "setting": {"speed": {"concurrent": "2"}}
}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	job := doc.Job()
	for _, s := range job.Steps() {
		st := s.StepType()
		fmt.Println(s.Category(), s.Name(), st)
	}
	c := job.Setting().Concurrent()
	n, _ := c.Int()
	fmt.Println("kind:", doc.Kind(), "concurrent:", n, "written as a", c.Spelling)
	// Output:
	// reader Reader mysql
	// writer Writer odps
	// kind: job concurrent: 2 written as a string
}

func ExampleDocument_Locate() {
	// A saved QueryDISyncTaskConfigProcessResult response: the job is an
	// escaped string, yet positions are in the file the user has.
	doc, _ := taskcontent.ParseFile("response.json", []byte(`{
  "RequestId": "r-1",
  "Data": {
    "Status": "success",
    "TaskContent": "{\"type\":\"job\",\"version\":\"2.0\",\"steps\":[{\"name\":\"Reader \"}]}"
  }
}`))
	loc := doc.Locate("/steps/0/name")
	fmt.Println(doc.Container(), loc.Pointer, "key at", loc.Key.Start, "value at", loc.Value.Start)
	missing := doc.Locate("/setting/speed")
	fmt.Printf("%q found=%v, closest %q at %s\n", "/setting/speed", missing.Found, missing.Pointer, missing.Value.Start)
	// Output:
	// envelope /steps/0/name key at 5:71 value at 5:80
	// "/setting/speed" found=false, closest "" at 5:21
}

func ExampleEditor() {
	doc, _ := taskcontent.Parse([]byte(`{
  "type": "job",
  "version": "2.0",
  "steps": [{"stepType": "mysql", "name": "Reader", "category": "reader", "parameter": {}},
            {"stepType": "odps", "name": "Writer", "category": "writer", "parameter": {}}],
  "order": {"hops": [{"from": "Reader", "to": "Writer"}]},
  "setting": {"speed": {"concurrent": "2"}},
  "extend": {"resourceGroupId": 9007199254740993}
}`))
	edited, err := doc.Edit().
		SetConcurrent(8).
		SetThrottle(true, 20).
		RenameStep("Reader", "orders").
		SetResourceGroup("S_res_group_42").
		Apply()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(edited.Bytes()))
	taskContent, _ := edited.Compact()
	fmt.Println(len(taskContent) < len(edited.Bytes()))
	// Output:
	// {
	//   "type": "job",
	//   "version": "2.0",
	//   "steps": [{"stepType": "mysql", "name": "orders", "category": "reader", "parameter": {}},
	//             {"stepType": "odps", "name": "Writer", "category": "writer", "parameter": {}}],
	//   "order": {"hops": [{"from": "orders", "to": "Writer"}]},
	//   "setting": {"speed": {"concurrent": "8", "throttle": true, "mbps": 20}},
	//   "extend": {"resourceGroupId": 9007199254740993, "resourceGroup": "S_res_group_42"}
	// }
	// true
}

func ExampleDocument_Query() {
	// A saved API response: the path addresses the job inside
	// Data.TaskContent, and positions are in the response.
	doc, err := taskcontent.ParseFile("response.json", []byte(`{
  "RequestId": "r-1",
  "Data": {"Status": "success", "TaskContent": "{\"type\":\"job\",\"steps\":[{\"category\":\"reader\",\"parameter\":{}},{\"category\":\"writer\",\"parameter\":{\"truncate\":true}}]}"}
}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	matches, err := doc.Query(`steps.#(category=="writer")#.parameter.truncate`)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range matches {
		fmt.Println(m.Value.Pointer(), string(m.Raw), "at", m.Value.KeySpan().Start)
	}
	// Output:
	// /steps/1/parameter/truncate true at 3:161
}

func ExampleDocument_SetPaths() {
	doc, err := taskcontent.Parse([]byte(`{
  "type": "job",
  "setting": {"speed": {"concurrent": 2}}
}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	edited, err := doc.SetPaths(
		taskcontent.PathEdit{Path: "setting.speed.concurrent", Raw: []byte("8")},
		taskcontent.PathEdit{Path: "extend.resourceGroup", Raw: []byte(`"S_res_group_prod_1"`)},
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(edited.Bytes()))
	// Output:
	// {
	//   "type": "job",
	//   "setting": {"speed": {"concurrent": 8}}
	// ,"extend":{"resourceGroup":"S_res_group_prod_1"}}
}
