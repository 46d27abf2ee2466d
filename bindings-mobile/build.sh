#!/usr/bin/env bash
# Builds the mobile library and generates its Kotlin and Swift bindings, installing what is
# missing (the workspace's uniffi-bindgen, the Kotlin compiler from npm, JNA from Debian).
#
#   bash bindings-mobile/build.sh         library (target/debug/libkezek_mobile.{so,a}) and
#                                         bindings in target/mobile/{kotlin,swift}/
#   bash bindings-mobile/build.sh test    then the Kotlin tests on the JVM and the Swift
#                                         header checks (gcc, the static library's symbols,
#                                         a C program calling the scaffolding as Swift does),
#                                         then the JAR, as `jar` does
#   bash bindings-mobile/build.sh jar     target/mobile/kezek-mobile-<version>.jar: the
#                                         Kotlin bindings and the release library inside,
#                                         and a consumer built against it run on the JVM
#
# Swift itself does not run here (no Swift toolchain on Linux machines of this kind); see
# the README, "From Kotlin and Swift", for what is checked and how to run Swift on macOS.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
cd "$root"
export PATH="$HOME/.cargo/bin:$PATH"

kotlin_version="2.4.20"
out="$root/target/mobile"
tools="$root/target/tools"
lib="$root/target/debug/libkezek_mobile.so"
bindgen="$root/target/uniffi-bindgen/debug/uniffi-bindgen"

# The generator, in its own target dir: its `cli` feature must not reach the library.
cargo build -q -p kezek-mobile --features bindgen --bin uniffi-bindgen \
  --target-dir "$root/target/uniffi-bindgen"
cargo build -p kezek-mobile --lib --features test-hooks
rm -rf "$out/kotlin" "$out/swift"
"$bindgen" generate --library "$lib" --language kotlin --out-dir "$out/kotlin" --no-format
"$bindgen" generate --library "$lib" --language swift --out-dir "$out/swift" --no-format

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

kotlinc="$tools/kotlin-compiler-$kotlin_version/package/bin/kotlinc"
stdlib="$tools/kotlin-compiler-$kotlin_version/package/lib/kotlin-stdlib.jar"

ensure_kotlin() {
  if [ ! -x "$kotlinc" ]; then
    # Maven Central is out of reach on the build machines; npm carries the compiler.
    mkdir -p "$tools/kotlin-compiler-$kotlin_version"
    (cd "$tools" && npm pack --silent "kotlin-compiler@$kotlin_version" >/dev/null)
    tar -xzf "$tools/kotlin-compiler-$kotlin_version.tgz" -C "$tools/kotlin-compiler-$kotlin_version"
    rm "$tools/kotlin-compiler-$kotlin_version.tgz"
  fi
  if [ ! -f /usr/share/java/jna.jar ]; then
    as_root apt-get update -qq
    as_root apt-get install -y -qq --no-install-recommends libjna-java libjna-jni
  fi
}

# The README's Kotlin example as a function `readmeExample()` in $1: its imports first,
# the rest as the body.
readme_example() {
  local block
  block="$(awk '/^## From Kotlin and Swift/{s=1} s&&/^```kotlin$/{k=1;next} k&&/^```$/{exit} k' README.md)"
  {
    echo "package kz.kezek.test"
    grep '^import ' <<<"$block"
    echo "fun readmeExample() {"
    grep -v '^import ' <<<"$block"
    echo "}"
  } > "$1"
}

