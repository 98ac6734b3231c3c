package focus

import (
	"fmt"
	"math"
	"time"
)

// ringLength is the circumference of the ring's circle (r = 52).
var ringLength = fmt.Sprintf("%.2f", 2*math.Pi*52)

// ringOffset hides the part of the ring still to run.
func ringOffset(a *Active) string {
	if a.Planned <= 0 {
		return ringLength
	}
	left := float64(a.Remaining) / float64(a.Planned)
	return fmt.Sprintf("%.2f", 2*math.Pi*52*left)
}

func seconds(d time.Duration) string { return fmt.Sprintf("%ds", int(d.Seconds())) }

// clock formats a duration as m:ss (or h:mm:ss).
func clock(d time.Duration) string {
	s := int(d.Round(time.Second).Seconds())
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
