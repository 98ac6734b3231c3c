// Bundles the island into the app's assets: one minified script per entry,
// the same bytes from the same source (no timestamps, no source maps, no
// absolute paths), so `make generate` reproduces what is committed. It
// also minifies the app's hand-written glue (assets/glue: plain scripts,
// their top-level names kept) beside them.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));

await build({
  absWorkingDir: here,
  entryPoints: { island: "src/island.js", memo: "src/memo.js", markdown: "src/notes.js", searchbox: "src/searchbox.js", vaultkeys: "src/vaultkeys.js", vaultsetup: "src/vaultsetup.js", vaultrotate: "src/vaultrotate.js" },
  outdir: "../assets/js",
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  legalComments: "none",
  charset: "utf8",
  logLevel: "warning",
});

await build({
  absWorkingDir: here,
  entryPoints: ["../assets/glue/app.js", "../assets/glue/passkeys.js", "../assets/glue/push.js", "../assets/glue/sw.js"],
  outdir: "../assets/js",
  bundle: false,
  minify: true,
  target: "es2020",
  legalComments: "none",
  charset: "utf8",
  logLevel: "warning",
});
