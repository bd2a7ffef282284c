package alisdk_test

import (
	"testing"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"

	"github.com/dilint/dilint/fetch"
	"github.com/dilint/dilint/fetch/fetchtest"
)

// darabonbaCall sends one operation through the engine of the per-product
// SDK (dataworks-public-20200518), with the same Params its
// *WithOptions methods use, and returns Data.
func darabonbaCall(t *testing.T, c *openapi.Client, action string, query map[string]string, body map[string]interface{}) map[string]interface{} {
	t.Helper()
	req := &openapiutil.OpenApiRequest{Query: map[string]*string{}}
	for k, v := range query {
		req.Query[k] = dara.String(v)
	}
	if body != nil {
		req.Body = body
	}
	params := &openapiutil.Params{
		Action: dara.String(action), Version: dara.String(fetch.APIVersion), Protocol: dara.String("HTTPS"),
		Pathname: dara.String("/"), Method: dara.String("POST"), AuthType: dara.String("AK"),
		Style: dara.String("RPC"), ReqBodyType: dara.String("formData"), BodyType: dara.String("json"),
	}
	res, err := c.CallApi(params, req, &dara.RuntimeOptions{})
	if err != nil {
		t.Fatalf("%s: %v", action, err)
	}
	b, _ := res["body"].(map[string]interface{})
	data, _ := b["Data"].(map[string]interface{})
	if data == nil {
		t.Fatalf("%s: answer %v", action, res)
	}
	return data
}

// The per-product SDK's engine signs with V3 by default, and with its own
// flavour of v1 when SignatureAlgorithm is "v2"; fetchtest's verifier
// accepts both, for all six operations, so it checks fetch's V3 against
// the official implementation.
func TestDarabonbaAccepted(t *testing.T) {
	for _, tt := range []struct {
		algorithm, scheme string
		sts               bool
	}{
		{"", "v3", false},
		{"", "v3", true},
		{"v2", "v1", false},
		{"v2", "v1", true},
	} {
		name := tt.scheme
		if tt.sts {
			name += " STS"
		}
		t.Run(name, func(t *testing.T) {
			srv := fetchtest.NewServer()
			defer srv.Close()
			cfg := &openapiutil.Config{
				AccessKeyId: dara.String(fetchtest.AccessKeyID), AccessKeySecret: dara.String(fetchtest.AccessKeySecret),
				Endpoint: dara.String(srv.Host()), Protocol: dara.String("HTTP"), RegionId: dara.String(fetchtest.Region),
			}
			if tt.sts {
				cfg.AccessKeyId, cfg.SecurityToken = dara.String(fetchtest.STSAccessKeyID), dara.String(fetchtest.SecurityToken)
			}
			if tt.algorithm != "" {
				cfg.SignatureAlgorithm = dara.String(tt.algorithm)
			}
			c, err := openapi.NewClient(cfg)
			if err != nil {
				t.Fatal(err)
			}
			base := map[string]string{"ProjectId": "10000", "TaskType": "DI_REALTIME"}
			with := func(kv ...string) map[string]string {
				m := map[string]string{}
				for k, v := range base {
					m[k] = v
				}
				for i := 0; i < len(kv); i += 2 {
					m[kv[i]] = kv[i+1]
				}
				return m
			}
			gen := darabonbaCall(t, c, fetch.ActionGenerateForCreating, with("TaskParam", realtimeParam, "ClientToken", clientToken), nil)
			processID := dara.ToString(gen["ProcessId"])
			query := darabonbaCall(t, c, fetch.ActionQuery, with("AsyncProcessId", processID), nil)
			content, _ := query["TaskContent"].(string)
			if content != fetchtest.DefaultTaskContent {
				t.Fatalf("TaskContent %q", content)
			}
			created := darabonbaCall(t, c, fetch.ActionCreate, with("TaskName", taskName, "TaskParam", taskParam, "ClientToken", clientToken),
				map[string]interface{}{"TaskContent": content})
			fileID := dara.ToString(created["FileId"])
			darabonbaCall(t, c, fetch.ActionGenerateForUpdating, with("TaskId", fileID, "TaskParam", updateParam, "ClientToken", clientToken), nil)
			darabonbaCall(t, c, fetch.ActionUpdate, with("FileId", fileID, "TaskContent", content), nil)
			got := darabonbaCall(t, c, fetch.ActionGetTask, with("FileId", fileID), nil)
			if code, _ := got["Code"].(string); code != content {
				t.Errorf("GetDISyncTask Code %q", code)
			}

			calls := srv.Calls()
			checkAccepted(t, calls, tt.scheme)
			if len(calls) == len(actions) && calls[2].Form.Get("TaskContent") != content {
				t.Errorf("Create form %v", calls[2].Form)
			}
		})
	}
}
