// The Kotlin tests of the mobile binding: a `main` (no JUnit: Maven Central is out of
// reach here) that runs every check, prints "N passed, N failed" and exits non-zero on a
// failure. Run by `bash bindings-mobile/build.sh test`.
package kz.kezek.test

import java.io.File
import kotlin.system.exitProcess
import kz.kezek.version

/** The repository's root, passed by build.sh as -Dkezek.root. */
val root = File(System.getProperty("kezek.root") ?: ".")

var passed = 0
var failed = 0

/** Runs one named check; a thrown exception or a false result is a failure. */
fun check(name: String, body: () -> Boolean) {
    val ok = try {
        body()
    } catch (e: Throwable) {
        System.err.println("  $name threw $e")
        false
    }
    if (ok) passed++ else {
        failed++
        System.err.println("FAILED: $name")
    }
}

fun main() {
    check("version() is the workspace's version") {
        val cargo = File(root, "Cargo.toml").readLines()
        version() == cargo.first { it.startsWith("version = ") }.substringAfter('"').substringBefore('"')
    }
    println("$passed passed, $failed failed")
    if (failed > 0) exitProcess(1)
}
