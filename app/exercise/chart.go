package exercise

import (
	"strconv"
	"strings"
	"time"

	views "ignition/views/exercise"
)

// The chart's drawing area, in SVG units, and its margin.
const (
	chartWidth  = 600
	chartHeight = 200
	chartMargin = 8
)

// sample is one session's value on a chart.
type sample struct {
	When  time.Time
	Value float64
	Label string
}

// chartOf draws samples (oldest first) as a line over time: x by date, y
// from the lowest value to the highest (a flat line sits in the middle).
func chartOf(title string, samples []sample, unitLabel func(float64) string) views.Chart {
	c := views.Chart{Title: title, Width: chartWidth, Height: chartHeight}
	if len(samples) == 0 {
		return c
	}
	low, high := samples[0].Value, samples[0].Value
	for _, s := range samples {
		low, high = min(low, s.Value), max(high, s.Value)
	}
	first, last := samples[0].When, samples[len(samples)-1].When
	span := last.Sub(first).Seconds()
	var line []string
	for i, s := range samples {
		x := float64(chartWidth) / 2
		if span > 0 {
			x = chartMargin + (chartWidth-2*chartMargin)*s.When.Sub(first).Seconds()/span
		} else if len(samples) > 1 {
			x = chartMargin + (chartWidth-2*chartMargin)*float64(i)/float64(len(samples)-1)
		}
		y := float64(chartHeight) / 2
		if high > low {
			y = chartHeight - chartMargin - (chartHeight-2*chartMargin)*(s.Value-low)/(high-low)
		}
		c.Points = append(c.Points, views.Point{X: x, Y: y, Label: s.When.Format("2 Jan 2006") + ": " + s.Label})
		line = append(line, strconv.FormatFloat(x, 'f', 1, 64)+","+strconv.FormatFloat(y, 'f', 1, 64))
	}
	c.Line = strings.Join(line, " ")
	c.YLow, c.YHigh = unitLabel(low), unitLabel(high)
	c.XFirst, c.XLast = first.Format("2 Jan 2006"), last.Format("2 Jan 2006")
	return c
}
