package fetchtest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/dilint/dilint/fetch"
	"github.com/dilint/dilint/fetch/internal/signature"
)

// Values the Cloud fake expects and reports.
const (
	// RoleArn is the RAM role STS lets callers assume.
	RoleArn = "acs:ram::1234567890123456:role/dilint-ci"
	// OIDCProviderArn is the OIDC provider AssumeRoleWithOIDC accepts.
	OIDCProviderArn = "acs:ram::1234567890123456:oidc-provider/dilint-ci"
	// OIDCToken is the token AssumeRoleWithOIDC accepts.
	OIDCToken = "eyJhbGciOiJSUzI1NiJ9.dilint-test-oidc-token.c2lnbmF0dXJl"
	// ECSRoleName is the instance's RAM role in the fake metadata service.
	ECSRoleName = "dilint-ecs-role"
	// MetadataHost is the ECS instance metadata service's address, which
	// credentials-go calls over plain http.
	MetadataHost = "100.100.100.200"
)

// Cloud fakes the services Alibaba Cloud's default credentials chain
// calls: STS (AssumeRole and AssumeRoleWithOIDC), the ECS instance
// metadata service and a credentials URI. Each issues a new STS credential
// per request, valid for TTL, that the DataWorks Server accepts until
// Expire is called.
//
// credentials-go calls STS over https at sts[.region].aliyuncs.com and the
// metadata service at http://100.100.100.200, with no way to change
// either host, so a process reaches the fakes through a proxy: Env returns
// HTTP_PROXY, HTTPS_PROXY and SSL_CERT_FILE for a child process (the proxy
// tunnels every CONNECT to the fake STS, whose certificate the file's CA
// signed, and serves requests for MetadataHost itself). Loopback hosts,
// such as the Server and the credentials URI, are never proxied.
type Cloud struct {
	dw    *Server
	proxy *httptest.Server
	sts   *httptest.Server
	uri   *httptest.Server
	caPEM []byte

	mu     sync.Mutex
	ttl    time.Duration
	n      int
	issued []fetch.Credential
	calls  []string
	// IMDSv2 token the metadata service handed out.
	metadataToken string
}

// NewCloud starts the fakes; the credentials they issue are added to dw.
func NewCloud(dw *Server) *Cloud {
	c := &Cloud{dw: dw, ttl: time.Hour}
	caCert, caKey := newCA()
	c.caPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caCert.Raw})
	c.sts = httptest.NewUnstartedServer(http.HandlerFunc(c.serveSTS))
	c.sts.TLS = &tls.Config{Certificates: []tls.Certificate{leaf(caCert, caKey)}}
	c.sts.StartTLS()
	c.proxy = httptest.NewServer(http.HandlerFunc(c.serveProxy))
	c.uri = httptest.NewServer(http.HandlerFunc(c.serveURI))
	return c
}

// Close stops the fakes.
func (c *Cloud) Close() {
	c.proxy.Close()
	c.sts.Close()
	c.uri.Close()
}

// SetTTL sets the validity of the credentials issued from now on. Below
// three minutes, credentials-go renews at every call.
func (c *Cloud) SetTTL(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ttl = d
}

// CredentialsURI is the URL for ALIBABA_CLOUD_CREDENTIALS_URI.
func (c *Cloud) CredentialsURI() string { return c.uri.URL + "/credentials" }

// Env returns the variables that route a child process's credential
// requests to the fakes, writing the CA certificate into dir.
func (c *Cloud) Env(dir string) []string {
	ca := filepath.Join(dir, "fetchtest-ca.pem")
	if err := os.WriteFile(ca, c.caPEM, 0o600); err != nil {
		panic(err)
	}
	return []string{"HTTP_PROXY=" + c.proxy.URL, "HTTPS_PROXY=" + c.proxy.URL, "SSL_CERT_FILE=" + ca}
}

// Issued returns the credentials issued so far, oldest first.
func (c *Cloud) Issued() []fetch.Credential {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]fetch.Credential(nil), c.issued...)
}

// Calls returns the requests the fakes served, such as "sts AssumeRole",
// "metadata GET /latest/meta-data/ram/security-credentials/" or "uri".
func (c *Cloud) Calls() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.calls...)
}

