#!/usr/bin/env bash
# Builds the mobile library for Apple platforms as an XCFramework and lays out a Swift
# package an app adds (File › Add Package Dependencies › Add Local…, or a path dependency).
#
#   bash bindings-mobile/apple.sh            (macOS with Xcode 15 or later)
#
# Targets: aarch64-apple-ios (devices), aarch64-apple-ios-sim and x86_64-apple-ios
# (simulators, joined by lipo), aarch64-apple-darwin (macOS, for `swift test` on the Mac),
# each a release static library. Output, in target/mobile/apple/:
#   KezekFFI.xcframework   the static libraries with the generated C header and module map
#   Kezek/                 a Swift package: Package.swift, Sources/Kezek/Kezek.swift (the
#                          generated bindings), and the XCFramework as its binary target
#
# Not run by the test command: no Swift toolchain or Xcode reaches machines of this
# project's kind (Linux). What Linux can check of the Swift side is checked by
# bindings-mobile/build.sh test (the header, the symbols, a C caller of the scaffolding).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
cd "$root"

if [ "$(uname -s)" != "Darwin" ] || ! command -v xcodebuild >/dev/null 2>&1; then
  echo "apple.sh needs macOS with Xcode (xcodebuild, lipo); this machine has neither" >&2
  exit 1
fi

out="$root/target/mobile/apple"
bindgen="$root/target/uniffi-bindgen/debug/uniffi-bindgen"
rm -rf "$out"
mkdir -p "$out/headers" "$out/ios-sim" "$out/Kezek/Sources/Kezek"

cargo build -q -p kezek-mobile --features bindgen --bin uniffi-bindgen \
  --target-dir "$root/target/uniffi-bindgen"
for target in aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin; do
  rustup target list --installed | grep -qx "$target" || rustup target add "$target"
  cargo rustc -q -p kezek-mobile --release --target "$target" --crate-type staticlib
done
# The bindings from the macOS build (its uniffi metadata): Kezek.swift, KezekFFI.h and the
# module map, renamed as an XCFramework's headers expect.
cargo rustc -q -p kezek-mobile --release --target aarch64-apple-darwin --crate-type cdylib
"$bindgen" generate --library "target/aarch64-apple-darwin/release/libkezek_mobile.dylib" \
  --language swift --out-dir "$out/generated"
cp "$out/generated/KezekFFI.h" "$out/headers/"
cp "$out/generated/KezekFFI.modulemap" "$out/headers/module.modulemap"
cp "$out/generated/Kezek.swift" "$out/Kezek/Sources/Kezek/"

lipo -create target/aarch64-apple-ios-sim/release/libkezek_mobile.a \
  target/x86_64-apple-ios/release/libkezek_mobile.a -output "$out/ios-sim/libkezek_mobile.a"
xcodebuild -create-xcframework \
  -library target/aarch64-apple-ios/release/libkezek_mobile.a -headers "$out/headers" \
  -library "$out/ios-sim/libkezek_mobile.a" -headers "$out/headers" \
  -library target/aarch64-apple-darwin/release/libkezek_mobile.a -headers "$out/headers" \
  -output "$out/Kezek/KezekFFI.xcframework"

cat > "$out/Kezek/Package.swift" <<'SWIFT'
// swift-tools-version:5.9
// The kezek rules engine for iOS and macOS apps: the uniffi Swift bindings over the Rust
// library (bindings-mobile/apple.sh generates this package).
import PackageDescription

let package = Package(
    name: "Kezek",
    platforms: [.iOS(.v15), .macOS(.v12)],
    products: [.library(name: "Kezek", targets: ["Kezek"])],
    targets: [
        .binaryTarget(name: "KezekFFI", path: "KezekFFI.xcframework"),
        .target(name: "Kezek", dependencies: ["KezekFFI"], path: "Sources/Kezek"),
    ]
)
SWIFT
(cd "$out/Kezek" && swift build -c release)
du -sh "$out/Kezek/KezekFFI.xcframework"/*
echo "Swift package ready in $out/Kezek"
