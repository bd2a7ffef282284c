package alisdk_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/aliyun/credentials-go/credentials"

	"github.com/dilint/dilint/fetch"
	"github.com/dilint/dilint/fetch/fetchtest"
)

// TestSameCredentialsAsSDK sets up environments with one or more sources
// and requires that the official SDKs' default chain (credentials-go's
// NewCredential(nil), what the per-product SDKs use when no credential is
// configured, and what their documentation passes as Config.Credential)
// and dilint's DefaultProvider pick the same credential. A per-product SDK
// client on that chain then calls the fake DataWorks, signed with it.
func TestSameCredentialsAsSDK(t *testing.T) {
	srv := fetchtest.NewServer()
	defer srv.Close()
	cloud := fetchtest.NewCloud(srv)
	defer cloud.Close()
	const cliConfig = `{"current": "ak", "profiles": [
		{"name": "ak", "mode": "AK", "access_key_id": "` + fetchtest.AccessKeyID + `", "access_key_secret": "` + fetchtest.AccessKeySecret + `"},
		{"name": "sts", "mode": "StsToken", "access_key_id": "` + fetchtest.STSAccessKeyID + `", "access_key_secret": "` + fetchtest.AccessKeySecret + `", "sts_token": "` + fetchtest.SecurityToken + `"}]}`
	const credentialsFile = "[default]\ntype = access_key\naccess_key_id = " + fetchtest.AccessKeyID + "\naccess_key_secret = " + fetchtest.AccessKeySecret +
		"\n[sts]\ntype = access_key\naccess_key_id = fileSTS\naccess_key_secret = fileSecret\n"

	for _, tt := range []struct {
		name    string
		env     map[string]string
		cli     bool // write ~/.aliyun/config.json
		file    bool // write ~/.alibabacloud/credentials
		wantKey string
	}{
		{"environment AK", map[string]string{"ALIBABA_CLOUD_ACCESS_KEY_ID": fetchtest.AccessKeyID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET": fetchtest.AccessKeySecret}, true, true, fetchtest.AccessKeyID},
		{"environment STS", map[string]string{"ALIBABA_CLOUD_ACCESS_KEY_ID": fetchtest.STSAccessKeyID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET": fetchtest.AccessKeySecret,
			"ALIBABA_CLOUD_SECURITY_TOKEN": fetchtest.SecurityToken}, false, false, fetchtest.STSAccessKeyID},
		{"CLI current profile before the file", nil, true, true, fetchtest.AccessKeyID},
		{"ALIBABA_CLOUD_PROFILE", map[string]string{"ALIBABA_CLOUD_PROFILE": "sts"}, true, false, fetchtest.STSAccessKeyID},
		{"CLI profile disabled", map[string]string{"ALIBABA_CLOUD_CLI_PROFILE_DISABLED": "true"}, true, true, fetchtest.AccessKeyID},
		{"credentials file", nil, false, true, fetchtest.AccessKeyID},
		{"credentials URI", map[string]string{"ALIBABA_CLOUD_CREDENTIALS_URI": cloud.CredentialsURI()}, false, false, "STS.uri-"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			home := t.TempDir()
			for _, name := range []string{"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN",
				"ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE", "ALIBABA_CLOUD_CONFIG_FILE",
				"ALIBABA_CLOUD_PROFILE", "ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "ALIBABA_CLOUD_CREDENTIALS_FILE", "ALIBABA_CLOUD_CREDENTIALS_URI"} {
				t.Setenv(name, "")
			}
			t.Setenv("HOME", home)
			t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			if tt.cli {
				write(t, filepath.Join(home, ".aliyun", "config.json"), cliConfig)
			}
			if tt.file {
				write(t, filepath.Join(home, ".alibabacloud", "credentials"), credentialsFile)
			}

			official, err := credentials.NewCredential(nil)
			if err != nil {
				t.Fatal(err)
			}
			sdk, err := official.GetCredential()
			if err != nil {
				t.Fatalf("official chain: %v", err)
			}
			ours, err := fetch.DefaultProvider().Credential(context.Background())
			if err != nil {
				t.Fatalf("dilint: %v", err)
			}
			sdkKey, sdkToken := dara.StringValue(sdk.AccessKeyId), dara.StringValue(sdk.SecurityToken)
			if tt.wantKey == "STS.uri-" {
				// Each asks the URI once, and each answer is a new key.
				if len(sdkKey) < 8 || len(ours.AccessKeyID) < 8 || sdkKey[:8] != "STS.uri-" || ours.AccessKeyID[:8] != "STS.uri-" {
					t.Errorf("SDK %s, dilint %s; want keys from the URI", sdkKey, ours.AccessKeyID)
				}
			} else if sdkKey != tt.wantKey || ours.AccessKeyID != sdkKey || ours.SecurityToken != sdkToken ||
				ours.AccessKeySecret != dara.StringValue(sdk.AccessKeySecret) {
				t.Errorf("SDK picked %s (token %q), dilint %s (token %q); want %s", sdkKey, sdkToken, ours.AccessKeyID, ours.SecurityToken, tt.wantKey)
			}

			// The per-product SDK, given the default chain as its documentation
			// shows, signs with what the chain found, and the fake accepts it.
			c, err := openapi.NewClient(&openapiutil.Config{Credential: official, Endpoint: dara.String(srv.Host()), Protocol: dara.String("HTTP"), RegionId: dara.String(fetchtest.Region)})
			if err != nil {
				t.Fatal(err)
			}
			before := len(srv.Calls())
			darabonbaCall(t, c, fetch.ActionGenerateForCreating, map[string]string{"ProjectId": "10000", "TaskType": "DI_REALTIME", "TaskParam": realtimeParam}, nil)
			if call := srv.Calls()[before]; call.Code != "" || (tt.wantKey != "STS.uri-" && call.AccessKeyID != tt.wantKey) {
				t.Errorf("SDK call signed by %s answered %q", call.AccessKeyID, call.Code)
			}
		})
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
