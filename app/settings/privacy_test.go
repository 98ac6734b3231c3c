package settings_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"ignition/app/apptest"
)

// TestPrivacyPageListsEveryKind: Settings → Privacy has a section per kind
// of content, each saying what the server can read; an encrypted kind names
// its encrypted fields and what losing the keys means.
func TestPrivacyPageListsEveryKind(t *testing.T) {
	t.Parallel()
	env := apptest.New(t)
	c := env.SignIn("privacy@example.com", "")
	page := c.Get("/settings/privacy").Do().AssertStatus(http.StatusOK)
	kinds := map[string]*goquery.Selection{}
	page.Doc().Find("section.privacy-kind").Each(func(_ int, s *goquery.Selection) {
		kind := s.Find("h2").Text()
		if kinds[kind] != nil {
			t.Errorf("%s is listed twice", kind)
		}
		kinds[kind] = s
		if s.Find(".privacy-readable li").Length() == 0 {
			t.Errorf("%s says nothing of what the server can read", kind)
		}
	})
	for _, want := range []string{"Your account", "Habits", "Goals", "Focus sessions", "Ideas", "Voice memos", "Vault", "Notifications", "Preferences"} {
		if kinds[want] == nil {
			t.Errorf("no section for %s", want)
		}
	}
	ideas := kinds["Ideas"]
	if enc := ideas.Find(".privacy-encrypted").Text(); !strings.Contains(enc, "Title") || !strings.Contains(enc, "Notes") {
		t.Errorf("Ideas encrypts %q", enc)
	}
	if !strings.Contains(ideas.Find(".privacy-readable").Text(), "BPM") || !strings.Contains(ideas.Text(), "no one can read them") {
		t.Errorf("Ideas section: %q", ideas.Text())
	}
	if habits := kinds["Habits"]; habits.Find(".privacy-encrypted").Length() != 0 || !strings.Contains(habits.Text(), "nothing is lost") {
		t.Errorf("Habits section: %q", habits.Text())
	}
	page.AssertText(`nav.tabs a[aria-current="page"]`, "Privacy")
}
