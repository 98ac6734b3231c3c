// Package static serves the embedded assets under content-hashed URLs with
// immutable caching and precompressed gzip bodies.
package static

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/andybalholm/brotli"
	"github.com/labstack/echo/v4"

	"ignition/assets"
)

// Prefix is the URL path under which assets are served.
const Prefix = "/assets/"

// Asset is one file, ready to serve.
type Asset struct {
	Name        string // path inside the assets folder, e.g. css/app.css
	URL         string // hashed URL, e.g. /assets/css/app.1a2b3c4d.css
	ContentType string
	ETag        string
	Integrity   string // Subresource Integrity: sha384-<base64>
	Body        []byte
	Gzip        []byte // nil when compression does not pay
	Brotli      []byte // likewise; smaller, for browsers that take br
}

// Set is a collection of assets addressed by name and by hashed URL.
type Set struct {
	byName map[string]*Asset
	byURL  map[string]*Asset
}

// Default is the set built from the embedded assets.
var Default = MustLoad(assets.FS)

// integrity is the Subresource Integrity value of body, which a script
// tag carries so the browser runs only these exact bytes.
func integrity(body []byte) string {
	sum := sha512.Sum384(body)
	return "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
}

// Integrity returns the Subresource Integrity value of the named asset in
// the default set.
func Integrity(name string) string {
	if a := Default.byName[name]; a != nil {
		return a.Integrity
	}
	panic("static: no asset " + name)
}

// URL returns the hashed URL of the named asset in the default set.
func URL(name string) string { return Default.URL(name) }

// MustLoad builds a set from fsys and panics on failure; the files are
// embedded, so a failure is a build defect.
func MustLoad(fsys fs.FS) *Set {
	s, err := Load(fsys)
	if err != nil {
		panic(err)
	}
	return s
}

// Load reads every file of fsys, hashes it and precompresses it.
func Load(fsys fs.FS) (*Set, error) {
	s := &Set{byName: map[string]*Asset{}, byURL: map[string]*Asset{}}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(name, ".go") {
			return err
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		hash := hex.EncodeToString(sum[:])[:12]
		ext := path.Ext(name)
		a := &Asset{
			Name:        name,
			URL:         Prefix + strings.TrimSuffix(name, ext) + "." + hash + ext,
			ContentType: contentType(ext),
			ETag:        `"` + hash + `"`,
			Integrity:   integrity(body),
			Body:        body,
			Gzip:        compress(body),
			Brotli:      compressBrotli(body),
		}
		s.byName[name] = a
		s.byURL[a.URL] = a
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("static: unable to load assets: %w", err)
	}
	return s, nil
}

// URL returns the hashed URL of the named asset. An unknown name is a
// programming error and panics, which the page tests catch.
func (s *Set) URL(name string) string {
	a, ok := s.byName[name]
	if !ok {
		panic("static: unknown asset " + name)
	}
	return a.URL
}

// Lookup returns the named asset.
func (s *Set) Lookup(name string) (*Asset, bool) {
	a, ok := s.byName[name]
	return a, ok
}

// Handler serves the assets of the set by hashed URL.
func (s *Set) Handler(c echo.Context) error {
	a, ok := s.byURL[c.Request().URL.Path]
	if !ok {
		return echo.ErrNotFound
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, a.ContentType)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", a.ETag)
	h.Add(echo.HeaderVary, echo.HeaderAcceptEncoding)
	if c.Request().Header.Get("If-None-Match") == a.ETag {
		return c.NoContent(http.StatusNotModified)
	}
	body := a.Body
	switch {
	case a.Brotli != nil && accepts(c.Request(), "br"):
		h.Set(echo.HeaderContentEncoding, "br")
		body = a.Brotli
	case a.Gzip != nil && accepts(c.Request(), "gzip"):
		h.Set(echo.HeaderContentEncoding, "gzip")
		body = a.Gzip
	}
	return c.Blob(http.StatusOK, a.ContentType, body)
}

// accepts reports whether the request takes the content coding.
func accepts(r *http.Request, coding string) bool {
	for _, part := range strings.Split(r.Header.Get(echo.HeaderAcceptEncoding), ",") {
		name, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(name) == coding && strings.ReplaceAll(q, " ", "") != "q=0" {
			return true
		}
	}
	return false
}

func contentType(ext string) string {
	switch ext {
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".webmanifest":
		return "application/manifest+json"
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

func compressBrotli(body []byte) []byte {
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, brotli.BestCompression)
	w.Write(body)
	w.Close()
	if buf.Len() >= len(body) {
		return nil
	}
	return buf.Bytes()
}

func compress(body []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(body)
	zw.Close()
	if buf.Len() >= len(body) {
		return nil
	}
	return buf.Bytes()
}
