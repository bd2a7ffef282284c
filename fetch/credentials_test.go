package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func env(kv ...string) LookupEnvFunc {
	m := map[string]string{}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestEnvProvider(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		env  LookupEnvFunc
		want Credential
		err  string
	}{
		{"official names", env("ALIBABA_CLOUD_ACCESS_KEY_ID", "id", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "sec", "ALIBABA_CLOUD_SECURITY_TOKEN", "tok"),
			Credential{"id", "sec", "tok"}, ""},
		{"official names win over aliases", env("ALIBABA_CLOUD_ACCESS_KEY_ID", "id", "ACCESS_KEY_ID", "other", "ALICLOUD_ACCESS_KEY_SECRET", "sec", "ACCESS_KEY_SECRET", "other"),
			Credential{"id", "sec", ""}, ""},
		{"CLI aliases", env("ALIBABACLOUD_ACCESS_KEY_ID", "id", "ACCESS_KEY_SECRET", "sec", "SECURITY_TOKEN", "tok"), Credential{"id", "sec", "tok"}, ""},
		{"empty counts as unset", env("ALIBABA_CLOUD_ACCESS_KEY_ID", "", "ALICLOUD_ACCESS_KEY_ID", "id", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "sec"), Credential{"id", "sec", ""}, ""},
		{"nothing", env(), Credential{}, "ALIBABA_CLOUD_ACCESS_KEY_ID is not set: no credentials"},
		{"secret only", env("ALICLOUD_ACCESS_KEY_SECRET", "sec"), Credential{}, "ALICLOUD_ACCESS_KEY_SECRET is set but ALIBABA_CLOUD_ACCESS_KEY_ID is not"},
		{"ID only", env("ACCESS_KEY_ID", "id"), Credential{}, "ACCESS_KEY_ID is set but ALIBABA_CLOUD_ACCESS_KEY_SECRET is not"},
	}
	for _, tt := range tests {
		got, err := EnvProvider{LookupEnv: tt.env}.Credential(ctx)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: error %v, want %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: got %v, %v", tt.name, got, err)
		}
	}
	if _, err := (EnvProvider{LookupEnv: env()}).Credential(ctx); !errors.Is(err, ErrNoCredentials) {
		t.Errorf("unset environment does not wrap ErrNoCredentials: %v", err)
	}
	if r := RegionFromEnv(env("REGION", "b", "ALICLOUD_REGION_ID", "a")); r != "a" {
		t.Errorf("RegionFromEnv = %q", r)
	}
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

const cliConfigFile = `{
  "current": "ak",
  "profiles": [
    {"name": "ak", "mode": "AK", "access_key_id": "akid", "access_key_secret": "aksecret", "region_id": "cn-hangzhou"},
    {"name": "sts", "mode": "StsToken", "access_key_id": "STS.id", "access_key_secret": "stssecret", "sts_token": "ststoken", "region_id": "cn-beijing"},
    {"name": "role", "mode": "RamRoleArn", "access_key_id": "x", "access_key_secret": "y", "ram_role_arn": "acs:ram::1:role/r"},
    {"name": "broken-sts", "mode": "StsToken", "access_key_id": "a", "access_key_secret": "b"}
  ],
  "meta_path": ""
}`

func TestCLIConfigProvider(t *testing.T) {
	ctx := context.Background()
	path := writeFile(t, "config.json", cliConfigFile)
	tests := []struct {
		name    string
		p       CLIConfigProvider
		want    Credential
		region  string
		err     string
		missing bool
	}{
		{name: "current profile", p: CLIConfigProvider{Path: path}, want: Credential{"akid", "aksecret", ""}, region: "cn-hangzhou"},
		{name: "named StsToken", p: CLIConfigProvider{Path: path, Profile: "sts"}, want: Credential{"STS.id", "stssecret", "ststoken"}, region: "cn-beijing"},
		{name: "profile from env", p: CLIConfigProvider{Path: path, LookupEnv: env("ALIBABA_CLOUD_PROFILE", "sts")}, want: Credential{"STS.id", "stssecret", "ststoken"}, region: "cn-beijing"},
		{name: "path from env", p: CLIConfigProvider{LookupEnv: env("ALIBABA_CLOUD_CONFIG_FILE", path)}, want: Credential{"akid", "aksecret", ""}, region: "cn-hangzhou"},
		{name: "unsupported mode", p: CLIConfigProvider{Path: path, Profile: "role"}, err: "uses mode RamRoleArn; supported modes are AK and StsToken"},
		{name: "StsToken without token", p: CLIConfigProvider{Path: path, Profile: "broken-sts"}, err: "has no sts_token"},
		{name: "no such profile", p: CLIConfigProvider{Path: path, Profile: "nope"}, err: `has no profile "nope"`, missing: true},
		{name: "no file", p: CLIConfigProvider{Path: filepath.Join(t.TempDir(), "none.json")}, err: "does not exist", missing: true},
		{name: "not JSON", p: CLIConfigProvider{Path: writeFile(t, "bad.json", `{"profiles": [{"access_key_secret": "leak`)}, err: "not valid JSON"},
	}
	for _, tt := range tests {
		got, err := tt.p.Credential(ctx)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) || errors.Is(err, ErrNoCredentials) != tt.missing {
				t.Errorf("%s: error %v, want %q (ErrNoCredentials %v)", tt.name, err, tt.err, tt.missing)
			}
			if err != nil && strings.Contains(err.Error(), "leak") {
				t.Errorf("%s: error quotes the file: %v", tt.name, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: got %v, %v", tt.name, got, err)
		}
		if r := tt.p.Region(); r != tt.region {
			t.Errorf("%s: Region = %q, want %q", tt.name, r, tt.region)
		}
	}
}

