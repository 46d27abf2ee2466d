// The README's JavaScript examples ("From JavaScript"), each written as a module of the
// current folder and imported, as a user's app would: `import … from "kezek"` resolves to
// the installed package in ./node_modules.
//
//   node npm-readme.mjs README.md

import { readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const text = await readFile(process.argv[2], "utf8");
const section = text.slice(text.indexOf("## From JavaScript"));
const body = section.slice(0, section.indexOf("\n## ", 1));
const blocks = [...body.matchAll(/```js\n(.*?)```/gs)].map((m) => m[1]);
if (blocks.length === 0) throw new Error("the README has no JavaScript examples");
for (const [i, code] of blocks.entries()) {
  const file = resolve(`readme-example-${i + 1}.mjs`);
  await writeFile(file, code);
  await import(pathToFileURL(file).href);
}
console.log(`${blocks.length} README examples passed against ${resolve("node_modules/kezek")}`);
