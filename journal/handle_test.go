package journal

import "testing"

func TestSuggestHandle(t *testing.T) {
	takenSet := func(hs ...string) func(string) bool {
		m := map[string]bool{}
		for _, h := range hs {
			m[h] = true
		}
		return func(h string) bool { return m[h] }
	}
	for _, tc := range []struct {
		name, person string
		taken        []string
		want         string
	}{
		{"first name, lower case", "Alice Martin", nil, "alice"},
		{"accents dropped", "José Núñez", nil, "jose"},
		{"letters that do not decompose", "Łukasz Øster", nil, "lukasz"},
		{"german sharp s", "Straße", nil, "strasse"},
		{"taken: initial of the last name", "Priya Singh", []string{"priya"}, "priya.s"},
		{"both taken: numbered", "Priya Singh", []string{"priya", "priya.s"}, "priya.s2"},
		{"one word taken", "Cher", []string{"cher"}, "cher2"},
		{"no latin letters", "王小明", nil, "person"},
		{"no latin letters, taken", "王小明", []string{"person"}, "person2"},
		{"punctuation and digits", "  O'Brien-Smith 3rd ", nil, "obrien"},
		{"very long", "Wolfeschlegelsteinhausenbergerdorff Senior", nil, "wolfeschlegelsteinhausen"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := SuggestHandle(tc.person, takenSet(tc.taken...))
			if got != tc.want {
				t.Errorf("SuggestHandle(%q) = %q, want %q", tc.person, got, tc.want)
			}
			if !ValidHandle(got) {
				t.Errorf("%q is not a valid handle", got)
			}
		})
	}
}

func TestSameName(t *testing.T) {
	if !sameName("José  Núñez", "jose nunez") || sameName("Ravi", "Ravindra") {
		t.Error("sameName compares names as people type them, whole")
	}
}
