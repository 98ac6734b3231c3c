package server_test

import (
	"net/url"
	"strings"
	"testing"

	"ignition/app/apptest"
)

// formFields are the names every form of the app reads.
var formFields = []string{"accept", "birth_date", "cadence", "category", "confirm", "daw", "deadline", "description",
	"focus_minutes", "long_break_every", "long_break_minutes", "name", "next", "note", "notify_focus_end",
	"notify_reminders", "notify_weekly_summary", "os", "plan", "reminder", "return_to", "short_break_minutes",
	"skill", "theme", "time_zone", "times_per_week", "title", "week_start", "weekday", "kind", "decision",
	"exposure", "record"}

// FuzzFormsNeverFailTheServer posts arbitrary values to every form, as a
// url-encoded body, a multipart body and a query string: the answer may
// refuse them (400, 404, 422) but is never a server error.
func FuzzFormsNeverFailTheServer(f *testing.F) {
	env := apptest.New(f)
	c := env.SignIn("fuzz@example.com", "")
	c.Post("/habits").Form("title", "Read", "cadence", "daily", "skill", "knowledge").Do()
	habit := strings.TrimPrefix(c.Get("/habits").Do().Doc().Find("#habit-list li").First().AttrOr("id", ""), "habit-")
	c.Post("/goals").Form("title", "Album", "category", "creative").Do()
	goal, _ := c.Get("/goals").Do().Doc().Find(`a[href^="/goals/"]`).First().Attr("href")
	if habit == "" || goal == "" {
		f.Fatal("setup: no habit or goal to post to")
	}
	paths := []string{"/habits", "/goals", "/focus/settings", "/focus/start", "/settings/preferences", "/settings/theme",
		"/settings/suggestions", "/today/picks", "/today/dismiss", "/habits/" + habit, "/habits/" + habit + "/complete",
		goal, goal + "/milestones", "/onboarding/age", "/onboarding/terms"}

	for _, seed := range [][2]string{
		{"", ""}, {"weekdays", "3"}, {"weekly", "8"}, {"25:61", "2026-02-30"}, {"\xff\xfe", "\x00"},
		{strings.Repeat("x", 5000), "-1"}, {"habit:" + habit, "not-a-uuid"}, {"Europe/Nowhere", "9"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		c := c.WithT(t)
		form := url.Values{}
		for i, name := range formFields {
			if i%2 == 0 {
				form.Set(name, a)
			} else {
				form.Set(name, b)
			}
		}
		form.Add("weekday", a)
		for _, path := range paths {
			body := "_csrf=" + c.CSRF() + "&" + form.Encode()
			if resp := c.Post(path).RawBody(body).Do(); resp.StatusCode >= 500 {
				t.Fatalf("POST %s with %q, %q: status %d", path, a, b, resp.StatusCode)
			}
			multipart := c.Post(path).Multipart()
			for name, values := range form {
				for _, v := range values {
					multipart.Form(name, v)
				}
			}
			if resp := multipart.Do(); resp.StatusCode >= 500 {
				t.Fatalf("POST %s multipart with %q, %q: status %d", path, a, b, resp.StatusCode)
			}
			if resp := c.Post(path + "?" + form.Encode()).Do(); resp.StatusCode >= 500 {
				t.Fatalf("POST %s?… with %q, %q: status %d", path, a, b, resp.StatusCode)
			}
		}
	})
}
