package fetchtest

import (
	"fmt"
	"net/http"
	"time"
)

// Fault changes how the server answers matching requests. Build one with
// ServerError, Throttle, Slow, TruncatedBody, HTMLPage or ConnectionReset,
// narrow it with For and Times, and pass it to Inject.
type Fault struct {
	// Action limits the fault to one operation; "" matches every request.
	Action string
	// Count is the number of matching requests the fault applies to; 0
	// means 1.
	Count int
	// Delay holds the answer back. Alone, it makes a slow server that
	// then answers normally.
	Delay time.Duration
	// Status, when set, replaces the answer, unverified and unhandled,
	// with an error envelope of Code and Message, or with Body.
	Status  int
	Code    string
	Message string
	// Header is added to the replaced answer.
	Header http.Header
	// Body and ContentType replace the error envelope.
	Body        string
	ContentType string
	// Truncate handles the request, then sends the answer's headers with
	// its full Content-Length but only half its body, and closes the
	// connection.
	Truncate bool
	// Reset closes the connection with a TCP RST instead of answering.
	Reset bool
	// AfterHandling makes Reset happen after the request was handled, so
	// its effect (a created task, say) stays: a lost answer.
	AfterHandling bool
}

// For returns the fault limited to one action.
func (f Fault) For(action string) Fault { f.Action = action; return f }

// Times returns the fault applied to n matching requests.
func (f Fault) Times(n int) Fault { f.Count = n; return f }

// ServerError answers with a 5xx error envelope: InternalError.System for
// 500, ServiceUnavailable for 503, and InternalError otherwise.
func ServerError(status int) Fault {
	code, msg := "InternalError", "The request processing has failed due to some unknown error."
	switch status {
	case http.StatusInternalServerError:
		code = "InternalError.System"
	case http.StatusServiceUnavailable:
		code, msg = "ServiceUnavailable", "The request has failed due to a temporary failure of the server."
	}
	return Fault{Status: status, Code: code, Message: msg}
}

// Throttle answers HTTP 400 Throttling.User with an
// x-ratelimit-user-api header whose TimeLeft is timeLeft (omitted when
// zero).
func Throttle(timeLeft time.Duration) Fault {
	f := Fault{Status: http.StatusBadRequest, Code: "Throttling.User", Message: "Request was denied due to user flow control."}
	if timeLeft > 0 {
		f.Header = http.Header{}
		f.Header.Set("x-ratelimit-user-api", fmt.Sprintf("Limit:5,Remain:0,TimeLeft:%d,Reset:%d",
			timeLeft.Milliseconds(), time.Now().Add(timeLeft).UnixMilli()))
	}
	return f
}

// Slow holds the answer back by d, then answers normally.
func Slow(d time.Duration) Fault { return Fault{Delay: d} }

// TruncatedBody cuts the answer in half and closes the connection.
func TruncatedBody() Fault { return Fault{Truncate: true} }

// HTMLPage answers with an HTML error page, as a proxy or load balancer
// in front of the API might.
func HTMLPage(status int) Fault {
	return Fault{Status: status, ContentType: "text/html; charset=utf-8",
		Body: fmt.Sprintf("<html><head><title>%d %s</title></head><body><h1>%[1]d %[2]s</h1></body></html>", status, http.StatusText(status))}
}

// ConnectionReset closes the connection without an answer.
func ConnectionReset() Fault { return Fault{Reset: true} }

// Inject queues faults. Each request takes the first queued fault that
// matches its action.
func (s *Server) Inject(faults ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range faults {
		if f.Count <= 0 {
			f.Count = 1
		}
		s.faults = append(s.faults, f)
	}
}

func (s *Server) takeFault(action string) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.faults {
		f := &s.faults[i]
		if f.Action != "" && f.Action != action {
			continue
		}
		taken := *f
		f.Count--
		if f.Count == 0 {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
		}
		return taken, true
	}
	return Fault{}, false
}

func (f Fault) response() *response {
	r := &response{status: f.Status, header: f.Header, code: f.Code}
	if f.Body != "" {
		r.body = []byte(f.Body)
		r.contentType = f.ContentType
		if r.contentType == "" {
			r.contentType = "text/plain; charset=utf-8"
		}
		return r
	}
	e := errorResponse(f.Status, f.Code, f.Message)
	e.header = f.Header
	return e
}
