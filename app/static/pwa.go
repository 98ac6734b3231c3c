package static

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// ServiceWorkerURL is where the service worker is served: at the root, so
// its scope is the whole app, and under a fixed name, so a browser finds
// its new version there.
const ServiceWorkerURL = "/sw.js"

// ManifestURL is the web app manifest's address.
const ManifestURL = "/manifest.webmanifest"

// shellAssets are what the service worker keeps for offline use: every
// page's styles, scripts (the shell's and the page bundles) and icons,
// under their hashed URLs.
var shellAssets = []string{"css/app.css", "vendor/htmx.min.js", "js/app.js", "js/island.js",
	"js/passkeys.js", "js/push.js", "js/memo.js", "js/markdown.js", "js/searchbox.js",
	"js/vaultsetup.js", "js/vaultkeys.js", "js/vaultrotate.js",
	"icons/icon.svg", "icons/icon-192.png", "audio/chime.wav"}

// ServiceWorker serves the service worker: js/sw.js after the list of the
// shell's hashed URLs and a version naming them, so a new release is a new
// worker that keeps the new shell and drops the old. Browsers check it on
// navigation; it is never cached for long.
func (s *Set) ServiceWorker(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "no-cache")
	return c.Blob(http.StatusOK, "text/javascript; charset=utf-8", s.serviceWorker())
}

func (s *Set) serviceWorker() []byte {
	urls := make([]string, len(shellAssets))
	for i, name := range shellAssets {
		urls[i] = s.URL(name)
	}
	list, _ := json.Marshal(urls)
	sum := sha256.Sum256([]byte(strings.Join(urls, "\n")))
	return []byte("var SHELL = " + string(list) + ";\nvar VERSION = \"" + hex.EncodeToString(sum[:6]) + "\";\nvar ICON = \"" + s.URL("icons/icon-192.png") + "\";\n" +
		string(s.byName["js/sw.js"].Body))
}

// Manifest serves the web app manifest that makes the app installable:
// its name, start page, standalone display, colours and icons (192 and 512
// px, and a maskable one), under their hashed URLs.
func (s *Set) Manifest(c echo.Context) error {
	type icon struct {
		Src     string `json:"src"`
		Sizes   string `json:"sizes"`
		Type    string `json:"type"`
		Purpose string `json:"purpose,omitempty"`
	}
	m := map[string]any{
		"id": "/today", "name": "Ignition OS", "short_name": "Ignition", "description": "Your day, focus, habits and music ideas.",
		"start_url": "/today", "scope": "/", "display": "standalone", "orientation": "any",
		"background_color": "#1a1c22", "theme_color": "#1a1c22",
		"icons": []icon{
			{Src: s.URL("icons/icon-192.png"), Sizes: "192x192", Type: "image/png"},
			{Src: s.URL("icons/icon-512.png"), Sizes: "512x512", Type: "image/png"},
			{Src: s.URL("icons/icon-maskable-512.png"), Sizes: "512x512", Type: "image/png", Purpose: "maskable"},
		},
	}
	c.Response().Header().Set("Cache-Control", "no-cache")
	body, _ := json.Marshal(m)
	return c.Blob(http.StatusOK, "application/manifest+json", body)
}
