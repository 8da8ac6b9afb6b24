package journal

import "testing"

func isoDay(s string) Date {
	v, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func TestResolveDue(t *testing.T) {
	// 2026-11-20 is a Friday, 2026-11-18 a Wednesday, 2026-11-21 a
	// Saturday, 2026-12-31 a Thursday.
	tests := []struct {
		name   string
		phrase string
		base   string
		want   string // "" when the phrase is no date
	}{
		{"an ISO date is itself", "2026-12-04", "2026-11-20", "2026-12-04"},
		{"today is the meeting's day", "today", "2026-11-20", "2026-11-20"},
		{"tomorrow is the day after the meeting", "tomorrow", "2026-11-20", "2026-11-21"},
		{"tomorrow crosses a year end", "tomorrow", "2026-12-31", "2027-01-01"},
		{"a weekday is the next such day after the meeting", "friday", "2026-11-18", "2026-11-20"},
		{"friday said on a friday is a week later", "friday", "2026-11-20", "2026-11-27"},
		{"weekday abbreviations resolve", "mon", "2026-11-20", "2026-11-23"},
		{"weekdays ignore case", "MONDAY", "2026-11-20", "2026-11-23"},
		{"a weekday crosses a year end", "monday", "2026-12-31", "2027-01-04"},
		{"this friday is the coming friday", "this friday", "2026-11-18", "2026-11-20"},
		{"next friday is friday of next week", "next friday", "2026-11-18", "2026-11-27"},
		{"next monday said on a sunday is the week after", "next monday", "2026-11-22", "2026-11-23"},
		{"next week is a week after the meeting", "next week", "2026-11-20", "2026-11-27"},
		{"end of week is the friday of the meeting's week", "end of week", "2026-11-18", "2026-11-20"},
		{"end of week on a friday is that friday", "end of the week", "2026-11-20", "2026-11-20"},
		{"end of week on a saturday is the next friday", "end of week", "2026-11-21", "2026-11-27"},
		{"end of next week is a week after end of week", "end of next week", "2026-11-18", "2026-11-27"},
		{"end of month is the month's last day", "end of month", "2026-11-18", "2026-11-30"},
		{"end of month on december 31 is that day", "end of month", "2026-12-31", "2026-12-31"},
		{"end of month in a leap february is the 29th", "end of the month", "2028-02-10", "2028-02-29"},
		{"end of month in a common february is the 28th", "end of month", "2027-02-10", "2027-02-28"},
		{"a leading 'the' is ignored", "the end of the month", "2026-11-18", "2026-11-30"},
		{"end of next month crosses a year end", "end of next month", "2026-12-31", "2027-01-31"},
		{"end of year is december 31", "end of year", "2026-03-01", "2026-12-31"},
		{"month and day", "dec 3", "2026-11-20", "2026-12-03"},
		{"full month name and day", "December 3", "2026-11-20", "2026-12-03"},
		{"day before month", "3 dec", "2026-11-20", "2026-12-03"},
		{"ordinal day", "december 3rd", "2026-11-20", "2026-12-03"},
		{"a day already past in late december is next year's", "dec 3", "2026-12-20", "2027-12-03"},
		{"january said on december 31 is next year's", "jan 5", "2026-12-31", "2027-01-05"},
		{"the meeting's own day is this year's", "nov 20", "2026-11-20", "2026-11-20"},
		{"an explicit year is kept", "dec 3, 2027", "2026-11-20", "2027-12-03"},
		{"feb 29 without a year is the next leap day", "feb 29", "2026-11-20", "2028-02-29"},
		{"in N days", "in 3 days", "2026-12-30", "2027-01-02"},
		{"in a week", "in a week", "2026-11-20", "2026-11-27"},
		{"in N weeks", "in 2 weeks", "2026-11-20", "2026-12-04"},
		{"in a month clamps to the month's end", "in 1 month", "2026-01-31", "2026-02-28"},
		{"extra spaces are ignored", "  end   of  month ", "2026-11-18", "2026-11-30"},
		{"a name is no date", "alice", "2026-11-20", ""},
		{"an empty phrase is no date", "", "2026-11-20", ""},
		{"february 30 is no date", "feb 30 2027", "2026-11-20", ""},
		{"a month alone is no date", "december", "2026-11-20", ""},
		{"an impossible ISO date is no date", "2026-13-01", "2026-11-20", ""},
		{"a negative span is no date", "in -3 days", "2026-11-20", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := ResolveDue(tc.phrase, isoDay(tc.base))
			if tc.want == "" {
				if ok {
					t.Fatalf("ResolveDue(%q, %s) = %s, want no date", tc.phrase, tc.base, got)
				}
				return
			}
			if !ok || got != isoDay(tc.want) {
				t.Fatalf("ResolveDue(%q, %s) = %s, %v; want %s", tc.phrase, tc.base, got, ok, tc.want)
			}
		})
	}
}
