// The island every page loads: the vault, its lock policy and encrypted
// fields. Page parts (the recorder, the upload queue) are bundles of their
// own.
import * as files from "./files.js";
import * as forms from "./forms.js";
import * as vault from "./vault.js";

vault.start();
forms.start();
files.start();
