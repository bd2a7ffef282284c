package taskcontent

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestSecretKey(t *testing.T) {
	for key, want := range map[string]bool{
		"password": true, "Pass_Word": true, "pwd": true, "db.pwd": true, "passwd": true,
		"accessKey": true, "access_key_secret": true, "secretKey": true, "sk": true, "clientSecret": true,
		"securityToken": true, "token": true, "private-key": true, "credentials": true,
		"sasl.jaas.config": true, "basic.auth.user.info": true, "ssl.keystore.key": true, "apiKey": true, "Authorization": true,
		"username": false, "accessId": false, "name": false, "jdbcUrl": false, "tokenizer": false, "column": false,
		"sasl.mechanism": false, "ssl.truststore.location": false,
	} {
		if got := SecretKey(key); got != want {
			t.Errorf("SecretKey(%q) = %v, want %v", key, got, want)
		}
		if got := SecretKey([]byte(key)); got != want {
			t.Errorf("SecretKey([]byte(%q)) = %v, want %v", key, got, want)
		}
	}
}

func TestCredentialsIn(t *testing.T) {
	for s, want := range map[string][]string{
		"jdbc:mysql://h:3306/db?user=a&password=b1":    {"b1"},
		"jdbc:sqlserver://h:1433;databaseName=d;pwd=x": {"x"},
		"jdbc:postgresql://u:p@h/db":                   {"p"},
		"redis://:pw@h:6379":                           {"pw"},
		"jdbc:oracle:thin:scott/tiger@h:1521:orcl":     {"tiger"},
		"password=abc;user=u":                          {"abc"},
		"jdbc:mysql://h:3306/db?useSSL=true":           nil,
		"jdbc:oracle:thin:@h:1521:orcl":                nil,
		"a@b.com":                                      nil,
	} {
		var got []string
		for _, r := range CredentialsIn(s) {
			got = append(got, s[r.Start:r.End])
		}
		if !slices.Equal(got, want) {
			t.Errorf("CredentialsIn(%q) = %q, want %q", s, got, want)
		}
	}
}

// secretTexts returns the bytes of the file each secret range covers.
func secretTexts(src []byte, s *Secrets) []string {
	var out []string
	for _, r := range s.Ranges() {
		out = append(out, string(src[r.Start:r.End]))
	}
	return out
}

func TestDocumentSecrets(t *testing.T) {
	src := []byte(`{"type": "job", "version": "2.0", "steps": [{"name": "r", "parameter": {
  "username": "etl", "password": "pw-one", "pass\u0077ord2": "pw-two", "pwd": 12345678,
  "auth": {"token": {"value": "pw-three", "n": [1, true, null]}},
  "jdbcUrl": ["jdbc:mysql://etl:pw-four@h/db", "jdbc:mysql://h/db?user=u&password=pw-five"],
  "url": "jdbc:mysql://etl:pw\u002dsix@h/db",
  "kafkaConfig": {"sasl.jaas.config": "PlainLoginModule required password=\"pw-seven\";"},
  "column": ["password"]}}]}
  // "password": "pw-eight"
`)
	doc, err := ParseFile("job.json", src)
	if err != nil {
		t.Fatal(err)
	}
	got := secretTexts(src, doc.Secrets())
	want := []string{"pw-one", "pw-two", "12345678", "pw-three", "1", "pw-four", "pw-five", `jdbc:mysql://etl:pw\u002dsix@h/db`,
		`PlainLoginModule required password=\"pw-seven\";`, ` "password": "pw-eight"`}
	if !slices.Equal(got, want) {
		t.Errorf("secrets:\n got %q\nwant %q", got, want)
	}
	for ptr, want := range map[string]bool{
		"/steps/0/parameter/password": true, "/steps/0/parameter/jdbcUrl": true, "/steps/0/parameter/auth": true,
		"/steps/0/parameter/username": false, "/steps/0/name": false, "/steps/0/parameter/column/0": false,
	} {
		v, _ := doc.lookupClosest(ptr)
		if got := v.Secret(); got != want {
			t.Errorf("%s: Secret() = %v, want %v", ptr, got, want)
		}
	}
}

