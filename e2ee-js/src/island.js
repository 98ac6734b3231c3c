// The island every page loads: the vault, its lock policy and encrypted
// fields. Page parts (the recorder, the upload queue) are bundles of their
// own.
import * as files from "./files.js";
import * as forms from "./forms.js";
import * as search from "./search.js";
import * as vault from "./vault.js";

vault.start();
forms.start();
search.start();
files.start();
