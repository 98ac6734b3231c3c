// Package auth renders the sign-in pages.
package auth

import "ignition/app/form"

// DevSignInForm is the development sign-in: an email, and a name for a new
// account.
type DevSignInForm struct {
	Email  string `form:"email" label:"Email" validate:"required,email,max=254"`
	Name   string `form:"name" label:"Name" validate:"max=100"`
	Errors form.Errors
}
