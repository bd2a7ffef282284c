package fetch

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/dilint/dilint/fetch/internal/signature"
)

// fixedClient signs with the nonce and time of vector V1-D.
func fixedClient(t *testing.T, cfg Config) *Client {
	t.Helper()
	if cfg.Region == "" {
		cfg.Region = "cn-shanghai"
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	c.now = func() time.Time { return time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC) }
	c.nonce = func() string { return "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf" }
	return c
}

func queryOp() operation {
	return operation{action: ActionQuery, query: url.Values{"ProjectId": {"10000"}, "TaskType": {"DI_REALTIME"}, "AsyncProcessId": {"10"}}}
}

// The request the monolithic SDK sends for vector V1-D, byte for byte in
// the request line and with its Content-Type and x-acs-* headers.
func TestNewRequestV1MatchesSDK(t *testing.T) {
	c := fixedClient(t, Config{})
	req, sig, err := c.newRequest(context.Background(), queryOp(), Credential{AccessKeyID: "testAccessKeyId", AccessKeySecret: "testAccessKeySecret"})
	if err != nil {
		t.Fatal(err)
	}
	if sig != "skuEk4woadGRFWDyy16YKN1r23A=" {
		t.Errorf("signature = %s", sig)
	}
	want := "https://dataworks.cn-shanghai.aliyuncs.com/?AccessKeyId=testAccessKeyId&Action=QueryDISyncTaskConfigProcessResult&AsyncProcessId=10&Format=JSON&ProjectId=10000&RegionId=cn-shanghai&Signature=skuEk4woadGRFWDyy16YKN1r23A%3D&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureType=&SignatureVersion=1.0&TaskType=DI_REALTIME&Timestamp=2024-01-02T03%3A04%3A05Z&Version=2020-05-18"
	if got := req.URL.String(); got != want {
		t.Errorf("URL\n got %s\nwant %s", got, want)
	}
	if req.Method != http.MethodPost {
		t.Errorf("method %s", req.Method)
	}
	for k, v := range map[string]string{
		"Content-Type":  "application/x-www-form-urlencoded",
		"x-acs-action":  ActionQuery,
		"x-acs-version": APIVersion,
	} {
		if got := req.Header.Get(k); got != v {
			t.Errorf("header %s = %q, want %q", k, got, v)
		}
	}
	if body, _ := io.ReadAll(req.Body); len(body) != 0 {
		t.Errorf("body %q, want empty", body)
	}

	req, sig, err = c.newRequest(context.Background(), queryOp(), Credential{AccessKeyID: "testAccessKeyId", AccessKeySecret: "testAccessKeySecret", SecurityToken: "testSecurityToken"})
	if err != nil {
		t.Fatal(err)
	}
	if sig != "R/J+W+MIL5y8PZD/hGERyug1efI=" || req.URL.Query().Get("SecurityToken") != "testSecurityToken" {
		t.Errorf("STS signature = %s, query %s", sig, req.URL.RawQuery)
	}
}

// Create signs its form body: the signature covers TaskContent although it
// is not in the URL.
func TestNewRequestV1FormBody(t *testing.T) {
	c := fixedClient(t, Config{})
	op := operation{action: ActionCreate,
		query: url.Values{"ProjectId": {"10000"}, "TaskType": {"DI_OFFLINE"}, "TaskName": {"a b"}},
		form:  url.Values{"TaskContent": {`{"type":"job"}`}}}
	cred := Credential{AccessKeyID: "id", AccessKeySecret: "secret"}
	req, sig, err := c.newRequest(context.Background(), op, cred)
	if err != nil {
		t.Fatal(err)
	}
	if req.URL.Query().Has("TaskContent") {
		t.Error("TaskContent in the query")
	}
	body, _ := io.ReadAll(req.Body)
	if string(body) != "TaskContent=%7B%22type%22%3A%22job%22%7D" {
		t.Errorf("body %s", body)
	}
	all := req.URL.Query()
	all.Del("Signature")
	all.Set("TaskContent", `{"type":"job"}`)
	if want := signature.SignV1(signature.StringToSignV1("POST", all), "secret"); sig != want {
		t.Errorf("signature %s, want %s over query and form", sig, want)
	}
	if !strings.Contains(req.URL.RawQuery, "TaskName=a+b") {
		t.Errorf("space not sent as + like the SDK: %s", req.URL.RawQuery)
	}
}

