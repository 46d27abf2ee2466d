// The package's declarations say exactly what its entry exports (issue 24 §4): the values
// of index.d.ts are index.js's, and the generated module's own loaders are not among them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as pkg from "../pkg/index.js";
import * as errors from "../pkg/errors.js";

test("index.d.ts declares as values exactly what index.js exports", () => {
  const dts = readFileSync(new URL("../pkg/index.d.ts", import.meta.url), "utf8");
  const block = dts.match(/export \{([^}]*)\} from "\.\/kezek_wasm\.js"/);
  assert.ok(block, "a value export list in index.d.ts");
  const declared = block[1].split(",").map((s) => s.trim()).filter(Boolean).sort();
  const exported = Object.keys(pkg).filter((k) => !(k in errors)).sort();
  assert.deepEqual(declared, exported);
  for (const loader of ["initSync", "start", "default"]) assert.ok(!(loader in pkg), loader);
});
