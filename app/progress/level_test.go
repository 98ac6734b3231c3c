package progress

import "testing"

func TestLevelFor(t *testing.T) {
	t.Parallel()
	tests := []struct {
		xp   int64
		want Level
	}{
		{-5, Level{1, 0, 100, 0}},
		{0, Level{1, 0, 100, 0}},
		{99, Level{1, 99, 100, 99}},
		{100, Level{2, 0, 200, 0}},
		{299, Level{2, 199, 200, 99}},
		{300, Level{3, 0, 300, 0}},
		{450, Level{3, 150, 300, 50}},
		{4950, Level{10, 450, 1000, 45}},
		{5000, Level{10, 500, 1000, 50}},
		{5500, Level{11, 0, 1100, 0}},
		{49_500_000, Level{995, 48_500, 99_500, 48}},
	}
	for _, tt := range tests {
		if got := LevelFor(tt.xp); got != tt.want {
			t.Errorf("LevelFor(%d) = %+v, want %+v", tt.xp, got, tt.want)
		}
	}
}
