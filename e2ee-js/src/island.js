// The island every page loads: the vault and its lock policy. Page parts
// (the recorder, the upload queue) are bundles of their own.
import { start } from "./vault.js";

start();
