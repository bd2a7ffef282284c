package fetch

import (
	"strings"
	"testing"
	"unicode"
)

func TestScrubUpstream(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`refresh session token failed: {"RequestId":"R","Code":"NoPermission","Message":"string to sign is:POST&%2F&AccessKeyId%3Dx"}`,
			`refresh session token failed (details withheld; code NoPermission)`},
		{`refresh Ecs sts token err, httpStatus: 500, message = <html>oops</html>`, `refresh Ecs sts token err, httpStatus: 500, message (details withheld)`},
		{`unmarshal aliyun cli config from '/h/.aliyun/config.json' failed: {"profiles":[{"access_key_secret":"s"}]}`,
			`unmarshal aliyun cli config from '/h/.aliyun/config.json' failed (details withheld)`},
		{`Get "http://user:pw@127.0.0.1:8/creds?token=abc": dial tcp: refused`, `Get "http://127.0.0.1:8/creds?…": dial tcp: refused`},
		{`ERROR: Can not open filekey-value delimiter not found: secretline`, `ERROR: Can not open file (details withheld)`},
		{`the RoleArn is empty`, `the RoleArn is empty`},
	} {
		if got := scrubUpstream(tt.in); got != tt.want {
			t.Errorf("scrubUpstream(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

// Whatever follows a marker of an answer or a file's contents, and
// whatever is in a URL's query, never survives scrubUpstream.
func FuzzScrubUpstream(f *testing.F) {
	for _, m := range bodyMarkers {
		f.Add("get credentials from GET http://h/x ", m, "aSecretValue1")
	}
	f.Add("Get \"http://h/c?t=", "", "aSecretValue2")
	f.Add("refresh ", "{", "aSecretValue3")
	f.Fuzz(func(t *testing.T, prefix, marker, secret string) {
		if len(secret) < 8 || strings.ContainsFunc(secret, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) ||
			strings.Count(prefix+marker+secret, secret) != 1 {
			return
		}
		hidden := false
		for _, m := range bodyMarkers {
			hidden = hidden || strings.Contains(prefix+marker, m)
		}
		hidden = hidden || strings.ContainsAny(prefix+marker, "{<") || inURLQuery(prefix+marker)
		if !hidden {
			return
		}
		// A Code the answer carries is kept on purpose.
		if strings.Contains(prefix+marker, `"Code"`) {
			return
		}
		if out := scrubUpstream(prefix + marker + secret); strings.Contains(out, secret) {
			t.Errorf("%q survives in %q", secret, out)
		}
	})
}

// inURLQuery reports whether s ends inside the query of an http(s) URL:
// "…http://host/path?t=" with no space, quote or other "?" in the URL.
func inURLQuery(s string) bool {
	i := strings.LastIndex(s, "://")
	if i < 0 || !(strings.HasSuffix(s[:i], "http") || strings.HasSuffix(s[:i], "https")) {
		return false
	}
	rest, ok := strings.CutSuffix(s[i+3:], "?t=")
	return ok && !strings.ContainsAny(rest, " \t\n\r\"'?")
}
