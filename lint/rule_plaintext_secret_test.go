package lint

import (
	"os"
	"strings"
	"testing"
)

func TestPlaintextSecret(t *testing.T) { testRuleData(t, "plaintext-secret") }

// TestPlaintextSecretNeverRepeatsTheSecret checks every diagnostic of every
// rule on the secret fixtures: no message or related message contains a
// secret value.
func TestPlaintextSecretNeverRepeatsTheSecret(t *testing.T) {
	secrets := []string{"Sup3r-Secret!", "Jdbc-Secret-1", "Userinfo-Secret-2", "Oracle-Secret-3", "Oss-Secret-4", "Sts-Token-5", "DataX-Secret-6"}
	for _, file := range []string{"testdata/plaintext-secret/secrets.json", "testdata/plaintext-secret/datax.json"} {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		_, diags := (&Linter{}).LintFile(file, src)
		for _, d := range diags {
			texts := []string{d.Message}
			for _, r := range d.Related {
				texts = append(texts, r.Message)
			}
			for _, f := range d.Fixes {
				texts = append(texts, f.Message)
			}
			for _, text := range texts {
				for _, s := range secrets {
					if strings.Contains(text, s) {
						t.Errorf("%s: %s repeats a secret: %s", file, d.Rule, text)
					}
				}
			}
		}
	}
}

func TestJDBCCredentials(t *testing.T) {
	for url, want := range map[string]bool{
		"jdbc:mysql://h:3306/db?user=a&password=b":        true,
		"jdbc:mysql://h:3306/db?user=a&password=${pw}":    false,
		"jdbc:sqlserver://h:1433;databaseName=d;pwd=x":    true,
		"jdbc:postgresql://u:p@h/db":                      true,
		"jdbc:postgresql://h:5432/db":                     false,
		"jdbc:oracle:thin:@h:1521:orcl":                   false,
		"jdbc:oracle:thin:scott/tiger@h:1521:orcl":        true,
		"jdbc:mysql://h:3306/db?useUnicode=true&ssl=true": false,
	} {
		if got := jdbcCredentials(url); got != want {
			t.Errorf("jdbcCredentials(%s) = %v, want %v", url, got, want)
		}
	}
}
