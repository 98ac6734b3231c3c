// Command icons draws the app's PNG icons from the logo (assets/icons/icon.svg:
// a bolt on a rounded dark square) for the web app manifest: 192 and 512 px,
// and a 512 px maskable one whose bolt keeps inside the safe zone. The same
// bytes every run.
package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"os"
	"path/filepath"

	"golang.org/x/image/vector"
)

var (
	background = color.RGBA{0x1a, 0x1c, 0x22, 0xff}
	bolt       = color.RGBA{0xfb, 0x92, 0x3c, 0xff}
	// The bolt's outline in the logo's 64-unit square.
	boltPath = [][2]float32{{34, 6}, {14, 36}, {29, 36}, {26, 58}, {50, 26}, {34, 26}}
)

func main() {
	dir := "assets/icons"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	for _, icon := range []struct {
		name     string
		size     int
		maskable bool
	}{{"icon-192.png", 192, false}, {"icon-512.png", 512, false}, {"icon-maskable-512.png", 512, true}} {
		var buf bytes.Buffer
		if err := png.Encode(&buf, draw1(icon.size, icon.maskable)); err != nil {
			fail(err)
		}
		if err := os.WriteFile(filepath.Join(dir, icon.name), buf.Bytes(), 0o644); err != nil {
			fail(err)
		}
	}
}

// draw1 renders the logo at size px. A maskable icon fills the square (the
// platform cuts its own shape) and shrinks the bolt to the central 60%.
func draw1(size int, maskable bool) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	s := float32(size) / 64
	if maskable {
		draw.Draw(img, img.Bounds(), image.NewUniform(background), image.Point{}, draw.Src)
	} else {
		fill(img, roundedSquare(s, 14*s), background)
	}
	scale, offset := s, float32(0)
	if maskable {
		scale, offset = s*0.6, float32(size)*0.2
	}
	var pts [][2]float32
	for _, p := range boltPath {
		pts = append(pts, [2]float32{offset + p[0]*scale, offset + p[1]*scale})
	}
	fill(img, pts, bolt)
	return img
}

// roundedSquare is the outline of the 64-unit square, scaled by s, with
// corners of radius r, as a polygon fine enough to look round.
func roundedSquare(s, r float32) [][2]float32 {
	w := 64 * s
	var pts [][2]float32
	corners := [][3]float32{{w - r, r, -90}, {w - r, w - r, 0}, {r, w - r, 90}, {r, r, 180}}
	for _, c := range corners {
		for i := 0; i <= 16; i++ {
			a := float64(c[2]+float32(i)*90/16) * math.Pi / 180
			pts = append(pts, [2]float32{c[0] + r*float32(math.Cos(a)), c[1] + r*float32(math.Sin(a))})
		}
	}
	return pts
}

// fill paints the polygon onto img in c, antialiased.
func fill(img *image.RGBA, pts [][2]float32, c color.RGBA) {
	b := img.Bounds()
	r := vector.NewRasterizer(b.Dx(), b.Dy())
	r.MoveTo(pts[0][0], pts[0][1])
	for _, p := range pts[1:] {
		r.LineTo(p[0], p[1])
	}
	r.ClosePath()
	r.Draw(img, b, image.NewUniform(c), image.Point{})
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "icons:", err)
	os.Exit(1)
}
