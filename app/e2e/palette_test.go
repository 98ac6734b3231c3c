//go:build !fast

package e2e

import "testing"

// TestPaletteByKeyboard: with the keyboard alone the user opens the
// palette on any page, finds their habit and goes to it, starts a focus
// session from it (an action through its own form), and lists the
// shortcuts with "?"; axe finds nothing with either dialog open.
func TestPaletteByKeyboard(t *testing.T) {
	t.Parallel()
	app := startApp(t)
	tab := app.NewTab(t)
	tab.SignIn("palette-e2e@example.com", "")
	tab.AddHabit("Scales in thirds")
	tab.Visit("/today")
	keys := tab.Page.Keyboard()
	press := func(key string) {
		t.Helper()
		if err := keys.Press(key); err != nil {
			t.Fatal(err)
		}
	}
	press("Control+k")
	tab.ExpectAttr("#palette", "open", "")
	if focused, _ := tab.Page.Evaluate(`document.activeElement.id`); focused != "palette-input" {
		t.Fatalf("the palette opened with %v focused", focused)
	}
	tab.ExpectText(`#palette-results [aria-selected="true"]`, "") // the first suggestions arrive
	if err := keys.Type("scales th"); err != nil {
		t.Fatal(err)
	}
	tab.ExpectText(`#palette-results [aria-selected="true"] .palette-label`, "Scales in thirds")
	tab.ExpectAttr("#palette-input", "aria-activedescendant", "palette-opt-0")
	tab.Audit()
	press("Enter")
	tab.WaitForPath("/habits/*")
	tab.ExpectText("h1", "Scales in thirds")

	press("Control+k")
	if err := keys.Type("focus"); err != nil {
		t.Fatal(err)
	}
	tab.ExpectText(`#palette-results [aria-selected="true"] .palette-label`, "Focus")
	press("ArrowDown")
	press("ArrowDown")
	tab.ExpectAttr("#palette-input", "aria-activedescendant", "palette-opt-2")
	press("ArrowUp")
	tab.ExpectAttr("#palette-input", "aria-activedescendant", "palette-opt-1")
	tab.ExpectText(`#palette-results [aria-selected="true"] .palette-label`, "Start a focus session")
	press("Enter")
	tab.WaitForPath("/focus")
	tab.ExpectText("#focus-left", "left · ends")

	press("?")
	tab.ExpectAttr("#shortcuts", "open", "")
	tab.ExpectText("#shortcuts", "Search and commands, from any page")
	tab.Audit()
	press("Escape")
	if err := expect.Locator(tab.Page.Locator("#shortcuts")).Not().ToHaveAttribute("open", ""); err != nil {
		t.Errorf("Escape left the shortcuts open: %v", err)
	}
}
