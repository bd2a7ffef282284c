package cli_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dilint/dilint/fetch/fetchtest"
)

// UpdateDISyncTask takes an empty TaskContent with a TaskParam, to move a
// task to another resource group: 'dilint update' without a job file
// sends only the TaskParam, linted first.
func TestUpdateTaskParamOnly(t *testing.T) {
	s := newAPIServer(t)
	id := s.AddTask(fetchtest.Task{ProjectID: "10000", TaskType: "DI_OFFLINE", TaskName: "orders", TaskContent: `{"type":"job"}`})
	update := []string{"update", "--project", "10000", "--type", "DI_OFFLINE", "--file-id", strconv.FormatInt(id, 10)}

	r := s.dilint(akEnv, append(update, "--task-param", `{"ResourceGroup": "S_res_group_1_2"}`)...)
	r.wantCode(t, 0)
	task, _ := s.Task(id)
	if task.Updates != 1 || task.TaskParam != `{"ResourceGroup":"S_res_group_1_2"}` || task.TaskContent != `{"type":"job"}` {
		t.Errorf("task after a TaskParam-only update: %+v", task)
	}
	if c := s.Calls()[0]; c.Param("TaskContent") != "" || c.Param("TaskParam") == "" {
		t.Errorf("sent TaskContent %q, TaskParam %q", c.Param("TaskContent"), c.Param("TaskParam"))
	}

	r = s.dilint(akEnv, update...)
	r.wantCode(t, 2)
	r.wantStderr(t, "update: give one job file (or - for standard input), or --task-param alone to change only the TaskParam")
	r = s.dilint(akEnv, append(update, "--task-param", `{"ResourceGroup": "x"}`, apiJob, apiJob)...)
	r.wantCode(t, 2)
	r.wantStderr(t, "update: give at most one job file")
	if task, _ := s.Task(id); task.Updates != 1 {
		t.Errorf("refused commands were sent: %+v", task)
	}
}

