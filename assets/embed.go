// Package assets holds the static files the app serves: CSS, icons and the
// vendored JavaScript. The static package serves them under hashed names.
package assets

import "embed"

// FS holds every static file.
//
//go:embed css js vendor icons
var FS embed.FS
