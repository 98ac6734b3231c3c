package progress

import (
	"fmt"
	"math"
	"strings"
)

// Point is a point of the skill wheel, in SVG user units.
type Point struct{ X, Y float64 }

// RadarPoints places one value per axis on a wheel of the given radius
// around (cx, cy): the first axis points up and the others follow
// clockwise; the largest value reaches the rim and zero sits at the centre.
func RadarPoints(values []int64, cx, cy, radius float64) []Point {
	var top int64
	for _, v := range values {
		top = max(top, v)
	}
	pts := make([]Point, len(values))
	for i, v := range values {
		r := 0.0
		if top > 0 && v > 0 {
			r = radius * float64(v) / float64(top)
		}
		pts[i] = axisPoint(i, len(values), cx, cy, r)
	}
	return pts
}

// AxisEnds are the rim points of each axis, for the wheel's spokes and labels.
func AxisEnds(n int, cx, cy, radius float64) []Point {
	pts := make([]Point, n)
	for i := range pts {
		pts[i] = axisPoint(i, n, cx, cy, radius)
	}
	return pts
}

func axisPoint(i, n int, cx, cy, r float64) Point {
	angle := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
	return Point{X: round(cx + r*math.Cos(angle)), Y: round(cy + r*math.Sin(angle))}
}

func round(f float64) float64 { return math.Round(f*10) / 10 }

// SVGPoints formats points for a polygon's points attribute.
func SVGPoints(pts []Point) string {
	parts := make([]string, len(pts))
	for i, p := range pts {
		parts[i] = fmt.Sprintf("%g,%g", p.X, p.Y)
	}
	return strings.Join(parts, " ")
}