kotlin() {
  ensure_kotlin
  local readme="$out/ReadmeExample.kt"
  readme_example "$readme"
  local classes="$out/kotlin-classes"
  rm -rf "$classes"
  "$kotlinc" -nowarn -cp /usr/share/java/jna.jar -d "$classes" \
    "$out/kotlin/kz/kezek/kezek_mobile.kt" "$here"/tests/kotlin/*.kt "$readme"
  mkdir -p "$out/jna-tmp"
  RUST_BACKTRACE=0 java -Djna.library.path="$(dirname "$lib")" -Djna.tmpdir="$out/jna-tmp" \
    -Dkezek.root="$root" -cp "$classes:/usr/share/java/jna.jar:$stdlib" kz.kezek.test.MainKt
}

swift_header() {
  local header="$out/swift/KezekFFI.h"
  local static="$root/target/debug/libkezek_mobile.a"
  # 1. The header compiles as C (Swift imports it through its module map).
  printf '#include "%s"\n' "$header" > "$out/swift/header-check.c"
  gcc -std=c11 -Wall -Werror -D_Nullable= -D_Nonnull= -fsyntax-only "$out/swift/header-check.c"
  # 2. Every function it declares is defined by the static library Swift links.
  grep -oE '\b(uniffi|ffi)_kezek_mobile_[A-Za-z0-9_]+\(' "$header" | tr -d '(' | sort -u \
    > "$out/swift/declared.txt"
  nm -g --defined-only "$static" 2>/dev/null | awk '{print $3}' | sort -u > "$out/swift/defined.txt"
  local missing
  missing="$(comm -23 "$out/swift/declared.txt" "$out/swift/defined.txt")"
  if [ -n "$missing" ]; then
    echo "declared in KezekFFI.h but not in libkezek_mobile.a:" >&2
    echo "$missing" >&2
    exit 1
  fi
  echo "KezekFFI.h: $(wc -l < "$out/swift/declared.txt") functions, all defined in libkezek_mobile.a"
  # 3. A C program calls the scaffolding the way the generated Swift does, after the same
  #    initialisation checks (contract version, API checksums) with the Swift file's values.
  local swift="$out/swift/Kezek.swift"
  {
    sed -n 's/.*let bindings_contract_version = \([0-9]*\).*/CONTRACT(\1);/p' "$swift"
    grep -oE 'uniffi_kezek_mobile_checksum_[a-z0-9_]+\(\) != [0-9]+' "$swift" |
      sed -E 's/^([a-z0-9_]+)\(\) != ([0-9]+)$/CHECKSUM(\1, \2);/'
  } > "$out/swift/checks.inc"
  local version
  version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"
  gcc -std=c11 -Wall -Werror -D_Nullable= -D_Nonnull= -I"$out/swift" \
    -DEXPECTED_VERSION="\"$version\"" \
    -o "$out/swift/scaffolding-check" "$here/tests/c/scaffolding.c" "$static" -lpthread -ldl -lm
  "$out/swift/scaffolding-check"
}

# The JAR a JVM app (or a server) takes: the Kotlin bindings compiled, generated from the
# release library, and that library inside as a JNA resource (linux-x86-64/), so nothing but
# the JAR, JNA and the Kotlin standard library is on the class path. Then a consumer built
# against the JAR alone (the README's Kotlin example as its main) runs with no library path.
jar_package() {
  ensure_kotlin
  cargo build -q --release -p kezek-mobile --lib
  local release="$root/target/release/libkezek_mobile.so"
  local version work="$out/jar" jar
  version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"
  jar="$out/kezek-mobile-$version.jar"
  rm -rf "$work" "$jar"
  mkdir -p "$work/classes/linux-x86-64" "$work/consumer"
  "$bindgen" generate --library "$release" --language kotlin --out-dir "$work/kotlin" --no-format
  "$kotlinc" -nowarn -cp /usr/share/java/jna.jar -d "$work/classes" "$work/kotlin/kz/kezek/kezek_mobile.kt"
  cp "$release" "$work/classes/linux-x86-64/"
  jar --create --file "$jar" -C "$work/classes" .
  echo "$(basename "$jar"): $(stat -c %s "$jar") bytes (libkezek_mobile.so $(stat -c %s "$release") bytes)"
  readme_example "$work/consumer/ReadmeExample.kt"
  printf 'package kz.kezek.test\nfun main() { readmeExample(); println("the README example ran against the JAR") }\n' \
    > "$work/consumer/Main.kt"
  "$kotlinc" -nowarn -cp "$jar:/usr/share/java/jna.jar" -d "$work/consumer.jar" "$work/consumer"/*.kt
  # No jna.library.path: JNA must find the library inside the JAR.
  (cd "$work" && java -Djna.tmpdir="$work/jna-tmp" \
    -cp "$work/consumer.jar:$jar:/usr/share/java/jna.jar:$stdlib" kz.kezek.test.MainKt)
}

case "${1:-}" in
  test) kotlin; swift_header; jar_package ;;
  jar) jar_package ;;
  "") ;;
  *) echo "unknown command: $1" >&2; exit 2 ;;
esac
