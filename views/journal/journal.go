package journal

import (
	"strconv"

	"ignition/views/components"
)

func count(n int) string {
	if n == 1 {
		return "1 entry"
	}
	return strconv.Itoa(n) + " entries"
}

// pageURL is the list's page n under the filters f.
func pageURL(f Filters, n int) string {
	return components.PageURL(URL, map[string]string{"from": f.From, "to": f.To, "tag": f.Tag}, n)
}
