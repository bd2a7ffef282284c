package lint

import (
	"bytes"
	"strings"

	"github.com/dilint/dilint/taskcontent"
)

var _ = register(&Rule{
	Name:  "plaintext-secret",
	Group: "security",
	Doc: `A step parameter holds a credential as literal text: a password, an AccessKey secret, a secret or token, or a user and password inside a jdbcUrl. Jobs are stored in repositories, shown in the console, exported and sent through APIs; a literal secret leaks with each copy.

The message names the key, never the value. Values that are references (${name}) or already masked (****) are not reported.

Fix: configure the connection as a DataWorks data source and refer to it with "datasource", or pass the value as a scheduling parameter.`,
	Bad: `{"type": "job", "version": "2.0",
  "steps": [{"stepType": "mysql", "name": "Reader", "category": "reader",
    "parameter": {"username": "etl", "password": "hunter2", "connection": [{"jdbcUrl": ["jdbc:mysql://db:3306/shop"], "table": ["t"]}]}}]}`,
	Good: `{"type": "job", "version": "2.0",
  "steps": [{"stepType": "mysql", "name": "Reader", "category": "reader",
    "parameter": {"datasource": "shop_rds", "connection": [{"datasource": "shop_rds", "table": ["t"]}]}}]}`,
	URL:             docURL("plaintext-secret"),
	DefaultSeverity: SeverityError,
	Run: func(pass *Pass) {
		walk(pass.Doc.Root(), func(v taskcontent.Value) bool {
			if v.Type() == taskcontent.TypeObject && v.IsMember() && string(v.KeyBytes()) == "parameter" {
				for p := range v.All() {
					checkSecret(pass, p)
				}
				return false
			}
			return true
		})
	},
})

// checkSecret reports v when it is a member holding a literal credential.
// Credentials are strings, so other values are passed over before their key
// is read: a parameter with thousands of table mappings has many. Keys are
// read as bytes, which do not allocate, and made strings only for a report.
func checkSecret(pass *Pass, v taskcontent.Value) {
	if v.Type() != taskcontent.TypeString {
		return
	}
	if !v.IsMember() {
		if p := v.Parent(); p.IsMember() && bytes.EqualFold(p.KeyBytes(), jdbcURLKey) {
			checkJDBC(pass, v, p.Key())
		}
		return
	}
	key := v.KeyBytes()
	if bytes.EqualFold(key, jdbcURLKey) {
		checkJDBC(pass, v, v.Key())
		return
	}
	kind := taskcontent.SecretKeyKind(key)
	if kind == "" || !literalSecret(v.Str()) {
		return
	}
	pass.Reportf(v, "%s holds a literal %s: refer to a data source or a ${parameter} instead of writing it in the job", jsonString(v.Key()), kind)
}

// jdbcURLKey is the key of JDBC URLs, compared case-insensitively.
var jdbcURLKey = []byte("jdbcUrl")

// checkJDBC reports a JDBC URL string that carries credentials.
func checkJDBC(pass *Pass, v taskcontent.Value, key string) {
	if !jdbcCredentials(v.Str()) {
		return
	}
	pass.Reportf(v, "%s carries credentials in the URL: configure them in a data source instead", jsonString(key))
}

// literalSecret reports whether a value is a secret written out, rather
// than empty, a ${reference} or a masked placeholder.
func literalSecret(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || strings.Trim(s, "*") == "" {
		return false
	}
	return !(strings.HasPrefix(s, "${") && strings.HasSuffix(s, "}"))
}

// jdbcCredentials reports whether a URL carries a credential written out.
// The credentials are found by the redaction policy's CredentialsIn, so
// whatever this rule reports is masked in every output.
func jdbcCredentials(url string) bool {
	for _, r := range taskcontent.CredentialsIn(url) {
		if literalSecret(url[r.Start:r.End]) {
			return true
		}
	}
	return false
}
