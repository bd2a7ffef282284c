package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
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
	_, err := Chain(none, none).Credential(ctx)
	if !errors.Is(err, ErrNoCredentials) || !strings.Contains(err.Error(), "ALIBABA_CLOUD_ACCESS_KEY_ID is not set; environment: ALIBABA_CLOUD_ACCESS_KEY_ID is not set") {
		t.Errorf("nothing found: %v", err)
	}
	if _, err := Static(Credential{AccessKeyID: "id"}).Credential(ctx); !errors.Is(err, ErrNoCredentials) {
		t.Errorf("Static without a secret: %v", err)
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
