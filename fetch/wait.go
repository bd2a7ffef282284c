package fetch

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"
)

// WaitOptions tune Wait. The zero value selects the defaults.
type WaitOptions struct {
	// Interval is the pause after the first poll, doubling after each
	// further poll up to MaxInterval; 0 means 2 s.
	Interval time.Duration
	// MaxInterval caps the pause; 0 means 10 s.
	MaxInterval time.Duration
	// Timeout bounds the whole wait, besides ctx; 0 means 5 minutes.
	Timeout time.Duration
	// MaxPolls caps the Query calls; 0 means no cap but Timeout.
	MaxPolls int
	// Progress, when set, is called after every poll that got an answer
	// (a failed process included), from the goroutine that called Wait.
	Progress func(Progress)
}

// Progress reports one poll of a Wait.
type Progress struct {
	// Poll counts the Query calls so far, from 1.
	Poll int
	// Status is the status DataWorks gave; "" when it gave none.
	Status    string
	RequestID string
	// Elapsed is the time since Wait started.
	Elapsed time.Duration
	// Next is the pause before the next poll; zero after the last one.
	Next time.Duration
}

func (o WaitOptions) withDefaults() WaitOptions {
	if o.Interval <= 0 {
		o.Interval = 2 * time.Second
	}
	if o.MaxInterval <= 0 {
		o.MaxInterval = 10 * time.Second
	}
	if o.MaxInterval < o.Interval {
		o.MaxInterval = o.Interval
	}
	if o.Timeout <= 0 {
		o.Timeout = 5 * time.Minute
	}
	return o
}

// interval returns the nominal pause after poll n (from 1):
// Interval·2^(n-1), capped at MaxInterval.
func (o WaitOptions) interval(n int) time.Duration {
	if n-1 >= 30 {
		return o.MaxInterval
	}
	if d := o.Interval << (n - 1); d > 0 && d < o.MaxInterval {
		return d
	}
	return o.MaxInterval
}

// pause is interval(n) with ±10 % jitter, so that many waiters spread out.
func (o WaitOptions) pause(n int) time.Duration {
	d := o.interval(n)
	return d - d/10 + rand.N(d/5+1)
}

// Wait polls Query until the process succeeds, fails or runs out of time,
// and returns the successful result. The first poll is immediate; then it
// pauses Interval, doubling up to MaxInterval, with jitter. Any status but
// "success" and "fail", including none, means pending. A failed process is
// a *StatusError; a wait that ends while pending is a *PendingError; an
// error of the Query call itself (after its retries) ends the wait as it is.
//
// Calls: one Query per poll, plus that call's retries on faults. With the
// defaults a wait polls at about 0, 2, 6, 14, 24, 34, … seconds: 4 calls
// for a process that takes 10 s, 6 for 30 s, and at most 35 before the
// 5-minute timeout. Against the Basic edition's 100 calls a day, set
// MaxPolls, or a longer Interval, to budget.
func (c *Client) Wait(ctx context.Context, req QueryRequest, opts WaitOptions) (*QueryResult, error) {
	opts = opts.withDefaults()
	start := time.Now()
	wctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	deadline, _ := wctx.Deadline()
	var last string
	for poll := 1; ; poll++ {
		res, err := c.Query(wctx, req)
		var failed *StatusError
		if errors.As(err, &failed) && opts.Progress != nil {
			opts.Progress(Progress{Poll: poll, Status: StatusFail, RequestID: failed.RequestID, Elapsed: time.Since(start)})
		}
		if err != nil {
			if wctx.Err() != nil {
				return nil, &PendingError{AsyncProcessID: req.AsyncProcessID, Polls: poll, Status: last, Elapsed: time.Since(start), Err: wctx.Err()}
			}
			return nil, err
		}
		last = res.Status
		next := opts.pause(poll)
		done := res.Done() || (opts.MaxPolls > 0 && poll >= opts.MaxPolls) || time.Until(deadline) < next
		if done {
			next = 0
		}
		if opts.Progress != nil {
			opts.Progress(Progress{Poll: poll, Status: res.Status, RequestID: res.RequestID, Elapsed: time.Since(start), Next: next})
		}
		switch {
		case res.Done():
			return res, nil
		case opts.MaxPolls > 0 && poll >= opts.MaxPolls:
			return nil, &PendingError{AsyncProcessID: req.AsyncProcessID, Polls: poll, Status: last, Elapsed: time.Since(start), Err: ErrMaxPolls}
		case done:
			return nil, &PendingError{AsyncProcessID: req.AsyncProcessID, Polls: poll, Status: last, Elapsed: time.Since(start), Err: context.DeadlineExceeded}
		}
		t := time.NewTimer(next)
		select {
		case <-wctx.Done():
			t.Stop()
			return nil, &PendingError{AsyncProcessID: req.AsyncProcessID, Polls: poll, Status: last, Elapsed: time.Since(start), Err: wctx.Err()}
		case <-t.C:
		}
	}
}
