// Package assets holds the static files the app serves: CSS, icons, the chime
// and the JavaScript. The static package serves them under hashed names.
package assets

import "embed"

// FS holds every static file.
//
//go:embed css js vendor icons audio
var FS embed.FS
