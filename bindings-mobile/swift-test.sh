#!/usr/bin/env bash
# The Swift checks (tests/swift/main.swift) on macOS with Xcode's swiftc. Not run by the
# test command: machines of this project's kind have no Swift toolchain (see README).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
cd "$root"
out="$root/target/mobile/swift"
cargo build -q -p kezek-mobile --features bindgen --bin uniffi-bindgen \
  --target-dir "$root/target/uniffi-bindgen"
cargo build -p kezek-mobile --lib --features test-hooks
"$root/target/uniffi-bindgen/debug/uniffi-bindgen" generate \
  --library "$root/target/debug/libkezek_mobile.dylib" --language swift --out-dir "$out"
swiftc -Xcc -fmodule-map-file="$out/KezekFFI.modulemap" -I "$out" \
  -L "$root/target/debug" -lkezek_mobile \
  "$out/Kezek.swift" "$here/tests/swift/main.swift" -o "$out/kezek-swift-tests"
DYLD_LIBRARY_PATH="$root/target/debug" "$out/kezek-swift-tests"
