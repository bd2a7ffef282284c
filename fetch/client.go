package fetch

import (
	"crypto/rand"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// APIVersion is the DataWorks OpenAPI version the client speaks.
const APIVersion = "2020-05-18"

// SignatureVersion selects how requests are signed.
type SignatureVersion int

const (
	// SignatureV1 is the RPC signature (HMAC-SHA1 over the sorted
	// parameters), byte for byte what the monolithic Go SDK sends.
	SignatureV1 SignatureVersion = iota
	// SignatureV3 is ACS3-HMAC-SHA256 in the Authorization header, what the
	// per-product SDKs send by default.
	SignatureV3
)

// String returns "v1" or "v3", the names the CLI's --signature flag takes.
func (v SignatureVersion) String() string {
	switch v {
	case SignatureV1:
		return "v1"
	case SignatureV3:
		return "v3"
	}
	return fmt.Sprintf("SignatureVersion(%d)", int(v))
}

// Config configures a Client. The zero value of each field selects the
// default its comment gives.
type Config struct {
	// Region is the region ID, such as "cn-shanghai". It selects the
	// endpoint (see Endpoint) and is sent as RegionId with signature v1.
	Region string
	// Endpoint overrides the host derived from Region: "host",
	// "host:port" or "https://host[:port]". Plain "http://" is accepted
	// for loopback hosts only (localhost, 127.0.0.0/8, ::1), for local
	// fakes such as fetchtest.
	Endpoint string
	// Credentials supplies the AccessKey before each attempt; nil means
	// DefaultProvider().
	Credentials Provider
	// Signature selects the signing scheme; the default is SignatureV1.
	Signature SignatureVersion
	// HTTPClient sends the requests; nil means a client of its own. Its
	// CheckRedirect is replaced so that redirects are never followed, and
	// a transport that skips TLS verification is refused.
	HTTPClient *http.Client
	// Timeout bounds one attempt, from dialling to the end of the body;
	// 0 means 30 seconds.
	Timeout time.Duration
	// Retry says when and how often to try again.
	Retry RetryPolicy
	// MaxResponseBytes limits a response body; 0 means 16 MiB.
	MaxResponseBytes int64
	// Logger receives one debug record per attempt and per retry. Records
	// name the action, host, attempt, status, error code and RequestId;
	// never a credential, a signature or a parameter value. nil means no
	// logging.
	Logger *slog.Logger
}

// RetryPolicy controls retries of transport errors, 5xx responses and
// throttling. Each retry is signed anew with a fresh nonce and timestamp.
// Create is retried only with a ClientToken, which the client makes by
// default, so that a retry cannot create a second task.
type RetryPolicy struct {
	// MaxAttempts counts the first attempt: 1 disables retries; 0 means 4.
	MaxAttempts int
	// BaseDelay is the backoff before the first retry, doubling for each
	// further one, with jitter between half and all of it; 0 means 1 s.
	BaseDelay time.Duration
	// MaxDelay caps one backoff; 0 means 10 s.
	MaxDelay time.Duration
	// MaxThrottleWait is the longest TimeLeft a throttled call waits for;
	// a longer one (a daily quota, say) fails at once with the *APIError,
	// its RetryAfter set. 0 means 30 s.
	MaxThrottleWait time.Duration
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = 4
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = time.Second
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = 10 * time.Second
	}
	if p.MaxDelay < p.BaseDelay {
		p.MaxDelay = p.BaseDelay
	}
	if p.MaxThrottleWait <= 0 {
		p.MaxThrottleWait = 30 * time.Second
	}
	return p
}

// Client calls the DataWorks OpenAPI. It is safe for concurrent use.
type Client struct {
	base      *url.URL // scheme and host
	region    string
	creds     Provider
	signature SignatureVersion
	http      *http.Client
	timeout   time.Duration
	retry     RetryPolicy
	maxBody   int64
	log       *slog.Logger

	now   func() time.Time
	nonce func() string
}

