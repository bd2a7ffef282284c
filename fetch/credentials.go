package fetch

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
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
// safe for concurrent use. Implement it to use ECS RAM roles, RAM role ARN
// or OIDC, for example with github.com/aliyun/credentials-go:
//
//	cred, _ := credentials.NewCredential(nil)
//	provider := fetch.ProviderFunc(func(ctx context.Context) (fetch.Credential, error) {
//		c, err := cred.GetCredential()
//		if err != nil {
//			return fetch.Credential{}, err
//		}
//		return fetch.Credential{
//			AccessKeyID:     tea.StringValue(c.AccessKeyId),
//			AccessKeySecret: tea.StringValue(c.AccessKeySecret),
//			SecurityToken:   tea.StringValue(c.SecurityToken),
//		}, nil
//	})
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
	envProfile         = []string{"ALIBABA_CLOUD_PROFILE", "ALIBABACLOUD_PROFILE", "ALICLOUD_PROFILE"}
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

// CLIConfigProvider reads a profile of the aliyun CLI's configuration file,
// ~/.aliyun/config.json. It supports the AK and StsToken modes; other modes
// (RamRoleArn, EcsRamRole, OIDC, …) give an error that says so, since they
// need a call to STS or the instance metadata service: use a Provider for
// them.
type CLIConfigProvider struct {
	// Path of the file; "" means $ALIBABA_CLOUD_CONFIG_FILE, else
	// ~/.aliyun/config.json.
	Path string
	// Profile names the profile; "" means $ALIBABA_CLOUD_PROFILE (or the
	// CLI's aliases for it), else the file's "current" profile, else
	// "default".
	Profile string
	// LookupEnv reads a variable; nil means os.LookupEnv.
	LookupEnv LookupEnvFunc
}

type cliConfig struct {
	Current  string       `json:"current"`
	Profiles []cliProfile `json:"profiles"`
}

type cliProfile struct {
	Name            string `json:"name"`
	Mode            string `json:"mode"`
	AccessKeyID     string `json:"access_key_id"`
	AccessKeySecret string `json:"access_key_secret"`
	StsToken        string `json:"sts_token"`
	RegionID        string `json:"region_id"`
}

func (p CLIConfigProvider) load() (cliProfile, string, error) {
	path := p.Path
	if path == "" {
		if _, v := p.LookupEnv.first([]string{"ALIBABA_CLOUD_CONFIG_FILE"}); v != "" {
			path = v
		} else if home, err := os.UserHomeDir(); err == nil {
			path = filepath.Join(home, ".aliyun", "config.json")
		} else {
			return cliProfile{}, "", fmt.Errorf("aliyun CLI config: %v: %w", err, ErrNoCredentials)
		}
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return cliProfile{}, path, fmt.Errorf("aliyun CLI config %s does not exist: %w", path, ErrNoCredentials)
	}
	if err != nil {
		return cliProfile{}, path, fmt.Errorf("aliyun CLI config: %w", err)
	}
	var cfg cliConfig
	if err := json.Unmarshal(data, &cfg); err != nil {
		return cliProfile{}, path, fmt.Errorf("aliyun CLI config %s: %s", path, jsonErrorWithoutText(err))
	}
	name := p.Profile
	if name == "" {
		_, name = p.LookupEnv.first(envProfile)
	}
	if name == "" {
		name = cfg.Current
	}
	if name == "" {
		name = "default"
	}
	for _, prof := range cfg.Profiles {
		if prof.Name == name {
			return prof, path, nil
		}
	}
	return cliProfile{}, path, fmt.Errorf("aliyun CLI config %s has no profile %q: %w", path, name, ErrNoCredentials)
}

// Credential implements Provider.
func (p CLIConfigProvider) Credential(context.Context) (Credential, error) {
	prof, path, err := p.load()
	if err != nil {
		return Credential{}, err
	}
	c := Credential{AccessKeyID: prof.AccessKeyID, AccessKeySecret: prof.AccessKeySecret}
	switch prof.Mode {
	case "AK", "":
	case "StsToken":
		c.SecurityToken = prof.StsToken
		if c.SecurityToken == "" {
			return Credential{}, fmt.Errorf("aliyun CLI config %s: profile %q (mode StsToken) has no sts_token", path, prof.Name)
		}
	default:
		return Credential{}, fmt.Errorf("aliyun CLI config %s: profile %q uses mode %s; supported modes are AK and StsToken (use environment variables or a custom Provider)", path, prof.Name, prof.Mode)
	}
	if c.AccessKeyID == "" || c.AccessKeySecret == "" {
		return Credential{}, fmt.Errorf("aliyun CLI config %s: profile %q lacks access_key_id or access_key_secret", path, prof.Name)
	}
	return c, nil
}