// Expire makes the Server refuse every credential issued so far, as it
// refuses an expired STS token.
func (c *Cloud) Expire() {
	c.mu.Lock()
	issued := append([]fetch.Credential(nil), c.issued...)
	c.mu.Unlock()
	for _, cred := range issued {
		c.dw.expire(cred.AccessKeyID)
	}
}

func (c *Cloud) record(call string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls = append(c.calls, call)
}

// issue makes a new STS credential, accepted by the Server.
func (c *Cloud) issue(source string) (fetch.Credential, string) {
	c.mu.Lock()
	c.n++
	cred := fetch.Credential{
		AccessKeyID:     fmt.Sprintf("STS.%s-%d", source, c.n),
		AccessKeySecret: fmt.Sprintf("issuedSecret-%s-%d", source, c.n),
		SecurityToken:   fmt.Sprintf("issuedToken-%s-%d", source, c.n),
	}
	c.issued = append(c.issued, cred)
	exp := time.Now().Add(c.ttl).UTC().Format("2006-01-02T15:04:05Z")
	c.mu.Unlock()
	c.dw.AddCredential(cred)
	return cred, exp
}

// IssuedSecrets returns the secrets and tokens of the issued credentials,
// for scans of output.
func (c *Cloud) IssuedSecrets() []string {
	var s []string
	for _, cred := range c.Issued() {
		s = append(s, cred.AccessKeySecret, cred.SecurityToken)
	}
	return s
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// serveSTS answers AssumeRole, checking its signature v1 against the
// Server's credentials, and AssumeRoleWithOIDC, checking the token.
func (c *Cloud) serveSTS(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	form, _ := url.ParseQuery(string(body))
	params := r.URL.Query()
	for k, v := range form {
		params[k] = append(params[k], v...)
	}
	action := params.Get("Action")
	c.record("sts " + action)
	stsError := func(status int, code, msg string) {
		writeJSON(w, status, map[string]string{"RequestId": newRequestID(), "HostId": "sts.aliyuncs.com", "Code": code, "Message": msg})
	}
	if params.Get("RoleArn") != RoleArn {
		stsError(http.StatusNotFound, "EntityNotExist.Role", "The role not exists: "+params.Get("RoleArn"))
		return
	}
	switch action {
	case "AssumeRole":
		cred, resp := c.dw.credential(params.Get("AccessKeyId"), params.Get("SecurityToken"))
		if resp != nil {
			stsError(resp.status, resp.code, "The caller's credential is not accepted.")
			return
		}
		signed := url.Values{}
		for k, v := range params {
			if k != "Signature" {
				signed[k] = v
			}
		}
		stringToSign := signature.StringToSignV1(r.Method, signed)
		if !signature.Equal(params.Get("Signature"), signature.SignV1(stringToSign, cred.AccessKeySecret)) {
			// Like the gateway, quote what was signed: clients must not
			// pass it on.
			stsError(http.StatusBadRequest, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation. server string to sign is:"+stringToSign)
			return
		}
	case "AssumeRoleWithOIDC":
		if params.Get("OIDCProviderArn") != OIDCProviderArn {
			stsError(http.StatusNotFound, "EntityNotExist.OIDCProvider", "The OIDC provider does not exist.")
			return
		}
		if strings.TrimSpace(params.Get("OIDCToken")) != OIDCToken {
			stsError(http.StatusBadRequest, "AuthenticationFail.OIDCToken.Invalid", "The OIDC token is invalid: "+params.Get("OIDCToken"))
			return
		}
	default:
		stsError(http.StatusNotFound, "InvalidAction.NotFound", "Specified api is not found.")
		return
	}
	cred, exp := c.issue(strings.ToLower(strings.TrimPrefix(action, "AssumeRole")) + "role")
	writeJSON(w, http.StatusOK, map[string]any{
		"RequestId":       newRequestID(),
		"AssumedRoleUser": map[string]string{"Arn": RoleArn + "/" + params.Get("RoleSessionName"), "AssumedRoleId": "1234:" + params.Get("RoleSessionName")},
		"Credentials": map[string]string{
			"AccessKeyId": cred.AccessKeyID, "AccessKeySecret": cred.AccessKeySecret,
			"SecurityToken": cred.SecurityToken, "Expiration": exp,
		},
	})
}

// serveProxy tunnels CONNECT requests to the fake STS and serves plain
// requests for the metadata service.
func (c *Cloud) serveProxy(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodConnect {
		c.tunnel(w)
		return
	}
	if r.URL.Hostname() != MetadataHost {
		http.Error(w, "fetchtest proxy: no fake for "+r.URL.Host, http.StatusBadGateway)
		return
	}
	c.serveMetadata(w, r)
}

func (c *Cloud) tunnel(w http.ResponseWriter) {
	upstream, err := net.Dial("tcp", c.sts.Listener.Addr().String())
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		upstream.Close()
		return
	}
	_, _ = buf.WriteString("HTTP/1.1 200 Connection established\r\n\r\n")
	_ = buf.Flush()
	done := make(chan struct{}, 2)
	go func() { _, _ = io.Copy(upstream, buf); done <- struct{}{} }()
	go func() { _, _ = io.Copy(conn, upstream); done <- struct{}{} }()
	<-done
	conn.Close()
	upstream.Close()
}

// serveMetadata is the ECS instance metadata service, IMDSv2 tokens
// included.
func (c *Cloud) serveMetadata(w http.ResponseWriter, r *http.Request) {
	c.record("metadata " + r.Method + " " + r.URL.Path)
	const prefix = "/latest/meta-data/ram/security-credentials/"
	switch {
	case r.Method == http.MethodPut && r.URL.Path == "/latest/api/token":
		c.mu.Lock()
		c.metadataToken = "imds-token-" + newRequestID()
		token := c.metadataToken
		c.mu.Unlock()
		_, _ = io.WriteString(w, token)
		return
	case r.Method != http.MethodGet || !strings.HasPrefix(r.URL.Path, prefix):
		http.NotFound(w, r)
		return
	}
	c.mu.Lock()
	want := c.metadataToken
	c.mu.Unlock()
	if got := r.Header.Get("X-aliyun-ecs-metadata-token"); want != "" && got != want {
		http.Error(w, "invalid metadata token", http.StatusUnauthorized)
		return
	}
	switch role := strings.TrimPrefix(r.URL.Path, prefix); role {
	case "":
		_, _ = io.WriteString(w, ECSRoleName)
	case ECSRoleName:
		cred, exp := c.issue("ecs")
		writeJSON(w, http.StatusOK, map[string]string{
			"Code": "Success", "AccessKeyId": cred.AccessKeyID, "AccessKeySecret": cred.AccessKeySecret,
			"SecurityToken": cred.SecurityToken, "Expiration": exp, "LastUpdated": time.Now().UTC().Format("2006-01-02T15:04:05Z"),
		})
	default:
		http.NotFound(w, r)
	}
}

// serveURI is a credentials URI sidecar.
func (c *Cloud) serveURI(w http.ResponseWriter, r *http.Request) {
	c.record("uri")
	if r.URL.Path != "/credentials" {
		http.NotFound(w, r)
		return
	}
	cred, exp := c.issue("uri")
	writeJSON(w, http.StatusOK, map[string]string{
		"Code": "Success", "AccessKeyId": cred.AccessKeyID, "AccessKeySecret": cred.AccessKeySecret,
		"SecurityToken": cred.SecurityToken, "Expiration": exp,
	})
}

// newCA makes a throw-away certificate authority.
func newCA() (*x509.Certificate, *ecdsa.PrivateKey) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "fetchtest CA"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		panic(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		panic(err)
	}
	return cert, key
}

// leaf makes the STS certificate: the global endpoint, the regional and
// VPC ones of Region.
func leaf(ca *x509.Certificate, caKey *ecdsa.PrivateKey) tls.Certificate {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2),
		Subject:      pkix.Name{CommonName: "sts.aliyuncs.com"},
		DNSNames:     []string{"sts.aliyuncs.com", "sts." + Region + ".aliyuncs.com", "sts-vpc." + Region + ".aliyuncs.com"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		panic(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}
