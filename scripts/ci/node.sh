#!/usr/bin/env bash
# Step 5: the npm package: clippy for wasm32, then bindings-wasm/build.sh test (installs the
# wasm32 target, wasm-bindgen-cli, TypeScript and playwright-core when missing): its
# wasm-bindgen tests under Node, tsc on the declarations, the node --test suites, and the
# portal widget end to end in headless Chromium (Debian's `chromium`, apt when missing);
# then the package as users install it (tests/packaging/npm.sh: npm pack into an empty
# project, the README in Node, tsc under users' tsconfigs, pages bundled by esbuild and
# Vite in Chromium).
source "$(dirname "$0")/lib.sh"
if ! command -v node >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq nodejs npm
fi
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
cargo clippy --target wasm32-unknown-unknown -p kezek-wasm --all-targets --locked -- -D warnings
bash bindings-wasm/build.sh test
bash tests/packaging/npm.sh
