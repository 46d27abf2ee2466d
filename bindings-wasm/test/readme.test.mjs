// The README's JavaScript examples, executed: the README cannot drift from the API.
// Each ```js block of the "From JavaScript" section runs as its own module, with the
// package's name `kezek` pointed at the built package.

import assert from "node:assert/strict";
import { readFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";

const README = new URL("../../README.md", import.meta.url);
const PACKAGE = new URL("../pkg/index.js", import.meta.url).href;

const text = await readFile(README, "utf8");
const section = text.slice(text.indexOf("## From JavaScript"));
const body = section.slice(0, section.indexOf("\n## ", 1));
const blocks = [...body.matchAll(/```js\n(.*?)```/gs)].map((m) => m[1]);

test("the README has JavaScript examples that import the package by name", () => {
  assert.ok(blocks.length >= 2);
  for (const code of blocks) assert.match(code, /from "kezek";/);
});

for (const [i, code] of blocks.entries()) {
  test(`README example ${i + 1}`, async () => {
    const dir = await mkdtemp(join(tmpdir(), "kezek-readme-"));
    try {
      const file = join(dir, `example${i + 1}.mjs`);
      await writeFile(file, code.replaceAll('from "kezek";', `from ${JSON.stringify(PACKAGE)};`));
      await import(pathToFileURL(file).href);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
