// Package signature computes the two request signatures of Alibaba Cloud's
// RPC-style OpenAPI: signature v1 (HMAC-SHA1 over the sorted parameters) and
// V3 (ACS3-HMAC-SHA256 over a canonical request). It is shared by the client
// in package fetch, which signs, and by the fake server in fetch/fetchtest,
// which verifies, so that the cross-check against the official SDK covers
// both.
package signature

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/url"
	"sort"
	"strings"
)

// Names and values of the v1 signature parameters.
const (
	MethodV1  = "HMAC-SHA1"
	VersionV1 = "1.0"
	// AlgorithmV3 is the V3 algorithm name; it starts the Authorization
	// header and the string to sign.
	AlgorithmV3 = "ACS3-HMAC-SHA256"
	// TimeFormat is the layout of Timestamp (v1) and x-acs-date (V3).
	TimeFormat = "2006-01-02T15:04:05Z"
)

// EmptyPayloadHash is the hex SHA-256 of an empty body.
const EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

// PercentEncode encodes s as RFC 3986 requires: only A-Z a-z 0-9 - _ . ~ stay
// literal, every other byte becomes %XX with upper-case hex. A space is %20,
// never +.
func PercentEncode(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	const hexDigits = "0123456789ABCDEF"
	b := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			b = append(b, c)
			continue
		}
		b = append(b, '%', hexDigits[c>>4], hexDigits[c&15])
	}
	return string(b)
}

func unreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}

// CanonicalQuery joins params sorted by key as k=v pairs separated by &,
// both percent-encoded. A key with several values contributes one pair per
// value, in the order given. "Signature" is left out, so a received request
// can be canonicalised as it is.
func CanonicalQuery(params url.Values) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		if k != "Signature" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		ek := PercentEncode(k)
		for _, v := range params[k] {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(ek)
			b.WriteByte('=')
			b.WriteString(PercentEncode(v))
		}
	}
	return b.String()
}

// StringToSignV1 returns the v1 string to sign for the merged query and form
// parameters of a request.
func StringToSignV1(method string, params url.Values) string {
	return method + "&" + PercentEncode("/") + "&" + PercentEncode(CanonicalQuery(params))
}

// SignV1 returns base64(HMAC-SHA1(secret + "&", stringToSign)).
func SignV1(stringToSign, secret string) string {
	mac := hmac.New(sha1.New, []byte(secret+"&"))
	mac.Write([]byte(stringToSign))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// HashPayload returns the hex SHA-256 of a request body, the value of
// x-acs-content-sha256.
func HashPayload(body []byte) string {
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

// SignedHeaders returns the lower-cased names of the headers V3 signs: host,
// content-type and every x-acs-* header, sorted and without duplicates.
func SignedHeaders(h http.Header) []string {
	var names []string
	seen := map[string]bool{}
	for k := range h {
		name := strings.ToLower(k)
		if (name == "host" || name == "content-type" || strings.HasPrefix(name, "x-acs-")) && !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

// CanonicalRequestV3 returns the V3 canonical request. signed lists the
// lower-case header names to sign (see SignedHeaders); their values are
// looked up in h case-insensitively, each trimmed, and a repeated header's
// values are sorted and joined with commas, as the official SDK does.
func CanonicalRequestV3(method, path string, query url.Values, h http.Header, signed []string, payloadHash string) string {
	if path == "" {
		path = "/"
	}
	var b strings.Builder
	b.WriteString(method)
	b.WriteByte('\n')
	b.WriteString(path)
	b.WriteByte('\n')
	b.WriteString(CanonicalQuery(query))
	b.WriteByte('\n')
	for _, name := range signed {
		b.WriteString(name)
		b.WriteByte(':')
		b.WriteString(strings.Join(headerValues(h, name), ","))
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	b.WriteString(strings.Join(signed, ";"))
	b.WriteByte('\n')
	b.WriteString(payloadHash)
	return b.String()
}

// headerValues collects a header's trimmed values, sorted, whatever the case
// of the names it is stored under, since callers may set headers without
// canonicalisation.
func headerValues(h http.Header, lower string) []string {
	var vals []string
	for k, vs := range h {
		if strings.EqualFold(k, lower) {
			for _, v := range vs {
				vals = append(vals, strings.TrimSpace(v))
			}
		}
	}
	sort.Strings(vals)
	return vals
}

// StringToSignV3 returns the V3 string to sign for a canonical request.
func StringToSignV3(canonicalRequest string) string {
	sum := sha256.Sum256([]byte(canonicalRequest))
	return AlgorithmV3 + "\n" + hex.EncodeToString(sum[:])
}

// SignV3 returns hex(HMAC-SHA256(secret, stringToSign)). The key is the raw
// secret, without the "&" of v1.
func SignV3(stringToSign, secret string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(stringToSign))
	return hex.EncodeToString(mac.Sum(nil))
}

// AuthorizationV3 formats the Authorization header value.
func AuthorizationV3(accessKeyID string, signed []string, signature string) string {
	return AlgorithmV3 + " Credential=" + accessKeyID + ",SignedHeaders=" + strings.Join(signed, ";") + ",Signature=" + signature
}

// ParseAuthorizationV3 splits an Authorization header value into its parts.
// ok is false when the value is not a well-formed V3 authorization.
func ParseAuthorizationV3(v string) (accessKeyID string, signed []string, signature string, ok bool) {
	rest, found := strings.CutPrefix(v, AlgorithmV3+" ")
	if !found {
		return "", nil, "", false
	}
	for part := range strings.SplitSeq(rest, ",") {
		k, val, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "Credential":
			accessKeyID = val
		case "SignedHeaders":
			signed = strings.Split(val, ";")
		case "Signature":
			signature = val
		}
	}
	return accessKeyID, signed, signature, accessKeyID != "" && len(signed) > 0 && signature != ""
}

// Equal compares two signatures in constant time.
func Equal(a, b string) bool {
	return hmac.Equal([]byte(a), []byte(b))
}
