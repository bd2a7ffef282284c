package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/dilint/dilint/fetch"
	"github.com/dilint/dilint/internal/fileio"
	"github.com/dilint/dilint/internal/output"
	"github.com/dilint/dilint/lint"
	"github.com/dilint/dilint/taskcontent"
)

// credentialsHelp names the sources of credentials, in the order the
// chain tries them (fetch.DefaultChain).
const credentialsHelp = `Credentials come from Alibaba Cloud's default chain, the first source that
answers, in this order (docs/fetch.md has CI examples):
  1. environment: ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET
     (and ALIBABA_CLOUD_SECURITY_TOKEN for STS)
  2. OIDC (GitHub Actions, ACK RRSA): ALIBABA_CLOUD_ROLE_ARN,
     ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE
  3. aliyun CLI profile (~/.aliyun/config.json, any mode; --profile or
     ALIBABA_CLOUD_PROFILE names it)
  4. credentials file (~/.alibabacloud/credentials, section [default] or
     ALIBABA_CLOUD_PROFILE)
  5. ECS instance RAM role (instance metadata service)
  6. credentials URI: ALIBABA_CLOUD_CREDENTIALS_URI
With --profile only 3 and 4 are tried. Temporary credentials are renewed
while waiting. Secrets are never printed; -v names the source used.`

// apiOptions are the flags that fetch, create and update share: which
// workspace, which endpoint, which credentials and how long to try.
type apiOptions struct {
	project   int64
	taskType  string
	region    string
	endpoint  string
	profile   string
	signature string
	timeout   time.Duration
	retries   int
	verbose   bool
}

// taskTypes are the values of --type.
var taskTypes = []string{string(fetch.TaskTypeRealtime), string(fetch.TaskTypeSolution), string(fetch.TaskTypeOffline)}

func (o *apiOptions) register(fs *flag.FlagSet) {
	fs.Int64Var(&o.project, "project", 0, "DataWorks workspace (project) `ID` (required)")
	fs.StringVar(&o.taskType, "type", "", "task `type`: "+strings.Join(taskTypes, ", ")+" (required)")
	fs.StringVar(&o.region, "region", "", "region `ID`, such as cn-shanghai (default: $ALIBABA_CLOUD_REGION_ID, else the aliyun CLI profile's region)")
	fs.StringVar(&o.endpoint, "endpoint", "", "API `host` instead of the region's: host[:port] or https://host[:port]; plain http:// only for loopback addresses (local fakes)")
	fs.StringVar(&o.profile, "profile", "", "aliyun CLI profile `name` in ~/.aliyun/config.json (or section of ~/.alibabacloud/credentials); when set, credentials come only from that profile")
	fs.StringVar(&o.signature, "signature", "v1", "request signature `version`: v1 (HMAC-SHA1) or v3 (ACS3-HMAC-SHA256)")
	fs.DurationVar(&o.timeout, "timeout", 5*time.Minute, "give up after this `duration`, waiting included")
	fs.IntVar(&o.retries, "retries", 3, "retry a call up to this many `times` after network errors, 5xx answers and throttling; each attempt may count against the daily quota")
	fs.BoolVar(&o.verbose, "v", false, "log each API attempt (action, status, error code, RequestId; never credentials) to standard error")
}

// validate checks the shared flags; a non-zero status ends the command.
func (o *apiOptions) validate(c *Command) int {
	if o.project <= 0 {
		return c.usageError("--project: give the DataWorks workspace ID, a positive number")
	}
	switch o.taskType {
	case "":
		return c.usageError("--type: give the task type: %s", strings.Join(taskTypes, ", "))
	case taskTypes[0], taskTypes[1], taskTypes[2]:
	default:
		if up := strings.ToUpper(o.taskType); up == taskTypes[0] || up == taskTypes[1] || up == taskTypes[2] {
			return c.usageError("--type %q: task types are upper case; did you mean %s?", o.taskType, up)
		}
		return c.usageError("--type %q: valid types are %s%s", o.taskType, strings.Join(taskTypes, ", "), didYouMean(o.taskType, taskTypes))
	}
	if o.signature != "v1" && o.signature != "v3" {
		return c.usageError("--signature %q: valid versions are v1, v3", o.signature)
	}
	if o.timeout <= 0 {
		return c.usageError("--timeout must be positive")
	}
	if o.retries < 0 {
		return c.usageError("--retries must not be negative")
	}
	return 0
}

