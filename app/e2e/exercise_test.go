//go:build !fast

package e2e

import (
	"testing"
	"time"

	"github.com/playwright-community/playwright-go"
)

func TestExerciseWorkoutFromATemplateSetsARecord(t *testing.T) {
	t.Parallel()
	app := startApp(t)
	tab := app.NewTab(t)
	tab.SignIn("lifter-e2e@example.com", "")
	tab.Click(`.sidebar a:has-text("Exercise")`)
	tab.WaitForPath("/exercise")
	tab.ExpectText("#templates-empty", "No templates yet")

	// A template with two exercises, in the order wanted.
	tab.Fill("#template-name", "Push day")
	tab.Click(`button:has-text("Make template")`)
	tab.WaitForPath("/exercise/templates/*")
	for _, e := range []struct{ name, sets, reps string }{{"Overhead Press", "3", "8"}, {"Bench Press", "3", "5"}} {
		if _, err := tab.Page.Locator("#item-exercise").SelectOption(playwright.SelectOptionValues{Labels: &[]string{e.name}}); err != nil {
			t.Fatal(err)
		}
		tab.Fill("#item-sets", e.sets)
		tab.Fill("#item-reps", e.reps)
		tab.Click(`#item-form button[type=submit]`)
		tab.WaitForPath("/exercise/templates/*?done=added")
	}
	tab.Click(`button[aria-label="Move Bench Press up"]`)
	tab.WaitForPath("/exercise/templates/*?done=moved*")
	tab.ExpectText("#item-list li:first-child", "Bench Press")
	tab.Audit()

	// The workout: a set refused as typed, then records, celebrated in place.
	tab.Click(`button:has-text("Start this workout")`)
	tab.WaitForPath("/exercise/sessions/*")
	tab.ExpectText("h1", "Push day")
	bench := `.exercise-block:has(h2:has-text("Bench Press")) `
	log := bench + "> form.set-form " // the next set's form (each set has its edit form too)
	tab.ExpectValue(log+`input[name=reps]`, "5")
	tab.Fill(log+`input[name=weight]`, "sixty")
	tab.Click(log + `button[type=submit]`)
	tab.ExpectText(bench+".field-error", "Enter the weight in kg")
	tab.ExpectValue(log+`input[name=weight]`, "sixty")
	tab.Fill(log+`input[name=weight]`, "60")
	tab.Click(log + `button[type=submit]`)
	tab.ExpectText("#exercise-pr", "Bench Press: Heaviest weight: 60 kg")
	tab.ExpectText(bench+".exercise-sets", "60 kg × 5")
	tab.ExpectValue(log+`input[name=weight]`, "60") // the next set starts like the last
	tab.Fill(log+`input[name=weight]`, "62.5")
	tab.Fill(log+`input[name=rpe]`, "8.5")
	tab.Click(log + `button:has-text("Log set 2")`)
	tab.ExpectText("#exercise-pr", "Heaviest weight: 62.5 kg")
	tab.ExpectText(bench+".exercise-sets li:nth-child(2)", "62.5 kg × 5 @ RPE 8.5")
	tab.ExpectText(bench+".exercise-sets li:nth-child(2) .badge-pr", "Heaviest")
	tab.Audit()
	first := bench + ".exercise-sets li:nth-child(1) "
	tab.Click(first + "summary")
	tab.Fill(first+"input[name=reps]", "6")
	tab.Click(first + `button:has-text("Save set 1")`)
	tab.ExpectText(first, "60 kg × 6")
	tab.Audit()

	// Finished, it is summed up and paid; the exercise's page lists the
	// record and charts the session.
	tab.Click("#session-finish")
	tab.WaitForPath("/exercise/sessions/*?done=finished")
	tab.ExpectText("#session-summary", "Records")
	tab.ExpectText(".alert-ok", "Workout finished")
	session := tab.Page.URL()
	tab.Click(bench + "h2 a")
	tab.WaitForPath("/exercise/library/*")
	tab.ExpectText("#exercise-records", "Heaviest weight: 62.5 kg")
	tab.ExpectText("#exercise-bests", "62.5 kg")
	if n, err := tab.Page.Locator("#exercise-chart circle").Count(); err != nil || n != 1 {
		t.Errorf("the chart draws %d points (%v), want the one session", n, err)
	}
	tab.Visit("/progress")
	tab.ExpectText("main", "Finished the workout")

	// On a phone, the pages fit.
	phone := app.newTab(t, 390)
	phone.SignIn("lifter-e2e@example.com", "")
	for _, path := range []string{"/exercise", "/exercise/library", session} {
		phone.Visit(path)
		phone.ExpectFits(390)
	}
}

func TestPlannerWorkoutOpensAnExerciseSession(t *testing.T) {
	t.Parallel()
	app := startApp(t)
	tab := app.NewTab(t)
	tab.SignIn("planned-e2e@example.com", "")
	tab.Visit("/planner/events/new")
	tab.Fill("#event-title", "Leg day")
	if _, err := tab.Page.Locator("#event-kind").SelectOption(selectValue("workout")); err != nil {
		t.Fatal(err)
	}
	tab.Click(`#event-form button[type=submit]`)
	tab.WaitForPath("/planner?done=saved")
	today := time.Now().Format(time.DateOnly)
	tab.Visit("/planner/week/" + today)
	tab.Click(`#day-` + today + ` .planner-action button`)
	tab.WaitForPath("/exercise/sessions/*")
	tab.ExpectText("h1", "Leg day")
	if _, err := tab.Page.Locator("#session-exercise").SelectOption(playwright.SelectOptionValues{Labels: &[]string{"Back Squat"}}); err != nil {
		t.Fatal(err)
	}
	tab.Click(`#session-add button[type=submit]`)
	tab.ExpectText(".exercise-block h2", "Back Squat")
	tab.Fill(`.exercise-block > form.set-form input[name=weight]`, "100")
	tab.Fill(`.exercise-block > form.set-form input[name=reps]`, "5")
	tab.Click(`.exercise-block button:has-text("Log set 1")`)
	tab.ExpectText("#exercise-pr", "Back Squat: Heaviest weight: 100 kg")
	session := tab.Page.URL()

	// The same occurrence opens the same session again.
	tab.Visit("/planner/week/" + today)
	tab.Click(`#day-` + today + ` .planner-action button`)
	tab.WaitForPath("/exercise/sessions/*")
	if tab.Page.URL() != session {
		t.Errorf("the workout opened %s, not its session %s", tab.Page.URL(), session)
	}
	tab.ExpectText(".exercise-sets", "100 kg × 5")
	// A set logged on the phone shows at once on the desktop's overview
	// (the live stream; its 30 s poll would be too late for this wait).
	tab.Visit("/exercise")
	tab.ExpectText("#exercise-active", "Under way: Leg day")
	tab.ExpectText("#exercise-active", "1 set")
	phone := app.newTab(t, 390)
	phone.SignIn("planned-e2e@example.com", "")
	phone.Visit(session) // running: a set form per exercise
	phone.ExpectFits(390)
	phone.Click(`.exercise-block button:has-text("Log set 2")`)
	phone.ExpectText(".exercise-sets li:nth-child(2)", "100 kg × 5")
	if err := expectText(tab, "#exercise-active", "2 sets", 5*time.Second); err != nil {
		t.Errorf("the desktop's overview did not show the phone's set: %v", err)
	}
	tab.ExpectText("#session-list", "Leg day")
}
