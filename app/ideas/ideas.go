// Package ideas keeps the user's song and production ideas. The title and
// body are encrypted in the browser (the server stores envelopes it cannot
// open); the key, BPM and moods are metadata the user is told the server
// sees, so it can filter and sort by them.
package ideas

import (
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5/pgtype"

	"ignition/app/form"
)

// Pitches names the pitch classes, C = 0, as keys are usually spelled.
var Pitches = []string{"C", "C♯", "D", "E♭", "E", "F", "F♯", "G", "A♭", "A", "B♭", "B"}

// Modes are the key's modes.
var Modes = []string{"major", "minor"}

// Limits of what an idea holds.
const (
	TitleMax = 200    // characters
	BodyMax  = 10_000 // characters
	BPMMin   = 20
	BPMMax   = 300
	MoodsMax = 5
	MoodMax  = 24 // characters per mood
	// PrivateTagsMax bounds the private tags, in characters as typed.
	PrivateTagsMax = 300
)

// Key is a musical key: a pitch class and a mode.
type Key struct {
	Pitch int16
	Mode  string
}

// Value is the key as a form sends it: "9-minor".
func (k Key) Value() string { return fmt.Sprintf("%d-%s", k.Pitch, k.Mode) }

// Label is the key as people write it: "A minor".
func (k Key) Label() string { return Pitches[k.Pitch] + " " + k.Mode }

// Keys lists every key, C major first, in the order the form offers them.
func Keys() []Key {
	out := make([]Key, 0, len(Pitches)*len(Modes))
	for _, m := range Modes {
		for p := range Pitches {
			out = append(out, Key{Pitch: int16(p), Mode: m})
		}
	}
	return out
}

// ParseKey reads a key from its form value ("" is no key); problem says
// what is wrong with it.
func ParseKey(s string) (k Key, ok bool, problem string) {
	if s == "" {
		return Key{}, false, ""
	}
	for _, k := range Keys() {
		if k.Value() == s {
			return k, true, ""
		}
	}
	return Key{}, false, "Choose a key from the list."
}

// KeyOf is the stored key, if any.
func KeyOf(pitch pgtype.Int2, mode pgtype.Text) (Key, bool) {
	if !pitch.Valid || !mode.Valid || pitch.Int16 < 0 || int(pitch.Int16) >= len(Pitches) {
		return Key{}, false
	}
	return Key{Pitch: pitch.Int16, Mode: mode.String}, true
}

// ParseBPM reads a tempo: a whole number from BPMMin to BPMMax, or "".
func ParseBPM(s string) (bpm pgtype.Int2, problem string) {
	if s == "" {
		return pgtype.Int2{}, ""
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < BPMMin || n > BPMMax {
		return pgtype.Int2{}, fmt.Sprintf("Enter a BPM from %d to %d, as a whole number.", BPMMin, BPMMax)
	}
	return pgtype.Int2{Int16: int16(n), Valid: true}, ""
}

// ParseMoods reads mood tags typed as a comma-separated list (form.Tags):
// at most MoodsMax of at most MoodMax characters each.
func ParseMoods(s string) (moods []string, problem string) {
	return form.Tags(s, MoodsMax, MoodMax, "mood")
}

// Sorts are the orders the list offers; the first is the default.
var Sorts = []string{"newest", "oldest", "bpm", "key"}
