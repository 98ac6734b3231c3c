package decision

import "testing"

func TestKeyRoundTrips(t *testing.T) {
	t.Parallel()
	for _, k := range []Key{{"habit", "3f1c2f6e-7d43-428f-8e9d-f749a1774d56"}, {"quest", "daily-intention"}, {"focus", "start"}, {"quest", "a:b"}} {
		got, err := Parse(k.String())
		if err != nil || got != k {
			t.Errorf("Parse(%q) = %+v, %v; want %+v", k.String(), got, err, k)
		}
	}
	for _, bad := range []string{"", "habit", ":x", "habit:", "ha bit:x"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}
