package exercise_test

import (
	"net/http"
	"strings"
	"testing"

	"ignition/app/apptest"
)

// location is where a response redirects, without its query.
func location(t *testing.T, r *apptest.Response) string {
	t.Helper()
	l := r.Header.Get("Location")
	if l == "" {
		l = r.Header.Get("HX-Redirect")
	}
	if l == "" {
		t.Fatalf("%s %s did not redirect (status %d)", r.Request.Method, r.Request.URL.Path, r.StatusCode)
	}
	l, _, _ = strings.Cut(l, "?")
	return l
}

// exerciseID is the id of the built-in (or the user's) exercise named name.
func exerciseID(t *testing.T, env *apptest.Env, name string) string {
	t.Helper()
	var id string
	if err := env.Pool.QueryRow(t.Context(), `SELECT id::text FROM exercises WHERE name = $1 ORDER BY user_id NULLS FIRST LIMIT 1`, name).Scan(&id); err != nil {
		t.Fatalf("no exercise %q: %v", name, err)
	}
	return id
}

func TestLibraryBuiltInAndOwn(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("lifter@example.com", "")

	lib := c.Get("/exercise/library").Do().AssertStatus(http.StatusOK)
	if n := lib.Doc().Find(".exercise-list > li").Length(); n < 60 {
		t.Errorf("the library holds %d exercises, want at least 60", n)
	}
	lib.AssertText("#kind-strength", "Strength").AssertText("#kind-cardio", "Cardio")
	cardio := c.Get("/exercise/library?kind=cardio&q=row").Do().AssertStatus(http.StatusOK)
	if n := cardio.Doc().Find(".exercise-list > li").Length(); n != 1 || !strings.Contains(cardio.Text(".exercise-list"), "Rowing Machine") {
		t.Errorf("cardio matching “row” lists %d: %s", n, cardio.Text(".exercise-list"))
	}
	c.Get("/exercise/library?q=zzzz").Do().AssertText("#library-empty", "No exercise matches")

	// Refused with reasons and kept as typed; then added, once per name.
	bad := c.Post("/exercise/library").Form("name", "", "kind", "yoga", "muscles", "core").Do().AssertStatus(http.StatusUnprocessableEntity)
	bad.AssertText("#exercise-name-error", "Name is required").AssertText("#exercise-kind-error", "Choose one of the offered options")
	if v, _ := bad.Attr("#exercise-muscles", "value"); v != "core" {
		t.Errorf("the muscles typed are lost: %q", v)
	}
	c.Post("/exercise/library").Form("name", "Landmine Press", "kind", "strength", "muscles", "Shoulders, chest, shoulders", "equipment", "barbell").Do().
		AssertRedirect("/exercise/library?done=added")
	c.Post("/exercise/library").Form("name", "landmine press", "kind", "strength").Do().AssertStatus(http.StatusUnprocessableEntity).
		AssertText("#exercise-name-error", "already")
	mine := c.Get("/exercise/library?q=landmine").Do()
	mine.AssertText(".exercise-list", "Landmine Press").AssertText(".exercise-list", "shoulders, chest").AssertText(".exercise-list .badge", "Yours")
	own := exerciseID(t, env, "Landmine Press")

	// Another user neither sees it nor reaches it; built-in ones are not
	// theirs to delete.
	other := env.SignIn("other@example.com", "")
	if strings.Contains(string(other.Get("/exercise/library").Do().Body), "Landmine Press") {
		t.Error("another user's library lists the exercise")
	}
	other.Get("/exercise/library/" + own).Do().AssertStatus(http.StatusNotFound)
	other.Post("/exercise/library/" + own + "/delete").Do().AssertStatus(http.StatusNotFound)
	c.Post("/exercise/library/" + exerciseID(t, env, "Bench Press") + "/delete").Do().AssertStatus(http.StatusNotFound)
	c.Get("/exercise/library/not-an-id").Do().AssertStatus(http.StatusNotFound)
	c.Get("/exercise/library/"+own).Do().AssertStatus(http.StatusOK).AssertText("#exercise-empty", "Not logged yet")
	c.Post("/exercise/library/" + own + "/delete").Do().AssertRedirect("/exercise/library?done=exercise-deleted")
	c.Get("/exercise/library/" + own).Do().AssertStatus(http.StatusNotFound)
}

