package components

import (
	"net/url"
	"strconv"
)

// PageURL is a list's address at page n (1-based) under its filters:
// the filters left empty are left out, and page 1 has no page.
func PageURL(base string, filters map[string]string, n int) string {
	q := url.Values{}
	for name, v := range filters {
		if v != "" {
			q.Set(name, v)
		}
	}
	if n > 1 {
		q.Set("page", strconv.Itoa(n))
	}
	if len(q) == 0 {
		return base
	}
	return base + "?" + q.Encode()
}

// Plural is a count of a regular noun: "1 note", "2 notes".
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// Bytes reads a byte count the way people do (1000-based, one decimal).
func Bytes(n int64) string {
	switch {
	case n < 1000:
		return strconv.FormatInt(n, 10) + " B"
	case n < 1000*1000:
		return strconv.FormatFloat(float64(n)/1000, 'f', 1, 64) + " kB"
	case n < 1000*1000*1000:
		return strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64) + " MB"
	}
	return strconv.FormatFloat(float64(n)/1e9, 'f', 1, 64) + " GB"
}
