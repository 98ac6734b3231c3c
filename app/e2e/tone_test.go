//go:build !fast

package e2e

import (
	"bytes"
	le "encoding/binary"
	"math"
)

// toneWAV is seconds of a sine at hz, 16-bit mono at 48 kHz: a known
// sound for the fake microphone.
func toneWAV(hz float64, seconds int) []byte {
	const rate = 48000
	n := rate * seconds
	var b bytes.Buffer
	w := func(v any) { le.Write(&b, le.LittleEndian, v) }
	b.WriteString("RIFF")
	w(uint32(36 + 2*n))
	b.WriteString("WAVEfmt ")
	w(uint32(16))
	w(uint16(1)) // PCM
	w(uint16(1)) // mono
	w(uint32(rate))
	w(uint32(2 * rate))
	w(uint16(2))
	w(uint16(16))
	b.WriteString("data")
	w(uint32(2 * n))
	for i := range n {
		w(int16(12000 * math.Sin(2*math.Pi*hz*float64(i)/rate)))
	}
	return b.Bytes()
}
