package ideas

import (
	"fmt"

	"ignition/views/components"
)

// megabytes is a size as people read it: "1.2 MB".
func megabytes(n int64) string {
	if n < 100_000 {
		return fmt.Sprintf("%d KB", (n+999)/1000)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

// pageURL is the list with the same filters, at page n.
func pageURL(f Filters, n int) string {
	return components.PageURL("/ideas", map[string]string{"key": f.Key, "mood": f.Mood, "bpm_min": f.BPMMin, "bpm_max": f.BPMMax, "sort": f.Sort}, n)
}
