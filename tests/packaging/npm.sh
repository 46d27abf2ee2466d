#!/usr/bin/env bash
# The npm package as a portal developer receives it: `npm pack` of bindings-wasm/pkg/
# (built by bindings-wasm/build.sh), installed into an empty project, then
#   - the README's JavaScript examples run in Node, importing "kezek" by name;
#   - a typed consumer (bindings-wasm/test/usage.ts) compiled with the tsconfig `tsc --init`
#     writes (strict) and with a plain one (es2022 lib, no esnext.disposable), both with
#     skipLibCheck off, so the package's own declarations are checked;
#   - a page bundled with esbuild and with Vite, each loaded in headless Chromium.
# Prints the tarball's size. Called by scripts/ci/node.sh after the package is built.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dev="$root/bindings-wasm/node_modules/.bin"
here="$root/tests/packaging"

user="$(mktemp -d)"
trap 'rm -rf "$user"' EXIT
[ -z "${KEEP:-}" ] || trap - EXIT
(cd "$root/bindings-wasm/pkg" && npm pack --silent --pack-destination "$user" >/dev/null)
tarball="$(ls "$user"/kezek-*.tgz)"
echo "npm package: $(basename "$tarball"), $(stat -c %s "$tarball") bytes packed"

app="$user/app"
mkdir "$app"
cd "$app"
printf '{ "name": "portal-app", "private": true, "type": "module" }\n' > package.json
npm install --no-audit --no-fund --loglevel=error "$tarball"

# The README's examples, each a module of the app importing "kezek".
cp "$root/README.md" .
node "$here/npm-readme.mjs" README.md

# The package's declarations under the compiler options users start from.
sed 's|"../pkg/index.js"|"kezek"|g' "$root/bindings-wasm/test/usage.ts" > usage.ts
"$dev/tsc" --init >/dev/null
sed -i 's|"skipLibCheck": true|"skipLibCheck": false|' tsconfig.json
grep -q '"skipLibCheck": false' tsconfig.json
"$dev/tsc" -p tsconfig.json --noEmit
cat > tsconfig.plain.json <<'JSON'
{
  "compilerOptions": {
    "strict": true, "target": "es2022", "module": "nodenext", "skipLibCheck": false, "noEmit": true
  },
  "files": ["usage.ts"]
}
JSON
"$dev/tsc" -p tsconfig.plain.json
echo "types: usage.ts compiles with tsc --init's tsconfig and a plain es2022 one (skipLibCheck off)"

# A page, bundled the two common ways.
mkdir web
cp "$here/page/index.html" "$here/page/main.js" web/
"$dev/esbuild" web/main.js --bundle --format=esm --log-level=warning --outdir=dist-esbuild
cp web/index.html dist-esbuild/
# esbuild does not follow `new URL("…", import.meta.url)`: the module goes beside the bundle.
cp node_modules/kezek/kezek_wasm_bg.wasm dist-esbuild/
"$dev/vite" build web --base ./ --logLevel warn --outDir ../dist-vite --emptyOutDir
node "$here/npm-pages.mjs" dist-esbuild dist-vite
