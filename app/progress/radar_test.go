package progress

import "testing"

func TestRadarPoints(t *testing.T) {
	t.Parallel()
	tests := []struct {
		values []int64
		want   string
	}{
		{[]int64{0, 0, 0, 0, 0}, "100,100 100,100 100,100 100,100 100,100"},
		{[]int64{10, 0, 0, 0, 0}, "100,20 100,100 100,100 100,100 100,100"},
		{[]int64{10, 10, 10, 10, 10}, "100,20 176.1,75.3 147,164.7 53,164.7 23.9,75.3"},
		{[]int64{40, 20, 0, 0, 0}, "100,20 138,87.6 100,100 100,100 100,100"},
		{[]int64{-5, 10, 0, 0, 0}, "100,100 176.1,75.3 100,100 100,100 100,100"},
	}
	for _, tt := range tests {
		if got := SVGPoints(RadarPoints(tt.values, 100, 100, 80)); got != tt.want {
			t.Errorf("RadarPoints(%v) = %q, want %q", tt.values, got, tt.want)
		}
	}
}
