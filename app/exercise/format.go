package exercise

import (
	"strconv"
	"strings"

	"ignition/app/store/db"
)

// volumeText writes a volume (gram-reps) as weight in unit: "2,400 kg".
func volumeText(gramReps int64, unit string) string {
	return thousands(FormatWeight(gramReps, unit)) + " " + unitOf(unit)
}

// weightText writes grams with the unit: "62.5 kg".
func weightText(g int64, unit string) string { return FormatWeight(g, unit) + " " + unitOf(unit) }

// thousands groups a number's whole part by thousands: 12400.5 is 12,400.5.
func thousands(s string) string {
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteString("." + frac)
	}
	return b.String()
}

// setText says what a set did: "100 kg × 5 @ RPE 8", "12 reps", "5 km in 25:30".
func setText(s db.WorkoutSet, kind, unit string) string {
	var parts []string
	if kind == Cardio {
		if s.DistanceM > 0 {
			parts = append(parts, FormatDistance(int64(s.DistanceM), unit)+" "+DistanceUnit(unit))
		}
		if s.DurationS > 0 {
			if len(parts) > 0 {
				parts = append(parts, "in")
			}
			parts = append(parts, FormatDuration(int64(s.DurationS)))
		}
		return strings.Join(parts, " ")
	}
	switch {
	case s.WeightG > 0 && kind == Bodyweight:
		parts = append(parts, "+"+weightText(int64(s.WeightG), unit), "×", strconv.Itoa(int(s.Reps)))
	case s.WeightG > 0:
		parts = append(parts, weightText(int64(s.WeightG), unit), "×", strconv.Itoa(int(s.Reps)))
	default:
		parts = append(parts, strconv.Itoa(int(s.Reps))+" reps")
	}
	if s.RpeTenths > 0 {
		parts = append(parts, "@ RPE "+FormatRPE(s.RpeTenths))
	}
	return strings.Join(parts, " ")
}

// recordLabel names a kind of record.
func recordLabel(kind string) string {
	switch kind {
	case RecordWeight:
		return "Heaviest weight"
	case RecordOneRM:
		return "Best estimated 1RM (Epley)"
	case RecordReps:
		return "Most reps"
	case RecordVolume:
		return "Best session volume"
	}
	return kind
}

// recordValue writes a record's value: a weight, reps at a weight, or a
// volume.
func recordValue(kind string, value int64, weightG int32, unit string) string {
	switch kind {
	case RecordReps:
		if weightG > 0 {
			return strconv.FormatInt(value, 10) + " reps at " + weightText(int64(weightG), unit)
		}
		return strconv.FormatInt(value, 10) + " reps"
	case RecordVolume:
		return volumeText(value, unit)
	}
	return weightText(value, unit)
}

// recordText is a record as a celebration or a badge says it.
func recordText(kind string, value int64, weightG int32, unit string) string {
	return recordLabel(kind) + ": " + recordValue(kind, value, weightG, unit)
}
