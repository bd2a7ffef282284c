package fetch

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/dilint/dilint/fetch/internal/signature"
)

// APIError is an error answer of DataWorks or of the API gateway in front of
// it: a non-2xx HTTP status, or a 2xx answer with Success false and no
// failed Data.Status. Inspect it with errors.As.
type APIError struct {
	// Action is the operation, such as "CreateDISyncTask".
	Action string
	// HTTPStatus is the status code of the response.
	HTTPStatus int
	// Code is the error code, such as "Throttling.User",
	// "SignatureDoesNotMatch", "Forbidden.Access" or "InternalError.System";
	// empty when the body was not an error envelope (an HTML page from a
	// proxy, for instance).
	Code string
	// Message is the server's explanation, with anything that could echo a
	// credential removed.
	Message string
	// RequestID identifies the request for Alibaba Cloud support.
	RequestID string
	// RetryAfter is the wait the server asked for with a TimeLeft in its
	// x-ratelimit headers; zero when it gave none.
	RetryAfter time.Duration
}

// Error reads "fetch: <Action>: <Code>: <Message> (HTTP <status>, RequestId <id>)".
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("fetch: ")
	b.WriteString(e.Action)
	b.WriteString(": ")
	if e.Code != "" {
		b.WriteString(e.Code)
		b.WriteString(": ")
	}
	b.WriteString(e.Message)
	fmt.Fprintf(&b, " (HTTP %d", e.HTTPStatus)
	if e.RequestID != "" {
		b.WriteString(", RequestId ")
		b.WriteString(e.RequestID)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, ", retry after %v", e.RetryAfter)
	}
	b.WriteString(")")
	return b.String()
}

// Throttled reports whether the error is flow control (Throttling,
// Throttling.User, Throttling.Api, …).
func (e *APIError) Throttled() bool {
	return e.Code == "Throttling" || strings.HasPrefix(e.Code, "Throttling.")
}

// Temporary reports whether the same request may succeed later: throttling
// and server-side (5xx) errors.
func (e *APIError) Temporary() bool {
	return e.Throttled() || e.HTTPStatus >= 500 || e.Code == "ServiceUnavailable"
}

// StatusError is a request DataWorks accepted but whose Data.Status is
// "fail": an asynchronous process that failed, or a Generate, Create or
// Update call it refused, with its reason in Message (for example
// "fileId:[100] is invalid.").
type StatusError struct {
	Action    string
	Message   string
	RequestID string
}

// Error reads "fetch: <Action>: status fail: <Message> (RequestId <id>)".
func (e *StatusError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = "no reason given"
	}
	s := "fetch: " + e.Action + ": status fail: " + msg
	if e.RequestID != "" {
		s += " (RequestId " + e.RequestID + ")"
	}
	return s
}

// TransportError is a request that got no complete HTTP response: a
// connection refused or reset, a TLS failure, a timeout, a body cut short.
// Err is the cause; errors.Is(err, context.DeadlineExceeded) and the like
// see through it.
type TransportError struct {
	Action string
	// Host is the endpoint's host[:port].
	Host string
	Err  error
}

// Error names the action, the host and the cause, never the URL.
func (e *TransportError) Error() string {
	return "fetch: " + e.Action + " to " + e.Host + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *TransportError) Unwrap() error { return e.Err }

// ResponseError is a 2xx response that is not a DataWorks answer: not JSON
// (an HTML page from a proxy), truncated JSON, a body over the size limit,
// or a Data object of the wrong shape.
type ResponseError struct {
	Action     string
	HTTPStatus int
	// ContentType is the response's media type.
	ContentType string
	RequestID   string
	Reason      string
}

// Error names the action, the status, the media type and the reason.
func (e *ResponseError) Error() string {
	s := fmt.Sprintf("fetch: %s: unexpected response (HTTP %d, %s): %s", e.Action, e.HTTPStatus, e.ContentType, e.Reason)
	if e.RequestID != "" {
		s += " (RequestId " + e.RequestID + ")"
	}
	return s
}

// PendingError is a Wait that ended while the process was still pending:
// its deadline passed, its context was cancelled or it used up MaxPolls.
// Err is context.DeadlineExceeded, context.Canceled or ErrMaxPolls.
type PendingError struct {
	AsyncProcessID int64
	// Polls is the number of Query calls made.
	Polls int
	// Status is the last status seen ("" when DataWorks gave none).
	Status  string
	Elapsed time.Duration
	Err     error
}

// Error says how long the wait lasted and how it ended.
func (e *PendingError) Error() string {
	status := e.Status
	if status == "" {
		status = "none"
	}
	return fmt.Sprintf("fetch: process %d still pending after %d polls in %v (last status %s): %v",
		e.AsyncProcessID, e.Polls, e.Elapsed.Round(time.Millisecond), status, e.Err)
}

// Unwrap returns the cause.
func (e *PendingError) Unwrap() error { return e.Err }

// ErrMaxPolls ends a Wait that made WaitOptions.MaxPolls calls.
var ErrMaxPolls = errors.New("poll limit reached")

// ErrInvalidRequest is wrapped by the errors of requests refused before
// sending, such as a missing ProjectID.
var ErrInvalidRequest = errors.New("invalid request")

func invalid(action, format string, args ...any) error {
	return fmt.Errorf("fetch: %s: %s: %w", action, fmt.Sprintf(format, args...), ErrInvalidRequest)
}

// redactor removes secrets from text that came back from the server or the
// network: a gateway may echo the string it signed, which holds the STS
// token, and an error may quote the request URL, which holds the signature.
type redactor []string

func newRedactor(c Credential, sig string) redactor {
	var r redactor
	for _, s := range []string{c.AccessKeySecret, c.SecurityToken, sig} {
		if s == "" {
			continue
		}
		once := signature.PercentEncode(s)
		r = append(r, s, once, signature.PercentEncode(once), url.QueryEscape(s))
	}
	return r
}

// serverSigningEcho starts the part of a SignatureDoesNotMatch message
// where the gateway quotes what it signed.
var serverSigningEcho = []string{"server string to sign is", "stringtosign", "canonicalrequest"}

func (r redactor) clean(s string) string {
	lower := strings.ToLower(s)
	for _, marker := range serverSigningEcho {
		if i := strings.Index(lower, marker); i >= 0 {
			s = strings.TrimRight(s[:i], " :") + " [server's signed string omitted]"
			lower = strings.ToLower(s)
		}
	}
	for _, secret := range r {
		if len(secret) >= 4 {
			s = strings.ReplaceAll(s, secret, redacted)
		}
	}
	return s
}
