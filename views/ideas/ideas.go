package ideas

import (
	"net/url"
	"strconv"
)

// pageURL is the list with the same filters, at page n.
func pageURL(f Filters, n int) string {
	q := url.Values{}
	for name, v := range map[string]string{"key": f.Key, "mood": f.Mood, "bpm_min": f.BPMMin, "bpm_max": f.BPMMax, "sort": f.Sort} {
		if v != "" {
			q.Set(name, v)
		}
	}
	if n > 1 {
		q.Set("page", strconv.Itoa(n))
	}
	if len(q) == 0 {
		return "/ideas"
	}
	return "/ideas?" + q.Encode()
}