func TestSharedCredentialsProvider(t *testing.T) {
	ctx := context.Background()
	path := writeFile(t, "credentials", `
# comment
[default]
type = access_key
access_key_id = defid
access_key_secret = "defsecret"

[project]
type = access_key
access_key_id = pid
access_key_secret = psecret

[ecs]
type = ecs_ram_role
role_name = r
`)
	tests := []struct {
		name    string
		p       SharedCredentialsProvider
		want    Credential
		err     string
		missing bool
	}{
		{name: "default", p: SharedCredentialsProvider{Path: path}, want: Credential{"defid", "defsecret", ""}},
		{name: "named", p: SharedCredentialsProvider{Path: path, Profile: "project"}, want: Credential{"pid", "psecret", ""}},
		{name: "env", p: SharedCredentialsProvider{LookupEnv: env("ALIBABA_CLOUD_CREDENTIALS_FILE", path, "ALIBABA_CLOUD_PROFILE", "project")}, want: Credential{"pid", "psecret", ""}},
		{name: "unsupported type", p: SharedCredentialsProvider{Path: path, Profile: "ecs"}, err: `has type "ecs_ram_role"`},
		{name: "no section", p: SharedCredentialsProvider{Path: path, Profile: "x"}, err: "has no section [x]", missing: true},
		{name: "no file", p: SharedCredentialsProvider{Path: filepath.Join(t.TempDir(), "none")}, err: "does not exist", missing: true},
		{name: "malformed", p: SharedCredentialsProvider{Path: writeFile(t, "bad", "[default]\naccess_key_secret leak\n")}, err: "line 2: expected key = value"},
	}
	for _, tt := range tests {
		got, err := tt.p.Credential(ctx)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) || errors.Is(err, ErrNoCredentials) != tt.missing {
				t.Errorf("%s: error %v, want %q (ErrNoCredentials %v)", tt.name, err, tt.err, tt.missing)
			}
			if err != nil && strings.Contains(err.Error(), "leak") {
				t.Errorf("%s: error quotes the file: %v", tt.name, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: got %v, %v", tt.name, got, err)
		}
	}
}

func TestChain(t *testing.T) {
	ctx := context.Background()
	none := EnvProvider{LookupEnv: env()}
	found := Static(Credential{AccessKeyID: "id", AccessKeySecret: "s"})
	broken := ProviderFunc(func(context.Context) (Credential, error) { return Credential{}, errors.New("broken config") })

	if c, err := Chain(none, found, broken).Credential(ctx); err != nil || c.AccessKeyID != "id" {
		t.Errorf("skips a missing provider: %v, %v", c, err)
	}
	if _, err := Chain(none, broken, found).Credential(ctx); err == nil || err.Error() != "broken config" {
		t.Errorf("stops at a broken provider: %v", err)
	}
	_, err := Chain(none, SharedCredentialsProvider{Path: "/nonexistent/credentials"}).Credential(ctx)
	if !errors.Is(err, ErrNoCredentials) || !strings.Contains(err.Error(), "ALIBABA_CLOUD_ACCESS_KEY_ID is not set; credentials file /nonexistent/credentials does not exist") {
		t.Errorf("nothing found: %v", err)
	}
	if _, err := Static(Credential{AccessKeyID: "id"}).Credential(ctx); !errors.Is(err, ErrNoCredentials) {
		t.Errorf("Static without a secret: %v", err)
	}
}

func TestDefaultProviderFromEnvironment(t *testing.T) {
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "envid")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "envsecret")
	c, err := DefaultProvider().Credential(context.Background())
	if err != nil || c.AccessKeyID != "envid" {
		t.Errorf("got %v, %v", c, err)
	}
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "")
	t.Setenv("HOME", t.TempDir())
	t.Setenv("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "true")
	if _, err := DefaultProvider().Credential(context.Background()); !errors.Is(err, ErrNoCredentials) || !strings.Contains(err.Error(), "aliyun CLI config disabled") {
		t.Errorf("empty home: %v", err)
	}
}

// Every way of printing a credential hides the secret and the token.
func TestCredentialNeverPrintsSecrets(t *testing.T) {
	c := Credential{AccessKeyID: "LTAIexample", AccessKeySecret: "very-secret-value", SecurityToken: "token-value"}
	var out bytes.Buffer
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		fmt.Fprintf(&out, verb+"\n", c)
		fmt.Fprintf(&out, verb+"\n", &c)
		fmt.Fprintf(&out, verb+"\n", struct{ C Credential }{c})
		fmt.Fprintf(&out, verb+"\n", []Credential{c})
	}
	j, _ := json.Marshal(c)
	out.Write(j)
	j, _ = json.Marshal(struct{ C *Credential }{&c})
	out.Write(j)
	slog.New(slog.NewJSONHandler(&out, nil)).Info("cred", "c", c)
	slog.New(slog.NewTextHandler(&out, nil)).Info("cred", "c", c)
	for _, secret := range []string{c.AccessKeySecret, c.SecurityToken} {
		if strings.Contains(out.String(), secret) || strings.Contains(out.String(), fmt.Sprintf("%x", secret)) {
			t.Errorf("%q printed:\n%s", secret, out.String())
		}
	}
	if !strings.Contains(out.String(), "LTAIexample") {
		t.Errorf("the AccessKey ID should stay visible:\n%s", out.String())
	}
}
