package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"mime"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/dilint/dilint/fetch/internal/signature"
)

// operation is one API call: where its parameters go and whether it may be
// sent twice.
type operation struct {
	action string
	query  url.Values // API parameters sent in the query string
	form   url.Values // API parameters sent in the form body
	// idempotent allows retries: a second delivery has the effect of one.
	idempotent bool
}

// envelope is the common shape of responses, success and error alike.
type envelope struct {
	RequestID string          `json:"RequestId"`
	Success   *bool           `json:"Success"`
	Code      string          `json:"Code"`
	Message   string          `json:"Message"`
	Data      json.RawMessage `json:"Data"`
}

// statusData is the part of Data every operation has.
type statusData struct {
	Status  *string `json:"Status"`
	Message *string `json:"Message"`
}

// call sends op, retrying as the policy allows, and decodes Data into out.
// It returns the RequestId of the answer.
func (c *Client) call(ctx context.Context, op operation, out any) (string, error) {
	for attempt := 1; ; attempt++ {
		requestID, err := c.attempt(ctx, op, attempt, out)
		if err == nil {
			return requestID, nil
		}
		delay, retry := c.retryDelay(err, attempt, op.idempotent)
		if !retry || ctx.Err() != nil {
			return requestID, err
		}
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < delay {
			return requestID, err
		}
		c.log.LogAttrs(ctx, slog.LevelDebug, "dataworks retry",
			slog.String("action", op.action), slog.Int("attempt", attempt), slog.Duration("delay", delay), slog.String("reason", retryReason(err)))
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return requestID, err
		case <-t.C:
		}
	}
}

// retryDelay decides whether err is worth another attempt and how long to
// wait before it.
func (c *Client) retryDelay(err error, attempt int, idempotent bool) (time.Duration, bool) {
	if !idempotent || attempt >= c.retry.MaxAttempts {
		return 0, false
	}
	backoff := c.retry.BaseDelay << (attempt - 1)
	if backoff > c.retry.MaxDelay || backoff <= 0 {
		backoff = c.retry.MaxDelay
	}
	backoff = backoff/2 + rand.N(backoff/2+1)
	var apiErr *APIError
	var transportErr *TransportError
	switch {
	case errors.As(err, &apiErr) && apiErr.Throttled():
		if apiErr.RetryAfter > c.retry.MaxThrottleWait {
			return 0, false
		}
		if apiErr.RetryAfter > 0 {
			// Wait out the window, plus a little so that clients throttled
			// together do not return together.
			return apiErr.RetryAfter + rand.N(apiErr.RetryAfter/10+time.Millisecond), true
		}
		return backoff, true
	case errors.As(err, &apiErr) && apiErr.Temporary():
		return backoff, true
	case errors.As(err, &transportErr) && !errors.Is(err, context.Canceled):
		return backoff, true
	}
	return 0, false
}

func retryReason(err error) string {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		if apiErr.Code != "" {
			return apiErr.Code
		}
		return "HTTP " + strconv.Itoa(apiErr.HTTPStatus)
	}
	return "transport error"
}

// attempt sends op once.
func (c *Client) attempt(ctx context.Context, op operation, n int, out any) (string, error) {
	cred, err := c.creds.Credential(ctx)
	if err != nil {
		return "", fmt.Errorf("fetch: %s: credentials: %w", op.action, err)
	}
	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, sig, err := c.newRequest(actx, op, cred)
	if err != nil {
		return "", err
	}
	red := newRedactor(cred, sig)
	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		c.logAttempt(ctx, op, n, start, 0, "", "transport error")
		return "", c.transportError(op.action, err, red)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.maxBody+1))
	requestID := resp.Header.Get("x-acs-request-id")
	if err != nil {
		c.logAttempt(ctx, op, n, start, resp.StatusCode, requestID, "transport error")
		return requestID, c.transportError(op.action, err, red)
	}
	result, requestID, err := c.decode(op.action, resp, body, requestID, red, out)
	c.logAttempt(ctx, op, n, start, resp.StatusCode, requestID, result)
	return requestID, err
}

func (c *Client) logAttempt(ctx context.Context, op operation, n int, start time.Time, status int, requestID, result string) {
	c.log.LogAttrs(ctx, slog.LevelDebug, "dataworks request",
		slog.String("action", op.action), slog.String("host", c.base.Host), slog.Int("attempt", n),
		slog.Int("http_status", status), slog.String("request_id", requestID), slog.String("result", result),
		slog.Duration("duration", time.Since(start)))
}