func TestNewRequestV3(t *testing.T) {
	c := fixedClient(t, Config{Signature: SignatureV3, Endpoint: "http://127.0.0.1:8080"})
	cred := Credential{AccessKeyID: "id", AccessKeySecret: "secret", SecurityToken: "tok"}
	req, sig, err := c.newRequest(context.Background(), queryOp(), cred)
	if err != nil {
		t.Fatal(err)
	}
	if q := req.URL.Query(); q.Has("Signature") || q.Has("AccessKeyId") || q.Get("AsyncProcessId") != "10" {
		t.Errorf("query %s", req.URL.RawQuery)
	}
	if req.Header.Get("x-acs-security-token") != "tok" || req.Header.Get("x-acs-date") != "2024-01-02T03:04:05Z" {
		t.Errorf("headers %v", req.Header)
	}
	id, signed, got, ok := signature.ParseAuthorizationV3(req.Header.Get("Authorization"))
	if !ok || id != "id" || got != sig {
		t.Fatalf("Authorization %q", req.Header.Get("Authorization"))
	}
	wantSigned := "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version"
	if strings.Join(signed, ";") != wantSigned {
		t.Errorf("signed headers %v", signed)
	}
	h := req.Header.Clone()
	h.Set("host", "127.0.0.1:8080")
	canonical := signature.CanonicalRequestV3("POST", "/", req.URL.Query(), h, signed, signature.EmptyPayloadHash)
	if want := signature.SignV3(signature.StringToSignV3(canonical), "secret"); want != sig {
		t.Errorf("signature %s, want %s", sig, want)
	}
}

func TestResolveEndpoint(t *testing.T) {
	tests := []struct {
		region, endpoint, want, err string
	}{
		{region: "cn-shanghai", want: "https://dataworks.cn-shanghai.aliyuncs.com"},
		{region: "cn-qingdao", want: "https://dataworks.aliyuncs.com"},
		{region: "cn-zhangjiakou", want: "https://dataworks.cn-zhangjiakou.aliyuncs.com"},
		{region: "ap-southeast-1", endpoint: "dataworks-vpc.ap-southeast-1.aliyuncs.com", want: "https://dataworks-vpc.ap-southeast-1.aliyuncs.com"},
		{endpoint: "https://example.com:8443/", want: "https://example.com:8443"},
		{endpoint: "http://127.0.0.1:9000", want: "http://127.0.0.1:9000"},
		{endpoint: "http://localhost:9000", want: "http://localhost:9000"},
		{endpoint: "http://[::1]:9000", want: "http://[::1]:9000"},
		{endpoint: "http://dataworks.cn-shanghai.aliyuncs.com", err: "plain http is allowed only for loopback"},
		{endpoint: "http://10.0.0.1", err: "plain http is allowed only for loopback"},
		{endpoint: "ftp://127.0.0.1", err: "scheme must be https"},
		{endpoint: "https://h/path", err: "is not host"},
		{endpoint: "https://user:pw@h", err: "is not host"},
		{region: "cn-shanghai.evil.com/x?", err: "is not a region ID"},
		{err: "a region or an endpoint is required"},
	}
	for _, tt := range tests {
		u, err := resolveEndpoint(tt.region, tt.endpoint)
		switch {
		case tt.err != "":
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("resolveEndpoint(%q, %q) error = %v, want %q", tt.region, tt.endpoint, err, tt.err)
			}
		case err != nil:
			t.Errorf("resolveEndpoint(%q, %q): %v", tt.region, tt.endpoint, err)
		case u.String() != tt.want:
			t.Errorf("resolveEndpoint(%q, %q) = %s, want %s", tt.region, tt.endpoint, u, tt.want)
		}
	}
}

