package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGet(t *testing.T) {
	for _, tt := range []struct {
		args []string
		out  string
		code int
	}{
		{[]string{"testdata/policies/prod/orders.json", "setting.speed.concurrent"}, "4\n", 0},
		{[]string{"testdata/policies/prod/orders.json", `steps.#(category=="writer").parameter.partition`}, "\"pt=${bizdate}\"\n", 0},
		{[]string{"-r", "testdata/policies/prod/orders.json", `steps.#(category=="writer").parameter.partition`}, "pt=${bizdate}\n", 0},
		{[]string{"testdata/policies/prod/orders.json", "steps.#.name"}, "[\"Reader\",\"Writer\"]\n", 0},
		// A saved API response: the path addresses the job.
		{[]string{"-r", "testdata/policies/prod/query_response.json", "extend.resourceGroup"}, "S_res_group_prod_orders\n", 0},
		{[]string{"testdata/policies/prod/query_response.json", "steps.1.parameter.truncate"}, "true\n", 0},
		// A TaskParam.
		{[]string{"-r", "testdata/policies/prod/create_taskparam.json", "FileFolderPath"}, "业务流程/orders/数据集成\n", 0},
		{[]string{"testdata/policies/prod/orders.json", "steps.9.name"}, "", 1},
		{[]string{"testdata/policies/prod/orders.json", "steps.#(name==\"x\""}, "", 2},
		{[]string{"testdata/policies/prod/missing.json", "type"}, "", 3},
	} {
		r := dilint(t, "", "", append([]string{"get"}, tt.args...)...)
		if r.code != tt.code || r.stdout != tt.out {
			t.Errorf("get %q: exit %d, stdout %q; want %d, %q (stderr %s)", tt.args, r.code, r.stdout, tt.code, tt.out, r.stderr)
		}
	}
}

// set changes the edited bytes and nothing else, in a plain job and in an
// API response, whose job is escaped again.
func TestSetRoundTrip(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, filepath.Join(repoRoot, "testdata/policies"), dir)

	job := filepath.Join(dir, "prod/orders.json")
	before, _ := os.ReadFile(job)
	r := dilint(t, dir, "", "set", "prod/orders.json", "setting.speed.concurrent", "8", "setting.errorLimit.record", "-1")
	r.wantCode(t, 0)
	after, _ := os.ReadFile(job)
	want := strings.Replace(strings.Replace(string(before), `"concurrent": 4`, `"concurrent": 8`, 1), `"record": 0`, `"record": -1`, 1)
	if string(after) != want {
		t.Errorf("job after set:\n%s", after)
	}

	resp := filepath.Join(dir, "prod/query_response.json")
	before, _ = os.ReadFile(resp)
	r = dilint(t, dir, "", "set", "--string", "prod/query_response.json", "extend.resourceGroup", `S_res_group_prod_"new"`)
	r.wantCode(t, 0)
	after, _ = os.ReadFile(resp)
	want = strings.Replace(string(before), `S_res_group_prod_orders`, `S_res_group_prod_\\\"new\\\"`, 1)
	if string(after) != want {
		t.Errorf("response after set:\n%s\nwant\n%s", after, want)
	}
	r = dilint(t, dir, "", "get", "-r", "prod/query_response.json", "extend.resourceGroup")
	if r.stdout != "S_res_group_prod_\"new\"\n" {
		t.Errorf("get after set: %q", r.stdout)
	}
	// Still a valid response that dilint reads as a job.
	dilint(t, dir, "", "--only", "json", "prod/query_response.json").wantCode(t, 0)

	// --stdout leaves the file alone.
	before, _ = os.ReadFile(job)
	r = dilint(t, dir, "", "set", "--stdout", "prod/orders.json", "steps.0.parameter.splitPk", `"customer_id"`)
	r.wantCode(t, 0)
	if after, _ := os.ReadFile(job); !bytes.Equal(after, before) {
		t.Error("--stdout changed the file")
	}
	if !strings.Contains(r.stdout, `"splitPk": "customer_id"`) {
		t.Errorf("stdout: %s", r.stdout)
	}
}

func TestSetLintRefuses(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, filepath.Join(repoRoot, "testdata/policies"), dir)
	job := filepath.Join(dir, "prod/orders.json")
	before, _ := os.ReadFile(job)
	r := dilint(t, dir, "", "set", "--lint", "prod/orders.json", "steps.1.parameter.truncate", "true")
	r.wantCode(t, 1)
	if !strings.Contains(r.stderr, "production writers never truncate") || !strings.Contains(r.stderr, "not written") {
		t.Errorf("stderr: %s", r.stderr)
	}
	if after, _ := os.ReadFile(job); !bytes.Equal(after, before) {
		t.Error("--lint wrote a result with errors")
	}
	dilint(t, dir, "", "set", "--lint", "prod/orders.json", "setting.speed.concurrent", "6").wantCode(t, 0)
	if after, _ := os.ReadFile(job); !bytes.Contains(after, []byte(`"concurrent": 6`)) {
		t.Errorf("not written: %s", after)
	}
}

func TestSetUsage(t *testing.T) {
	for _, args := range [][]string{
		{"set", "testdata/policies/prod/orders.json", "type"},
		{"set", "testdata/policies/prod/orders.json", "type", "not json"},
		{"set", "testdata/policies/prod/orders.json", "steps.#(", "1"},
	} {
		dilint(t, "", "", args...).wantCode(t, 2)
	}
	r := dilint(t, "", `{"type":"job","steps":[]}`, "set", "-", "setting.speed.concurrent", "2")
	r.wantCode(t, 0)
	if r.stdout != `{"type":"job","steps":[],"setting":{"speed":{"concurrent":2}}}` {
		t.Errorf("stdin: %q", r.stdout)
	}
}

// set --lint on standard input uses the working directory's configuration.
func TestSetLintStdin(t *testing.T) {
	dir := filepath.Join(repoRoot, "testdata/policies")
	src, _ := os.ReadFile(filepath.Join(dir, "prod/orders.json"))
	r := dilint(t, dir, string(src), "set", "--lint", "-", "steps.1.parameter.partition", `"ds=${bizdate}"`)
	r.wantCode(t, 1)
	if !strings.Contains(r.stderr, "odps-bizdate-partition") || r.stdout != "" {
		t.Errorf("stdout %q stderr %s", r.stdout, r.stderr)
	}
}

// get prints a credential masked, as every output does.
func TestGetMasksSecrets(t *testing.T) {
	job := `{"type":"job","version":"2.0","steps":[{"stepType":"mysql","category":"reader","name":"r","parameter":{"username":"u","password":"hunter2secret","table":["t"]}}]}`
	for _, args := range [][]string{
		{"get", "-", "steps.0.parameter.password"},
		{"get", "-r", "-", "steps.0.parameter.password"},
		{"get", "-", "steps.0.parameter"},
	} {
		r := dilint(t, "", job, args...)
		r.wantCode(t, 0)
		if strings.Contains(r.stdout, "hunter2") || !strings.Contains(r.stdout, "***") {
			t.Errorf("%q printed %q", args, r.stdout)
		}
	}
}
