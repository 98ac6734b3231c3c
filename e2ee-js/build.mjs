// Bundles the island into the app's assets: one minified script per entry,
// the same bytes from the same source (no timestamps, no source maps, no
// absolute paths), so `make generate` reproduces what is committed.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));

await build({
  absWorkingDir: here,
  entryPoints: { island: "src/island.js", memo: "src/memo.js", markdown: "src/notes.js", searchbox: "src/searchbox.js", vaultkeys: "src/vaultkeys.js" },
  outdir: "../assets/js",
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  legalComments: "none",
  charset: "utf8",
  logLevel: "warning",
});
