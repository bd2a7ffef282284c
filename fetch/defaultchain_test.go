package fetch_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dilint/dilint/fetch"
	"github.com/dilint/dilint/fetch/fetchtest"
)

// chainEnv are the variables the default chain reads; isolate clears
// them, points HOME at an empty directory and keeps the chain off the
// network's metadata service.
var chainEnv = []string{
	"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN",
	"ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE", "ALIBABA_CLOUD_OIDC_TOKEN",
	"ALIBABA_CLOUD_CONFIG_FILE", "ALIBABA_CLOUD_PROFILE", "ALIBABA_CLOUD_CLI_PROFILE_DISABLED",
	"ALIBABA_CLOUD_CREDENTIALS_FILE", "ALIBABA_CLOUD_CREDENTIALS_URI", "ALIBABA_CLOUD_ECS_METADATA",
}

func isolate(t *testing.T) (home string) {
	t.Helper()
	for _, name := range chainEnv {
		t.Setenv(name, "")
	}
	home = t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	return home
}

func writeFile(t *testing.T, path, content string, mode os.FileMode) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
	return path
}

const cliConfig = `{
  "current": "ak",
  "profiles": [
    {"name": "ak", "mode": "AK", "access_key_id": "cliAK", "access_key_secret": "cliAKsecret", "region_id": "cn-hangzhou"},
    {"name": "sts", "mode": "StsToken", "access_key_id": "STS.cli", "access_key_secret": "cliSTSsecret", "sts_token": "cliSTStoken", "region_id": "cn-beijing"}
  ]
}`

const credentialsFile = `[default]
type = access_key
access_key_id = fileAK
access_key_secret = fileAKsecret

[project]
type = access_key
access_key_id = projectAK
access_key_secret = projectAKsecret
`

func TestDefaultChainOrder(t *testing.T) {
	ctx := context.Background()
	home := isolate(t)
	get := func(p fetch.Provider) (string, string) {
		t.Helper()
		c, err := p.Credential(ctx)
		if err != nil {
			return "", err.Error()
		}
		src := ""
		if d, ok := p.(*fetch.DefaultChain); ok {
			src = d.Source()
		}
		return c.AccessKeyID + "/" + c.SecurityToken, src
	}

	_, err := fetch.DefaultProvider().Credential(ctx)
	if !errors.Is(err, fetch.ErrNoCredentials) {
		t.Fatalf("empty environment: %v", err)
	}
	order := []string{"environment:", "OIDC:", "aliyun CLI profile:", "credentials file:", "ECS instance RAM role: disabled", "credentials URI: ALIBABA_CLOUD_CREDENTIALS_URI is not set"}
	last := -1
	for _, s := range order {
		i := strings.Index(err.Error(), s)
		if i <= last {
			t.Errorf("error does not list %q after the previous sources: %v", s, err)
		}
		last = i
	}

	srv := fetchtest.NewServer()
	defer srv.Close()
	cloud := fetchtest.NewCloud(srv)
	defer cloud.Close()
	t.Setenv("ALIBABA_CLOUD_CREDENTIALS_URI", cloud.CredentialsURI())
	if got, src := get(fetch.DefaultProvider()); got != "STS.uri-1/issuedToken-uri-1" || src != "credentials URI" {
		t.Errorf("URI: %s from %s", got, src)
	}
	writeFile(t, filepath.Join(home, ".alibabacloud", "credentials"), credentialsFile, 0o600)
	if got, src := get(fetch.DefaultProvider()); got != "fileAK/" || src != "credentials file" {
		t.Errorf("credentials file before the URI: %s from %s", got, src)
	}
	t.Setenv("ALIBABA_CLOUD_PROFILE", "project")
	if got, _ := get(fetch.DefaultProvider()); got != "projectAK/" {
		t.Errorf("ALIBABA_CLOUD_PROFILE section: %s", got)
	}
	t.Setenv("ALIBABA_CLOUD_PROFILE", "")
	writeFile(t, filepath.Join(home, ".aliyun", "config.json"), cliConfig, 0o600)
	if got, src := get(fetch.DefaultProvider()); got != "cliAK/" || src != "aliyun CLI profile" {
		t.Errorf("CLI profile before the credentials file: %s from %s", got, src)
	}
	if got, _ := get(&fetch.DefaultChain{Profile: "sts"}); got != "STS.cli/cliSTStoken" {
		t.Errorf("Profile sts: %s", got)
	}
	if got, _ := get(&fetch.DefaultChain{Profile: "project"}); got != "projectAK/" {
		t.Errorf("Profile project falls to the credentials file: %s", got)
	}
	if _, err := (&fetch.DefaultChain{Profile: "nope"}).Credential(ctx); !errors.Is(err, fetch.ErrNoCredentials) || !strings.Contains(err.Error(), `for profile "nope"`) {
		t.Errorf("unknown profile: %v", err)
	}
	if r := fetch.CLIConfigRegion(""); r != "cn-hangzhou" {
		t.Errorf("CLIConfigRegion current = %q", r)
	}
	if r := fetch.CLIConfigRegion("sts"); r != "cn-beijing" {
		t.Errorf("CLIConfigRegion sts = %q", r)
	}
	t.Setenv("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "true")
	if got, _ := get(fetch.DefaultProvider()); got != "fileAK/" {
		t.Errorf("CLI profile disabled: %s", got)
	}
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "envAK")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "envAKsecret")
	t.Setenv("ALIBABA_CLOUD_SECURITY_TOKEN", "envToken")
	if got, src := get(fetch.DefaultProvider()); got != "envAK/envToken" || src != "environment" {
		t.Errorf("environment first: %s from %s", got, src)
	}
}

