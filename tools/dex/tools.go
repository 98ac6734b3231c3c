//go:build tools

// Package tools pins the Dex OpenID Connect provider (v2.45.1) that the
// sign-in tests run against. The Makefile builds it from this module.
package tools

import _ "github.com/dexidp/dex/cmd/dex"