// Region returns the region_id of the profile, or "" when the file or the
// profile does not exist or sets none.
func (p CLIConfigProvider) Region() string {
	prof, _, err := p.load()
	if err != nil {
		return ""
	}
	return prof.RegionID
}

// SharedCredentialsProvider reads the INI file of the Alibaba Cloud SDKs,
// ~/.alibabacloud/credentials. It supports sections of type access_key;
// ecs_ram_role and ram_role_arn give an error that says so.
type SharedCredentialsProvider struct {
	// Path of the file; "" means $ALIBABA_CLOUD_CREDENTIALS_FILE, else
	// ~/.alibabacloud/credentials.
	Path string
	// Profile names the section; "" means $ALIBABA_CLOUD_PROFILE, else
	// "default".
	Profile string
	// LookupEnv reads a variable; nil means os.LookupEnv.
	LookupEnv LookupEnvFunc
}

// Credential implements Provider.
func (p SharedCredentialsProvider) Credential(context.Context) (Credential, error) {
	path := p.Path
	if path == "" {
		if _, v := p.LookupEnv.first([]string{"ALIBABA_CLOUD_CREDENTIALS_FILE"}); v != "" {
			path = v
		} else if home, err := os.UserHomeDir(); err == nil {
			path = filepath.Join(home, ".alibabacloud", "credentials")
		} else {
			return Credential{}, fmt.Errorf("credentials file: %v: %w", err, ErrNoCredentials)
		}
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Credential{}, fmt.Errorf("credentials file %s does not exist: %w", path, ErrNoCredentials)
	}
	if err != nil {
		return Credential{}, fmt.Errorf("credentials file: %w", err)
	}
	name := p.Profile
	if name == "" {
		_, name = p.LookupEnv.first(envProfile[:1])
	}
	if name == "" {
		name = "default"
	}
	sec, found, err := iniSection(data, name)
	if err != nil {
		return Credential{}, fmt.Errorf("credentials file %s: %v", path, err)
	}
	if !found {
		return Credential{}, fmt.Errorf("credentials file %s has no section [%s]: %w", path, name, ErrNoCredentials)
	}
	switch typ := sec["type"]; typ {
	case "access_key":
		c := Credential{AccessKeyID: sec["access_key_id"], AccessKeySecret: sec["access_key_secret"]}
		if c.AccessKeyID == "" || c.AccessKeySecret == "" {
			return Credential{}, fmt.Errorf("credentials file %s: section [%s] lacks access_key_id or access_key_secret", path, name)
		}
		return c, nil
	default:
		return Credential{}, fmt.Errorf("credentials file %s: section [%s] has type %q; supported is access_key (use environment variables or a custom Provider)", path, name, typ)
	}
}

// iniSection returns the key = value pairs of one [section] of an INI
// file. Lines starting with # or ; are comments.
func iniSection(data []byte, name string) (map[string]string, bool, error) {
	var (
		sec     map[string]string
		current string
	)
	sc := bufio.NewScanner(bytes.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		switch {
		case text == "" || text[0] == '#' || text[0] == ';':
		case text[0] == '[':
			if !strings.HasSuffix(text, "]") {
				return nil, false, fmt.Errorf("line %d: unterminated section header", line)
			}
			current = strings.TrimSpace(text[1 : len(text)-1])
			if current == name && sec == nil {
				sec = map[string]string{}
			}
		default:
			k, v, ok := strings.Cut(text, "=")
			if !ok {
				// Quote nothing of the line: it may hold a secret.
				return nil, false, fmt.Errorf("line %d: expected key = value", line)
			}
			if current == name {
				sec[strings.TrimSpace(k)] = strings.Trim(strings.TrimSpace(v), `"`)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, false, err
	}
	return sec, sec != nil, nil
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

// DefaultProvider is the chain a Client uses when Config.Credentials is
// nil: EnvProvider, then CLIConfigProvider (skipped when
// ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true or ALIBABA_CLOUD_IGNORE_PROFILE=TRUE),
// then SharedCredentialsProvider. This is the order of the official
// credentials chain without its network-based steps (OIDC, ECS instance
// role, credentials URI).
func DefaultProvider() Provider {
	return Chain(EnvProvider{}, ProviderFunc(func(ctx context.Context) (Credential, error) {
		if strings.EqualFold(os.Getenv("ALIBABA_CLOUD_CLI_PROFILE_DISABLED"), "true") ||
			strings.EqualFold(os.Getenv("ALIBABA_CLOUD_IGNORE_PROFILE"), "true") {
			return Credential{}, fmt.Errorf("aliyun CLI config disabled: %w", ErrNoCredentials)
		}
		return CLIConfigProvider{}.Credential(ctx)
	}), SharedCredentialsProvider{})
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