func TestRetryDelay(t *testing.T) {
	c, err := New(Config{Region: "cn-shanghai", Retry: RetryPolicy{BaseDelay: 100 * time.Millisecond, MaxDelay: 400 * time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	server := &APIError{HTTPStatus: 503, Code: "ServiceUnavailable"}
	transport := &TransportError{Err: io.ErrUnexpectedEOF}
	tests := []struct {
		name       string
		err        error
		attempt    int
		idempotent bool
		retry      bool
		min, max   time.Duration
	}{
		{"5xx first retry", server, 1, true, true, 50 * time.Millisecond, 100 * time.Millisecond},
		{"5xx third retry capped", server, 3, true, true, 200 * time.Millisecond, 400 * time.Millisecond},
		{"attempts used up", server, 4, true, false, 0, 0},
		{"not idempotent (Create without ClientToken)", transport, 1, false, false, 0, 0},
		{"transport", transport, 1, true, true, 50 * time.Millisecond, 100 * time.Millisecond},
		{"cancelled", &TransportError{Err: context.Canceled}, 1, true, false, 0, 0},
		{"throttled with TimeLeft", &APIError{HTTPStatus: 400, Code: "Throttling.User", RetryAfter: 2 * time.Second}, 1, true, true, 2 * time.Second, 2200 * time.Millisecond},
		{"throttled beyond MaxThrottleWait", &APIError{HTTPStatus: 400, Code: "Throttling.Api", RetryAfter: time.Hour}, 1, true, false, 0, 0},
		{"throttled without TimeLeft", &APIError{HTTPStatus: 400, Code: "Throttling"}, 2, true, true, 100 * time.Millisecond, 200 * time.Millisecond},
		{"4xx", &APIError{HTTPStatus: 403, Code: "Forbidden.Access"}, 1, true, false, 0, 0},
		{"fail status", &StatusError{Message: "x"}, 1, true, false, 0, 0},
		{"bad response", &ResponseError{}, 1, true, false, 0, 0},
	}
	for _, tt := range tests {
		d, retry := c.retryDelay(tt.err, tt.attempt, tt.idempotent)
		if retry != tt.retry || d < tt.min || d > tt.max {
			t.Errorf("%s: retryDelay = %v, %v; want %v in [%v, %v]", tt.name, d, retry, tt.retry, tt.min, tt.max)
		}
	}
}

func TestTimeLeft(t *testing.T) {
	tests := []struct {
		header, value string
		want          time.Duration
	}{
		{"x-ratelimit-user-api", "Limit:1,Remain:0,TimeLeft:2000,Reset:1700000000000", 2 * time.Second},
		{"x-ratelimit-user", "Limit:5, Remain:0, TimeLeft:150", 150 * time.Millisecond},
		{"x-ratelimit-user-api", "Limit:1,Remain:0", 0},
		{"x-ratelimit-user-api", "TimeLeft:abc", 0},
		{"x-other", "TimeLeft:100", 0},
	}
	for _, tt := range tests {
		h := http.Header{}
		h.Set(tt.header, tt.value)
		if got := timeLeft(h); got != tt.want {
			t.Errorf("timeLeft(%s: %s) = %v, want %v", tt.header, tt.value, got, tt.want)
		}
	}
}

func TestRedactor(t *testing.T) {
	cred := Credential{AccessKeyID: "id", AccessKeySecret: "s3cr3t/+=", SecurityToken: "tok+en/=="}
	r := newRedactor(cred, "sig+/=")
	msg := "Specified signature is not matched with our calculation. server string to sign is:POST&%2F&SecurityToken%3Dtok%252Ben%252F%253D%253D"
	got := r.clean(msg)
	if got != "Specified signature is not matched with our calculation. [server's signed string omitted]" {
		t.Errorf("clean = %q", got)
	}
	for _, s := range []string{"s3cr3t/+=", "s3cr3t%2F%2B%3D", "tok%252Ben%252F%253D%253D", "sig%2B%2F%3D", "tok%2Ben%2F%3D%3D", "sig+/="} {
		if got := r.clean("x " + s + " y"); strings.Contains(got, s) {
			t.Errorf("clean kept %q: %q", s, got)
		}
	}
}

func TestRefusesInsecureTransport(t *testing.T) {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig.InsecureSkipVerify = true
	_, err := New(Config{Region: "cn-shanghai", HTTPClient: &http.Client{Transport: tr}})
	if err == nil || !strings.Contains(err.Error(), "skips TLS verification") {
		t.Errorf("New with InsecureSkipVerify: %v", err)
	}
}

// The documented call budget of Wait: at most 35 polls in the default five
// minutes, taking the shortest pauses jitter allows.
func TestWaitScheduleBound(t *testing.T) {
	o := WaitOptions{}.withDefaults()
	elapsed, polls := time.Duration(0), 1
	for n := 1; ; n++ {
		shortest := o.interval(n) - o.interval(n)/10
		if elapsed+shortest > o.Timeout {
			break
		}
		elapsed += shortest
		polls++
	}
	if polls != 35 {
		t.Errorf("worst-case polls = %d, documentation says 35", polls)
	}
	for n := 1; n < 40; n++ {
		p := o.pause(n)
		if p < o.Interval*9/10 || p > o.MaxInterval*11/10 {
			t.Errorf("pause(%d) = %v out of bounds", n, p)
		}
	}
}

func TestSignatureVersionString(t *testing.T) {
	if SignatureV1.String() != "v1" || SignatureV3.String() != "v3" || SignatureVersion(7).String() != "SignatureVersion(7)" {
		t.Error("String")
	}
	if _, err := New(Config{Region: "cn-shanghai", Signature: 7}); err == nil {
		t.Error("New accepted an unknown signature version")
	}
	var apiErr *APIError
	if !errors.As(error(&APIError{Code: "Throttling"}), &apiErr) || !apiErr.Throttled() {
		t.Error("Throttled")
	}
}

// Whatever a server sends, decode returns a typed error or a result; it
// never panics.
func FuzzDecode(f *testing.F) {
	for _, seed := range []string{
		`{"RequestId":"R","Success":true,"Data":{"Status":"success","TaskContent":"{}"}}`,
		`{"RequestId":"R","Success":true,"Data":{"Status":"fail","Message":"x"}}`,
		`{"RequestId":"R","Code":"Throttling.User","Message":"x"}`,
		`{"Success":false}`, `{"Data":[1]}`, `{"Data":{"ProcessId":"x"}}`, `<html></html>`, `{"Data":`, ``, `null`,
	} {
		f.Add(200, seed)
		f.Add(503, seed)
	}
	c, err := New(Config{Region: "cn-shanghai", MaxResponseBytes: 1 << 10})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, status int, body string) {
		resp := &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {"application/json"}, "X-Ratelimit-User-Api": {"TimeLeft:5"}}}
		var data struct {
			Status      *string
			TaskContent *string
			ProcessID   int64 `json:"ProcessId"`
		}
		_, _, err := c.decode(ActionQuery, resp, []byte(body), "", nil, &data)
		if err == nil && (status < 200 || status > 299) {
			t.Errorf("HTTP %d accepted", status)
		}
	})
}