// provider returns the credential source: Alibaba Cloud's default chain,
// or with --profile only that profile; warnings (a credentials file others
// can read) go to standard error.
func (o *apiOptions) provider(c *Command) *fetch.DefaultChain {
	return &fetch.DefaultChain{
		Profile: o.profile,
		Warn:    func(msg string) { fmt.Fprintf(c.Stderr, "dilint: warning: %s\n", msg) },
	}
}

// autoToken is the --client-token value that asks for a token derived
// from the inputs.
const autoToken = "auto"

// clientTokenHelp documents --client-token for create and fetch --generate.
const clientTokenHelp = "idempotency `token`: running the command again with the same token makes no second task or process; " +
	"\"auto\" derives it from the inputs (command, project, type, name or task ID, TaskParam, job), so a retried CI job repeats nothing (default: a random one per run)"

// deriveClientToken returns the token --client-token=auto stands for: a
// hash of everything the call sends, so the same command on the same
// files gives the same token and a changed input a new one. Each part is
// length-prefixed so that no two different lists hash alike.
func deriveClientToken(parts ...[]byte) string {
	h := sha256.New()
	for _, p := range parts {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write(p)
	}
	return "dilint-" + hex.EncodeToString(h.Sum(nil))[:32]
}

// apiSession is a client and the context its calls run in.
type apiSession struct {
	client *fetch.Client
	ctx    context.Context
	stop   func()
}

