package static

import (
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/andybalholm/brotli"
	"github.com/labstack/echo/v4"
)

// htmxSHA256 pins the vendored htmx 2.0.11 (see scripts/vendor-htmx.sh).
const htmxSHA256 = "d6fdc75f204e6bdefa99b69bf1e6d4ac69b8a364f77929f45c13476b4000f717"

func TestVendoredHTMXIsThePinnedRelease(t *testing.T) {
	t.Parallel()
	a, ok := Default.Lookup("vendor/htmx.min.js")
	if !ok {
		t.Fatal("htmx is not vendored")
	}
	sum := sha256.Sum256(a.Body)
	if hex.EncodeToString(sum[:]) != htmxSHA256 {
		t.Fatal("assets/vendor/htmx.min.js differs from the pinned htmx.org@2.0.11")
	}
}

func serve(s *Set, path, acceptEncoding, etag string) *httptest.ResponseRecorder {
	e := echo.New()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	if acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", acceptEncoding)
	}
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	rec := httptest.NewRecorder()
	if err := s.Handler(e.NewContext(req, rec)); err != nil {
		e.HTTPErrorHandler(err, e.NewContext(req, rec))
	}
	return rec
}

func TestHashedURLsImmutableAndCompressed(t *testing.T) {
	t.Parallel()
	css := strings.Repeat("body { color: red; }\n", 100)
	s, err := Load(fstest.MapFS{"css/app.css": {Data: []byte(css)}, "icons/a.svg": {Data: []byte("<svg/>")}})
	if err != nil {
		t.Fatal(err)
	}
	url := s.URL("css/app.css")
	if !regexp.MustCompile(`^/assets/css/app\.[0-9a-f]{12}\.css$`).MatchString(url) {
		t.Fatalf("URL = %s", url)
	}

	rec := serve(s, url, "gzip, deflate", "")
	if rec.Code != 200 || rec.Header().Get("Content-Encoding") != "gzip" || !strings.Contains(rec.Header().Get("Cache-Control"), "immutable") {
		t.Fatalf("gzip response: %d %v", rec.Code, rec.Header())
	}
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	if body, _ := io.ReadAll(zr); string(body) != css {
		t.Error("gzip body does not decode to the file")
	}
	rec = serve(s, url, "gzip, deflate, br", "")
	if rec.Header().Get("Content-Encoding") != "br" {
		t.Fatalf("a browser taking br got %q", rec.Header().Get("Content-Encoding"))
	}
	if body, _ := io.ReadAll(brotli.NewReader(rec.Body)); string(body) != css {
		t.Error("brotli body does not decode to the file")
	}
	if rec := serve(s, url, "br;q=0, gzip", ""); rec.Header().Get("Content-Encoding") != "gzip" {
		t.Error("br sent though refused")
	}
	if rec := serve(s, url, "", ""); rec.Header().Get("Content-Encoding") != "" || rec.Body.String() != css {
		t.Error("plain response is wrong")
	}
	if rec := serve(s, url, "gzip;q=0", ""); rec.Header().Get("Content-Encoding") != "" {
		t.Error("gzip sent though refused")
	}
	if rec := serve(s, url, "gzip", rec.Header().Get("ETag")); rec.Code != http.StatusNotModified {
		t.Errorf("If-None-Match: %d, want 304", rec.Code)
	}
	if rec := serve(s, "/assets/css/app.css", "", ""); rec.Code != http.StatusNotFound {
		t.Errorf("unhashed name: %d, want 404", rec.Code)
	}
	if rec := serve(s, s.URL("icons/a.svg"), "gzip", ""); rec.Header().Get("Content-Encoding") != "" || rec.Header().Get("Content-Type") != "image/svg+xml" {
		t.Error("tiny file compressed or mistyped")
	}
}
