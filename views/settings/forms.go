// Package settings renders the settings pages.
package settings

import (
	"time"

	"ignition/app/form"
	"ignition/views/components"
	"ignition/views/layout"
)

// ThemeForm chooses the colour theme.
type ThemeForm struct {
	Theme    string `form:"theme" label:"Theme" validate:"required,oneof=@theme"`
	ReturnTo string `form:"return_to"`
	Errors   form.Errors
}

// PreferencesForm holds the preferences other features use. Check boxes
// submit "on" when ticked and nothing otherwise.
type PreferencesForm struct {
	TimeZone            string `form:"time_zone" label:"Time zone" validate:"required,max=64"`
	WeekStart           string `form:"week_start" label:"First day of the week" validate:"required,oneof=@week_start"`
	DAW                 string `form:"daw" label:"DAW" validate:"oneof=@daw"`
	OS                  string `form:"os" label:"Operating system" validate:"oneof=@os"`
	NotifyReminders     string `form:"notify_reminders"`
	NotifyFocusEnd      string `form:"notify_focus_end"`
	NotifyWeeklySummary string `form:"notify_weekly_summary"`
	ZoneNote            string // a change of time zone still taking effect
	Errors              form.Errors
}

// DeleteAccountForm confirms account deletion by typing the account email.
type DeleteAccountForm struct {
	Confirm string `form:"confirm" label:"Confirmation" validate:"required,max=254"`
	Errors  form.Errors
}

// Session is one row of the sessions list.
type Session struct {
	ID       string
	Device   string
	Created  time.Time
	LastSeen time.Time
	Current  bool
}

// Passkey is one row of the passkeys list.
type Passkey struct {
	ID       string
	Name     string
	Created  time.Time
	LastUsed *time.Time
	PRF      bool
}

// RenamePasskeyForm renames a passkey.
type RenamePasskeyForm struct {
	ID     string `form:"-"`
	Name   string `form:"name" label:"Name" validate:"required,max=60"`
	Errors form.Errors
}

// Reauth is a way to prove identity again before a sensitive change: a
// link, or with Passkey a passkey ceremony started at Href.
type Reauth struct {
	Label   string
	Href    string
	Passkey bool
}

// Choice is one option of a select.
type Choice = components.Option

// DAWs and Systems are the offered DAW and operating-system choices.
var (
	DAWs    = []Choice{{Value: "", Label: "Not set"}, {Value: "ableton", Label: "Ableton Live"}, {Value: "fl", Label: "FL Studio"}, {Value: "logic", Label: "Logic Pro"}}
	Systems = []Choice{{Value: "", Label: "Not set"}, {Value: "macos", Label: "macOS"}, {Value: "windows", Label: "Windows"}}
	Weeks   = []Choice{{Value: "1", Label: "Monday"}, {Value: "0", Label: "Sunday"}}
)

// themeOptions are the theme choices as radio buttons.
func themeOptions() []components.Option {
	out := make([]components.Option, len(layout.Themes))
	for i, t := range layout.Themes {
		out[i] = components.Option{Value: t.Value, Label: t.Label}
	}
	return out
}
