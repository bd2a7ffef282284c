package fetch_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dilint/dilint/fetch"
	"github.com/dilint/dilint/fetch/fetchtest"
	"github.com/dilint/dilint/fetch/internal/signature"
)

// syncBuffer collects log output from concurrent requests.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// Everything the client logs, returns and prints, across every operation
// and every fault, with STS credentials and both signatures, is scanned
// for the secret, the token, every signature the server saw, and a
// password inside the job; none may appear.
func TestSecretsNeverLeak(t *testing.T) {
	var out syncBuffer
	logger := slog.New(slog.NewJSONHandler(&out, &slog.HandlerOptions{Level: slog.LevelDebug}))
	report := func(label string, v ...any) {
		for _, x := range v {
			fmt.Fprintf(&out, "%s: %v | %+v | %#v\n", label, x, x, x)
		}
	}
	secretCred := fetch.Credential{AccessKeyID: fetchtest.STSAccessKeyID, AccessKeySecret: fetchtest.AccessKeySecret, SecurityToken: fetchtest.SecurityToken}
	wrongCred := fetch.Credential{AccessKeyID: fetchtest.STSAccessKeyID, AccessKeySecret: "wrong-" + fetchtest.AccessKeySecret, SecurityToken: fetchtest.SecurityToken}
	ctx := context.Background()
	var servers []*fetchtest.Server

	for _, sig := range []fetch.SignatureVersion{fetch.SignatureV1, fetch.SignatureV3} {
		for _, cred := range []fetch.Credential{secretCred, wrongCred} {
			srv := fetchtest.NewServer()
			defer srv.Close()
			servers = append(servers, srv)
			c := newClient(t, srv, func(cfg *fetch.Config) {
				cfg.Signature = sig
				cfg.Credentials = fetch.Static(cred)
				cfg.Logger = logger
				cfg.Timeout = 100 * time.Millisecond
			})
			report("client", c, cred)
			faults := []fetchtest.Fault{
				{}, fetchtest.ServerError(500), fetchtest.ServerError(503).Times(4), fetchtest.Throttle(time.Millisecond),
				fetchtest.Throttle(time.Hour), fetchtest.Slow(time.Second).Times(4), fetchtest.TruncatedBody().Times(4),
				fetchtest.HTMLPage(502).Times(4), fetchtest.HTMLPage(200), fetchtest.ConnectionReset().Times(4),
				{Status: 403, Code: "Forbidden.Access", Message: "denied"},
			}
			for i, f := range faults {
				if i > 0 {
					srv.Inject(f)
				}
				doc := mustParse(t, job)
				gen, err := c.Generate(ctx, fetch.GenerateRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, TaskParam: []byte(realtimeParam)})
				report("generate", gen, err)
				id := srv.AddProcess(projectID, fetchtest.Process{Pending: 1, TaskContent: fetchtest.DefaultTaskContent})
				res, err := c.Wait(ctx, fetch.QueryRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, AsyncProcessID: id},
					fetch.WaitOptions{Interval: time.Millisecond, Progress: func(p fetch.Progress) { report("progress", p) }})
				report("wait", res, err)
				created, err := c.Create(ctx, fetch.CreateRequest{ProjectID: projectID, TaskType: fetch.TaskTypeOffline, TaskName: "t", TaskContent: doc})
				report("create", created, err)
				updated, err := c.Update(ctx, fetch.UpdateRequest{ProjectID: projectID, TaskType: fetch.TaskTypeOffline, FileID: 1000001, TaskContent: doc})
				report("update", updated, err)
				failed := srv.AddProcess(projectID, fetchtest.Process{FailMessage: "TaskParam is invalid."})
				_, err = c.Wait(ctx, fetch.QueryRequest{ProjectID: projectID, TaskType: fetch.TaskTypeRealtime, AsyncProcessID: failed}, fetch.WaitOptions{Interval: time.Millisecond})
				report("failed", err)
			}
		}
	}

	secrets := []string{fetchtest.AccessKeySecret, fetchtest.SecurityToken, "job-password-7f3a"}
	signatures := 0
	for _, srv := range servers {
		for _, call := range srv.Calls() {
			if s := call.Query.Get("Signature"); s != "" {
				secrets = append(secrets, s)
				signatures++
			}
			if _, _, s, ok := signature.ParseAuthorizationV3(call.Header.Get("Authorization")); ok {
				secrets = append(secrets, s)
				signatures++
			}
		}
	}
	if signatures < 100 {
		t.Fatalf("only %d signed calls; the scan would prove little", signatures)
	}
	text := out.b.String()
	for _, s := range secrets {
		for _, form := range []string{s, url.QueryEscape(s), signature.PercentEncode(s), signature.PercentEncode(signature.PercentEncode(s))} {
			if strings.Contains(text, form) {
				i := strings.Index(text, form)
				t.Errorf("%q found in output: …%s…", form, text[max(0, i-200):min(len(text), i+100)])
			}
		}
	}
	for _, want := range []string{"SignatureDoesNotMatch", "Throttling.User", "Forbidden.Access", "dataworks request", "dataworks retry", "TaskParam is invalid."} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q; the scan did not see that path", want)
		}
	}
}
