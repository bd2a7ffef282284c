package cli_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dilint/dilint/fetch"
	"github.com/dilint/dilint/fetch/fetchtest"
	"github.com/dilint/dilint/taskcontent"
)

// The fixtures of the API commands, relative to the repository root.
const (
	apiJob       = "internal/cli/testdata/api/job.json"
	apiJobErrors = "internal/cli/testdata/api/job_errors.json"
	apiTaskParam = "internal/cli/testdata/api/taskparam.json"
)

// Credentials for the environment of a run.
var (
	akEnv = []string{
		"ALIBABA_CLOUD_ACCESS_KEY_ID=" + fetchtest.AccessKeyID,
		"ALIBABA_CLOUD_ACCESS_KEY_SECRET=" + fetchtest.AccessKeySecret,
	}
	stsEnv = []string{
		"ALIBABA_CLOUD_ACCESS_KEY_ID=" + fetchtest.STSAccessKeyID,
		"ALIBABA_CLOUD_ACCESS_KEY_SECRET=" + fetchtest.AccessKeySecret,
		"ALIBABA_CLOUD_SECURITY_TOKEN=" + fetchtest.SecurityToken,
	}
)

// wrongSecret is a secret the fake does not accept; it must not leak
// either.
const wrongSecret = "wrongAccessKeySecretValue"

// apiServer is a fake DataWorks whose runs are all scanned for secrets
// when the test ends.
type apiServer struct {
	*fetchtest.Server
	t    *testing.T
	runs []run
}

func newAPIServer(t *testing.T) *apiServer {
	s := &apiServer{Server: fetchtest.NewServer(), t: t}
	t.Cleanup(func() {
		s.Close()
		assertNoSecrets(t, s.Calls(), s.runs)
	})
	return s
}

// dilint runs the binary in the repository root against the fake, with
// only the environment given (plus PATH and an empty HOME, so that no
// profile of the developer's is read).
func (s *apiServer) dilint(env []string, args ...string) run {
	s.t.Helper()
	r := runEnv(s.t, "", env, append(args, "--endpoint", s.URL)...)
	s.runs = append(s.runs, r)
	return r
}

// runEnv runs the binary with exactly env, plus PATH and a fresh HOME
// unless env sets one, and the ECS metadata service disabled unless env
// enables it: tests never call the network.
func runEnv(t *testing.T, stdin string, env []string, args ...string) run {
	t.Helper()
	cmd := exec.Command(dilintBin, args...)
	cmd.Dir = repoRoot
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "ALIBABA_CLOUD_ECS_METADATA_DISABLED=true"}, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		t.Fatalf("running dilint %v: %v", args, err)
	}
	return run{out.String(), errb.String(), code}
}

// assertNoSecrets fails when any output holds the test secrets, the STS
// token, the wrong secret or a signature the server received, in any of
// the encodings a URL or an echo could give them.
func assertNoSecrets(t *testing.T, calls []fetchtest.Call, runs []run) {
	t.Helper()
	secrets := []string{fetchtest.AccessKeySecret, fetchtest.SecurityToken, wrongSecret}
	v3sig := regexp.MustCompile(`Signature=([0-9a-f]+)`)
	for _, c := range calls {
		if sig := c.Param("Signature"); sig != "" {
			secrets = append(secrets, sig)
		}
		if m := v3sig.FindStringSubmatch(c.Header.Get("Authorization")); m != nil {
			secrets = append(secrets, m[1])
		}
	}
	var all []string
	for _, s := range secrets {
		all = append(all, s, url.QueryEscape(s), strings.ReplaceAll(url.QueryEscape(s), "%", "%25"))
	}
	for i, r := range runs {
		for _, s := range all {
			if strings.Contains(r.stdout, s) || strings.Contains(r.stderr, s) {
				t.Errorf("run %d printed a secret %q\nstdout:\n%s\nstderr:\n%s", i, s, r.stdout, r.stderr)
			}
		}
	}
	if len(runs) > 0 && len(calls) > 0 && len(secrets) == 3 {
		t.Errorf("%d calls but no signature recorded: the scan checks nothing", len(calls))
	}
}

