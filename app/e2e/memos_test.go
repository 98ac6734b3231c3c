//go:build !fast

package e2e

import (
	"bytes"
	"crypto/rand"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/playwright-community/playwright-go"
)

// memoFiles reads every object the store holds under memos/, by key.
func memoFiles(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	root := filepath.Join(store.Dir, "ignition", "memos")
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(path)
			rel, _ := filepath.Rel(root, path)
			out[rel] = b
		}
		return nil
	})
	return out
}

// openIdea adds an idea on the Ideas page and opens it.
func (tab *Tab) openIdea(title string) {
	tab.t.Helper()
	tab.Click(`.sidebar a:has-text("Ideas")`)
	tab.WaitForPath("/ideas")
	tab.addIdea(title, "", "", "", "")
	tab.WaitForPath("/ideas?done=saved")
	tab.Click(`#idea-list a:has-text("` + title + `")`)
	tab.WaitForPath("/ideas/*")
}

// attach adds a file as a memo and waits until the list shows it.
func (tab *Tab) attach(name string, body []byte) time.Duration {
	tab.t.Helper()
	n, _ := tab.Page.Locator("#memo-list li").Count()
	start := time.Now()
	if err := tab.Page.Locator("[data-memo-file]").SetInputFiles([]playwright.InputFile{{Name: name, MimeType: "audio/wav", Buffer: body}}); err != nil {
		tab.t.Fatal(err)
	}
	if err := expect.Locator(tab.Page.Locator("#memo-list li")).ToHaveCount(n + 1); err != nil {
		tab.t.Fatalf("the memo %s was not saved: %v", name, err)
	}
	return time.Since(start)
}

// dominantHz downloads and decrypts the first memo as the page does (the
// core's open-file event), decodes the audio and counts its zero
// crossings: the tone the microphone heard.
const dominantHz = `async () => {
	const btn = document.querySelector("[data-memo-play]");
	const memo = await (await fetch(btn.dataset.memoPlay)).json();
	const chunks = [];
	for (const url of memo.urls) chunks.push(new Uint8Array(await (await fetch(url)).arrayBuffer()));
	const out = await new Promise((resolve, reject) => document.dispatchEvent(new CustomEvent("island:open-file", { detail: {
		kind: "memo", record: btn.closest("[data-record]").dataset.record, manifest: memo.manifest, chunks,
		reply: (err, out) => (err ? reject(err) : resolve(out)) } })));
	const bytes = await new Blob(out.parts).arrayBuffer();
	const ctx = new OfflineAudioContext(1, 48000, 48000);
	const buf = await ctx.decodeAudioData(bytes);
	const d = buf.getChannelData(0);
	let crossings = 0;
	const from = Math.floor(d.length / 4), to = Math.floor(d.length * 3 / 4);
	for (let i = from + 1; i < to; i++) if ((d[i - 1] < 0) !== (d[i] < 0)) crossings++;
	return crossings / 2 / ((to - from) / buf.sampleRate);
}`

