package cli

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/oneonone/1on1/journal"
)

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestJournalPathFollowsSpecOrder(t *testing.T) {
	home := func() (string, error) { return "/home/ann", nil }
	noHome := func() (string, error) { return "", errors.New("no home") }
	cases := []struct {
		name string
		flag string
		env  map[string]string
		home func() (string, error)
		want string
		err  string
	}{
		{name: "--db wins over everything", flag: "/x/j.db", env: map[string]string{"ONEONONE_DB": "/env/j.db", "XDG_DATA_HOME": "/xdg"}, home: home, want: "/x/j.db"},
		{name: "relative --db is kept as given", flag: "j.db", home: home, want: "j.db"},
		{name: "ONEONONE_DB when no flag", env: map[string]string{"ONEONONE_DB": "/env/j.db", "XDG_DATA_HOME": "/xdg"}, home: home, want: "/env/j.db"},
		{name: "XDG_DATA_HOME when no flag or ONEONONE_DB", env: map[string]string{"XDG_DATA_HOME": "/xdg"}, home: home, want: "/xdg/1on1/journal.db"},
		{name: "relative XDG_DATA_HOME is ignored", env: map[string]string{"XDG_DATA_HOME": "rel"}, home: home, want: "/home/ann/.local/share/1on1/journal.db"},
		{name: "home when nothing is set", home: home, want: "/home/ann/.local/share/1on1/journal.db"},
		{name: "no home and nothing set is an error naming --db", home: noHome, err: "--db"},
		{name: "no home is fine with ONEONONE_DB", env: map[string]string{"ONEONONE_DB": "/env/j.db"}, home: noHome, want: "/env/j.db"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := JournalPath(tc.flag, envOf(tc.env), tc.home)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want one saying %q", err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("JournalPath = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestTodayIsFlagThenEnvThenClock(t *testing.T) {
	// 23:30 on the 20th in UTC-5 is already the 21st in UTC: today is the
	// user's own date.
	now := time.Date(2026, 11, 20, 23, 30, 0, 0, time.FixedZone("EST", -5*3600))
	cases := []struct {
		name string
		flag string
		env  map[string]string
		want journal.Date
		err  string
	}{
		{name: "the clock's date in its own zone", want: journal.NewDate(2026, 11, 20)},
		{name: "ONEONONE_TODAY over the clock", env: map[string]string{"ONEONONE_TODAY": "2025-01-02"}, want: journal.NewDate(2025, 1, 2)},
		{name: "--today over ONEONONE_TODAY", flag: "2024-02-29", env: map[string]string{"ONEONONE_TODAY": "2025-01-02"}, want: journal.NewDate(2024, 2, 29)},
		{name: "bad --today names the flag", flag: "tomorrow", err: "--today"},
		{name: "impossible date in --today", flag: "2026-02-30", err: "--today"},
		{name: "bad ONEONONE_TODAY names the variable", env: map[string]string{"ONEONONE_TODAY": "20/11/2026"}, err: "ONEONONE_TODAY"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Today(tc.flag, envOf(tc.env), now)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want one naming %q", err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("Today = %s, %v; want %s", got, err, tc.want)
			}
		})
	}
}