// A credential that expires during a long Wait is renewed: every poll
// asks the chain, which fetches a new STS credential when the old one has
// less than three minutes left, so the polls after expiry are signed with
// the new key and succeed.
func TestDefaultChainRenewsDuringWait(t *testing.T) {
	srv, cloud, cfg := uriChain(t)
	c, err := fetch.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	id := srv.AddProcess(projectID, fetchtest.Process{Pending: 3, TaskContent: fetchtest.DefaultTaskContent})
	res, err := c.Wait(ctx, fetch.QueryRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, AsyncProcessID: id},
		fetch.WaitOptions{Interval: time.Millisecond, Progress: func(fetch.Progress) { cloud.Expire() }})
	if err != nil || !res.Done() {
		t.Fatalf("Wait across expiries: %v, %v", res, err)
	}
	keys := map[string]bool{}
	for _, call := range srv.Calls() {
		if call.Code != "" {
			t.Errorf("call %s answered %s", call.Action, call.Code)
		}
		keys[call.AccessKeyID] = true
	}
	if len(keys) != 4 {
		t.Errorf("4 polls signed with %d keys (%v); each poll after an expiry needs a new one", len(keys), keys)
	}
	// The first key, kept, is refused: the renewal is what made the polls
	// succeed.
	first := cloud.Issued()[0]
	cfg.Credentials = fetch.Static(first)
	stale, _ := fetch.New(cfg)
	var apiErr *fetch.APIError
	if _, err := stale.Query(ctx, fetch.QueryRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, AsyncProcessID: id}); !errors.As(err, &apiErr) || apiErr.Code != "InvalidSecurityToken.Expired" {
		t.Errorf("an expired key is refused by the fake: %v", err)
	}
}