func (r run) wantStderr(t *testing.T, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(r.stderr, p) {
			t.Errorf("stderr lacks %q:\n%s", p, r.stderr)
		}
	}
}

// actions lists the actions of the calls, and the error codes answered.
func actions(calls []fetchtest.Call) []string {
	var out []string
	for _, c := range calls {
		a := c.Action
		if c.Code != "" {
			a += ":" + c.Code
		}
		out = append(out, a)
	}
	return out
}

func wantActions(t *testing.T, calls []fetchtest.Call, want ...string) {
	t.Helper()
	if got := actions(calls); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("calls:\n got %v\nwant %v", got, want)
	}
}

// formatted is what fetch writes for a TaskContent.
func formatted(t *testing.T, content string) string {
	t.Helper()
	doc, err := taskcontent.Parse([]byte(content))
	if err != nil {
		t.Fatal(err)
	}
	b, err := doc.Format("  ", false)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// compacted is what create and update send for a file.
func compacted(t *testing.T, file string) string {
	t.Helper()
	doc, err := taskcontent.ReadFile(filepath.Join(repoRoot, file))
	if err != nil {
		t.Fatal(err)
	}
	b, err := doc.Compact()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestFetchGenerateWait(t *testing.T) {
	s := newAPIServer(t)
	s.SetGenerate(func(fetchtest.Call) fetchtest.Process {
		return fetchtest.Process{Pending: 2, TaskContent: fetchtest.DefaultTaskContent}
	})
	out := filepath.Join(t.TempDir(), "job.json")
	r := s.dilint(akEnv, "fetch", "--project", "10000", "--type", "DI_REALTIME", "--region", "cn-shanghai",
		"--generate", apiTaskParam, "--wait", "--poll-interval", "10ms", "-o", out)
	r.wantCode(t, 0)
	if r.stdout != "" || r.stderr != "" {
		t.Errorf("not quiet without a terminal:\nstdout: %s\nstderr: %s", r.stdout, r.stderr)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if want := formatted(t, fetchtest.DefaultTaskContent); string(got) != want {
		t.Errorf("written:\n%s\nwant:\n%s", got, want)
	}
	// Lossless: compacting the written file gives DataWorks' string back.
	doc, err := taskcontent.Parse(got)
	if err != nil {
		t.Fatal(err)
	}
	if back, _ := doc.Compact(); string(back) != fetchtest.DefaultTaskContent {
		t.Errorf("compacted output differs from the TaskContent:\n%s", back)
	}
	calls := s.Calls()
	wantActions(t, calls, fetch.ActionGenerateForCreating, fetch.ActionQuery, fetch.ActionQuery, fetch.ActionQuery)
	if p := calls[0].Param("TaskParam"); p != compacted(t, apiTaskParam) {
		t.Errorf("TaskParam sent:\n%s", p)
	}
}

func TestFetchStepByStep(t *testing.T) {
	s := newAPIServer(t)
	s.SetGenerate(func(fetchtest.Call) fetchtest.Process {
		return fetchtest.Process{Pending: 1, PendingStatus: "running", TaskContent: fetchtest.DefaultTaskContent}
	})
	base := []string{"fetch", "--project", "10000", "--type", "DI_SOLUTION"}
	r := s.dilint(stsEnv, append(base, "--generate", apiTaskParam)...)
	r.wantCode(t, 0)
	id, err := strconv.ParseInt(strings.TrimSpace(r.stdout), 10, 64)
	if err != nil {
		t.Fatalf("stdout is not a process ID: %q", r.stdout)
	}
	r.wantStderr(t, "--async-id "+strconv.FormatInt(id, 10)+" --wait")

	byID := append(base, "--async-id", strconv.FormatInt(id, 10))
	r = s.dilint(stsEnv, byID...)
	r.wantCode(t, 3)
	r.wantStderr(t, "still running (status running, RequestId ", "add --wait")
	r = s.dilint(stsEnv, byID...)
	r.wantCode(t, 0)
	if want := formatted(t, fetchtest.DefaultTaskContent); r.stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", r.stdout, want)
	}
	wantActions(t, s.Calls(), fetch.ActionGenerateForCreating, fetch.ActionQuery, fetch.ActionQuery)

	// --task-id calls ForUpdating, which needs an existing task.
	task := s.AddTask(fetchtest.Task{ProjectID: "10000", TaskType: "DI_SOLUTION", TaskName: "shop", TaskContent: fetchtest.DefaultTaskContent})
	r = s.dilint(stsEnv, append(base, "--generate", apiTaskParam, "--task-id", strconv.FormatInt(task, 10), "--wait", "--poll-interval", "10ms")...)
	r.wantCode(t, 0)
	if last := s.Calls()[3]; last.Action != fetch.ActionGenerateForUpdating || last.Param("TaskId") != strconv.FormatInt(task, 10) {
		t.Errorf("call %s with TaskId %q", last.Action, last.Param("TaskId"))
	}
}

func TestFetchFailStatus(t *testing.T) {
	s := newAPIServer(t)
	s.SetGenerate(func(fetchtest.Call) fetchtest.Process {
		return fetchtest.Process{Pending: 1, FailMessage: "table shop.refunds does not exist"}
	})
	r := s.dilint(akEnv, "fetch", "--project", "10000", "--type", "DI_REALTIME",
		"--generate", apiTaskParam, "--wait", "--poll-interval", "10ms")
	r.wantCode(t, 1)
	r.wantStderr(t, "status fail: table shop.refunds does not exist", "RequestId ")
	if r.stdout != "" {
		t.Errorf("stdout: %s", r.stdout)
	}
	if n := strings.Count(strings.TrimSpace(r.stderr), "\n"); n != 0 {
		t.Errorf("want one line, got:\n%s", r.stderr)
	}
}

func TestFetchThrottled(t *testing.T) {
	s := newAPIServer(t)
	id := s.AddProcess(10000, fetchtest.Process{TaskContent: fetchtest.DefaultTaskContent})
	args := []string{"fetch", "--project", "10000", "--type", "DI_REALTIME", "--async-id", strconv.FormatInt(id, 10), "--wait"}

	// A short TimeLeft is waited for; the answer then arrives.
	s.Inject(fetchtest.Throttle(200 * time.Millisecond).For(fetch.ActionQuery).Times(2))
	start := time.Now()
	r := s.dilint(akEnv, args...)
	r.wantCode(t, 0)
	if d := time.Since(start); d < 400*time.Millisecond {
		t.Errorf("took %v; the TimeLeft of two throttled answers was not honoured", d)
	}
	wantActions(t, s.Calls(), fetch.ActionQuery+":Throttling.User", fetch.ActionQuery+":Throttling.User", fetch.ActionQuery)

	// A daily quota is not waited for: one line with the code and the
	// RequestId, and a hint.
	s.Inject(fetchtest.Throttle(12 * time.Hour).For(fetch.ActionQuery))
	r = s.dilint(akEnv, args...)
	r.wantCode(t, 3)
	r.wantStderr(t, "Throttling.User", "RequestId ", "100 a day")
	if len(s.Calls()) != 4 {
		t.Errorf("%d calls; a long TimeLeft must not be retried", len(s.Calls()))
	}
}

// TestFetchGivesUp covers the ends of a wait without an answer: the poll
// cap, the overall timeout over a slow server, and a hint to resume.
func TestFetchGivesUp(t *testing.T) {
	s := newAPIServer(t)
	id := strconv.FormatInt(s.AddProcess(10000, fetchtest.Process{Pending: 1000}), 10)
	args := []string{"fetch", "--project", "10000", "--type", "DI_REALTIME", "--async-id", id, "--wait", "--poll-interval", "10ms"}

	r := s.dilint(akEnv, append(args, "--max-polls", "3")...)
	r.wantCode(t, 3)
	r.wantStderr(t, "process "+id+" still pending after 3 polls", "poll limit reached", "resume with --async-id "+id+" --wait")
	if n := len(s.Calls()); n != 3 {
		t.Errorf("%d calls with --max-polls 3", n)
	}

	s.Inject(fetchtest.Slow(5 * time.Second).For(fetch.ActionQuery))
	start := time.Now()
	r = s.dilint(akEnv, append(args, "--timeout", "300ms")...)
	r.wantCode(t, 3)
	r.wantStderr(t, "still pending", "context deadline exceeded")
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("--timeout 300ms took %v", d)
	}
}

func TestCreate(t *testing.T) {
	s := newAPIServer(t)
	create := []string{"create", "--project", "10000", "--type", "DI_OFFLINE", "--name", "subscriptions",
		"--task-param", `{"FileFolderPath":"Workflow/crm/Data Integration","ResourceGroup":"S_res_group_1_2"}`}

	r := s.dilint(akEnv, append(create, apiJobErrors)...)
	r.wantCode(t, 1)
	r.wantStderr(t, "[column-count]", "1 problem (1 error)", "not sent; fix the findings, or pass --force")
	if len(s.Calls()) != 0 || r.stdout != "" {
		t.Errorf("refused job made %d calls; stdout %q", len(s.Calls()), r.stdout)
	}

	r = s.dilint(akEnv, append(create, "--force", apiJobErrors)...)
	r.wantCode(t, 0)
	r.wantStderr(t, "[column-count]", "sending despite the findings (--force)")
	id, err := strconv.ParseInt(strings.TrimSpace(r.stdout), 10, 64)
	if err != nil {
		t.Fatalf("stdout is not a FileId: %q", r.stdout)
	}
	task, ok := s.Task(id)
	if !ok {
		t.Fatalf("no task %d", id)
	}
	if task.TaskContent != compacted(t, apiJobErrors) || task.TaskName != "subscriptions" || task.TaskType != "DI_OFFLINE" ||
		task.TaskParam != `{"FileFolderPath":"Workflow/crm/Data Integration","ResourceGroup":"S_res_group_1_2"}` {
		t.Errorf("task stored: %+v", task)
	}

	// A clean job from standard input, signed with V3 and STS
	// credentials; findings below fail-on are printed, not refused.
	src, err := os.ReadFile(filepath.Join(repoRoot, apiJob))
	if err != nil {
		t.Fatal(err)
	}
	withWarning := strings.Replace(string(src), `"throttle": false,`, `"throttle": false, "mbps": 5,`, 1)
	cmd := append(create, "--signature", "v3", "--client-token", "run-1", "-")
	r = runEnv(t, withWarning, stsEnv, append(cmd, "--endpoint", s.URL)...)
	s.runs = append(s.runs, r)
	r.wantCode(t, 0)
	r.wantStderr(t, "<stdin>:", "[throttle-mbps]")
	// The same client token again creates nothing new.
	again := runEnv(t, withWarning, stsEnv, append(cmd, "--endpoint", s.URL)...)
	s.runs = append(s.runs, again)
	again.wantCode(t, 0)
	if again.stdout != r.stdout || s.Tasks() != 2 {
		t.Errorf("client token reused: FileId %q then %q, %d tasks", r.stdout, again.stdout, s.Tasks())
	}
	if c := s.Calls()[1]; c.Signature != "v3" || c.AccessKeyID != fetchtest.STSAccessKeyID {
		t.Errorf("call signed %q by %q", c.Signature, c.AccessKeyID)
	}

	// A saved QueryDISyncTaskConfigProcessResult response: its TaskContent
	// is what goes, as the real-time task it was generated for (as
	// DI_OFFLINE it is refused: TestTypeFitsContent).
	const saved = "testdata/samples/query_response.json"
	r = s.dilint(akEnv, append(append([]string{}, create...), "--type", "DI_REALTIME", saved)...)
	r.wantCode(t, 0)
	id, _ = strconv.ParseInt(strings.TrimSpace(r.stdout), 10, 64)
	if task, _ := s.Task(id); task.TaskContent != compacted(t, saved) || !strings.Contains(task.TaskContent, `"type":"job"`) {
		t.Errorf("TaskContent sent from a saved response: %.80s", task.TaskContent)
	}

	// Not a job: refused before any call, even a valid JSON file.
	r = s.dilint(akEnv, append(create, apiTaskParam)...)
	r.wantCode(t, 1)
	r.wantStderr(t, "is a realtime-taskparam document, not a job (TaskContent)")
	if len(s.Calls()) != 4 {
		t.Errorf("%d calls", len(s.Calls()))
	}
}

func TestCreateRespectsConfig(t *testing.T) {
	s := newAPIServer(t)
	dir := writeFiles(t, map[string]string{
		".dilint.yaml": "rules:\n  column-count: warning\n",
	})
	src, err := os.ReadFile(filepath.Join(repoRoot, apiJobErrors))
	if err != nil {
		t.Fatal(err)
	}
	job := filepath.Join(dir, "job.json")
	if err := os.WriteFile(job, src, 0o644); err != nil {
		t.Fatal(err)
	}
	create := []string{"create", "--project", "10000", "--type", "DI_OFFLINE", "--name", "subscriptions"}
	r := s.dilint(akEnv, append(create, job)...)
	r.wantCode(t, 0)
	r.wantStderr(t, "warning:", "[column-count]")
	r = s.dilint(akEnv, append(create, "--fail-on", "warning", job)...)
	r.wantCode(t, 1)
	if s.Tasks() != 1 {
		t.Errorf("%d tasks", s.Tasks())
	}
}

func TestUpdate(t *testing.T) {
	s := newAPIServer(t)
	id := s.AddTask(fetchtest.Task{ProjectID: "10000", TaskType: "DI_OFFLINE", TaskName: "subscriptions", TaskContent: `{"type":"job"}`})
	update := []string{"update", "--project", "10000", "--type", "DI_OFFLINE", "--file-id", strconv.FormatInt(id, 10)}

	r := s.dilint(akEnv, append(update, apiJob)...)
	r.wantCode(t, 0)
	if strings.TrimSpace(r.stdout) != strconv.FormatInt(id, 10) {
		t.Errorf("stdout %q", r.stdout)
	}
	task, _ := s.Task(id)
	if task.Updates != 1 || task.TaskContent != compacted(t, apiJob) {
		t.Errorf("task after update: %+v", task)
	}
	if c := s.Calls()[0]; c.Query.Get("TaskContent") == "" {
		t.Error("UpdateDISyncTask's TaskContent is not in the query string, where the SDKs put it")
	}

	r = s.dilint(akEnv, append(update, apiJobErrors)...)
	r.wantCode(t, 1)
	if task, _ := s.Task(id); task.Updates != 1 {
		t.Errorf("refused update was sent")
	}

	// An unknown FileId: DataWorks answers with a fail status.
	r = s.dilint(akEnv, "update", "--project", "10000", "--type", "DI_OFFLINE", "--file-id", "999", apiJob)
	r.wantCode(t, 1)
	r.wantStderr(t, "UpdateDISyncTask: status fail: fileId:[999] is invalid.", "RequestId ")
}

func TestWrongSecret(t *testing.T) {
	s := newAPIServer(t)
	env := []string{"ALIBABA_CLOUD_ACCESS_KEY_ID=" + fetchtest.AccessKeyID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET=" + wrongSecret}
	for _, sig := range []string{"v1", "v3"} {
		r := s.dilint(env, "create", "--project", "10000", "--type", "DI_OFFLINE", "--name", "x", "--signature", sig, "-v", apiJob)
		r.wantCode(t, 3)
		r.wantStderr(t, "CreateDISyncTask: SignatureDoesNotMatch: ", "RequestId ", "check the AccessKey secret")
		if strings.Contains(r.stderr, "string to sign is:") || strings.Contains(r.stderr, "GET&") || strings.Contains(r.stderr, "POST&") {
			t.Errorf("the server's string to sign reached the output:\n%s", r.stderr)
		}
	}
	if s.Tasks() != 0 {
		t.Error("a task was created")
	}
}

func TestAPIUsageAndCredentials(t *testing.T) {
	job := []string{"create", "--type", "DI_OFFLINE", "--name", "x", apiJob}
	for _, tc := range []struct {
		name string
		env  []string
		args []string
		code int
		want string
	}{
		{"plain http to a remote host", akEnv, append(job, "--project", "1", "--endpoint", "http://dataworks.example.com"), 2,
			`--endpoint "http://dataworks.example.com": plain http is allowed only for loopback hosts; use https`},
		{"endpoint scheme", akEnv, append(job, "--project", "1", "--endpoint", "ftp://127.0.0.1"), 2, "scheme must be https"},
		{"no region", akEnv, append(job, "--project", "1"), 2, "no region: pass --region"},
		{"bad region", akEnv, append(job, "--project", "1", "--region", "Shanghai!"), 2, "is not a region ID"},
		{"no project", akEnv, job, 2, "--project: give the DataWorks workspace ID"},
		{"lower-case type", akEnv, []string{"fetch", "--project", "1", "--type", "di_realtime", "--async-id", "1"}, 2, "did you mean DI_REALTIME?"},
		{"unknown type", akEnv, []string{"fetch", "--project", "1", "--type", "DI_STREAM", "--async-id", "1"}, 2, "valid types are DI_REALTIME, DI_SOLUTION, DI_OFFLINE"},
		{"fetch without a process", akEnv, []string{"fetch", "--project", "1", "--type", "DI_REALTIME"}, 2, "give --async-id N"},
		{"generate offline", akEnv, []string{"fetch", "--project", "1", "--type", "DI_OFFLINE", "--generate", apiTaskParam}, 2, "DI_OFFLINE tasks are not generated"},
		{"-o without --wait", akEnv, []string{"fetch", "--project", "1", "--type", "DI_REALTIME", "--generate", apiTaskParam, "-o", "x.json"}, 2, "-o needs --wait"},
		{"two files", akEnv, append(job, "--project", "1", apiJob), 2, "give exactly one job file"},
		{"bad signature", akEnv, append(job, "--project", "1", "--signature", "v2"), 2, "valid versions are v1, v3"},
		{"bad task param", akEnv, append(job, "--project", "1", "--region", "cn-shanghai", "--task-param", "{oops"), 2, "TaskParam is not valid JSON"},
		{"missing file", akEnv, []string{"create", "--project", "1", "--type", "DI_OFFLINE", "--name", "x", "nope.json"}, 3, "nope.json: no such file or directory"},
		{"no credentials", nil, append(job, "--project", "1", "--region", "cn-shanghai"), 3, "set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET"},
		{"half credentials", []string{"ALIBABA_CLOUD_ACCESS_KEY_ID=x"}, append(job, "--project", "1", "--region", "cn-shanghai"), 3, "credentials: "},
		{"missing profile", akEnv, append(job, "--project", "1", "--region", "cn-shanghai", "--profile", "dev"), 3, "credentials: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runEnv(t, "", tc.env, tc.args...)
			r.wantCode(t, tc.code)
			r.wantStderr(t, tc.want)
			assertNoSecrets(t, nil, []run{r})
		})
	}
}

func TestProfile(t *testing.T) {
	s := newAPIServer(t)
	home := t.TempDir()
	config := map[string]any{
		"current": "default",
		"profiles": []map[string]string{
			{"name": "default", "mode": "AK", "access_key_id": "unknown", "access_key_secret": "unknown-secret", "region_id": "cn-beijing"},
			{"name": "dev", "mode": "StsToken", "access_key_id": fetchtest.STSAccessKeyID, "access_key_secret": fetchtest.AccessKeySecret,
				"sts_token": fetchtest.SecurityToken, "region_id": "cn-shanghai"},
		},
	}
	b, _ := json.Marshal(config)
	if err := os.MkdirAll(filepath.Join(home, ".aliyun"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, ".aliyun", "config.json"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	// The environment's credentials are ignored when --profile is given.
	env := append([]string{"HOME=" + home}, "ALIBABA_CLOUD_ACCESS_KEY_ID=unknown", "ALIBABA_CLOUD_ACCESS_KEY_SECRET=unknown-secret")
	r := s.dilint(env, "create", "--project", "10000", "--type", "DI_OFFLINE", "--name", "x", "--profile", "dev", apiJob)
	r.wantCode(t, 0)
	c := s.Calls()[0]
	if c.AccessKeyID != fetchtest.STSAccessKeyID || c.Param("RegionId") != "cn-shanghai" {
		t.Errorf("signed by %q for region %q", c.AccessKeyID, c.Param("RegionId"))
	}
}

// TestProgressOnTerminal runs a wait under script(1), which gives dilint a
// terminal: the progress line appears there, and nowhere without one.
func TestProgressOnTerminal(t *testing.T) {
	script, err := exec.LookPath("script")
	if err != nil {
		t.Skip("script(1) not installed")
	}
	s := newAPIServer(t)
	id := s.AddProcess(10000, fetchtest.Process{Pending: 2, TaskContent: fetchtest.DefaultTaskContent})
	out := filepath.Join(t.TempDir(), "job.json")
	line := strings.Join([]string{dilintBin, "fetch", "--project", "10000", "--type", "DI_REALTIME", "--async-id", strconv.FormatInt(id, 10),
		"--wait", "--poll-interval", "50ms", "-o", out, "--endpoint", s.URL}, " ")
	cmd := exec.Command(script, "-qec", line, "/dev/null")
	cmd.Dir = repoRoot
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "TERM=xterm", "ALIBABA_CLOUD_ECS_METADATA_DISABLED=true"}, akEnv...)
	b, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	s.runs = append(s.runs, run{stdout: string(b)})
	for _, want := range []string{"process " + strconv.FormatInt(id, 10) + ": poll 1, pending", "poll 3, success", "\r\x1b[K"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("terminal output lacks %q:\n%q", want, b)
		}
	}
}

