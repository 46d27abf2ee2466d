#!/usr/bin/env bash
# Step 7: the uniffi bindings (bindings-mobile/build.sh test; installs the Kotlin compiler
# from npm, JNA, a JDK and gcc when missing): Kotlin and Swift generated, the Kotlin tests
# on the JVM, the Swift header compiled and its symbols checked, a C caller, then the JAR
# (bindings + release library inside) with a consumer built against it; then the Android
# cross-builds (bindings-mobile/android.sh: static libraries for arm64-v8a, armeabi-v7a and
# x86_64 here, where no NDK can be installed: --quick builds arm64-v8a and type-checks the
# others; the .so files where ANDROID_NDK_HOME is set).
source "$(dirname "$0")/lib.sh"
if ! command -v java >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq --no-install-recommends default-jdk-headless
fi
command -v gcc >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq gcc; }
bash bindings-mobile/build.sh test
bash bindings-mobile/android.sh --quick