func TestWorkoutFromTemplateSetsRecordsAndPays(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("strong@example.com", "")
	bench, squat := exerciseID(t, env, "Bench Press"), exerciseID(t, env, "Back Squat")

	c.Get("/exercise").Do().AssertStatus(http.StatusOK).AssertText("#templates-empty", "No templates yet").AssertText("#sessions-empty", "No workouts yet")
	c.Post("/exercise/templates").Form("name", "").Do().AssertStatus(http.StatusUnprocessableEntity).AssertText("#template-name-error", "Name is required")
	tpl := location(t, c.Post("/exercise/templates").Form("name", "Push day").Do())
	c.Post(tpl+"/items").Form("exercise_id", bench, "target_sets", "0", "target_reps", "5").Do().AssertStatus(http.StatusUnprocessableEntity).
		AssertText("#item-sets-error", "1 to 20")
	c.Post(tpl+"/items").Form("exercise_id", "00000000-0000-0000-0000-000000000000", "target_sets", "3", "target_reps", "5").Do().
		AssertStatus(http.StatusUnprocessableEntity).AssertText("#item-exercise-error", "Choose an exercise")
	c.Post(tpl+"/items").Form("exercise_id", squat, "target_sets", "3", "target_reps", "5").Do().AssertRedirect(tpl + "?done=added")
	c.Post(tpl+"/items").Form("exercise_id", bench, "target_sets", "5", "target_reps", "5").Do().AssertRedirect(tpl + "?done=added")
	c.Post(tpl+"/items").Form("exercise_id", bench, "target_sets", "3", "target_reps", "8").Do().AssertStatus(http.StatusUnprocessableEntity).
		AssertText("#item-exercise-error", "in the template already")
	page := c.Get(tpl).Do().AssertStatus(http.StatusOK)
	if got := page.Text("#item-list li:first-child strong"); got != "Back Squat" {
		t.Errorf("the first exercise is %q", got)
	}
	benchItem, _ := page.Attr("#item-list li:last-child", "id")
	item := tpl + "/items/" + strings.TrimPrefix(benchItem, "item-")
	c.Post(item).Form("target_sets", "21", "target_reps", "5").Do().AssertStatus(http.StatusUnprocessableEntity).
		AssertText("#"+strings.Replace(benchItem, "item-", "sets-", 1)+"-error", "1 to 20")
	c.Post(item).Form("target_sets", "4", "target_reps", "6").Do().AssertRedirect(tpl + "?done=changed#" + benchItem)
	c.Get(tpl).Do().AssertText("#"+benchItem, "4 × 6")
	c.Post(item).Form("target_sets", "5", "target_reps", "5").Do()
	c.Post(tpl+"/items/"+strings.TrimPrefix(benchItem, "item-")+"/move").Form("dir", "up").Do()
	if got := c.Get(tpl).Do().Text("#item-list li:first-child strong"); got != "Bench Press" {
		t.Errorf("moved up, the first exercise is %q", got)
	}
	renamed := c.Post(tpl).Form("name", strings.Repeat("x", 81)).Do().AssertStatus(http.StatusUnprocessableEntity)
	renamed.AssertText("h1", "Push day").AssertText("#template-rename-error", "at most 80")
	if v, _ := renamed.Attr("#template-rename", "value"); len(v) != 81 {
		t.Errorf("the name typed is lost: %q", v)
	}
	c.Post(tpl).Form("name", "Push day A").Do().AssertRedirect(tpl + "?done=renamed")
	c.Get(tpl).Do().AssertText("h1", "Push day A")
	c.Post(tpl).Form("name", "Push day").Do()
	other := env.SignIn("nosy@example.com", "")
	other.Get(tpl).Do().AssertStatus(http.StatusNotFound)
	other.Post(tpl+"/items").Form("exercise_id", bench, "target_sets", "3", "target_reps", "5").Do().AssertStatus(http.StatusNotFound)
	other.Post("/exercise/sessions").Form("template_id", strings.TrimPrefix(tpl, "/exercise/templates/")).Do().AssertStatus(http.StatusNotFound)

	// A session from the template: its exercises and targets, in order.
	session := location(t, c.Post("/exercise/sessions").Form("template_id", strings.TrimPrefix(tpl, "/exercise/templates/")).Do())
	s := c.Get(session).Do().AssertStatus(http.StatusOK)
	s.AssertText("h1", "Push day").AssertText("#block-"+bench, "Target 5 × 5").AssertText("#block-"+squat, "Target 3 × 5")
	if v, _ := s.Attr("#reps-"+bench, "value"); v != "5" {
		t.Errorf("the reps start at the target: %q", v)
	}

	// Bad sets are refused, kept as typed.
	bad := c.Post(session+"/sets").Form("exercise_id", bench, "weight", "abc", "reps", "0", "rpe", "11").HTMX().Do().AssertStatus(http.StatusUnprocessableEntity)
	bad.AssertText("#weight-"+bench+"-error", "Enter the weight in kg").AssertText("#reps-"+bench+"-error", "from 1 to 1000").AssertText("#rpe-"+bench+"-error", "1 to 10")
	if v, _ := bad.Attr("#weight-"+bench, "value"); v != "abc" {
		t.Errorf("the weight typed is lost: %q", v)
	}
	c.Post(session+"/sets").Form("exercise_id", exerciseID(t, env, "Deadlift"), "weight", "100", "reps", "5").Do().AssertStatus(http.StatusNotFound)

	// The first set sets records, celebrated in the answer; an equal one
	// sets none; a heavier one sets the heaviest weight again.
	first := c.Post(session+"/sets").Form("exercise_id", bench, "weight", "80", "reps", "5", "rpe", "8").HTMX().Do().AssertStatus(http.StatusOK)
	first.AssertText("#exercise-pr", "Bench Press: Heaviest weight: 80 kg").AssertText("#exercise-pr", "Best estimated 1RM (Epley): 93.33 kg")
	first.AssertText("#block-"+bench+" .exercise-sets", "80 kg × 5 @ RPE 8")
	if v, _ := first.Attr("#weight-"+bench, "value"); v != "80" {
		t.Errorf("the next set starts like the last: %q", v)
	}
	if first.Doc().Find(".sidebar").Length() != 0 {
		t.Error("the htmx answer carries the whole page")
	}
	same := c.Post(session+"/sets").Form("exercise_id", bench, "weight", "80", "reps", "5").HTMX().Do().AssertStatus(http.StatusOK)
	if same.Doc().Find("#exercise-pr").Length() != 0 {
		t.Errorf("an equal set is celebrated: %s", same.Text("#exercise-pr"))
	}
	heavier := c.Post(session+"/sets").Form("exercise_id", bench, "weight", "85", "reps", "3").Do()
	if l := heavier.Header.Get("Location"); !strings.HasPrefix(l, session+"?logged=") {
		t.Fatalf("a plain form goes to %q", l)
	}
	c.Get(heavier.Header.Get("Location")).Do().AssertText("#exercise-pr", "Heaviest weight: 85 kg")

	// A set corrected: refused as typed in its own form, then saved in its
	// place with its records found again.
	var second string
	if err := env.Pool.QueryRow(t.Context(), `SELECT id::text FROM workout_sets ORDER BY created_at OFFSET 1 LIMIT 1`).Scan(&second); err != nil {
		t.Fatal(err)
	}
	refused := c.Post("/exercise/sets/"+second).Form("weight", "80", "reps", "many").HTMX().Do().AssertStatus(http.StatusUnprocessableEntity)
	refused.AssertText("#reps-set-"+second+"-error", "from 1 to 1000")
	if v, _ := refused.Attr("#reps-set-"+second, "value"); v != "many" {
		t.Errorf("the reps typed are lost: %q", v)
	}
	if _, open := refused.Attr("#set-"+second+" details", "open"); !open {
		t.Error("the refused edit form is closed")
	}
	fixed := c.Post("/exercise/sets/"+second).Form("weight", "80", "reps", "6").HTMX().Do().AssertStatus(http.StatusOK)
	fixed.AssertText("#block-"+bench+" .exercise-sets li:nth-child(2)", "80 kg × 6").AssertText("#exercise-pr", "Best estimated 1RM (Epley): 96 kg")
	if v, _ := fixed.Attr("#block-"+bench+" .exercise-sets li:nth-child(2) input[name=reps]", "value"); v != "6" {
		t.Errorf("the edit form holds %q", v)
	}

	// Finished: paid once; the weekly quest counts it.
	c.Post(session + "/finish").Do().AssertRedirect(session + "?done=finished")
	c.Post(session + "/finish").Do().AssertRedirect(session + "?done=finished")
	done := c.Get(session).Do().AssertStatus(http.StatusOK)
	done.AssertText("#session-summary", "Sets").AssertText("#session-summary", "Volume")
	if done.Doc().Find(".set-form").Length() != 0 {
		t.Error("a finished workout still offers to log sets")
	}
	var paid, xp int
	if err := env.Pool.QueryRow(t.Context(), `SELECT count(*), coalesce(sum(xp), 0) FROM ledger_entries WHERE key LIKE 'exercise-session:%'`).Scan(&paid, &xp); err != nil || paid != 1 || xp != 25 {
		t.Errorf("finishing paid %d entries, %d XP (%v)", paid, xp, err)
	}
	c.Get("/quests").Do().AssertText("#quest-weekly-three-workouts", "1 / 3")
	c.Post(session+"/sets").Form("exercise_id", bench, "weight", "90", "reps", "1").Do().AssertStatus(http.StatusConflict)

	// The exercise's page: its bests, records, chart and history.
	ex := c.Get("/exercise/library/" + bench).Do().AssertStatus(http.StatusOK)
	ex.AssertText("#exercise-bests", "85 kg").AssertText("#exercise-records", "Heaviest weight: 85 kg").AssertText("#exercise-history", "Push day")
	if ex.Doc().Find("#exercise-chart circle").Length() != 1 {
		t.Error("one session should draw one point")
	}
	c.Get("/exercise").Do().AssertText("#session-list", "Push day").AssertText("#session-list .badge", "record")

	// Others reach none of it.
	other.Get(session).Do().AssertStatus(http.StatusNotFound)
	other.Post(session + "/finish").Do().AssertStatus(http.StatusNotFound)
	other.Post(session + "/delete").Do().AssertStatus(http.StatusNotFound)
	var set string
	if err := env.Pool.QueryRow(t.Context(), `SELECT id::text FROM workout_sets LIMIT 1`).Scan(&set); err != nil {
		t.Fatal(err)
	}
	other.Post("/exercise/sets/" + set + "/delete").Do().AssertStatus(http.StatusNotFound)
	c.Post("/exercise/sets/" + set + "/delete").Do().AssertStatus(http.StatusConflict)
}

