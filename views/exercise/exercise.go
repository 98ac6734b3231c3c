// Package exercise renders the exercise pages: the overview, the library
// and an exercise's history, workout templates and a workout session.
package exercise

import (
	"strconv"
	"time"

	"ignition/app/form"
	"ignition/views/components"
)

// The exercise pages' addresses.
const (
	URL          = "/exercise"
	UnitURL      = URL + "/unit"
	LibraryURL   = URL + "/library"
	TemplatesURL = URL + "/templates"
	SessionsURL  = URL + "/sessions"
	SetsURL      = URL + "/sets"
)

// Refresh is when the overview's workouts read themselves again: at once
// when a workout changes on any device (the live stream), every 30 s
// without it.
const Refresh = "live:exercise from:body, every 30s"

// ExerciseURL is an exercise's history.
func ExerciseURL(id string) string { return LibraryURL + "/" + id }

// TemplateURL is a template's page.
func TemplateURL(id string) string { return TemplatesURL + "/" + id }

// SessionURL is a session's page.
func SessionURL(id string) string { return SessionsURL + "/" + id }

// The kinds of exercise, as forms send them.
const (
	Strength   = "strength"
	Bodyweight = "bodyweight"
	Cardio     = "cardio"
)

// KindLabel names a kind of exercise.
func KindLabel(kind string) string {
	switch kind {
	case Strength:
		return "Strength"
	case Bodyweight:
		return "Bodyweight"
	case Cardio:
		return "Cardio"
	}
	return kind
}

// Choice is one option of a select.
type Choice = components.Option

// Exercise is an exercise as a list shows it.
type Exercise struct {
	ID, Name  string
	Muscles   string // "chest, triceps"
	Equipment string
	Kind      string
	Own       bool // the user's own, not built in
}

// Group is the exercises of one kind.
type Group struct {
	Kind      string
	Exercises []Exercise
}

// Template is a workout template as the overview lists it.
type Template struct {
	ID, Name  string
	Exercises int
}

// SessionRow is a session as a list shows it.
type SessionRow struct {
	ID, Name string
	Started  time.Time // local
	Finished bool
	Sets     int
	Volume   string // "2,400 kg"; "" when none
	Records  int
}

// HomeData is the overview: the running session, the templates and the
// latest sessions.
type HomeData struct {
	Unit      string
	Active    []SessionRow // the sessions not finished
	Templates []Template
	Recent    []SessionRow
	Older     bool // there are older sessions than Recent shows
	Form      TemplateForm
	Notice    string
}

// TemplateForm names a template.
type TemplateForm struct {
	Name   string `form:"name" label:"Name" validate:"required,max=80"`
	Errors form.Errors
}

// ExerciseForm adds an exercise of the user's own.
type ExerciseForm struct {
	Name      string `form:"name" label:"Name" validate:"required,max=80"`
	Muscles   string `form:"muscles" label:"Muscles" validate:"max=200"`
	Equipment string `form:"equipment" label:"Equipment" validate:"max=40"`
	Kind      string `form:"kind" label:"Kind" validate:"required,oneof=@exercise-kinds"`
	Errors    form.Errors
}

// LibraryData is the library: the exercises of the kind and words asked
// for, and the form to add one.
type LibraryData struct {
	Kind, Query string
	Groups      []Group
	Shown       int
	Form        ExerciseForm
	Notice      string
}

// Stat is one labelled figure.
type Stat struct{ Label, Value, Hint string }

// Record is one personal record as a list shows it.
type Record struct {
	Label, Value string
	When         time.Time // local
	SessionID    string
}

// HistoryRow is what one session did on an exercise.
type HistoryRow struct {
	SessionID, Name string
	When            time.Time // local
	Summary         string
}

// Chart is a line chart drawn on the server as SVG.
type Chart struct {
	Title         string // what it plots
	Points        []Point
	Line          string // the polyline's points attribute
	Width         int
	Height        int
	YLow, YHigh   string // the axis's bounds, labelled
	XFirst, XLast string
}

// Point is one point of a chart, placed and labelled.
type Point struct {
	X, Y  float64
	Label string
}

// ExerciseData is an exercise's page: its bests, records, chart and
// history.
type ExerciseData struct {
	Exercise Exercise
	Bests    []Stat
	Records  []Record
	Chart    Chart
	History  []HistoryRow
	Older    bool // the exercise has older records or sessions than shown
	Notice   string
}

// Item is one exercise of a template.
type Item struct {
	ID, Name    string
	Sets, Reps  int
	First, Last bool
}

// targetsForm is the form changing the item's targets: as refused, when edit
// is its own, or holding its targets.
func (it Item) targetsForm(edit ItemForm) ItemForm {
	if edit.Item == it.ID {
		return edit
	}
	return ItemForm{Item: it.ID, Sets: strconv.Itoa(it.Sets), Reps: strconv.Itoa(it.Reps)}
}

// ItemForm adds an exercise to a template.
type ItemForm struct {
	Item     string // the item whose targets change; "" for a new one
	Exercise string `form:"exercise_id" label:"Exercise" validate:"required"`
	Sets     string `form:"target_sets" label:"Sets" validate:"required,max=3"`
	Reps     string `form:"target_reps" label:"Reps" validate:"required,max=3"`
	Errors   form.Errors
}

// TemplateData is a template's page.
type TemplateData struct {
	ID      string
	Title   string       // its name as saved
	Name    TemplateForm // its name as the rename form holds it
	Items   []Item
	Library []Group // what can be added
	Form    ItemForm
	Edit    ItemForm // a refused change of an item's targets
	Notice  string
}

// SetRow is one logged set.
type SetRow struct {
	ID      string
	N       int    // its number within the exercise
	Text    string // "100 kg × 5 @ RPE 8"
	Records []string
	Form    SetForm // its edit form
	Editing bool    // the edit form is open (refused)
}

// SetForm logs a set.
type SetForm struct {
	Weight   string `form:"weight"`
	Reps     string `form:"reps"`
	RPE      string `form:"rpe"`
	Duration string `form:"duration"`
	Distance string `form:"distance"`
	Errors   form.Errors
}

// SessionExercise is one exercise of a session with its sets.
type SessionExercise struct {
	ID, Name, Kind string
	Target         string // "3 × 5"; "" when none
	Sets           []SetRow
	Form           SetForm
	Focus          bool // the set form to type in next
}

// SessionData is a session's page.
type SessionData struct {
	ID, Name     string
	Started      time.Time // local
	Finished     bool
	Unit         string
	DistanceUnit string
	Exercises    []SessionExercise
	Library      []Group // what can be added
	Celebrate    []string
	Summary      []Stat
	Notice       string
	AddError     string
}