func TestVoiceMemoRecordedEncryptedAndPlayedBack(t *testing.T) {
	app := startApp(t)
	tab := app.NewTab(t)
	sent := tab.recordBodies()
	tab.SignIn("memo@example.com", "")
	tab.setUpVault("canary-memo-pass-93 lantern")
	tab.openIdea("canary-memo-idea Hum")

	// Record the microphone (a 440 Hz tone) for two seconds.
	tab.Click("[data-memo-record]")
	tab.ExpectText("[data-memo-status]", "Recording")
	time.Sleep(2500 * time.Millisecond)
	tab.Click("[data-memo-stop]")
	tab.ExpectText(".alert-ok", "Voice memo saved.")
	tab.ExpectText("#memo-list", "Voice memo")
	tab.Click("[data-memo-play]")
	if err := expect.Locator(tab.Page.Locator("[data-memo-audio]")).ToHaveAttribute("src", regexp.MustCompile("^blob:")); err != nil {
		t.Fatal(err)
	}
	hz, err := tab.Page.Evaluate(dominantHz)
	if err != nil {
		t.Fatal(err)
	}
	if f, _ := hz.(float64); f < 400 || f > 480 {
		t.Errorf("the memo plays back at %v Hz, the microphone heard 440", hz)
	}

	// The store holds ciphertext only: no audio container, no text.
	objects := memoFiles(t)
	if len(objects) == 0 {
		t.Fatal("no objects stored")
	}
	for key, b := range objects {
		for _, marker := range [][]byte{[]byte("OpusHead"), {0x1a, 0x45, 0xdf, 0xa3}, []byte("webm"), []byte("RIFF"), []byte("canary")} {
			if bytes.Contains(b, marker) {
				t.Errorf("object %s carries %q", key, marker)
			}
		}
	}
	sent.mustNotContain(t, "OpusHead", "canary")

	// The store goes down mid-upload: a clear message and a retry; the idea
	// is still there, and the retry saves the memo once the store is back.
	tab.AllowStatus("Failed to load resource: net::ERR_CONNECTION_REFUSED")
	store.Stop()
	if err := tab.Page.Locator("[data-memo-file]").SetInputFiles([]playwright.InputFile{{Name: "retry.wav", MimeType: "audio/wav", Buffer: toneWAV(330, 1)}}); err != nil {
		t.Fatal(err)
	}
	tab.ExpectText("#memo-recorder [data-memo-problem]", "the file store did not answer")
	if err := store.Restart(); err != nil {
		t.Fatal(err)
	}
	tab.Click("[data-memo-retry]")
	if err := expect.Locator(tab.Page.Locator("#memo-list li")).ToHaveCount(2); err != nil {
		t.Fatalf("after the retry: %v", err)
	}

	// Ten megabytes: encrypt and upload, download and decrypt.
	big := make([]byte, 10_000_000)
	rand.Read(big)
	up := tab.attach("big.wav", big)
	t.Logf("10 MB memo: encrypt + upload %v (%.1f MB/s)", up.Round(time.Millisecond), 10/up.Seconds())
	start := time.Now()
	tab.Click("#memo-list li:last-child [data-memo-play]")
	if err := expect.Locator(tab.Page.Locator("#memo-list li:last-child [data-memo-audio]")).ToHaveAttribute("src", regexp.MustCompile("^blob:")); err != nil {
		t.Fatal(err)
	}
	down := time.Since(start)
	t.Logf("10 MB memo: download + decrypt %v (%.1f MB/s)", down.Round(time.Millisecond), 10/down.Seconds())

	// Tamper: the big memo's first two chunks swapped in the store.
	var chunks []string
	for key := range memoFiles(t) {
		if strings.HasSuffix(key, "/1") {
			chunks = append(chunks, strings.TrimSuffix(key, "/1"))
		}
	}
	if len(chunks) != 1 {
		t.Fatalf("memos with a second chunk: %v", chunks)
	}
	dir := filepath.Join(store.Dir, "ignition", "memos", chunks[0])
	a, _ := os.ReadFile(filepath.Join(dir, "0"))
	b, _ := os.ReadFile(filepath.Join(dir, "1"))
	os.WriteFile(filepath.Join(dir, "0"), b, 0o644)
	os.WriteFile(filepath.Join(dir, "1"), a, 0o644)
	if _, err := tab.Page.Reload(); err != nil { // a fresh page: unlock again
		t.Fatal(err)
	}
	tab.Audit()
	tab.Fill("#vault-prompt-passphrase", "canary-memo-pass-93 lantern")
	tab.Click("#vault-prompt button[type=submit]")
	tab.ExpectAttr("body", "data-vault-tab", "unlocked")
	tab.Click("#memo-list li:last-child [data-memo-play]")
	tab.ExpectText("#memo-list li:last-child [data-memo-problem]", "could not be decrypted")
	tab.Click("#memo-list li:first-child [data-memo-play]") // the others still play
	if err := expect.Locator(tab.Page.Locator("#memo-list li:first-child [data-memo-audio]")).ToHaveAttribute("src", regexp.MustCompile("^blob:")); err != nil {
		t.Fatal(err)
	}

	// Deleting the idea deletes its objects.
	tab.Page.OnDialog(func(d playwright.Dialog) { d.Accept() })
	tab.Click(`button:has-text("Delete idea")`)
	tab.WaitForPath("/ideas?done=deleted")
	if left := memoFiles(t); len(left) != 0 {
		t.Errorf("%d objects left after the idea was deleted", len(left))
	}
}