// TestEnvelopeSecrets checks that the secrets of a job inside an API
// response are found in the file, through the string's escapes.
func TestEnvelopeSecrets(t *testing.T) {
	content := `{"type":"job","steps":[{"parameter":{"password":"pw\"nine","jdbcUrl":"jdbc:mysql://u:pw-ten@h"}}]}`
	quoted, _ := json.Marshal(content)
	src := []byte(`{"RequestId": "R", "Data": {"Status": "success", "TaskContent": ` + string(quoted) + `}}`)
	doc, err := Parse(src)
	if err != nil || doc.Container() != ContainerEnvelope {
		t.Fatalf("%v %v", err, doc.Container())
	}
	got := secretTexts(src, doc.Secrets())
	want := []string{`pw\\\"nine`, "pw-ten"}
	if !slices.Equal(got, want) {
		t.Errorf("secrets %q, want %q", got, want)
	}

	// Embedded content that does not parse is scanned.
	broken, _ := json.Marshal(`{"steps":[{"parameter":{"password":"pw-eleven" "x":1}}]}`)
	src = []byte(`{"RequestId": "R", "Data": {"Status": "success", "TaskContent": ` + string(broken) + `}}`)
	doc, err = Parse(src)
	if err != nil || doc.ContentErr() == nil {
		t.Fatalf("%v %v", err, doc.ContentErr())
	}
	if got := secretTexts(src, doc.Secrets()); !slices.Equal(got, []string{"pw-eleven"}) {
		t.Errorf("secrets of broken content %q", got)
	}
	var se *SyntaxError
	if !errors.As(doc.ContentErr(), &se) || strings.Contains(se.Excerpt, "eleven") {
		t.Errorf("content error shows the secret: %v", doc.ContentErr())
	}
}

// TestSyntaxErrorExcerptMasksSecrets covers the ways the excerpt of a
// syntax error used to show a password: the key on the line before the
// value, a value starting with a \u escape, a value with \", a key with an
// escape, and text whose strings the scan loses track of.
func TestSyntaxErrorExcerptMasksSecrets(t *testing.T) {
	for name, tc := range map[string]struct{ src, want string }{
		"key on the line before": {"{\"steps\": [{\"parameter\": {\"password\":\n  \"Hunter2Secret\" \"x\": 1}}]}", `"***"`},
		"\\u escape":             {`{"parameter": {"password": "\u0048unter2Secret" x}}`, `": "***"`},
		"escaped quote":          {`{"parameter": {"password": "Hun\"ter2Secret" ]}}`, `": "***" ]}}`},
		"escaped key":            {`{"parameter": {"pass\u0077ord": "Hunter2Secret" ]}}`, `"***"`},
		"number":                 {`{"parameter": {"pwd": 1234567890 ]}}`, `"pwd": ***`},
		"single quotes":          {`{'password': 'Hunter2Secret' ]}`, `{'password': '***`},
		"unquoted key":           {`{password: "Hunter2Secret" ]}`, `{password: "***`},
		"yaml":                   {"steps:\n  password: Hunter2Secret\n", ""},
		"missing quote":          {`{"name": "abc, "password": "Hunter2Secret"}`, ""},
		"newline in string":      {"{\"password\": \"Hunter2\nSecret\", \"x\": 1}", `{"password": "***`},
		"object value":           {`{"token": {"v": "Hunter2Secret"} ]}`, ""},
		"in a comment":           {`{/* "password": "Hunter2Secret" */ ]}`, ""},
		"in a url":               {`{"jdbcUrl": "jdbc:mysql://u:Hunter2Secret@h/d" ]}`, `***@h/d" ]}`},
	} {
		_, err := Parse([]byte(tc.src))
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%s: not a syntax error: %v", name, err)
			continue
		}
		for _, part := range []string{"Hunter", "2Secret", "12345", "Secret"} {
			if strings.Contains(se.Error(), part) {
				t.Errorf("%s: %q shows %q", name, se.Error(), part)
			}
		}
		if tc.want != "" && !strings.Contains(se.Excerpt, tc.want) {
			t.Errorf("%s: excerpt %q lacks %q", name, se.Excerpt, tc.want)
		}
	}
}