// New returns a client for cfg.
func New(cfg Config) (*Client, error) {
	base, err := resolveEndpoint(cfg.Region, cfg.Endpoint)
	if err != nil {
		return nil, err
	}
	if cfg.Signature != SignatureV1 && cfg.Signature != SignatureV3 {
		return nil, fmt.Errorf("fetch: unknown signature version %v", cfg.Signature)
	}
	hc, err := httpClient(cfg.HTTPClient)
	if err != nil {
		return nil, err
	}
	c := &Client{
		base:      base,
		region:    cfg.Region,
		creds:     cfg.Credentials,
		signature: cfg.Signature,
		http:      hc,
		timeout:   cfg.Timeout,
		retry:     cfg.Retry.withDefaults(),
		maxBody:   cfg.MaxResponseBytes,
		log:       cfg.Logger,
		now:       time.Now,
		nonce:     newUUID,
	}
	if c.creds == nil {
		c.creds = DefaultProvider()
	}
	if c.timeout <= 0 {
		c.timeout = 30 * time.Second
	}
	if c.maxBody <= 0 {
		c.maxBody = 16 << 20
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	return c, nil
}

// Host returns the endpoint's host[:port].
func (c *Client) Host() string { return c.base.Host }

// centralRegions use the central endpoint dataworks.aliyuncs.com, as the
// official SDKs' endpoint maps say. cn-zhangjiakou is left out: the
// endpoint documentation lists dataworks.cn-zhangjiakou.aliyuncs.com.
var centralRegions = map[string]bool{
	"cn-qingdao":            true,
	"cn-huhehaote":          true,
	"cn-hangzhou-finance":   true,
	"cn-shanghai-finance-1": true,
	"cn-shenzhen-finance-1": true,
	"cn-north-2-gov-1":      true,
}

var regionPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Endpoint returns the public DataWorks host of a region:
// dataworks.<region>.aliyuncs.com, or dataworks.aliyuncs.com for the
// regions served centrally (cn-qingdao, cn-huhehaote and the finance and
// government regions).
func Endpoint(region string) string {
	if centralRegions[region] {
		return "dataworks.aliyuncs.com"
	}
	return "dataworks." + region + ".aliyuncs.com"
}

func resolveEndpoint(region, endpoint string) (*url.URL, error) {
	if region != "" && !regionPattern.MatchString(region) {
		return nil, fmt.Errorf("fetch: region %q is not a region ID such as cn-shanghai", region)
	}
	if endpoint == "" {
		if region == "" {
			return nil, errors.New("fetch: a region or an endpoint is required")
		}
		return &url.URL{Scheme: "https", Host: Endpoint(region)}, nil
	}
	raw := endpoint
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" || (u.Path != "" && u.Path != "/") {
		return nil, fmt.Errorf("fetch: endpoint %q is not host[:port] or https://host[:port]", endpoint)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !isLoopback(u.Hostname()) {
			return nil, fmt.Errorf("fetch: endpoint %q: plain http is allowed only for loopback hosts; use https", endpoint)
		}
	default:
		return nil, fmt.Errorf("fetch: endpoint %q: scheme must be https (or http for loopback hosts)", endpoint)
	}
	return &url.URL{Scheme: u.Scheme, Host: u.Host}, nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// httpClient copies the caller's client, or makes one, so that redirects
// are never followed: a redirect to another host would take the signed
// request, or a V3 security token header, with it.
func httpClient(hc *http.Client) (*http.Client, error) {
	var c http.Client
	if hc != nil {
		c = *hc
		if t, ok := c.Transport.(*http.Transport); ok && t.TLSClientConfig != nil && t.TLSClientConfig.InsecureSkipVerify {
			return nil, errors.New("fetch: the HTTP client's transport skips TLS verification; refusing to send credentials over it")
		}
	} else {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
		t.ResponseHeaderTimeout = 30 * time.Second
		c.Transport = t
	}
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &c, nil
}

// newUUID returns a random (version 4) UUID, used for nonces and client
// tokens.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