func TestDefaultChainWarnsAboutOpenFiles(t *testing.T) {
	home := isolate(t)
	for _, tt := range []struct {
		mode os.FileMode
		warn bool
	}{{0o600, false}, {0o400, false}, {0o640, true}, {0o644, true}, {0o606, true}} {
		path := writeFile(t, filepath.Join(home, ".aliyun", "config.json"), cliConfig, tt.mode)
		var warnings []string
		p := &fetch.DefaultChain{Warn: func(msg string) { warnings = append(warnings, msg) }}
		for range 2 {
			if _, err := p.Credential(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		switch {
		case tt.warn && (len(warnings) != 1 || !strings.Contains(warnings[0], "chmod 600 "+path)):
			t.Errorf("mode %04o: warnings %q, want one that says chmod 600", tt.mode, warnings)
		case !tt.warn && len(warnings) != 0:
			t.Errorf("mode %04o: warnings %q, want none", tt.mode, warnings)
		}
	}
	writeFile(t, filepath.Join(home, ".aliyun", "config.json"), `{"profiles": []}`, 0o600)
	path := writeFile(t, filepath.Join(home, ".alibabacloud", "credentials"), credentialsFile, 0o664)
	var warnings []string
	p := &fetch.DefaultChain{Warn: func(msg string) { warnings = append(warnings, msg) }}
	if _, err := p.Credential(context.Background()); err != nil || len(warnings) != 1 || !strings.Contains(warnings[0], path+" holds credentials and is accessible by others (mode 0664)") {
		t.Errorf("credentials file 0664: %v, %q", err, warnings)
	}
}

// What a file or a service sends back never reaches an error: neither a
// configuration that is not JSON, nor an INI line, nor an answer that
// echoes a secret, nor a token in a credentials URI.
func TestDefaultChainErrorsHoldNoSecrets(t *testing.T) {
	home := isolate(t)
	const secret = "leakedSecretValue42"
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/500":
			w.WriteHeader(500)
			_, _ = w.Write([]byte(`{"Code":"InternalError","Message":"` + secret + `"}`))
		case "/partial":
			_, _ = w.Write([]byte(`{"AccessKeyId":"STS.x","AccessKeySecret":"` + secret + `"}`))
		case "/html":
			w.WriteHeader(502)
			_, _ = w.Write([]byte(`<html>` + secret + `</html>`))
		}
	}))
	defer echo.Close()
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()

	cases := []struct {
		name  string
		setup func()
		want  string
	}{
		{"CLI config not JSON", func() {
			writeFile(t, filepath.Join(home, ".aliyun", "config.json"), `{"profiles": [{"access_key_secret": "`+secret+`"`, 0o600)
		}, "not valid JSON"},
		{"CLI config wrong type", func() {
			writeFile(t, filepath.Join(home, ".aliyun", "config.json"), `{"current": "a", "profiles": [{"name": "a", "mode": "AK", "access_key_id": 5, "access_key_secret": "`+secret+`"}]}`, 0o600)
		}, "aliyun CLI profile:"},
		{"INI line without =", func() {
			writeFile(t, filepath.Join(home, ".alibabacloud", "credentials"), "[default]\ntype = access_key\naccess_key_secret "+secret+"\n", 0o600)
		}, "credentials file:"},
		{"URI 500", func() { t.Setenv("ALIBABA_CLOUD_CREDENTIALS_URI", echo.URL+"/500") }, "code InternalError"},
		{"URI partial answer", func() { t.Setenv("ALIBABA_CLOUD_CREDENTIALS_URI", echo.URL+"/partial") }, "details withheld"},
		{"URI HTML", func() { t.Setenv("ALIBABA_CLOUD_CREDENTIALS_URI", echo.URL+"/html") }, "details withheld"},
		{"URI token in query", func() { t.Setenv("ALIBABA_CLOUD_CREDENTIALS_URI", closed.URL+"/creds?token="+secret) }, "/creds?…"},
		{"URI user info", func() {
			t.Setenv("ALIBABA_CLOUD_CREDENTIALS_URI", "http://user:"+secret+"@"+strings.TrimPrefix(closed.URL, "http://")+"/creds")
		}, "credentials URI:"},
	}
	for _, tt := range cases {
		isolate(t)
		t.Setenv("HOME", home)
		os.RemoveAll(filepath.Join(home, ".aliyun"))
		os.RemoveAll(filepath.Join(home, ".alibabacloud"))
		tt.setup()
		_, err := fetch.DefaultProvider().Credential(context.Background())
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		t.Logf("%s: %v", tt.name, err)
		if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), "leakedSecret") {
			t.Errorf("%s: the error holds the secret: %v", tt.name, err)
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %q lacks %q", tt.name, err, tt.want)
		}
	}
}