func TestMaskIndex(t *testing.T) {
	src := []byte(`{"password": "hunter2", "x": 1, "token": "abc"}`)
	doc, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	s := doc.Secrets()
	masked, index, ok := s.Mask(src, 0)
	if want := `{"password": "***", "x": 1, "token": "***"}`; string(masked) != want || !ok {
		t.Fatalf("Mask = %q %v, want %q", masked, ok, want)
	}
	for i, want := range map[int]int{0: 0, 14: 14, 15: 17, 21: 17, 22: 18, 25: 21, 43: 41, len(src): len(masked)} {
		if got := index(i); got != want {
			t.Errorf("index(%d) = %d, want %d", i, got, want)
		}
	}
	// A window that starts inside a secret masks what it shows of it.
	part, _, _ := s.Mask(src[17:30], 17)
	if string(part) != `***", "x": 1` {
		t.Errorf("window: %q", part)
	}
	if got := s.Scrub(`the value "hunter2" and abc`); got != `the value "***" and abc` {
		t.Errorf("Scrub: %q", got)
	}
	var none *Secrets
	if m, _, ok := none.Mask(src, 0); !bytes.Equal(m, src) || !ok || none.Overlaps(0, 10) || none.Scrub("x") != "x" {
		t.Error("a nil Secrets masks something")
	}
}

// FuzzRedact puts a password after a credential key between fuzzed text
// and checks that no part of it survives masking: not in a syntax error,
// not in any line of a document that parses, not in any line masked by a
// scan of the tokens alone.
func FuzzRedact(f *testing.F) {
	for _, seed := range []struct{ prefix, suffix string }{
		{`{"steps": [{"parameter": {`, `}}]}`},
		{`{"parameter": {"x": 1,` + "\n", ` x}}`},
		{`{/*`, `*/}`},
		{`// `, "\n{}"},
		{`{"a": "\`, `}`},
		{`'`, `'`},
		{`{"s": "{\"p\": 1, \"q\":`, `}"}`},
		{`{"name": "abc, `, `}`},
		{"steps:\n  ", "\n"},
		{`{"a":`, `\u0041"}`},
	} {
		f.Add(seed.prefix, uint64(42), seed.suffix)
	}
	f.Fuzz(func(t *testing.T, prefix string, seed uint64, suffix string) {
		const alphabet = "QXZJKVWY"
		secret := make([]byte, 12)
		for i := range secret {
			secret[i] = alphabet[seed%uint64(len(alphabet))]
			seed = seed/uint64(len(alphabet)) ^ (seed * 0x9E3779B97F4A7C15 >> 7)
		}
		parts := make([]string, 0, len(secret)-5)
		for i := 0; i+6 <= len(secret); i++ {
			part := string(secret[i : i+6])
			if strings.Contains(prefix, part) || strings.Contains(suffix, part) {
				return
			}
			parts = append(parts, part)
		}
		src := []byte(prefix + `"password": "` + string(secret) + `"` + suffix)
		leaks := func(what, text string) {
			for _, p := range parts {
				if strings.Contains(text, p) {
					t.Fatalf("%s shows the secret %s:\n%s\nsource: %q", what, secret, text, src)
				}
			}
		}
		checkLines := func(what string, s *Secrets) {
			off := 0
			for _, line := range bytes.SplitAfter(src, []byte("\n")) {
				masked, _, _ := s.Mask(line, off)
				leaks(what, string(masked))
				off += len(line)
			}
		}
		doc, err := Parse(src)
		if err != nil {
			leaks("syntax error", err.Error())
		} else {
			checkLines("document", doc.Secrets())
			if cerr := doc.ContentErr(); cerr != nil {
				leaks("content error", cerr.Error())
			}
		}
		checkLines("scan", ScanSecrets(src))
	})
}

// BenchmarkScanSecrets measures the token scan of text that does not
// parse: a megabyte of members, of strings holding JSON, and of quotes
// nested by escapes.
func BenchmarkScanSecrets(b *testing.B) {
	nested := `"password": "x"`
	for len(nested) < 1<<20 {
		q, _ := json.Marshal(`{"a:b": ` + nested + `}`)
		nested = string(q)
	}
	for name, src := range map[string]string{
		"members":     strings.Repeat(`{"k": "jdbc:mysql://h/d?a=b", "password": "pw"}, `, 1<<20/48),
		"json-in-str": strings.Repeat(`"{\"password\": \"pw\", \"k\": 1}", `, 1<<20/36),
		"quotes":      strings.Repeat(`'"a:'"`, 1<<20/6),
		"nested":      nested,
	} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				ScanSecrets([]byte(src))
			}
		})
	}
}