// --task-param is linted against the TaskParam schema, inline or from a
// file, with positions, and refused like the job.
func TestTaskParamLinted(t *testing.T) {
	s := newAPIServer(t)
	id := s.AddTask(fetchtest.Task{ProjectID: "10000", TaskType: "DI_OFFLINE", TaskName: "orders", TaskContent: `{"type":"job"}`})
	update := []string{"update", "--project", "10000", "--type", "DI_OFFLINE", "--file-id", strconv.FormatInt(id, 10)}
	create := []string{"create", "--project", "10000", "--type", "DI_OFFLINE", "--name", "orders"}
	file := filepath.Join(t.TempDir(), "param.json")
	if err := os.WriteFile(file, []byte("{\n  \"FileFolderPath\": \"Business Flow/sales/Data Integration\",\n  \"Cu\": 0.3\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"wrong type inline", append(update, "--task-param", `{"ResourceGroup": 5}`), []string{"--task-param:1:19: error: expected string, got number [schema-type]", "ResourceGroup"}},
		{"unknown key", append(create, "--task-param", `{"ResourceGroup": "S_res", "resourcegroup": "x"}`, apiJob), []string{"--task-param:1:", "resourcegroup"}},
		{"Cu not a multiple of 0.5, from a file", append(create, "--task-param", file, apiJob), []string{filepath.ToSlash(file) + ":3:9: ", "0.5"}},
		{"not a TaskParam", append(create, "--task-param", `{"type": "realtime", "version": "1.0", "steps": []}`, apiJob), []string{"not a TaskParam"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := s.dilint(akEnv, tc.args...)
			r.wantCode(t, 1)
			r.wantStderr(t, append(tc.want, "not sent; fix the findings, or pass --force")...)
		})
	}
	if n := len(s.Calls()); n != 0 {
		t.Errorf("%d calls made for refused TaskParams", n)
	}
	r := s.dilint(akEnv, append(update, "--force", "--task-param", `{"ResourceGroup": "S_res", "resourcegroup": "x"}`)...)
	r.wantCode(t, 0)
	r.wantStderr(t, "sending despite the findings (--force)")
	if !strings.Contains(r.stderr, "--task-param:1:") {
		t.Errorf("the findings were not shown:\n%s", r.stderr)
	}
}

// A CI job that re-runs the whole command repeats nothing with
// --client-token: the same token (given, or derived from the inputs with
// "auto") makes DataWorks return the first call's process or task.
func TestClientToken(t *testing.T) {
	s := newAPIServer(t)
	generate := []string{"fetch", "--project", "10000", "--type", "DI_REALTIME", "--region", "cn-shanghai", "--generate", apiTaskParam}
	first := s.dilint(akEnv, append(generate, "--client-token", "auto")...)
	first.wantCode(t, 0)
	again := s.dilint(akEnv, append(generate, "--client-token", "auto")...)
	again.wantCode(t, 0)
	if first.stdout != again.stdout {
		t.Errorf("--client-token auto: process %q, then %q", first.stdout, again.stdout)
	}
	other := s.dilint(akEnv, "fetch", "--project", "10001", "--type", "DI_REALTIME", "--region", "cn-shanghai", "--generate", apiTaskParam, "--client-token", "auto")
	other.wantCode(t, 0)
	random := s.dilint(akEnv, generate...)
	random.wantCode(t, 0)
	if other.stdout == first.stdout || random.stdout == first.stdout {
		t.Errorf("another input or no token reused process %q", first.stdout)
	}
	given := s.dilint(akEnv, append(generate, "--client-token", "ci-run-42")...)
	given2 := s.dilint(akEnv, append(generate, "--client-token", "ci-run-42")...)
	if given.code != 0 || given.stdout != given2.stdout {
		t.Errorf("--client-token ci-run-42: %q then %q", given.stdout, given2.stdout)
	}
	tokens := map[string]bool{}
	for _, c := range s.Calls() {
		tokens[c.Param("ClientToken")] = true
	}
	if !tokens["ci-run-42"] {
		t.Errorf("the given token was not sent: %v", tokens)
	}

	create := []string{"create", "--project", "10000", "--type", "DI_OFFLINE", "--name", "orders", "--client-token", "auto"}
	a := s.dilint(akEnv, append(create, apiJob)...)
	b := s.dilint(akEnv, append(create, "--task-param", `{"FileFolderPath": "Business Flow/x/Data Integration"}`, apiJob)...)
	c := s.dilint(akEnv, append(create, "--task-param", "{\n  \"FileFolderPath\":\"Business Flow/x/Data Integration\"\n}", apiJob)...)
	for _, r := range []run{a, b, c} {
		r.wantCode(t, 0)
	}
	if a.stdout == b.stdout || b.stdout != c.stdout {
		t.Errorf("create --client-token auto: FileIds %q, %q (another TaskParam), %q (the same, re-indented)", a.stdout, b.stdout, c.stdout)
	}
	if n := s.Tasks(); n != 2 {
		t.Errorf("%d tasks created, want 2", n)
	}
	r := s.dilint(akEnv, "fetch", "--project", "10000", "--type", "DI_REALTIME", "--async-id", "1", "--client-token", "x")
	r.wantCode(t, 2)
	r.wantStderr(t, "--client-token goes with --generate")
}

// Content that a real-time or solution generation made is refused as
// DI_OFFLINE before any call, even with --force, and accepted as
// DI_REALTIME.
func TestTypeFitsContent(t *testing.T) {
	s := newAPIServer(t)
	job := filepath.Join(t.TempDir(), "generated.json")
	if err := os.WriteFile(job, []byte(fetchtest.DefaultTaskContent), 0o644); err != nil {
		t.Fatal(err)
	}
	id := s.AddTask(fetchtest.Task{ProjectID: "10000", TaskType: "DI_OFFLINE", TaskName: "orders", TaskContent: `{"type":"job"}`})
	for _, args := range [][]string{
		{"create", "--project", "10000", "--type", "DI_OFFLINE", "--name", "orders", "--force", job},
		{"update", "--project", "10000", "--type", "DI_OFFLINE", "--file-id", strconv.FormatInt(id, 10), "--force", job},
	} {
		r := s.dilint(akEnv, args...)
		r.wantCode(t, 2)
		r.wantStderr(t, filepath.ToSlash(job)+":1:", `--type DI_OFFLINE: extend.mode is "migration_holo"`, "use --type DI_REALTIME or DI_SOLUTION")
	}
	if n := len(s.Calls()); n != 0 {
		t.Errorf("%d calls made", n)
	}
	// --force: the linter has findings on the fake's generated job.
	r := s.dilint(akEnv, "create", "--project", "10000", "--type", "DI_REALTIME", "--name", "orders", "--force", job)
	r.wantCode(t, 0)
}

// get-task writes what is deployed in canonical layout, so that 'dilint
// diff' can compare it with the file under review.
func TestGetTask(t *testing.T) {
	s := newAPIServer(t)
	rt := s.AddTask(fetchtest.Task{ProjectID: "10000", TaskType: "DI_REALTIME", TaskName: "rt", TaskContent: fetchtest.DefaultTaskContent})
	sol := s.AddTask(fetchtest.Task{ProjectID: "10000", TaskType: "DI_SOLUTION", TaskName: "sol", TaskContent: `{"srcType":"mysql","processRuleId":1}`})
	get := func(typ string, id int64, extra ...string) run {
		return s.dilint(akEnv, append([]string{"get-task", "--project", "10000", "--type", typ, "--region", "cn-shanghai", "--file-id", strconv.FormatInt(id, 10)}, extra...)...)
	}
	r := get("DI_REALTIME", rt)
	r.wantCode(t, 0)
	if r.stdout != formatted(t, fetchtest.DefaultTaskContent) {
		t.Errorf("stdout is not the canonical layout of the task:\n%s", r.stdout)
	}
	dir := t.TempDir()
	deployed, reviewed := filepath.Join(dir, "deployed.json"), filepath.Join(dir, "reviewed.json")
	get("DI_REALTIME", rt, "-o", deployed).wantCode(t, 0)
	changed := strings.Replace(fetchtest.DefaultTaskContent, `"concurrent":2`, `"concurrent":4`, 1)
	if err := os.WriteFile(reviewed, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	d := dilint(t, "", "", "diff", deployed, reviewed)
	if !strings.Contains(d.stdout, "concurrent") || !strings.Contains(d.stdout, "2") || !strings.Contains(d.stdout, "4") {
		t.Errorf("diff of deployed and reviewed:\n%s%s", d.stdout, d.stderr)
	}

	r = get("DI_SOLUTION", sol)
	r.wantCode(t, 0)
	if !strings.Contains(r.stdout, `"processRuleId": 1`) {
		t.Errorf("solution's ProcessContent:\n%s", r.stdout)
	}
	r = get("DI_REALTIME", 999)
	r.wantCode(t, 1)
	r.wantStderr(t, "GetDISyncTask: status fail: fileId:[999] is invalid.")
	r = get("DI_OFFLINE", rt)
	r.wantCode(t, 2)
	r.wantStderr(t, "GetDISyncTask reads real-time tasks and solutions only")
	for _, id := range []string{"0", "-4"} {
		r = s.dilint(akEnv, "get-task", "--project", "10000", "--type", "DI_REALTIME", "--file-id", id)
		r.wantCode(t, 2)
		r.wantStderr(t, "--file-id is required, a positive number")
	}
	if n := len(s.Calls()); n != 4 {
		t.Errorf("%d calls, want 4", n)
	}
}

// A FileId of zero or less is a usage error, before any call.
func TestFileIDMustBePositive(t *testing.T) {
	s := newAPIServer(t)
	for _, id := range []string{"0", "-1", "-9223372036854775808"} {
		r := s.dilint(akEnv, "update", "--project", "10000", "--type", "DI_OFFLINE", "--file-id", id, apiJob)
		r.wantCode(t, 2)
		r.wantStderr(t, "--file-id is required, a positive number")
	}
	if n := len(s.Calls()); n != 0 {
		t.Errorf("%d calls", n)
	}
}
