package cli_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dilint/dilint/fetch/fetchtest"
)

// TestFetchWithoutAccessKey runs 'dilint fetch' with no AccessKey in the
// environment, once per source of the default chain that hands out
// temporary credentials: a credentials URI, an OIDC token file and a role
// (GitHub Actions, ACK RRSA), an aliyun CLI profile in RamRoleArn mode,
// and the ECS instance RAM role. STS and the metadata service are the
// fakes of fetchtest.Cloud, reached through its proxy; the calls to
// DataWorks must be signed with the credential the source issued, and no
// secret may reach the output.
func TestFetchWithoutAccessKey(t *testing.T) {
	s := newAPIServer(t)
	cloud := fetchtest.NewCloud(s.Server)
	defer cloud.Close()
	base := t.TempDir()
	cloudEnv := cloud.Env(base)
	tokenFile := filepath.Join(base, "oidc-token")
	if err := os.WriteFile(tokenFile, []byte(fetchtest.OIDCToken+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ramRoleHome := t.TempDir()
	writeCLIConfig(t, ramRoleHome, `{"current": "ci", "profiles": [
		{"name": "ci", "mode": "RamRoleArn", "access_key_id": "`+fetchtest.AccessKeyID+`", "access_key_secret": "`+fetchtest.AccessKeySecret+`",
		 "ram_role_arn": "`+fetchtest.RoleArn+`", "ram_session_name": "dilint", "expired_seconds": 900, "sts_region": "`+fetchtest.Region+`", "region_id": "`+fetchtest.Region+`"}]}`)

	for _, tc := range []struct {
		name   string
		env    []string
		source string
		issued string // prefix of the AccessKey ID the calls carry
		cloud  []string
	}{
		{"credentials URI", []string{"ALIBABA_CLOUD_CREDENTIALS_URI=" + cloud.CredentialsURI()}, "credentials URI", "STS.uri-", []string{"uri"}},
		{"OIDC", []string{"ALIBABA_CLOUD_ROLE_ARN=" + fetchtest.RoleArn, "ALIBABA_CLOUD_OIDC_PROVIDER_ARN=" + fetchtest.OIDCProviderArn,
			"ALIBABA_CLOUD_OIDC_TOKEN_FILE=" + tokenFile}, "OIDC", "STS.withoidcrole-", []string{"sts AssumeRoleWithOIDC"}},
		{"CLI profile RamRoleArn", []string{"HOME=" + ramRoleHome}, "aliyun CLI profile", "STS.role-", []string{"sts AssumeRole"}},
		{"ECS RAM role", []string{"ALIBABA_CLOUD_ECS_METADATA_DISABLED=false"}, "ECS instance RAM role", "STS.ecs-",
			[]string{"metadata PUT /latest/api/token", "metadata GET /latest/meta-data/ram/security-credentials/", "metadata GET /latest/meta-data/ram/security-credentials/" + fetchtest.ECSRoleName}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before, cloudBefore := len(s.Calls()), len(cloud.Calls())
			id := s.AddProcess(10000, fetchtest.Process{Pending: 1, TaskContent: fetchtest.DefaultTaskContent})
			env := append(append([]string{}, cloudEnv...), tc.env...)
			r := s.dilint(env, "fetch", "--project", "10000", "--type", "DI_REALTIME", "--region", fetchtest.Region,
				"--async-id", strconv.FormatInt(id, 10), "--wait", "--poll-interval", "10ms", "-v")
			r.wantCode(t, 0)
			r.wantStderr(t, "dilint: credentials from "+tc.source+"\n")
			if !strings.Contains(r.stdout, `"migration_holo"`) {
				t.Errorf("no TaskContent on stdout:\n%s", r.stdout)
			}
			calls := s.Calls()[before:]
			if len(calls) != 2 {
				t.Fatalf("%d calls, want 2 polls", len(calls))
			}
			for _, c := range calls {
				if !strings.HasPrefix(c.AccessKeyID, tc.issued) || c.Code != "" {
					t.Errorf("call signed by %q answered %q; want a key issued by %s", c.AccessKeyID, c.Code, tc.source)
				}
			}
			got := cloud.Calls()[cloudBefore:]
			for _, want := range tc.cloud {
				if !contains(got, want) {
					t.Errorf("the fakes saw %q, want %q among them", got, want)
				}
			}
			assertNoCloudSecrets(t, cloud, r)
		})
	}
}

// TestCredentialSourceErrors: a role STS refuses, an OIDC token STS
// rejects (its answer quotes the token), a profile file others can read.
func TestCredentialSourceErrors(t *testing.T) {
	s := newAPIServer(t)
	cloud := fetchtest.NewCloud(s.Server)
	defer cloud.Close()
	base := t.TempDir()
	cloudEnv := cloud.Env(base)
	badToken := filepath.Join(base, "bad-token")
	if err := os.WriteFile(badToken, []byte("eyJ.not-the-token-secret.sig"), 0o600); err != nil {
		t.Fatal(err)
	}
	openHome := t.TempDir()
	writeCLIConfig(t, openHome, `{"current": "ak", "profiles": [{"name": "ak", "mode": "AK", "access_key_id": "`+fetchtest.AccessKeyID+`", "access_key_secret": "`+fetchtest.AccessKeySecret+`"}]}`)
	if err := os.Chmod(filepath.Join(openHome, ".aliyun", "config.json"), 0o644); err != nil {
		t.Fatal(err)
	}
	fetchArgs := []string{"fetch", "--project", "10000", "--type", "DI_REALTIME", "--region", fetchtest.Region, "--async-id", "1"}
	for _, tc := range []struct {
		name string
		env  []string
		code int
		want []string
	}{
		{"OIDC token refused", []string{"ALIBABA_CLOUD_ROLE_ARN=" + fetchtest.RoleArn, "ALIBABA_CLOUD_OIDC_PROVIDER_ARN=" + fetchtest.OIDCProviderArn,
			"ALIBABA_CLOUD_OIDC_TOKEN_FILE=" + badToken}, 3, []string{"OIDC: get session token failed (details withheld; code AuthenticationFail.OIDCToken.Invalid)"}},
		{"unknown role", []string{"ALIBABA_CLOUD_ROLE_ARN=acs:ram::1:role/none", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN=" + fetchtest.OIDCProviderArn,
			"ALIBABA_CLOUD_OIDC_TOKEN_FILE=" + badToken}, 3, []string{"code EntityNotExist.Role"}},
		{"config others can read", []string{"HOME=" + openHome}, 1, []string{
			"dilint: warning: " + filepath.Join(openHome, ".aliyun", "config.json") + " holds credentials and is accessible by others (mode 0644); restrict it with: chmod 600 "}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := s.dilint(append(append([]string{}, cloudEnv...), tc.env...), fetchArgs...)
			r.wantCode(t, tc.code)
			r.wantStderr(t, tc.want...)
			for _, leak := range []string{"not-the-token-secret", "string to sign"} {
				if strings.Contains(r.stderr+r.stdout, leak) {
					t.Errorf("output holds %q:\n%s", leak, r.stderr)
				}
			}
			assertNoCloudSecrets(t, cloud, r)
		})
	}
}

func writeCLIConfig(t *testing.T, home, content string) {
	t.Helper()
	dir := filepath.Join(home, ".aliyun")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config.json"), []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// assertNoCloudSecrets fails when a run printed a secret or token the
// fakes issued, or the OIDC token.
func assertNoCloudSecrets(t *testing.T, cloud *fetchtest.Cloud, r run) {
	t.Helper()
	for _, secret := range append(cloud.IssuedSecrets(), fetchtest.OIDCToken) {
		if strings.Contains(r.stdout, secret) || strings.Contains(r.stderr, secret) {
			t.Errorf("the output holds %q\nstdout:\n%s\nstderr:\n%s", secret, r.stdout, r.stderr)
		}
	}
}
