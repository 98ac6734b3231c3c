//go:build !fast

package e2e

import (
	"strings"
	"testing"
)

// hostileMarkdown is a note's text meant to run script in the page.
const hostileMarkdown = "# Mixing canary-note-5b2e\n\n" +
	"Gain **first**, then *EQ*; see [the manual](https://example.com/manual) or <mailto:me@example.com>.\n\n" +
	"- <script>window.pwned = 1</script>\n" +
	"- <img src=x onerror=\"window.pwned = 2\">\n" +
	"- [click](javascript:window.pwned=3) [again]( JaVaScRiPt:window.pwned=4 ) [data](data:text/html,<script>1</script>)\n" +
	"- <javascript:window.pwned=5> ![pixel](https://tracker.example/p.png)\n\n" +
	"> <iframe src=\"javascript:window.pwned=6\"></iframe>\n\n" +
	"```\n<svg onload=\"window.pwned=7\"></svg>\n```\n"

// TestInfobaseNoteRenderedSafely: a note written in the browser is saved
// as ciphertext, rendered from its markdown after decryption with no
// script, handler or unsafe link in the DOM, edited, cleared on lock; its
// text never reaches the server, its database or its logs.
func TestInfobaseNoteRenderedSafely(t *testing.T) {
	t.Parallel()
	app := startApp(t)
	tab := app.NewTab(t)
	sent := tab.recordBodies()
	tab.SignIn("infobase-e2e@example.com", "")
	passphrase := "canary-note-pass-17 lighthouse"
	tab.setUpVault(passphrase)
	tab.Click(`.sidebar a:has-text("Infobase")`)
	tab.WaitForPath("/infobase")
	tab.ExpectText("#infobase-empty", "No notes yet")
	tab.Audit()
	tab.Click("#infobase-new")
	tab.WaitForPath("/infobase/new")
	tab.Fill("#note-title", "canary-note-5b2e Mix bus chain")
	tab.Fill("#note-body", hostileMarkdown)
	tab.Fill("#note-private-tags", "canary-tag-5b2e")
	tab.Fill("#note-category", "Mixing")
	tab.Fill("#note-tags", "EQ, gain")
	tab.Audit()
	tab.Click(`#note-form button[type=submit]`)
	tab.WaitForPath("/infobase/*?done=created")
	tab.ExpectText(".alert-ok", "Note saved.")
	tab.ExpectText("#note h1", "canary-note-5b2e Mix bus chain")
	tab.ExpectText("#note-body h2", "Mixing canary-note-5b2e")
	tab.ExpectText("#note-body strong", "first")
	tab.ExpectText("#note .meta", "canary-tag-5b2e")
	tab.ExpectAttr(`#note-body a[href="https://example.com/manual"]`, "rel", "noopener noreferrer")
	tab.ExpectText("#note-body li", "<script>window.pwned = 1</script>")
	tab.ExpectText("#note-body pre code", `<svg onload="window.pwned=7"></svg>`)
	found, err := tab.Page.Evaluate(`() => {
		const body = document.getElementById("note-body");
		const bad = [];
		for (const el of body.querySelectorAll("*")) {
			if (!["H2", "P", "STRONG", "EM", "A", "UL", "OL", "LI", "BLOCKQUOTE", "PRE", "CODE", "HR", "DEL"].includes(el.tagName)) bad.push("element " + el.tagName);
			for (const a of el.attributes) {
				if (a.name.startsWith("on")) bad.push("handler " + a.name);
				if (a.name === "href" && !/^(https?:|mailto:)/.test(a.value)) bad.push("link " + a.value);
				if (!["href", "rel", "start"].includes(a.name)) bad.push("attribute " + a.name);
			}
		}
		if (window.pwned !== undefined) bad.push("script ran: " + window.pwned);
		return bad.join("; ");
	}`)
	if err != nil {
		t.Fatal(err)
	}
	if found != "" {
		t.Errorf("the rendered note carries %v", found)
	}
	tab.Audit()

	// Edited; the list shows it decrypted and by its category.
	tab.Click("#note-edit")
	tab.ExpectValue("#note-title", "canary-note-5b2e Mix bus chain")
	tab.ExpectValue("#note-category", "Mixing")
	tab.Fill("#note-body", "## Chain canary-note-5b2e\n\n1. EQ\n2. Compressor")
	tab.Click(`#note-form button[type=submit]`)
	tab.ExpectText(".alert-ok", "Changes saved.")
	tab.ExpectText("#note-body h3", "Chain canary-note-5b2e")
	tab.ExpectText("#note-body ol", "Compressor")
	tab.Click(`a:has-text("← Infobase")`)
	tab.WaitForPath("/infobase")
	tab.ExpectText("#infobase-list li", "canary-note-5b2e Mix bus chain")
	tab.Click(`#infobase-list .badge:has-text("Mixing")`)
	tab.WaitForPath("/infobase?category=Mixing")
	tab.ExpectText("#infobase-count", "1 note")

	// Locked on another device: the note's text leaves this page.
	tab.Click(`#infobase-list a:has-text("Mix bus chain")`)
	tab.ExpectText("#note-body h3", "Chain")
	other := app.NewTab(t)
	other.SignIn("infobase-e2e@example.com", "")
	other.Visit("/settings/vault")
	other.unlockVault(passphrase)
	other.Click("#vault-lock button[type=submit]")
	tab.ExpectAttr("body", "data-vault-tab", "locked")
	tab.ExpectText("#note-body", "Locked")
	tab.ExpectText("#note h1", "Locked")
	if n, _ := tab.Page.Locator("#note-body h3").Count(); n != 0 {
		t.Error("the locked page still shows the note's text")
	}

	canaries := []string{"canary-note-5b2e", "Mix bus chain", "window.pwned", "canary-tag-5b2e", passphrase}
	sent.mustNotContain(t, canaries...)
	if dump := app.mustNotKeep(t, canaries...); !strings.Contains(dump, "Mixing") {
		t.Error("the dump shows no category: is it the right database?")
	}
}
