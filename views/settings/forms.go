// Package settings renders the settings pages.
package settings

import "ignition/app/form"

// ThemeForm chooses the colour theme.
type ThemeForm struct {
	Theme    string `form:"theme" label:"Theme" validate:"required,oneof=system dark light"`
	ReturnTo string `form:"return_to"`
	Errors   form.Errors
}
