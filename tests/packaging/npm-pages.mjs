// Loads each bundled page (folders given as arguments) over HTTP in headless Chromium
// (Debian's, driven by the dev package's playwright-core; CHROMIUM names another binary)
// and checks what the page computed with the package: a masked IIN, a deadline past
// Nauryz, its Kazakh reading, and a refusal caught as an IinError. No page error, no
// console error.
//
//   node npm-pages.mjs dist-esbuild dist-vite

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize, resolve } from "node:path";

const { chromium } = await import(
  new URL("../../bindings-wasm/node_modules/playwright-core/index.mjs", import.meta.url).href
);
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };
const roots = process.argv.slice(2).map((d) => resolve(d));

const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
  const [, dir, ...rest] = path.split("/");
  const root = roots[Number(dir)];
  const file = root && join(root, rest.join("/") || "index.html");
  try {
    if (!file || !file.startsWith(root)) throw new Error("outside");
    const body = await readFile(file);
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"],
});
try {
  for (const [i, root] of roots.entries()) {
    const page = await browser.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()} (${m.location().url})`); });
    await page.goto(`${base}/${i}/`);
    await page.waitForSelector("#out[data-done=true]", { timeout: 30_000 });
    const shown = await page.locator("#out").innerText();
    assert.deepEqual(problems, [], root);
    const [iin, lastDay, kk, refused] = shown.split(" | ");
    assert.equal(iin, "********0403", shown);
    assert.equal(lastDay, "2025-03-28", shown);
    assert.match(kk, /28\.03\.2025/, shown);
    assert.equal(refused, "IIN_LENGTH", shown);
    console.log(`${root}: ${shown}`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`${roots.length} bundled pages passed in Chromium`);
