// Command chime writes the chime the app plays when a focus session ends:
// a soft two-note bell as a 16-bit mono WAV, the same bytes every run.
package main

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
)

const (
	rate    = 11025
	seconds = 0.9
)

func main() {
	n := int(math.Round(rate * seconds))
	samples := make([]int16, n)
	// Two bell partials per note, the second note a fifth above, each
	// decaying; a short attack keeps the start from clicking.
	notes := []struct{ at, freq float64 }{{0, 784}, {0.18, 1175}}
	for i := range samples {
		t := float64(i) / rate
		v := 0.0
		for _, note := range notes {
			if t < note.at {
				continue
			}
			u := t - note.at
			env := math.Exp(-u*5) * math.Min(1, u/0.005)
			v += env * (0.6*math.Sin(2*math.Pi*note.freq*u) + 0.25*math.Sin(2*math.Pi*note.freq*2.76*u))
		}
		samples[i] = int16(math.Round(v * 0.45 * math.MaxInt16))
	}
	var b bytes.Buffer
	size := uint32(2 * n)
	b.WriteString("RIFF")
	binary.Write(&b, binary.LittleEndian, 36+size)
	b.WriteString("WAVEfmt ")
	for _, v := range []any{uint32(16), uint16(1), uint16(1), uint32(rate), uint32(rate * 2), uint16(2), uint16(16)} {
		binary.Write(&b, binary.LittleEndian, v) // format: PCM, mono, 16-bit
	}
	b.WriteString("data")
	binary.Write(&b, binary.LittleEndian, size)
	binary.Write(&b, binary.LittleEndian, samples)
	os.Stdout.Write(b.Bytes())
}