// The chain answers a cancelled context at once, whatever a source is
// doing.
func TestDefaultChainHonoursContext(t *testing.T) {
	isolate(t)
	block := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { <-block }))
	defer slow.Close()
	defer close(block)
	t.Setenv("ALIBABA_CLOUD_CREDENTIALS_URI", slow.URL)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := fetch.DefaultProvider().Credential(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want the context's error", err)
	}
}

// The chain is safe for concurrent use: calls of a Client share it.
func TestDefaultChainConcurrent(t *testing.T) {
	srv, _, cfg := uriChain(t)
	c, err := fetch.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			id := srv.AddProcess(projectID, fetchtest.Process{TaskContent: fetchtest.DefaultTaskContent})
			_, err := c.Query(context.Background(), fetch.QueryRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, AsyncProcessID: id})
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// Everything a client on the chain logs, returns and prints, through
// renewals, expiries and faults, holds none of the issued secrets.
func TestDefaultChainSecretsNeverLeak(t *testing.T) {
	srv, cloud, cfg := uriChain(t)
	chain := cfg.Credentials
	var out syncBuffer
	cfg.Logger = slog.New(slog.NewJSONHandler(&out, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, err := fetch.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, f := range []fetchtest.Fault{{}, fetchtest.ServerError(503), fetchtest.HTMLPage(502).Times(4), {Status: 403, Code: "Forbidden.Access", Message: "denied"}} {
		if f.Status != 0 {
			srv.Inject(f)
		}
		id := srv.AddProcess(projectID, fetchtest.Process{Pending: 1, TaskContent: fetchtest.DefaultTaskContent})
		res, err := c.Wait(ctx, fetch.QueryRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, AsyncProcessID: id},
			fetch.WaitOptions{Interval: time.Millisecond, Progress: func(p fetch.Progress) { cloud.Expire(); fmt.Fprintf(&out, "%+v\n", p) }})
		cred, cerr := chain.Credential(ctx)
		fmt.Fprintf(&out, "%v %+v %#v | %v %+v %#v | %v %+v %#v | %v %+v %#v\n", res, res, res, err, err, err, cred, cred, cerr, chain, chain, chain)
	}
	if len(cloud.Issued()) < 4 {
		t.Fatalf("only %d credentials issued; the scan would prove little", len(cloud.Issued()))
	}
	for _, secret := range cloud.IssuedSecrets() {
		if strings.Contains(out.b.String(), secret) {
			t.Errorf("%q in the output", secret)
		}
	}
}

// uriChain starts the fake DataWorks and a fake cloud whose credentials URI
// issues STS keys that live a minute, and returns a client configuration
// whose credentials come from the default chain (through that URI only:
// the environment is isolated).
func uriChain(t *testing.T) (*fetchtest.Server, *fetchtest.Cloud, fetch.Config) {
	t.Helper()
	isolate(t)
	srv := fetchtest.NewServer()
	t.Cleanup(srv.Close)
	cloud := fetchtest.NewCloud(srv)
	t.Cleanup(cloud.Close)
	cloud.SetTTL(time.Minute)
	t.Setenv("ALIBABA_CLOUD_CREDENTIALS_URI", cloud.CredentialsURI())
	cfg := srv.Config()
	cfg.Credentials = fetch.DefaultProvider()
	return srv, cloud, cfg
}
