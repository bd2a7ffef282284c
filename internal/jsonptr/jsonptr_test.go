package jsonptr

import (
	"strings"
	"testing"
)

var referenceUnescaper = strings.NewReplacer("~1", "/", "~0", "~")

var tokens = []string{"", "a", "~", "~~", "~0", "~1", "~01", "~10", "~2", "a~", "x~0y~1z", "~~0~1~", "é~1é", "/", "~0~0~1~1", "a/b~c"}

func TestUnescapeMatchesReplacer(t *testing.T) {
	for _, tok := range tokens {
		if got, want := UnescapeToken(tok), referenceUnescaper.Replace(tok); got != want {
			t.Errorf("UnescapeToken(%q) = %q, want %q", tok, got, want)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	for _, tok := range tokens {
		esc := EscapeToken(tok)
		if !ValidToken(esc) || UnescapeToken(esc) != tok {
			t.Errorf("EscapeToken(%q) = %q, which does not unescape back", tok, esc)
		}
	}
	if got := Join("steps", "0", "a/b~c"); got != "/steps/0/a~1b~0c" {
		t.Errorf("Join = %q", got)
	}
	if Join() != "" {
		t.Error("Join() is not the root pointer")
	}
	for tok, want := range map[string]bool{"a~0": true, "a~1b": true, "a~": false, "~2": false, "": true} {
		if ValidToken(tok) != want {
			t.Errorf("ValidToken(%q) = %v", tok, !want)
		}
	}
}

func TestEscapeDoesNotAllocate(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { _ = EscapeToken("parameter"); _ = UnescapeToken("parameter") }); n != 0 {
		t.Errorf("%v allocations for a plain token", n)
	}
}

func FuzzUnescape(f *testing.F) {
	for _, tok := range tokens {
		f.Add(tok)
	}
	f.Fuzz(func(t *testing.T, tok string) {
		if got, want := UnescapeToken(tok), referenceUnescaper.Replace(tok); got != want {
			t.Errorf("UnescapeToken(%q) = %q, want %q", tok, got, want)
		}
		if UnescapeToken(EscapeToken(tok)) != tok {
			t.Errorf("%q does not survive escaping", tok)
		}
	})
}
