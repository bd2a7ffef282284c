package signature

import (
	"net/http"
	"net/url"
	"testing"
)

func values(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}

// The published v1 vectors of alibaba-openapi.md §1.1.
func TestV1Vectors(t *testing.T) {
	sdkUnit := values(
		"AccessKeyId", "accessKeyId", "Action", "", "Format", "JSON", "RegionId", "regionId",
		"SignatureMethod", "HMAC-SHA1", "SignatureNonce", "MOCK_UUID", "SignatureType", "",
		"SignatureVersion", "1.0", "Timestamp", "mock date", "Version", "")
	sdkUnitSTS := values()
	for k, v := range sdkUnit {
		sdkUnitSTS[k] = v
	}
	sdkUnitSTS.Set("SecurityToken", "accessKeyStsToken")

	dataworks := func(signatureType bool, token string) url.Values {
		v := values(
			"AccessKeyId", "testAccessKeyId", "Action", "QueryDISyncTaskConfigProcessResult", "AsyncProcessId", "10",
			"Format", "JSON", "ProjectId", "10000", "RegionId", "cn-shanghai", "SignatureMethod", "HMAC-SHA1",
			"SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", "SignatureVersion", "1.0",
			"TaskType", "DI_REALTIME", "Timestamp", "2024-01-02T03:04:05Z", "Version", "2020-05-18")
		if signatureType {
			v.Set("SignatureType", "")
		}
		if token != "" {
			v.Set("SecurityToken", token)
		}
		return v
	}

	tests := []struct {
		name, method, secret string
		params               url.Values
		stringToSign         string // checked when not empty
		signature            string
	}{
		{
			name: "V1-A doc DescribeRegions", method: "GET", secret: "testsecret",
			params: values("AccessKeyId", "testid", "Action", "DescribeRegions", "Format", "XML",
				"SignatureMethod", "HMAC-SHA1", "SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
				"SignatureVersion", "1.0", "Timestamp", "2016-02-23T12:46:24Z", "Version", "2014-05-26"),
			stringToSign: "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
			signature:    "OLeaidS1JvxuMvnyHOwuJ+uX5qY=",
		},
		{
			name: "V1-B SDK unit test", method: "GET", secret: "accessKeySecret", params: sdkUnit,
			stringToSign: "GET&%2F&AccessKeyId%3DaccessKeyId%26Action%3D%26Format%3DJSON%26RegionId%3DregionId%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3DMOCK_UUID%26SignatureType%3D%26SignatureVersion%3D1.0%26Timestamp%3Dmock%2520date%26Version%3D",
			signature:    "7loPmFjvDnzOVnQeQNj85S6nFGY=",
		},
		{name: "V1-C SDK unit test with SecurityToken", method: "GET", secret: "accessKeySecret", params: sdkUnitSTS, signature: "5Nxdcler+ihqWqv0Hr2On4PsBf4="},
		{
			name: "V1-D DataWorks Query", method: "POST", secret: "testAccessKeySecret", params: dataworks(true, ""),
			stringToSign: "POST&%2F&AccessKeyId%3DtestAccessKeyId%26Action%3DQueryDISyncTaskConfigProcessResult%26AsyncProcessId%3D10%26Format%3DJSON%26ProjectId%3D10000%26RegionId%3Dcn-shanghai%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureType%3D%26SignatureVersion%3D1.0%26TaskType%3DDI_REALTIME%26Timestamp%3D2024-01-02T03%253A04%253A05Z%26Version%3D2020-05-18",
			signature:    "skuEk4woadGRFWDyy16YKN1r23A=",
		},
		{name: "V1-D without SignatureType", method: "POST", secret: "testAccessKeySecret", params: dataworks(false, ""), signature: "53a20Xi/6GFUiK2sFhaMj2uiluY="},
		{name: "V1-D with SecurityToken", method: "POST", secret: "testAccessKeySecret", params: dataworks(true, "testSecurityToken"), signature: "R/J+W+MIL5y8PZD/hGERyug1efI="},
		{name: "darabonba GetRPCSignature", method: "", secret: "accessKeySecret", params: values("test", "ok"), signature: "jHx/oHoHNrbVfhncHEvPdHXZwHU="},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sts := StringToSignV1(tt.method, tt.params)
			if tt.stringToSign != "" && sts != tt.stringToSign {
				t.Errorf("string to sign\n got %s\nwant %s", sts, tt.stringToSign)
			}
			if got := SignV1(sts, tt.secret); got != tt.signature {
				t.Errorf("signature = %s, want %s", got, tt.signature)
			}
		})
	}
}

