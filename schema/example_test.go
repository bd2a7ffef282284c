package schema_test

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/dilint/dilint/schema"
)

func ExampleValidate() {
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(`{
	  "type": "job", "version": "2.0",
	  "steps": [
	    {"stepType": "mysql", "name": "Reader", "category": "reader",
	     "parameter": {"datasource": "crm", "table": "customers", "column": ["id", "name"]}},
	    {"stepType": "holo", "name": "Writer", "category": "writer",
	     "parameter": {"datasource": "dw", "table": "public.customers", "column": ["id", "name"],
	                   "conflictMode": "update", "writeMode": "Replay"}}
	  ],
	  "order": {"hops": [{"from": "Reader", "to": "Writer"}]},
	  "setting ": {"speed": {"concurrent": 2, "throttle": false}}
	}`))
	if err != nil {
		panic(err)
	}
	violations, err := schema.Validate(schema.Job, doc)
	if err != nil {
		panic(err)
	}
	for _, v := range violations {
		fmt.Printf("%s [%s, suggest %q]\n", v, v.Keyword, v.Suggestion)
	}
	// Output:
	// /setting : unknown key "setting "; did you mean "setting"? [additionalProperties, suggest "setting"]
	// /steps/1/parameter/writeMode: "Replay" is not one of "insert", "sdk", "replay"; did you mean "replay"? [enum, suggest "replay"]
}

func ExampleBundle() {
	var bundle struct {
		Schema string                     `json:"$schema"`
		Ref    string                     `json:"$ref"`
		Defs   map[string]json.RawMessage `json:"$defs"`
	}
	if err := json.Unmarshal(schema.Bundle(), &bundle); err != nil {
		panic(err)
	}
	fmt.Println(bundle.Schema)
	fmt.Println("root:", bundle.Ref)
	for _, name := range schema.Names() {
		_, ok := bundle.Defs[string(name)]
		fmt.Printf("#/$defs/%s: %v\n", name, ok)
	}
	// Output:
	// https://json-schema.org/draft/2020-12/schema
	// root: #/$defs/job
	// #/$defs/job: true
	// #/$defs/taskparam: true
	// #/$defs/realtime-taskparam: true
	// #/$defs/update-taskparam: true
	// #/$defs/solution: true
}

func ExampleSuggest() {
	fmt.Println(schema.Suggest("mysq", schema.StepTypes()))
	fmt.Println(schema.Suggest("resourceGroup", []string{"FileFolderPath", "ResourceGroup", "Cu"}))
	fmt.Printf("%q\n", schema.Suggest("hologres", schema.StepTypes()))
	// Output:
	// mysql
	// ResourceGroup
	// ""
}

func ExampleCompileStandalone() {
	st, err := schema.CompileStandalone([]byte(`{
	  "type": "object",
	  "additionalProperties": false,
	  "required": ["name"],
	  "properties": {"name": {"type": "string"}, "level": {"enum": ["low", "high"]}}
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	dec := json.NewDecoder(strings.NewReader(`{"level": "hihg", "colour": 1}`))
	dec.UseNumber()
	var instance any
	if err := dec.Decode(&instance); err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range st.Failures(instance) {
		fmt.Printf("%q %s: %s\n", f.InstanceLocation, f.Keyword, f.Message)
	}
	// Output:
	// [] required: missing property 'name'
	// ["level"] enum: value must be one of 'low', 'high'
	// [] additionalProperties: additional properties 'colour' not allowed
}