func TestPoundsBodyweightCardioAndAnEmptyWorkout(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("imperial@example.com", "")
	c.Post("/exercise/unit").Form("unit", "stone").Do().AssertStatus(http.StatusUnprocessableEntity)
	c.Post("/exercise/unit").Form("unit", "lb").Do().AssertRedirect("/exercise?done=unit")

	empty := location(t, c.Post("/exercise/sessions").Do())
	c.Get(empty).Do().AssertText("#session-empty", "No exercises yet")
	c.Post(empty+"/exercises").Form("exercise_id", "nope").HTMX().Do().AssertStatus(http.StatusUnprocessableEntity).AssertText("#session-exercise-error", "Choose an exercise")
	c.Post(empty + "/finish").Do().AssertRedirect(empty + "?done=finished-empty")
	var paid int
	if err := env.Pool.QueryRow(t.Context(), `SELECT count(*) FROM ledger_entries`).Scan(&paid); err != nil || paid != 0 {
		t.Errorf("an empty workout paid %d entries", paid)
	}

	session := location(t, c.Post("/exercise/sessions").Do())
	squat, pullUp, run := exerciseID(t, env, "Back Squat"), exerciseID(t, env, "Pull-up"), exerciseID(t, env, "Running")
	for _, id := range []string{squat, pullUp, run} {
		c.Post(session+"/exercises").Form("exercise_id", id).HTMX().Do().AssertStatus(http.StatusOK)
	}
	s := c.Post(session+"/sets").Form("exercise_id", squat, "weight", "225", "reps", "5").HTMX().Do().AssertStatus(http.StatusOK)
	s.AssertText("#block-"+squat, "225 lb × 5").AssertText("#exercise-pr", "Heaviest weight: 225 lb")
	var grams int
	if err := env.Pool.QueryRow(t.Context(), `SELECT weight_g FROM workout_sets WHERE exercise_id = $1`, squat).Scan(&grams); err != nil || grams != 102_058 {
		t.Errorf("225 lb is stored as %d g (%v)", grams, err)
	}
	c.Post(session+"/sets").Form("exercise_id", pullUp, "reps", "8").HTMX().Do().AssertStatus(http.StatusOK).AssertText("#block-"+pullUp, "8 reps")
	more := c.Post(session+"/sets").Form("exercise_id", pullUp, "reps", "10").HTMX().Do().AssertStatus(http.StatusOK)
	more.AssertText("#exercise-pr", "Pull-up: Most reps: 10 reps")
	c.Post(session+"/sets").Form("exercise_id", run).HTMX().Do().AssertStatus(http.StatusUnprocessableEntity).AssertText("#duration-"+run+"-error", "a time, a distance or both")
	c.Post(session+"/sets").Form("exercise_id", run, "duration", "25:30", "distance", "3.1").HTMX().Do().AssertStatus(http.StatusOK).
		AssertText("#block-"+run, "3.1 mi in 25:30")
	// Switched back to kilograms, the same set reads in kilograms.
	c.Post("/exercise/unit").Form("unit", "kg").Do()
	c.Get(session).Do().AssertText("#block-"+squat, "102.06 kg × 5").AssertText("#block-"+run, "4.99 km in 25:30")

	// A set deleted takes its records with it.
	var set string
	if err := env.Pool.QueryRow(t.Context(), `SELECT id::text FROM workout_sets WHERE exercise_id = $1`, squat).Scan(&set); err != nil {
		t.Fatal(err)
	}
	c.Post("/exercise/sets/"+set+"/delete").HTMX().Do().AssertStatus(http.StatusOK).AssertText(".alert-ok", "Set deleted")
	var records int
	if err := env.Pool.QueryRow(t.Context(), `SELECT count(*) FROM exercise_records WHERE exercise_id = $1`, squat).Scan(&records); err != nil || records != 0 {
		t.Errorf("a deleted set left %d records", records)
	}
	c.Post(session + "/delete").Do().AssertRedirect("/exercise?done=deleted")
	c.Get(session).Do().AssertStatus(http.StatusNotFound)
}