// connect makes the client and checks, before any call, that credentials
// are there. It returns a non-zero status when it could not.
func (c *Command) connect(o *apiOptions) (*apiSession, int) {
	region := o.region
	if region == "" {
		region = fetch.RegionFromEnv(nil)
	}
	if region == "" {
		region = fetch.CLIConfigRegion(o.profile)
	}
	if region == "" && o.endpoint == "" {
		return nil, c.usageError("no region: pass --region (such as cn-shanghai), set ALIBABA_CLOUD_REGION_ID, or set region_id in the aliyun CLI profile")
	}
	if slices.Contains(strings.Split(c.Getenv("DEBUG"), ","), "credential") {
		fmt.Fprintln(c.Stderr, "dilint: warning: DEBUG=credential makes credentials-go print the headers of its credential requests, the ECS metadata token among them, to standard output")
	}
	provider := o.provider(c)
	cfg := fetch.Config{
		Region:      region,
		Endpoint:    o.endpoint,
		Credentials: provider,
		Timeout:     min(30*time.Second, o.timeout),
		Retry:       fetch.RetryPolicy{MaxAttempts: o.retries + 1},
	}
	if o.signature == "v3" {
		cfg.Signature = fetch.SignatureV3
	}
	if o.verbose {
		cfg.Logger = slog.New(slog.NewTextHandler(c.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	client, err := fetch.New(cfg)
	if err != nil {
		// fetch names the value at fault: `endpoint "…": …` or `region "…" …`.
		msg := strings.TrimPrefix(err.Error(), "fetch: ")
		if strings.HasPrefix(msg, "endpoint ") || strings.HasPrefix(msg, "region ") {
			msg = "--" + msg
		}
		return nil, c.usageError("%s", msg)
	}
	ctx, stopSignals := signal.NotifyContext(context.Background(), os.Interrupt)
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	s := &apiSession{client: client, ctx: ctx, stop: func() { cancel(); stopSignals() }}
	if _, err := provider.Credential(ctx); err != nil {
		s.stop()
		c.failure("credentials: %s", strings.TrimPrefix(err.Error(), "fetch: "))
		if errors.Is(err, fetch.ErrNoCredentials) {
			fmt.Fprintln(c.Stderr, "dilint: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, configure a profile with 'aliyun configure' (and pass --profile), or see 'dilint fetch --help' for the other sources")
		}
		return nil, ExitFailure
	}
	if o.verbose {
		fmt.Fprintf(c.Stderr, "dilint: credentials from %s\n", provider.Source())
	}
	return s, 0
}

// apiFailure reports an error of a DataWorks call in one line, with the
// error code and RequestId when DataWorks gave them, and returns the exit
// status: ExitFindings for a request DataWorks refused with a fail status,
// ExitUsage for a request the client refused to send, ExitFailure for the
// rest. fetch keeps secrets out of its errors; nothing here adds any.
func (c *Command) apiFailure(err error) int {
	msg := strings.TrimPrefix(err.Error(), "fetch: ")
	var (
		apiErr    *fetch.APIError
		statusErr *fetch.StatusError
		pending   *fetch.PendingError
	)
	switch {
	case errors.Is(err, fetch.ErrInvalidRequest):
		return c.usageError("%s", msg)
	case errors.As(err, &statusErr):
		c.failure("%s", msg)
		return ExitFindings
	case errors.As(err, &pending):
		c.failure("%s", msg)
		switch {
		case errors.Is(err, context.Canceled):
			fmt.Fprintf(c.Stderr, "dilint: interrupted; the process goes on at DataWorks: resume with --async-id %d --wait\n", pending.AsyncProcessID)
		default:
			fmt.Fprintf(c.Stderr, "dilint: resume with --async-id %d --wait (and a longer --timeout)\n", pending.AsyncProcessID)
		}
	case errors.As(err, &apiErr):
		c.failure("%s", msg)
		if hint := codeHint(apiErr); hint != "" {
			fmt.Fprintln(c.Stderr, "dilint: "+hint)
		}
	case errors.Is(err, context.Canceled):
		c.failure("interrupted")
	default:
		c.failure("%s", msg)
	}
	return ExitFailure
}

// codeHint says what to check for the error codes users meet most.
func codeHint(e *fetch.APIError) string {
	switch {
	case e.Code == "SignatureDoesNotMatch":
		return "check the AccessKey secret (and the clock, and any proxy that rewrites requests)"
	case e.Code == "InvalidAccessKeyId.NotFound" || e.Code == "InvalidAccessKeyId":
		return "check the AccessKey ID"
	case strings.HasPrefix(e.Code, "InvalidSecurityToken"):
		return "the STS token is wrong or expired; get a new one"
	case strings.HasPrefix(e.Code, "Forbidden"):
		return "the RAM identity lacks permission for this workspace or operation"
	case e.Throttled():
		return "DataWorks throttled the calls (Basic edition: 5 a second, 100 a day); try again later"
	}
	return ""
}

// progressLine returns a WaitOptions.Progress callback that keeps one
// status line up to date on standard error when it is a terminal, and nil
// otherwise; done clears the line.
func (c *Command) progressLine(processID int64) (progress func(fetch.Progress), done func()) {
	if !c.isTerminal(c.Stderr) {
		return nil, func() {}
	}
	shown := false
	progress = func(p fetch.Progress) {
		status := p.Status
		if status == "" {
			status = "pending"
		}
		line := fmt.Sprintf("dilint: process %d: poll %d, %s, %s elapsed", processID, p.Poll, status, p.Elapsed.Round(time.Second))
		if p.Next > 0 {
			line += fmt.Sprintf(", next poll in %s", p.Next.Round(time.Second))
		}
		fmt.Fprint(c.Stderr, "\r\x1b[K"+line)
		shown = true
	}
	done = func() {
		if shown {
			fmt.Fprint(c.Stderr, "\r\x1b[K")
		}
	}
	return progress, done
}

// isTerminal reports whether w is a terminal that understands cursor
// movement.
func (c *Command) isTerminal(w any) bool {
	if c.Getenv("TERM") == "dumb" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// preflight is how create, update and fetch --generate lint a document
// before sending it: the same engine, configuration and fail-on as
// 'dilint lint'.
type preflight struct {
	configPath string
	failOn     string
	force      bool
	// kinds are the kinds of document the call takes; another kind is
	// refused like a finding.
	kinds []taskcontent.Kind
	// what names the document in messages ("TaskContent", "TaskParam").
	what string
	// inline, when set, is the document itself (a flag's JSON value), and
	// display the name its findings carry.
	inline  []byte
	display string
}

func (p *preflight) register(fs *flag.FlagSet) {
	fs.StringVar(&p.configPath, "config", "", "configuration `file` (default: the .dilint.yaml nearest above the file)")
	fs.StringVar(&p.failOn, "fail-on", "", "refuse to send when there are findings at or above this `severity`: error, warning, info, or none (default: the configuration's fail-on, else error)")
	fs.BoolVar(&p.force, "force", false, "send even when the linter finds problems")
}

// maxSendSize bounds a document read for sending, as --max-file-size does
// for lint.
const maxSendSize = 32 << 20

// lintForSending lints the file (or standard input for "-"), prints the
// findings to standard error and returns the document to send. A non-zero
// status means the command ends: ExitFindings when the findings reach
// fail-on (and --force is not set), ExitUsage or ExitFailure when the file
// or the configuration cannot be used.
func (c *Command) lintForSending(file string, p preflight) (*taskcontent.Document, int) {
	var failOn *lint.Severity
	if p.failOn != "" {
		sev, err := lint.ParseSeverity(p.failOn)
		if err != nil {
			return nil, c.usageError("--fail-on: %v", err)
		}
		failOn = &sev
	}
	finder := lint.NewConfigFinder(p.configPath)
	finder.Choices = &lint.Choices{FailOn: failOn}
	d := &lint.Driver{SelectorFor: finder.SelectorFor, MaxFileSize: maxSendSize, Stdin: c.Stdin}
	t := lint.Target{Path: file, Name: filepath.ToSlash(file), Explicit: true}
	switch {
	case p.inline != nil:
		// Read the flag's value as standard input, so that findings carry
		// the flag's name.
		d.Stdin = bytes.NewReader(p.inline)
		t = lint.Target{Name: p.display, Explicit: true, Stdin: true}
	case file == "-":
		t = lint.Target{Name: "<stdin>", Explicit: true, Stdin: true}
	}
	var res *lint.FileResult
	for r := range d.Run(slices.Values([]lint.Target{t})) {
		res = r
	}
	f := &output.File{Path: res.Name, Src: res.Src, Doc: res.Doc, Diagnostics: res.Diagnostics, Hidden: res.Hidden, Err: res.Err}
	switch {
	case f.Err != nil && res.ConfigErr:
		c.failure("%v", f.Err)
		return nil, ExitFailure
	case f.Err != nil:
		c.failure("%s: %v", f.Path, f.Err)
		return nil, ExitFailure
	case res.Skipped:
		// The configuration ignores the file: send it unlinted.
		src, err := d.Read(t)
		if p.inline != nil {
			src, err = p.inline, nil
		}
		if err != nil {
			c.failure("%s: %v", t.Name, err)
			return nil, ExitFailure
		}
		f.Doc, err = taskcontent.ParseFile(t.Name, src)
		if err != nil {
			c.failure("%v", err)
			return nil, ExitFindings
		}
		if !res.NotDataWorks {
			// (A document of no DataWorks kind is refused below.)
			fmt.Fprintf(c.Stderr, "dilint: %s: not linted (ignored by the configuration)\n", t.Name)
		}
	case len(f.Diagnostics) > 0:
		if err := c.printFindings(f); err != nil {
			c.failure("writing findings: %v", err)
			return nil, ExitFailure
		}
	}
	doc := f.Doc
	if doc == nil {
		c.failure("%s: not a JSON document", t.Name)
		return nil, ExitFindings
	}
	refuse := res.Fails
	if !slices.Contains(p.kinds, doc.Kind()) {
		fmt.Fprintf(c.Stderr, "dilint: %s: the content is a %s document, not a %s\n", t.Name, doc.Kind(), p.what)
		refuse = true
	}
	if refuse {
		if !p.force {
			c.failure("%s: not sent; fix the findings, or pass --force to send it anyway", t.Name)
			return nil, ExitFindings
		}
		fmt.Fprintf(c.Stderr, "dilint: %s: sending despite the findings (--force)\n", t.Name)
	}
	return doc, 0
}

// readJSONArg returns the value of a flag that takes inline JSON or a file
// name: a value starting with "{" is the JSON itself.
func readJSONArg(flagName, v string) ([]byte, error) {
	if strings.HasPrefix(strings.TrimSpace(v), "{") {
		return []byte(v), nil
	}
	src, err := os.ReadFile(v)
	if err != nil {
		return nil, fmt.Errorf("--%s %s: %v", flagName, v, fileio.Describe(err))
	}
	return src, nil
}

// printFindings writes one file's findings and its summary line to
// standard error in the text format, as create, update and set --lint
// show what stops them.
func (c *Command) printFindings(f *output.File) error {
	out, err := output.New("text", c.Stderr, output.Options{Color: c.useColor("auto", c.Stderr)})
	if err != nil {
		return err
	}
	var sum output.Summary
	sum.Add(f)
	err = out.Write(f)
	if ferr := out.Flush(sum); err == nil {
		err = ferr
	}
	return err
}