// transportError drops the request URL, which holds the signature, from
// net/http's errors and keeps their cause.
func (c *Client) transportError(action string, err error, red redactor) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if msg := err.Error(); red.clean(msg) != msg {
		err = errors.New(red.clean(msg))
	}
	return &TransportError{Action: action, Host: c.base.Host, Err: err}
}

// newRequest builds and signs one attempt. It returns the signature so that
// the caller can keep it out of error messages.
func (c *Client) newRequest(ctx context.Context, op operation, cred Credential) (*http.Request, string, error) {
	now := c.now().UTC().Format(signature.TimeFormat)
	nonce := c.nonce()
	body := op.form.Encode()
	u := *c.base
	u.Path = "/"
	var (
		query  url.Values
		header = http.Header{}
		sig    string
	)
	header.Set("User-Agent", "dilint-fetch/1 ("+APIVersion+")")
	header.Set("x-acs-action", op.action)
	header.Set("x-acs-version", APIVersion)
	switch c.signature {
	case SignatureV1:
		query = url.Values{
			"Action":           {op.action},
			"Version":          {APIVersion},
			"Format":           {"JSON"},
			"AccessKeyId":      {cred.AccessKeyID},
			"SignatureMethod":  {signature.MethodV1},
			"SignatureVersion": {signature.VersionV1},
			"SignatureType":    {""},
			"SignatureNonce":   {nonce},
			"Timestamp":        {now},
		}
		if c.region != "" {
			query.Set("RegionId", c.region)
		}
		if cred.SecurityToken != "" {
			query.Set("SecurityToken", cred.SecurityToken)
		}
		for k, v := range op.query {
			query[k] = v
		}
		signed := url.Values{}
		for k, v := range query {
			signed[k] = v
		}
		for k, v := range op.form {
			signed[k] = append(signed[k], v...)
		}
		sig = signature.SignV1(signature.StringToSignV1(http.MethodPost, signed), cred.AccessKeySecret)
		query.Set("Signature", sig)
		// As the SDK does, even for an empty body.
		header.Set("Content-Type", "application/x-www-form-urlencoded")
		header.Set("Accept-Encoding", "identity")
	case SignatureV3:
		query = op.query
		header.Set("Accept", "application/json")
		header.Set("x-acs-date", now)
		header.Set("x-acs-signature-nonce", nonce)
		header.Set("x-acs-content-sha256", signature.HashPayload([]byte(body)))
		if cred.SecurityToken != "" {
			header.Set("x-acs-security-token", cred.SecurityToken)
		}
		if body != "" {
			header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		toSign := header.Clone()
		toSign.Set("host", u.Host)
		names := signature.SignedHeaders(toSign)
		canonical := signature.CanonicalRequestV3(http.MethodPost, "/", query, toSign, names, header.Get("x-acs-content-sha256"))
		sig = signature.SignV3(signature.StringToSignV3(canonical), cred.AccessKeySecret)
		header.Set("Authorization", signature.AuthorizationV3(cred.AccessKeyID, names, sig))
	}
	u.RawQuery = query.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), strings.NewReader(body))
	if err != nil {
		// The error would quote the URL, signature included.
		return nil, "", fmt.Errorf("fetch: %s: cannot build a request for host %s", op.action, u.Host)
	}
	req.Header = header
	return req, sig, nil
}