func TestPercentEncode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a b", "a%20b"}, {"a+b", "a%2Bb"}, {"a*b", "a%2Ab"}, {"a~b", "a~b"},
		{"中", "%E4%B8%AD"}, {"!'()", "%21%27%28%29"}, {"AZaz09-_.", "AZaz09-_."}, {"", ""},
	}
	for _, tt := range tests {
		if got := PercentEncode(tt.in); got != tt.want {
			t.Errorf("PercentEncode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The SDK's wire form of a ClientToken with reserved characters, as the
// string to sign shows it (alibaba-openapi.md §6).
func TestStringToSignDoubleEncodes(t *testing.T) {
	got := StringToSignV1("POST", values("ClientToken", "0000-ABCD-EFG~*+ x"))
	want := "POST&%2F&ClientToken%3D0000-ABCD-EFG~%252A%252B%2520x"
	if got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestV3DocVector(t *testing.T) {
	h := http.Header{}
	h.Set("host", "ecs.cn-shanghai.aliyuncs.com")
	h.Set("x-acs-action", "RunInstances")
	h.Set("x-acs-version", "2014-05-26")
	h.Set("x-acs-date", "2023-10-26T10:22:32Z")
	h.Set("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d")
	h.Set("x-acs-content-sha256", EmptyPayloadHash)
	h.Set("Accept", "application/json") // not signed
	q := values("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd", "RegionId", "cn-shanghai")

	signed := SignedHeaders(h)
	if HashPayload(nil) != EmptyPayloadHash {
		t.Fatalf("HashPayload(nil) = %s", HashPayload(nil))
	}
	sig := SignV3(StringToSignV3(CanonicalRequestV3("POST", "/", q, h, signed, EmptyPayloadHash)), "YourAccessKeySecret")
	got := AuthorizationV3("YourAccessKeyId", signed, sig)
	want := "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
	if got != want {
		t.Errorf("Authorization\n got %s\nwant %s", got, want)
	}
	id, names, s, ok := ParseAuthorizationV3(got)
	if !ok || id != "YourAccessKeyId" || len(names) != 6 || s != sig {
		t.Errorf("ParseAuthorizationV3 = %q %q %q %v", id, names, s, ok)
	}
}

// darabonba's Test_GetAuthorization: two spellings of one header name are
// one signed header whose values are joined with a comma.
func TestV3DarabonbaVector(t *testing.T) {
	h := http.Header{"x-acs-test": {"http"}, "x-acs-TEST": {"https"}}

	signed := SignedHeaders(h)
	q := values("test", "ok", "empty", "")
	// The vector leaves the method empty and the path to its default.
	canonical := CanonicalRequestV3("", "", q, h, signed, "55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23")
	got := AuthorizationV3("acesskey", signed, SignV3(StringToSignV3(canonical), "secret"))
	want := "ACS3-HMAC-SHA256 Credential=acesskey,SignedHeaders=x-acs-test,Signature=4ab59fffe3c5738ff8a2729f90cc04fe18b02a4b15b2102cbaf92f9ff3df2ea3"
	if got != want {
		t.Errorf("Authorization\n got %s\nwant %s", got, want)
	}
}
