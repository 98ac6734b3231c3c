package habits

import "fmt"

func streakLabel(n int, unit string) string {
	if n == 1 {
		return "1-" + unit + " streak"
	}
	if n == 0 {
		return "No streak yet"
	}
	return fmt.Sprintf("%d-%s streak", n, unit)
}

func stateLabel(state string) string {
	return map[string]string{
		"done": "done", "missed": "missed", "open": "due today", "off": "not due",
		"before": "before the habit started", "future": "to come",
	}[state]
}

func heatmapViewBox(weeks int) string { return fmt.Sprintf("0 0 %d %d", weeks*14, 7*14) }