func TestPlannerWorkoutStartsItsSession(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("planned@example.com", "")
	c.Post("/planner/events").Form("title", "Leg day", "kind", "workout", "start_date", "2027-03-08", "start_time", "18:00", "end_time", "19:00").Do()
	c.Post("/planner/events").Form("title", "Dentist", "kind", "appointment", "start_date", "2027-03-08", "start_time", "09:00", "end_time", "09:30").Do()
	week := c.Get("/planner/week/2027-03-08").Do().AssertStatus(http.StatusOK)
	forms := week.Doc().Find("#day-2027-03-08 .planner-action")
	if forms.Length() != 1 {
		t.Fatalf("the week offers %d workout sessions, want 1 (the workout's)", forms.Length())
	}
	event, _ := forms.Find("input[name=event_id]").Attr("value")
	at, _ := forms.Find("input[name=event_at]").Attr("value")
	if at != "2027-03-08T18:00:00Z" {
		t.Errorf("the occurrence is %q", at)
	}
	session := location(t, c.Post("/exercise/sessions").Form("event_id", event, "event_at", at).Do())
	c.Get(session).Do().AssertText("h1", "Leg day")
	if again := location(t, c.Post("/exercise/sessions").Form("event_id", event, "event_at", at).Do()); again != session {
		t.Errorf("the occurrence's second start opened %s, not its session %s", again, session)
	}
	var dentist string
	if err := env.Pool.QueryRow(t.Context(), `SELECT id::text FROM planner_events WHERE title = 'Dentist'`).Scan(&dentist); err != nil {
		t.Fatal(err)
	}
	c.Post("/exercise/sessions").Form("event_id", dentist, "event_at", at).Do().AssertStatus(http.StatusNotFound)
	env.SignIn("someone@example.com", "").Post("/exercise/sessions").Form("event_id", event, "event_at", at).Do().AssertStatus(http.StatusNotFound)
	c.Post("/exercise/sessions").Form("event_id", event, "event_at", "tomorrow").Do().AssertStatus(http.StatusNotFound)
}

func TestTheOverviewSaysWhenItShowsOnlyTheLatest(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("regular@example.com", "")
	if _, err := env.Pool.Exec(t.Context(), `INSERT INTO workout_sessions (user_id, name, started_at, finished_at)
		SELECT id, 'Workout ' || i, now() - make_interval(days => i), now() - make_interval(days => i) + interval '1 hour'
		FROM users, generate_series(1, 20) AS i WHERE email = 'regular@example.com'`); err != nil {
		t.Fatal(err)
	}
	if c.Get("/exercise").Do().Doc().Find("#sessions-older").Length() != 0 {
		t.Error("20 workouts, all shown, are said to be the latest only")
	}
	location(t, c.Post("/exercise/sessions").Do())
	home := c.Get("/exercise").Do().AssertText("#sessions-older", "The latest 20 workouts")
	if n := home.Doc().Find("#session-list > li").Length(); n != 20 {
		t.Errorf("the overview lists %d workouts", n)
	}
	home.AssertText("#exercise-active", "Under way")
}
