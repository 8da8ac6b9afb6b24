package journal

import (
	"fmt"
	"time"
)

// Date is a calendar day, counted in days since 1970-01-01. The zero Date
// means "no date" (a commitment without a due date, an open item without a
// done date); 1970-01-01 itself cannot be expressed, which no 1:1 needs.
//
// Dates carry no time zone: a 1:1 happens on a day, and a promise is due on
// a day, wherever the reader is.
type Date int32

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// NewDate returns the Date for a year, month and day. Out-of-range values
// are normalised as time.Date does (January 32 is February 1).
func NewDate(year int, month time.Month, day int) Date {
	return Date(time.Date(year, month, day, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// ParseDate parses an ISO date, YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	if d, ok := parseISODigits(s); ok {
		return d, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a date: use YYYY-MM-DD", s)
	}
	d := DateOf(t)
	if d <= 0 {
		return 0, fmt.Errorf("%q is out of range: dates start at 1970-01-02", s)
	}
	return d, nil
}

// IsZero reports whether d is "no date".
func (d Date) IsZero() bool { return d == 0 }

// Time returns midnight UTC of d.
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// AddDays returns the date n days after d (before it when n is negative).
func (d Date) AddDays(n int) Date { return d + Date(n) }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// String returns d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	return string(d.Append(make([]byte, 0, 10)))
}

// Append appends d as YYYY-MM-DD to b (nothing for the zero Date),
// for lists of thousands of dates printed without a string each.
func (d Date) Append(b []byte) []byte {
	if d == 0 {
		return b
	}
	y, m, day := d.Time().Date()
	if y < 0 || y > 9999 {
		return d.Time().AppendFormat(b, "2006-01-02")
	}
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+int(m)/10), byte('0'+int(m)%10), '-', byte('0'+day/10), byte('0'+day%10))
}

// MarshalText encodes d as YYYY-MM-DD (empty for the zero Date).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText decodes YYYY-MM-DD; empty text is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = 0
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// parseISODigits parses a valid YYYY-MM-DD from 1970-01-02 on without
// time.Parse (lists read thousands of dates); anything else, ok false,
// is left to ParseDate's own path and its errors.
func parseISODigits(s string) (Date, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	num := func(from, to int) int {
		n := 0
		for i := from; i < to; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	y, m, d := num(0, 4), num(5, 7), num(8, 10)
	if y < 1970 || m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, false
	}
	date := NewDate(y, time.Month(m), d)
	if date <= 0 || date.Time().Day() != d { // Feb 30 rolls into March
		return 0, false
	}
	return date, true
}
