package schema

import (
	"strings"
	"testing"
)

var referenceUnescaper = strings.NewReplacer("~1", "/", "~0", "~")

func TestPointerUnescaperMatchesReplacer(t *testing.T) {
	for _, tok := range []string{"", "a", "~", "~~", "~0", "~1", "~01", "~10", "~2", "a~", "x~0y~1z", "~~0~1~", "é~1é", "/", "~0~0~1~1"} {
		if got, want := tokenUnescaper.Replace(tok), referenceUnescaper.Replace(tok); got != want {
			t.Errorf("Replace(%q) = %q, want %q", tok, got, want)
		}
	}
}

func FuzzPointerUnescaper(f *testing.F) {
	f.Add("x~0y~1z~")
	f.Fuzz(func(t *testing.T, tok string) {
		if got, want := tokenUnescaper.Replace(tok), referenceUnescaper.Replace(tok); got != want {
			t.Errorf("Replace(%q) = %q, want %q", tok, got, want)
		}
	})
}
