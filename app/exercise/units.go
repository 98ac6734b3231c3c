package exercise

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// The units a user enters weights in; distances follow (kilometres with
// kilograms, miles with pounds). Everything is stored in grams and metres.
const (
	Kilograms = "kg"
	Pounds    = "lb"
)

// Grams per unit, and metres per distance unit.
const (
	gramsPerKilogram = 1000.0
	gramsPerPound    = 453.59237
	metresPerKm      = 1000.0
	metresPerMile    = 1609.344
)

// The bounds of what a set can hold.
const (
	MaxWeightG   = 1_000_000 // a tonne
	MaxReps      = 1000
	MaxDurationS = 24 * 60 * 60
	MaxDistanceM = 1_000_000
)

// unitOf is u when it is a unit, kilograms otherwise.
func unitOf(u string) string {
	if u == Pounds {
		return Pounds
	}
	return Kilograms
}

// errNumber is the refusal of what is not a plain decimal number.
var errNumber = errors.New("not a number")

// decimal reads a non-negative decimal number with at most two decimals
// ("62.5", "62,5"); "" is zero.
func decimal(s string) (float64, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", ".")
	if s == "" {
		return 0, nil
	}
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 || whole == "" && frac == "" || strings.Trim(whole+frac, "0123456789") != "" {
		return 0, errNumber
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 {
		return 0, errNumber
	}
	return f, nil
}

// ParseWeight reads a weight typed in unit as whole grams; "" is none (0).
func ParseWeight(s, unit string) (int, error) {
	f, err := decimal(s)
	if err != nil {
		return 0, err
	}
	g := math.Round(f * gramsPer(unit))
	if g > MaxWeightG {
		return 0, errors.New("too heavy")
	}
	return int(g), nil
}

// FormatWeight writes grams in unit, to two decimals at most and without
// trailing zeros: 61235 g is "135" lb, 62500 g "62.5" kg.
func FormatWeight(g int64, unit string) string {
	return trimmed(float64(g) / gramsPer(unit))
}

func gramsPer(unit string) float64 {
	if unitOf(unit) == Pounds {
		return gramsPerPound
	}
	return gramsPerKilogram
}

// DistanceUnit is the distance unit that goes with a weight unit.
func DistanceUnit(unit string) string {
	if unitOf(unit) == Pounds {
		return "mi"
	}
	return "km"
}

// ParseDistance reads a distance typed in the distance unit of unit as
// whole metres.
func ParseDistance(s, unit string) (int, error) {
	f, err := decimal(s)
	if err != nil {
		return 0, err
	}
	m := math.Round(f * metresPer(unit))
	if m > MaxDistanceM {
		return 0, errors.New("too far")
	}
	return int(m), nil
}

// FormatDistance writes metres in the distance unit of unit.
func FormatDistance(m int64, unit string) string { return trimmed(float64(m) / metresPer(unit)) }

func metresPer(unit string) float64 {
	if unitOf(unit) == Pounds {
		return metresPerMile
	}
	return metresPerKm
}

// trimmed writes f to two decimals, dropping trailing zeros.
func trimmed(f float64) string {
	s := strconv.FormatFloat(math.Round(f*100)/100, 'f', 2, 64)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// ParseDuration reads minutes ("25"), minutes and seconds ("25:30") or
// hours, minutes and seconds ("1:05:00") as seconds; "" is none.
func ParseDuration(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	parts := strings.Split(s, ":")
	if len(parts) > 3 {
		return 0, errNumber
	}
	n := make([]int, len(parts))
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 || (i > 0 && (v > 59 || len(p) != 2)) {
			return 0, errNumber
		}
		n[i] = v
	}
	var secs int
	switch len(n) {
	case 1:
		secs = n[0] * 60
	case 2:
		secs = n[0]*60 + n[1]
	default:
		secs = n[0]*3600 + n[1]*60 + n[2]
	}
	if secs > MaxDurationS {
		return 0, errors.New("too long")
	}
	return secs, nil
}

// FormatDuration writes seconds as 25:30 or 1:05:00.
func FormatDuration(secs int64) string {
	h, m, s := secs/3600, secs/60%60, secs%60
	if h > 0 {
		return strconv.FormatInt(h, 10) + ":" + pad(m) + ":" + pad(s)
	}
	return strconv.FormatInt(m, 10) + ":" + pad(s)
}

func pad(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

// ParseRPE reads a rate of perceived exertion, 1 to 10 in steps of a
// half, as tenths; "" is none (0).
func ParseRPE(s string) (int, error) {
	f, err := decimal(s)
	if err != nil {
		return 0, err
	}
	if f == 0 && strings.TrimSpace(s) == "" {
		return 0, nil
	}
	t := math.Round(f * 10)
	if t < 10 || t > 100 || int(t)%5 != 0 {
		return 0, errors.New("out of range")
	}
	return int(t), nil
}

// FormatRPE writes tenths as the RPE typed: 85 is "8.5".
func FormatRPE(tenths int32) string { return trimmed(float64(tenths) / 10) }