// TestSecretsNeverPrinted runs every kind of outcome — success, fail
// status, throttling, server errors, HTML and truncated answers, resets,
// a wrong secret, an unknown key — with debug logging on, signed both
// ways with an STS credential, and scans all output for the secrets and
// the signatures the server saw. Retries are fetch's business and tested
// there; here they are off, but for a short throttle, so that every fault
// reaches the output at once.
func TestSecretsNeverPrinted(t *testing.T) {
	s := newAPIServer(t)
	var generated atomic.Int32
	s.SetGenerate(func(fetchtest.Call) fetchtest.Process {
		if generated.Add(1)%2 == 0 {
			return fetchtest.Process{Pending: 1, FailMessage: "no such table"}
		}
		return fetchtest.Process{TaskContent: fetchtest.DefaultTaskContent}
	})
	faults := []fetchtest.Fault{
		{},
		fetchtest.Throttle(10 * time.Millisecond),
		fetchtest.Throttle(time.Hour),
		fetchtest.ServerError(500),
		fetchtest.ServerError(503),
		fetchtest.HTMLPage(502),
		fetchtest.HTMLPage(200),
		fetchtest.TruncatedBody(),
		fetchtest.ConnectionReset(),
	}
	for _, sig := range []string{"v1", "v3"} {
		for i, f := range faults {
			retries := "0"
			if i == 1 {
				retries = "1"
			}
			common := []string{"--project", "10000", "--signature", sig, "-v", "--retries", retries}
			s.Inject(f)
			s.dilint(stsEnv, append([]string{"fetch", "--type", "DI_REALTIME", "--generate", apiTaskParam, "--wait", "--poll-interval", "10ms"}, common...)...)
			s.Inject(f)
			s.dilint(stsEnv, append([]string{"create", "--type", "DI_OFFLINE", "--name", "x", apiJob}, common...)...)
			s.Inject(f.For(fetch.ActionUpdate))
			s.dilint(stsEnv, append([]string{"update", "--type", "DI_OFFLINE", "--file-id", "1000001", apiJob}, common...)...)
		}
		s.dilint([]string{"ALIBABA_CLOUD_ACCESS_KEY_ID=" + fetchtest.STSAccessKeyID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET=" + wrongSecret,
			"ALIBABA_CLOUD_SECURITY_TOKEN=" + fetchtest.SecurityToken}, "create", "--project", "10000", "--type", "DI_OFFLINE", "--name", "x", "--signature", sig, "-v", apiJob)
		s.dilint([]string{"ALIBABA_CLOUD_ACCESS_KEY_ID=nobody", "ALIBABA_CLOUD_ACCESS_KEY_SECRET=" + wrongSecret},
			"create", "--project", "10000", "--type", "DI_OFFLINE", "--name", "x", "--signature", sig, "-v", apiJob)
	}
	codes := map[int]int{}
	for _, r := range s.runs {
		codes[r.code]++
		if !strings.Contains(r.stderr, "level=DEBUG") {
			t.Errorf("no debug log in a -v run (exit %d):\n%s", r.code, r.stderr)
		}
	}
	if codes[0] == 0 || codes[1] == 0 || codes[3] == 0 {
		t.Errorf("exit statuses %v: the scan should see successes, fail statuses and failures", codes)
	}
}

