package fetchtest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/dilint/dilint/fetch"
	"github.com/dilint/dilint/fetch/internal/signature"
)

// signedV1 builds a v1-signed Query request by hand, after edit has had
// its way with the parameters.
func signedV1(srv *Server, secret string, edit func(url.Values)) *http.Request {
	q := url.Values{
		"Action": {fetch.ActionQuery}, "Version": {fetch.APIVersion}, "Format": {"JSON"},
		"AccessKeyId": {AccessKeyID}, "SignatureMethod": {"HMAC-SHA1"}, "SignatureVersion": {"1.0"},
		"SignatureNonce": {time.Now().Format(time.RFC3339Nano)}, "Timestamp": {time.Now().UTC().Format(signature.TimeFormat)},
		"ProjectId": {"10000"}, "TaskType": {"DI_REALTIME"}, "AsyncProcessId": {"1"},
	}
	if edit != nil {
		edit(q)
	}
	q.Set("Signature", signature.SignV1(signature.StringToSignV1("POST", q), secret))
	req, _ := http.NewRequest("POST", srv.URL+"/?"+q.Encode(), nil)
	return req
}

// signedV3 builds a V3-signed request by hand; edit may change the
// request after signing.
func signedV3(srv *Server, body string, edit func(*http.Request)) *http.Request {
	req, _ := http.NewRequest("POST", srv.URL+"/?ProjectId=10000&TaskType=DI_REALTIME&AsyncProcessId=1", strings.NewReader(body))
	req.Header.Set("x-acs-action", fetch.ActionQuery)
	req.Header.Set("x-acs-version", fetch.APIVersion)
	req.Header.Set("x-acs-date", time.Now().UTC().Format(signature.TimeFormat))
	req.Header.Set("x-acs-signature-nonce", time.Now().Format(time.RFC3339Nano))
	req.Header.Set("x-acs-content-sha256", signature.HashPayload([]byte(body)))
	if body != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	h := req.Header.Clone()
	h.Set("host", req.URL.Host)
	names := signature.SignedHeaders(h)
	sig := signature.SignV3(signature.StringToSignV3(signature.CanonicalRequestV3("POST", "/", req.URL.Query(), h, names, signature.HashPayload([]byte(body)))), AccessKeySecret)
	req.Header.Set("Authorization", signature.AuthorizationV3(AccessKeyID, names, sig))
	if edit != nil {
		edit(req)
	}
	return req
}

func send(t *testing.T, req *http.Request) (int, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var env struct{ Code string }
	_ = json.Unmarshal(body, &env)
	return resp.StatusCode, env.Code
}

func TestVerify(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	srv.AddProcess(10000, Process{TaskContent: "{}"})
	stale := time.Now().Add(-20 * time.Minute).UTC().Format(signature.TimeFormat)
	tests := []struct {
		name   string
		req    *http.Request
		status int
		code   string
	}{
		{"v1 good", signedV1(srv, AccessKeySecret, nil), 200, ""},
		{"v1 wrong secret", signedV1(srv, "nope", nil), 400, "SignatureDoesNotMatch"},
		{"v1 unknown key", signedV1(srv, AccessKeySecret, func(q url.Values) { q.Set("AccessKeyId", "other") }), 404, "InvalidAccessKeyId.NotFound"},
		{"v1 STS key without token", signedV1(srv, AccessKeySecret, func(q url.Values) { q.Set("AccessKeyId", STSAccessKeyID) }), 400, "InvalidSecurityToken.MismatchWithAccessKey"},
		{"v1 STS", signedV1(srv, AccessKeySecret, func(q url.Values) { q.Set("AccessKeyId", STSAccessKeyID); q.Set("SecurityToken", SecurityToken) }), 200, ""},
		{"v1 stale", signedV1(srv, AccessKeySecret, func(q url.Values) { q.Set("Timestamp", stale) }), 400, "InvalidTimeStamp.Expired"},
		{"v1 bad time", signedV1(srv, AccessKeySecret, func(q url.Values) { q.Set("Timestamp", "yesterday") }), 400, "IllegalTimestamp"},
		{"v1 no nonce", signedV1(srv, AccessKeySecret, func(q url.Values) { q.Del("SignatureNonce") }), 400, "IncompleteSignature"},
		{"v1 SHA256 method", signedV1(srv, AccessKeySecret, func(q url.Values) { q.Set("SignatureMethod", "HMAC-SHA256") }), 400, "IncompleteSignature"},
		{"v1 wrong version", signedV1(srv, AccessKeySecret, func(q url.Values) { q.Set("Version", "2024-05-18") }), 400, "InvalidVersion"},
		{"v1 unknown action", signedV1(srv, AccessKeySecret, func(q url.Values) { q.Set("Action", "DeleteFile") }), 404, "InvalidAction.NotFound"},
		{"v1 missing parameter", signedV1(srv, AccessKeySecret, func(q url.Values) { q.Del("ProjectId") }), 400, "MissingParameter"},
		{"v1 bad TaskType", signedV1(srv, AccessKeySecret, func(q url.Values) { q.Set("TaskType", "DI_X") }), 400, "InvalidParameter"},
		{"unsigned", func() *http.Request { r, _ := http.NewRequest("POST", srv.URL+"/?Action=x", nil); return r }(), 400, "MissingSignature"},
		{"v3 good", signedV3(srv, "", nil), 200, ""},
		{"v3 good with body", signedV3(srv, "Extra=1", nil), 200, ""},
		{"v3 tampered query", signedV3(srv, "", func(r *http.Request) { r.URL.RawQuery += "&x=1" }), 400, "SignatureDoesNotMatch"},
		{"v3 body hash", signedV3(srv, "a=1", func(r *http.Request) { r.Body = io.NopCloser(strings.NewReader("a=2")) }), 400, "SignatureDoesNotMatch"},
		{"v3 header unsigned", signedV3(srv, "", func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "host;", "", 1))
		}), 400, "IncompleteSignature"},
		{"v3 malformed", signedV3(srv, "", func(r *http.Request) { r.Header.Set("Authorization", "ACS3-HMAC-SHA256 nonsense") }), 400, "IncompleteSignature"},
	}
	for _, tt := range tests {
		status, code := send(t, tt.req)
		if status != tt.status || code != tt.code {
			t.Errorf("%s: %d %q, want %d %q", tt.name, status, code, tt.status, tt.code)
		}
	}

	// A nonce serves once.
	req := signedV1(srv, AccessKeySecret, func(q url.Values) { q.Set("SignatureNonce", "once") })
	replay := req.Clone(req.Context())
	if status, _ := send(t, req); status != 200 {
		t.Fatalf("first use: %d", status)
	}
	if _, code := send(t, replay); code != "SignatureNonceUsed" {
		t.Errorf("replay: %q", code)
	}
}

func TestFaultQueue(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	srv.Inject(ServerError(500).For(fetch.ActionCreate).Times(2), Throttle(time.Second))
	if f, ok := srv.takeFault(fetch.ActionQuery); !ok || f.Code != "Throttling.User" || f.Header.Get("x-ratelimit-user-api") == "" {
		t.Errorf("Query took %+v", f)
	}
	for range 2 {
		if f, ok := srv.takeFault(fetch.ActionCreate); !ok || f.Code != "InternalError.System" {
			t.Errorf("Create took %+v", f)
		}
	}
	if _, ok := srv.takeFault(fetch.ActionCreate); ok {
		t.Error("fault used more than Count times")
	}
	if f := ServerError(502); f.Code != "InternalError" || f.Status != 502 {
		t.Errorf("ServerError(502) = %+v", f)
	}
}
