package static

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"
)

func get(t *testing.T, h echo.HandlerFunc, path string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	if err := h(echo.New().NewContext(httptest.NewRequest(http.MethodGet, path, nil), rec)); err != nil {
		t.Fatal(err)
	}
	return rec
}

// TestServiceWorkerNamesTheShell: the worker starts with the hashed URLs of
// the shell (each one served), and a version that changes with them.
func TestServiceWorkerNamesTheShell(t *testing.T) {
	t.Parallel()
	rec := get(t, Default.ServiceWorker, ServiceWorkerURL)
	body := rec.Body.String()
	if rec.Header().Get("Cache-Control") != "no-cache" || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/javascript") {
		t.Errorf("served as %q, %q", rec.Header().Get("Content-Type"), rec.Header().Get("Cache-Control"))
	}
	line, _, _ := strings.Cut(strings.TrimPrefix(body, "var SHELL = "), ";\n")
	var urls []string
	if err := json.Unmarshal([]byte(line), &urls); err != nil || len(urls) != len(shellAssets) {
		t.Fatalf("the shell list is %q (%v)", line, err)
	}
	for _, u := range urls {
		if _, ok := Default.byURL[u]; !ok {
			t.Errorf("the worker keeps %s, which is not served", u)
		}
	}
	if !strings.Contains(body, `self.addEventListener("fetch"`) || !strings.Contains(body, "var VERSION = \"") {
		t.Error("the worker's code is missing")
	}
}

// TestManifestMakesTheAppInstallable: name, start page, standalone, and
// icons of 192 and 512 px (one maskable) that are served as PNGs.
func TestManifestMakesTheAppInstallable(t *testing.T) {
	t.Parallel()
	rec := get(t, Default.Manifest, ManifestURL)
	var m struct {
		Name, ShortName, StartURL, Display string
		Icons                              []struct{ Src, Sizes, Type, Purpose string }
	}
	raw := strings.NewReplacer(`"short_name"`, `"ShortName"`, `"start_url"`, `"StartURL"`).Replace(rec.Body.String())
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		t.Fatal(err)
	}
	if rec.Header().Get("Content-Type") != "application/manifest+json" || m.Name == "" || m.ShortName == "" || m.StartURL != "/today" || m.Display != "standalone" {
		t.Errorf("manifest %+v", m)
	}
	sizes := map[string]bool{}
	for _, icon := range m.Icons {
		a, ok := Default.byURL[icon.Src]
		if !ok || icon.Type != "image/png" || a.ContentType != "image/png" || string(a.Body[1:4]) != "PNG" {
			t.Errorf("icon %+v is not a served PNG", icon)
		}
		sizes[icon.Sizes+icon.Purpose] = true
	}
	if !sizes["192x192"] || !sizes["512x512"] || !sizes["512x512maskable"] {
		t.Errorf("icons %v", sizes)
	}
}
