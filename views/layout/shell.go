// Package layout renders the page shell: the document, the static sidebar
// navigation, the user menu and the bottom bar.
package layout

import (
	"encoding/json"

	"github.com/a-h/templ"
)

// Shell is what every page needs to render around its content.
type Shell struct {
	Title     string
	Theme     string    // system, dark or light; rendered on <html>
	Path      string    // the request path, to mark the current navigation item
	User      *User     // nil for a visitor who is not signed in
	Admin     bool      // the user is an administrator
	Skin      string    // market theme worn, rendered on <html>
	Accent    string    // market accent colour worn, rendered on <html>
	DevNotice bool      // the development sign-in is enabled
	Nav       []NavItem // the sidebar, in order
	AdminNav  []NavItem // below it, for administrators
	Tabs      []NavItem // the phone's tab bar, before its "More"
	Mobile    bool      // the mobile shell at any width (pages under /m/)
	// Topbar are the modules' parts of the top bar (the notifications
	// bell), beside the user menu.
	Topbar []templ.Component
	// Indicators are the modules' notes in the bottom bar (a running focus
	// session); each keeps itself current.
	Indicators []templ.Component
	// Data are data-* attributes of the page's body for the island (the
	// vault's idle limit), keyed without the data- prefix.
	Data map[string]string
	// Celebrate is the level a reward just reached (0 for none).
	Celebrate Celebration
}

// Celebration is a level reached: the page shows it for a moment.
type Celebration struct{ Level int }

// SetData sets the body's data-key attribute (a module's part of the
// shell, such as the vault's idle limit).
func (s *Shell) SetData(key, value string) {
	if s.Data == nil {
		s.Data = map[string]string{}
	}
	s.Data[key] = value
}

func (s Shell) bodyData() templ.Attributes {
	out := templ.Attributes{}
	for k, v := range s.Data {
		out["data-"+k] = v
	}
	return out
}

// User is the signed-in user as the shell shows them.
type User struct {
	Name  string
	Email string
	Badge string // market badge worn
	Title string // market title worn
}

// Initial is the letter shown in the avatar.
func (u *User) Initial() string {
	for _, s := range []string{u.Name, u.Email} {
		for _, r := range s {
			return string(r)
		}
	}
	return "?"
}

// DisplayName is the name, or the email when there is no name.
func (u *User) DisplayName() string {
	if u.Name != "" {
		return u.Name
	}
	return u.Email
}

// NavItem is one entry of the sidebar.
type NavItem struct {
	Label string
	Href  string
}

// Themes lists the theme choices in the order they are offered.
var Themes = []struct{ Value, Label string }{
	{"system", "System"},
	{"dark", "Dark"},
	{"light", "Light"},
}

// sidebar is every entry of the sidebar, the administrators' included for
// an administrator: the phone's More lists them.
func (s Shell) sidebar() []NavItem {
	if !s.Admin {
		return s.Nav
	}
	return append(append([]NavItem{}, s.Nav...), s.AdminNav...)
}

// tabHref is where a tab leads: under /m/ in the mobile shell, so the
// shell stays.
func (s Shell) tabHref(item NavItem) string {
	if s.Mobile {
		return "/m" + item.Href
	}
	return item.Href
}

func (s Shell) bodyClass() string {
	if s.Mobile {
		return "shell shell-mobile"
	}
	return "shell"
}

func (s Shell) current(item NavItem) bool {
	return s.Path == item.Href || len(s.Path) > len(item.Href) && s.Path[:len(item.Href)+1] == item.Href+"/"
}

func (s Shell) theme() string {
	if s.Theme == "" {
		return "system"
	}
	return s.Theme
}

func (s Shell) title() string {
	if s.Title == "" {
		return "Ignition OS"
	}
	return s.Title + " · Ignition OS"
}

// htmxConfig keeps htmx within the CSP (no eval, no injected styles), keeps
// page snapshots out of localStorage (they could hold decrypted content), and
// swaps 422 answers so re-rendered forms show their field errors; other
// errors swap too, so the error page replaces what was asked for.
const htmxConfig = `{"includeIndicatorStyles":false,"allowEval":false,"historyCacheSize":0,` +
	`"responseHandling":[{"code":"204","swap":false},{"code":"[23]..","swap":true},` +
	`{"code":"422","swap":true},{"code":"[45]..","swap":true,"error":true}]}`

func csrfHeaders(token string) string {
	b, _ := json.Marshal(map[string]string{"X-CSRF-Token": token})
	return string(b)
}
