package static_test

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"ignition/app/static"
)

// islandSHA256 pins the encryption island's bundles. A change to the island
// changes them: review the change against e2ee-js/README.md's checklist,
// then update these lines in the same commit.
var islandSHA256 = map[string]string{
	"js/island.js":      "74da724e043ed6b8e2ab8463a456c9be623d4a8157bac3dff2a50f35cb4b71ae",
	"js/memo.js":        "15377f295126d6c59c763053ea405eae5d07f46674ee61e931d215af76714437",
	"js/searchbox.js":   "df44e26fd7899961413e0ea4b453e756d3f5de3cb779a53ff6ea452c0017689e",
	"js/markdown.js":    "51318d30a75c652513066e8613410185e7a839b83faf8de0f1bf7481bcfb9d0c",
	"js/vaultsetup.js":  "a4bef78a751efada705f47c10647615c72aae50b24ca2486e373ea438d8f6f30",
	"js/vaultkeys.js":   "3adb79a3e73fa030563cef8d63bb312f85f6d863e04064da87010b03aab074fc",
	"js/vaultrotate.js": "b5d3d546ec14e21231bb4d8885c08f82dd7bf632360b1140925ff01396de8a91",
}

// coreBudget is the compressed size of the island core every page loads
// (E2EE.md); page-only parts stay in page bundles.
const coreBudget = 6 << 10

func TestIslandBundlesArePinnedAndSmall(t *testing.T) {
	for name, pinned := range islandSHA256 {
		a, ok := static.Default.Lookup(name)
		if !ok {
			t.Fatalf("no %s: run make generate", name)
		}
		sum := sha256.Sum256(a.Body)
		if got := hex.EncodeToString(sum[:]); got != pinned {
			t.Errorf("%s is %s, pinned %s: review the change (e2ee-js/README.md), then pin it", name, got, pinned)
		}
		t.Logf("%s: %d bytes, %d gzip, %d brotli", name, len(a.Body), len(a.Gzip), len(a.Brotli))
	}
	if core, _ := static.Default.Lookup("js/island.js"); len(core.Brotli) > coreBudget {
		t.Errorf("the island core is %d bytes compressed, budget %d", len(core.Brotli), coreBudget)
	}
}