// decode interprets a complete response. result is a short word for the
// log.
func (c *Client) decode(action string, resp *http.Response, body []byte, requestID string, red redactor, out any) (result, reqID string, err error) {
	mediaType, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if mediaType == "" {
		mediaType = "no content type"
	}
	if int64(len(body)) > c.maxBody {
		return "too large", requestID, &ResponseError{Action: action, HTTPStatus: resp.StatusCode, ContentType: mediaType, RequestID: requestID,
			Reason: fmt.Sprintf("body larger than %d bytes", c.maxBody)}
	}
	var env envelope
	jsonErr := json.Unmarshal(body, &env)
	if jsonErr == nil && env.RequestID != "" {
		requestID = env.RequestID
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		e := &APIError{Action: action, HTTPStatus: resp.StatusCode, RequestID: requestID}
		switch {
		case resp.StatusCode >= 300 && resp.StatusCode < 400:
			e.Message = "redirect refused"
			if loc, err := url.Parse(resp.Header.Get("Location")); err == nil && loc.Host != "" {
				e.Message += " (to " + loc.Host + ")"
			}
		case jsonErr == nil && (env.Code != "" || env.Message != ""):
			e.Code = red.clean(env.Code)
			e.Message = red.clean(env.Message)
		default:
			e.Message = "HTTP " + strconv.Itoa(resp.StatusCode) + " with a " + mediaType + " body"
		}
		if e.Throttled() {
			e.RetryAfter = timeLeft(resp.Header)
		}
		result = e.Code
		if result == "" {
			result = "HTTP " + strconv.Itoa(resp.StatusCode)
		}
		return result, requestID, e
	}
	if jsonErr != nil {
		var reason string
		var typeErr *json.UnmarshalTypeError
		switch {
		case errors.As(jsonErr, &typeErr):
			reason = shapeMismatch("", typeErr)
		case mediaType == "application/json" || bytes.HasPrefix(bytes.TrimSpace(body), []byte("{")):
			reason = "incomplete or invalid JSON"
		default:
			reason = "not JSON"
		}
		return "bad response", requestID, &ResponseError{Action: action, HTTPStatus: resp.StatusCode, ContentType: mediaType, RequestID: requestID, Reason: reason}
	}
	var data statusData
	if len(env.Data) > 0 && string(env.Data) != "null" {
		if err := json.Unmarshal(env.Data, &data); err != nil {
			reason := "Data is not an object"
			var typeErr *json.UnmarshalTypeError
			if errors.As(err, &typeErr) {
				reason = shapeMismatch("Data", typeErr)
			}
			return "bad response", requestID, &ResponseError{Action: action, HTTPStatus: resp.StatusCode, ContentType: mediaType, RequestID: requestID, Reason: reason}
		}
	}
	if data.Status != nil && *data.Status == "fail" {
		msg := ""
		if data.Message != nil {
			msg = red.clean(*data.Message)
		}
		return "fail", requestID, &StatusError{Action: action, Message: msg, RequestID: requestID}
	}
	if env.Success != nil && !*env.Success {
		msg := red.clean(env.Message)
		if msg == "" {
			msg = "Success is false"
		}
		return "unsuccessful", requestID, &APIError{Action: action, HTTPStatus: resp.StatusCode, Code: red.clean(env.Code), Message: msg, RequestID: requestID}
	}
	if out != nil && len(env.Data) > 0 && string(env.Data) != "null" {
		if err := json.Unmarshal(env.Data, out); err != nil {
			reason := "Data: " + jsonErrorWithoutText(err)
			var typeErr *json.UnmarshalTypeError
			if errors.As(err, &typeErr) {
				reason = shapeMismatch("Data", typeErr)
			}
			return "bad response", requestID, &ResponseError{Action: action, HTTPStatus: resp.StatusCode, ContentType: mediaType, RequestID: requestID, Reason: reason}
		}
	}
	return "ok", requestID, nil
}

// shapeMismatch names the field of an answer that has the wrong JSON type,
// the type it has and the one DataWorks documents, such as "Data.FileId is
// a JSON string, want an integer"; it never quotes the value. parent
// prefixes the field's path.
func shapeMismatch(parent string, e *json.UnmarshalTypeError) string {
	field := e.Field
	switch {
	case parent != "" && field != "":
		field = parent + "." + field
	case parent != "":
		field = parent
	case field == "":
		field = "the body"
	}
	want := "a " + e.Type.Kind().String()
	switch e.Type.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		want = "an integer"
	case reflect.Float32, reflect.Float64:
		want = "a number"
	case reflect.Bool:
		want = "a boolean"
	case reflect.String:
		want = "a string"
	case reflect.Struct, reflect.Map:
		want = "an object"
	case reflect.Slice, reflect.Array:
		want = "an array"
	case reflect.Pointer:
		return shapeMismatch(parent, &json.UnmarshalTypeError{Value: e.Value, Type: e.Type.Elem(), Field: e.Field})
	}
	// Value is "number 1.5" when a number does not fit: keep the value out.
	got := e.Value
	switch {
	case strings.HasPrefix(got, "number"):
		got = "number"
	case got == "bool":
		got = "boolean"
	}
	return fmt.Sprintf("%s is a JSON %s, want %s", field, got, want)
}

// timeLeft reads the wait a throttled response asks for from the
// x-ratelimit-user-api or x-ratelimit-user header, whose value looks like
// "Limit:5,Remain:0,TimeLeft:2000,Reset:1700000000000" (milliseconds).
func timeLeft(h http.Header) time.Duration {
	for _, name := range []string{"x-ratelimit-user-api", "x-ratelimit-user"} {
		for part := range strings.SplitSeq(h.Get(name), ",") {
			k, v, _ := strings.Cut(strings.TrimSpace(part), ":")
			if !strings.EqualFold(k, "TimeLeft") {
				continue
			}
			if ms, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil && ms > 0 {
				return time.Duration(ms) * time.Millisecond
			}
		}
	}
	return 0
}
