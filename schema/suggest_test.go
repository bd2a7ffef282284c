package schema

import "testing"

func TestSuggest(t *testing.T) {
	stepTypes := StepTypes()
	for _, tc := range []struct {
		word    string
		choices []string
		want    string
	}{
		{"mysq", stepTypes, "mysql"},
		{"odsp", stepTypes, "odps"},
		{"MySQL", stepTypes, "mysql"},
		{"postgres", stepTypes, "postgresql"},
		{"elasticsearh", stepTypes, "elasticsearch"},
		{"hologres", stepTypes, ""},
		{"mysql", stepTypes, ""},
		{"setting ", []string{"type", "version", "steps", "order", "setting", "extend"}, "setting"},
		{"settings", []string{"type", "version", "steps", "order", "setting", "extend"}, "setting"},
		{"Replay", []string{"insert", "sdk", "replay"}, "replay"},
		{"resourceGroup", []string{"Cu", "FileFolderPath", "ResourceGroup"}, "ResourceGroup"},
		{"form", []string{"from", "to"}, "from"},
		{"xyz", []string{"from", "to"}, ""},
		{"", []string{"a"}, ""},
		{"anything", nil, ""},
	} {
		if got := Suggest(tc.word, tc.choices); got != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "abc", 0},
		{"abc", "acb", 1},
		{"kitten", "sitting", 3},
		{"ca", "abc", 3},
		{"数据集成", "数据集", 1},
	} {
		if got := distance([]rune(tc.a), []rune(tc.b), 10); got != tc.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
	if got := distance([]rune("abcdef"), []rune("uvwxyz"), 2); got != 3 {
		t.Errorf("distance beyond the limit = %d, want limit+1 = 3", got)
	}
}