// TestFetchDocs keeps docs/fetch.md true: every flag of its table is a
// flag of the three commands, and the call budget it gives is what the
// commands spend against the fake.
func TestFetchDocs(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join(repoRoot, "docs", "fetch.md"))
	if err != nil {
		t.Fatal(err)
	}
	flagRow := regexp.MustCompile("(?m)^\\| `(--?[a-z-]+)[^`]*` \\|")
	flags := flagRow.FindAllStringSubmatch(string(doc), -1)
	if len(flags) < 9 {
		t.Fatalf("found %d flag rows in docs/fetch.md", len(flags))
	}
	for _, cmd := range []string{"fetch", "create", "update"} {
		help := runEnv(t, "", nil, cmd, "-h")
		help.wantCode(t, 0)
		for _, f := range flags {
			if name := strings.TrimLeft(f[1], "-"); !strings.Contains(help.stdout, "\n  -"+name+" ") && !strings.Contains(help.stdout, "\n  -"+name+"\t") {
				t.Errorf("docs/fetch.md lists %s, which 'dilint %s -h' does not", f[1], cmd)
			}
		}
	}

	s := newAPIServer(t)
	task := s.AddTask(fetchtest.Task{ProjectID: "10000", TaskType: "DI_OFFLINE", TaskName: "x", TaskContent: `{}`})
	rtTask := s.AddTask(fetchtest.Task{ProjectID: "10000", TaskType: "DI_REALTIME", TaskName: "rt", TaskContent: fetchtest.DefaultTaskContent})
	process := func() string {
		return strconv.FormatInt(s.AddProcess(10000, fetchtest.Process{TaskContent: fetchtest.DefaultTaskContent}), 10)
	}
	realtime := []string{"--project", "10000", "--type", "DI_REALTIME"}
	offline := []string{"--project", "10000", "--type", "DI_OFFLINE"}
	for _, tc := range []struct {
		row  string // the row of the budget table, up to the calls' first words
		args []string
		want int // calls when nothing goes wrong and the process is done at once
	}{
		{"| `fetch --async-id N` | 1 (Query) |", append([]string{"fetch", "--async-id", process()}, realtime...), 1},
		{"| `fetch --async-id N --wait` | 1 per poll: 1 when the process is done,", append([]string{"fetch", "--wait", "--async-id", process()}, realtime...), 1},
		{"| `fetch --generate F` | 1 (Generate) |", append([]string{"fetch", "--generate", apiTaskParam}, realtime...), 1},
		{"| `fetch --generate F --wait` | 1 + the polls above |", append([]string{"fetch", "--wait", "--generate", apiTaskParam}, realtime...), 2},
		{"| `create`, `update` | 1 |", append([]string{"create", "--name", "x", apiJob}, offline...), 1},
		{"| `create`, `update` | 1 |", append([]string{"update", "--file-id", strconv.FormatInt(task, 10), apiJob}, offline...), 1},
		{"| `get-task` | 1 |", append([]string{"get-task", "--file-id", strconv.FormatInt(rtTask, 10)}, realtime...), 1},
	} {
		if !strings.Contains(string(doc), tc.row) {
			t.Errorf("docs/fetch.md has no row %q", tc.row)
		}
		before := len(s.Calls())
		s.dilint(akEnv, tc.args...).wantCode(t, 0)
		if got := len(s.Calls()) - before; got != tc.want {
			t.Errorf("%v made %d calls; the budget says %d", tc.args, got, tc.want)
		}
	}
}
