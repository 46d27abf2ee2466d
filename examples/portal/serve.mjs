// A static file server for the portal demo, with no dependency: serves the repository root
// so that the page can import the built package from `bindings-wasm/pkg/`.
//
//   bash bindings-wasm/build.sh            # builds the package once
//   node examples/portal/serve.mjs [port]  # then open the printed address
//
// The browser test (`bindings-wasm/test/browser/portal.test.mjs`) starts it on a free port.
// The .wasm goes out as `application/wasm`, which `WebAssembly.instantiateStreaming` needs.

import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/** The repository root (two folders up from this file). */
export const ROOT = normalize(join(fileURLToPath(new URL(".", import.meta.url)), "..", ".."));

/**
 * Serves `root` on 127.0.0.1:`port` (0: a free port); resolves to the server's base URL and
 * a `close()` function. Paths outside `root` are refused (404).
 */
export function serve(root = ROOT, port = 0) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = normalize(join(root, path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
      });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () => {
      const { port: actual } = server.address();
      resolve({
        url: `http://127.0.0.1:${actual}/`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await serve(ROOT, Number(process.argv[2] ?? 8080));
  console.log(`portal: ${url}examples/portal/`);
}
