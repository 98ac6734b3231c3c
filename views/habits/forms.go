// Package habits renders the habit pages.
package habits

import (
	"time"

	"ignition/app/form"
	"ignition/views/components"
)

// HabitForm creates or edits a habit.
type HabitForm struct {
	Title        string   `form:"title" label:"Title" validate:"required,max=80"`
	Description  string   `form:"description" label:"Description" validate:"max=500"`
	Cadence      string   `form:"cadence" label:"Cadence" validate:"required,oneof=@cadence"`
	Weekdays     []string `form:"weekday"`
	TimesPerWeek string   `form:"times_per_week" label:"Times per week" validate:"max=1"`
	Reminder     string   `form:"reminder" label:"Reminder" validate:"max=5"`
	Skill        string   `form:"skill" label:"Skill" validate:"required,oneof=@skill"`
	Errors       form.Errors
}

// Row is one habit in the list.
type Row struct {
	ID        string
	Title     string
	Schedule  string // e.g. "Every day", "Mon, Wed, Fri", "3 times a week"
	Skill     string
	Streak    int
	Unit      string
	DoneToday bool
	DueToday  bool
	WeekCount int
	WeekGoal  int
	Reminder  string
	Notice    string // why the last action on it changed nothing
}

// Detail is a habit's page.
type Detail struct {
	Row
	Description string
	Longest     int
	Rate7       int
	Rate30      int
	Rate90      int
	Missed30    int
	Archived    bool
	Heatmap     [][]Cell
}

// Cell is one day of the heatmap.
type Cell struct {
	Day   time.Time
	State string
}

// Choice is one option of a select or radio group.
type Choice = components.Option

// Cadences and Skills are the offered choices; WeekdayNames are the days
// in the user's week order.
var (
	Cadences = []Choice{{Value: "daily", Label: "Every day"}, {Value: "weekdays", Label: "On chosen days"}, {Value: "weekly", Label: "Times per week"}}
)
