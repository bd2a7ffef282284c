package fetch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
)

// Credential is an AccessKey pair, with the security token of an STS
// credential. Printing it with fmt, logging it with slog or marshalling it
// to JSON shows the AccessKey ID and hides the secret and the token.
type Credential struct {
	AccessKeyID     string
	AccessKeySecret string
	// SecurityToken is set for temporary (STS) credentials and empty for a
	// long-term AccessKey.
	SecurityToken string
}

const redacted = "<redacted>"

// String describes the credential without its secret or token.
func (c Credential) String() string {
	token := "none"
	if c.SecurityToken != "" {
		token = redacted
	}
	return fmt.Sprintf("Credential{AccessKeyID: %q, AccessKeySecret: %s, SecurityToken: %s}", c.AccessKeyID, redacted, token)
}

// Format implements fmt.Formatter so that every verb, %#v included, prints
// String.
func (c Credential) Format(f fmt.State, _ rune) { fmt.Fprint(f, c.String()) }

// LogValue implements slog.LogValuer.
func (c Credential) LogValue() slog.Value {
	return slog.GroupValue(slog.String("access_key_id", c.AccessKeyID), slog.Bool("sts", c.SecurityToken != ""))
}

// MarshalJSON keeps the secret and the token out of JSON.
func (c Credential) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		AccessKeyID string
		STS         bool
	}{c.AccessKeyID, c.SecurityToken != ""})
}

// Provider supplies the credential for a request. Client asks for it before
// every attempt, so a provider can refresh temporary credentials; it must be
// safe for concurrent use. DefaultProvider is Alibaba Cloud's default
// chain; Static, EnvProvider and Chain serve tests and embedding.
//
// Errors a provider returns are passed on to the caller, so they must not
// contain secrets.
type Provider interface {
	Credential(ctx context.Context) (Credential, error)
}

// ProviderFunc adapts a function to Provider.
type ProviderFunc func(ctx context.Context) (Credential, error)

// Credential calls f.
func (f ProviderFunc) Credential(ctx context.Context) (Credential, error) { return f(ctx) }

// ErrNoCredentials is wrapped by the errors of providers that found no
// credential where they look (an unset variable, a missing file or
// profile); Chain then tries the next provider.
var ErrNoCredentials = errors.New("no credentials")

// Static returns a provider of a fixed credential.
func Static(c Credential) Provider {
	return ProviderFunc(func(context.Context) (Credential, error) {
		if c.AccessKeyID == "" || c.AccessKeySecret == "" {
			return Credential{}, fmt.Errorf("static credential: AccessKeyID and AccessKeySecret are required: %w", ErrNoCredentials)
		}
		return c, nil
	})
}

// Environment variables read by EnvProvider, in precedence order: the
// official SDKs' names first, then the aliases the aliyun CLI accepts.
var (
	envAccessKeyID     = []string{"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABACLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY_ID", "ACCESS_KEY_ID"}
	envAccessKeySecret = []string{"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABACLOUD_ACCESS_KEY_SECRET", "ALICLOUD_ACCESS_KEY_SECRET", "ACCESS_KEY_SECRET"}
	envSecurityToken   = []string{"ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABACLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN", "SECURITY_TOKEN"}
	envRegion          = []string{"ALIBABA_CLOUD_REGION_ID", "ALIBABACLOUD_REGION_ID", "ALICLOUD_REGION_ID", "REGION_ID", "REGION"}
)

// LookupEnvFunc looks up an environment variable; os.LookupEnv is one.
type LookupEnvFunc func(key string) (string, bool)

func (f LookupEnvFunc) first(names []string) (name, value string) {
	if f == nil {
		f = os.LookupEnv
	}
	for _, n := range names {
		if v, ok := f(n); ok && v != "" {
			return n, v
		}
	}
	return "", ""
}

// EnvProvider reads ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET
// and ALIBABA_CLOUD_SECURITY_TOKEN, or the aliyun CLI's aliases for them
// (ALIBABACLOUD_*, ALICLOUD_*, then the bare ACCESS_KEY_ID,
// ACCESS_KEY_SECRET and SECURITY_TOKEN), each name in that order.
type EnvProvider struct {
	// LookupEnv reads a variable; nil means os.LookupEnv.
	LookupEnv LookupEnvFunc
}

// Credential implements Provider. With no ID and no secret set it returns an
// error wrapping ErrNoCredentials; with only one of them set, an error that
// names the missing variable.
func (p EnvProvider) Credential(context.Context) (Credential, error) {
	idName, id := p.LookupEnv.first(envAccessKeyID)
	secretName, secret := p.LookupEnv.first(envAccessKeySecret)
	_, token := p.LookupEnv.first(envSecurityToken)
	switch {
	case id == "" && secret == "":
		return Credential{}, fmt.Errorf("environment: %s is not set: %w", envAccessKeyID[0], ErrNoCredentials)
	case id == "":
		return Credential{}, fmt.Errorf("environment: %s is set but %s is not", secretName, envAccessKeyID[0])
	case secret == "":
		return Credential{}, fmt.Errorf("environment: %s is set but %s is not", idName, envAccessKeySecret[0])
	}
	return Credential{AccessKeyID: id, AccessKeySecret: secret, SecurityToken: token}, nil
}

// RegionFromEnv returns the region the aliyun CLI would take from the
// environment (ALIBABA_CLOUD_REGION_ID, ALIBABACLOUD_REGION_ID,
// ALICLOUD_REGION_ID, REGION_ID, REGION), or "". lookup nil means
// os.LookupEnv.
func RegionFromEnv(lookup LookupEnvFunc) string {
	_, v := lookup.first(envRegion)
	return v
}

// Chain returns a provider that asks each provider in turn and returns the
// first credential found. A provider whose error wraps ErrNoCredentials is
// skipped; any other error stops the chain, so a broken configuration is
// reported rather than silently passed over. When none has a credential,
// the error lists where each looked and wraps ErrNoCredentials.
func Chain(providers ...Provider) Provider {
	return ProviderFunc(func(ctx context.Context) (Credential, error) {
		var missing []string
		for _, p := range providers {
			c, err := p.Credential(ctx)
			if err == nil {
				return c, nil
			}
			if !errors.Is(err, ErrNoCredentials) {
				return Credential{}, err
			}
			missing = append(missing, strings.TrimSuffix(err.Error(), ": "+ErrNoCredentials.Error()))
		}
		return Credential{}, fmt.Errorf("no Alibaba Cloud credentials found (%s): %w", strings.Join(missing, "; "), ErrNoCredentials)
	})
}

// jsonErrorWithoutText describes a decoding error by position and type
// only: the decoder's own message can quote a character of the input, which
// may be part of a secret.
func jsonErrorWithoutText(err error) string {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return fmt.Sprintf("not valid JSON (error at byte %d)", syn.Offset)
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		return fmt.Sprintf("%s is a JSON %s, want %s", typ.Field, typ.Value, typ.Type)
	}
	return "not valid JSON"
}
