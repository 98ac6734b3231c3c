// Go ↔ island interop: the island makes exactly js.json from the fixed
// inputs, and opens go.json (made by app's Go test implementation) to the
// inputs. Set UPDATE_VECTORS=1 to rewrite js.json after a deliberate change.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { inputs, make, opens, read, path } from "./vectors.mjs";

test("the island makes js.json from the inputs", async () => {
  const v = await make();
  if (process.env.UPDATE_VECTORS) writeFileSync(path("js.json"), JSON.stringify(v, null, 2) + "\n");
  assert.deepEqual(v, read("js.json"));
});

for (const name of ["js.json", "go.json"]) {
  test(`the island opens ${name}`, async () => {
    const got = await opens(read(name));
    assert.deepEqual(got.keks, inputs.credentials.map(() => inputs.kek));
    assert.deepEqual(got.fields, inputs.fields.map((f) => f.plaintext));
    assert.deepEqual(got.chunks, inputs.file.chunks);
    assert.equal(got.proof, read(name).unlock_proof);
  });
}
