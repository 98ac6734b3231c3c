// Package auth renders the sign-in and onboarding pages.
package auth

import "ignition/app/form"

// DevSignInForm is the development sign-in: an email, and a name for a new
// account.
type DevSignInForm struct {
	Email  string `form:"email" label:"Email" validate:"required,email,max=254"`
	Name   string `form:"name" label:"Name" validate:"max=100"`
	Next   string `form:"next"`
	Errors form.Errors
}

// AgeForm asks for the date of birth (yyyy-mm-dd).
type AgeForm struct {
	BirthDate string `form:"birth_date" label:"Date of birth" validate:"required,max=10"`
	Errors    form.Errors
}

// TermsForm records acceptance of the terms.
type TermsForm struct {
	Accept string `form:"accept" label:"Acceptance" validate:"required,oneof=yes"`
	Errors form.Errors
}

// Provider is a sign-in button.
type Provider struct {
	Name string
	Href string
}
