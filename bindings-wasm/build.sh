#!/usr/bin/env bash
# Builds the npm package `kezek` into bindings-wasm/pkg/, installing what is missing (the
# wasm32 target, wasm-bindgen-cli pinned to the crate's version, the npm dev tools).
#
#   bash bindings-wasm/build.sh          build pkg/
#   bash bindings-wasm/build.sh test     build, then run every suite: the wasm-bindgen tests
#                                        of the binding's conversions, tsc on the typed
#                                        usage, the Node suites, and the portal widget in
#                                        headless Chromium
#   bash bindings-wasm/build.sh node     build, then all but the browser test
#   bash bindings-wasm/build.sh browser  build, then only the browser test
#
# The browser test drives Debian's `chromium` (installed here with apt when missing; set
# CHROMIUM to use another binary) through playwright-core, which downloads no browser.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
cd "$root"

# The CLI must be the crate's exact version (Cargo.toml pins it).
bindgen_version="$(sed -n 's/^wasm-bindgen = "=\(.*\)"$/\1/p' Cargo.toml)"
export PATH="$HOME/.cargo/bin:$PATH"

rustup target list --installed | grep -qx wasm32-unknown-unknown ||
  rustup target add wasm32-unknown-unknown
if ! wasm-bindgen --version 2>/dev/null | grep -qF " $bindgen_version"; then
  # Not --locked: the CLI's lockfile pins a crate version this registry lacks.
  cargo install wasm-bindgen-cli --version "$bindgen_version"
fi
# npm's own copy of the lockfile is older than ours when package-lock.json changed.
if [ ! -f "$here/node_modules/.package-lock.json" ] ||
  [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

cargo build --profile wasm-release --target wasm32-unknown-unknown -p kezek-wasm
wasm="target/wasm32-unknown-unknown/wasm-release/kezek_wasm.wasm"
pkg="$here/pkg"
rm -rf "$pkg"
# No name section: it is a third of the file, and only names functions in stack traces (a
# panic's message and place still reach InternalError through the panic hook).
wasm-bindgen --target web --remove-name-section --remove-producers-section \
  --out-dir "$pkg" --out-name kezek_wasm "$wasm"
# The borrowed-reference stack pointer, exported for js/index.js's recovery from traps.
node "$here/export-globals.mjs" "$pkg/kezek_wasm_bg.wasm"
cp "$here/js/errors.js" "$here/js/index.js" "$here/js/index.d.ts" "$here/js/disposable.d.ts" "$pkg/"
# errors.d.ts from the JSDoc of errors.js.
"$here/node_modules/.bin/tsc" --allowJs --declaration --emitDeclarationOnly --strict \
  --target es2022 --module es2022 --outDir "$pkg" "$here/js/errors.js"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"
cat > "$pkg/package.json" <<JSON
{
  "name": "kezek",
  "version": "$version",
  "description": "Rules engine of Kazakhstan's electronic preschool queue (WebAssembly)",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "exports": { ".": { "types": "./index.d.ts", "default": "./index.js" } },
  "types": "./index.d.ts",
  "files": ["index.js", "index.d.ts", "disposable.d.ts", "errors.js", "errors.d.ts", "kezek_wasm.js",
            "kezek_wasm.d.ts", "kezek_wasm_bg.wasm", "kezek_wasm_bg.wasm.d.ts"],
  "sideEffects": false,
  "engines": { "node": ">=18" }
}
JSON
raw=$(stat -c %s "$pkg/kezek_wasm_bg.wasm")
gz=$(gzip -9 -c "$pkg/kezek_wasm_bg.wasm" | wc -c)
echo "pkg/kezek_wasm_bg.wasm: $raw bytes, $gz gzipped"

node_suites() {
  # The binding's own conversions, as wasm-bindgen tests under Node.
  cargo test --target wasm32-unknown-unknown -p kezek-wasm
  # The package: conformance files, errors, README examples, type declarations.
  "$here/node_modules/.bin/tsc" -p "$here/test/tsconfig.json"
  node --test "$here"/test/*.test.mjs
}

browser_suite() {
  if [ -z "${CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends chromium
  fi
  export CHROMIUM="${CHROMIUM:-$(command -v chromium)}"
  node --test "$here"/test/browser/*.test.mjs
}

case "${1:-}" in
  test) node_suites; browser_suite ;;
  node) node_suites ;;
  browser) browser_suite ;;
  "") ;;
  *) echo "unknown command: $1" >&2; exit 2 ;;
esac
