// Every error code the mobile library can raise, raised through Kotlin: the codes of
// tests/conformance/error-codes.json (less the matching and simulation ones, which the
// mobile library does not carry) and INPUT_FORMAT, INPUT_TOO_LARGE and INTERNAL. Causes: the
// error cases of the shared files (collected by the conformance run) and the triggers
// below. Each is checked for its class against a table written here independently, for
// three distinct messages, and for carrying no IIN digits.
package kz.kezek.test

import java.time.LocalDate
import java.time.LocalDateTime
import kz.kezek.*

/** The error class each code belongs to, as in the Python and JS class trees. */
fun expectedKind(code: String): ErrorKind = when {
    code == "INPUT_TYPE" -> ErrorKind.INPUT_TYPE
    code.startsWith("INPUT_") -> ErrorKind.INPUT
    code == "INTERNAL" -> ErrorKind.INTERNAL
    code.startsWith("IIN_") -> ErrorKind.IIN
    code.startsWith("CALENDAR_") -> ErrorKind.CALENDAR
    code in setOf("POLICY_UNKNOWN_REGION", "POLICY_NOT_IN_FORCE", "POLICY_UNKNOWN_ID") -> ErrorKind.POLICY_NOT_FOUND
    code.startsWith("POLICY_") -> ErrorKind.POLICY_INVALID
    code.startsWith("MATCHING_") -> ErrorKind.MATCHING
    code.startsWith("SIMULATION_") -> ErrorKind.SIMULATION
    code == "APPLICATION_UNKNOWN" -> ErrorKind.APPLICATION_NOT_FOUND
    code.startsWith("SNAPSHOT_") -> ErrorKind.SNAPSHOT
    code == "BULLETIN_UNKNOWN" -> ErrorKind.BULLETIN_NOT_FOUND
    code == "KINDERGARTEN_UNKNOWN" -> ErrorKind.KINDERGARTEN_NOT_FOUND
    code == "BULLETIN_INVALID" || code == "KINDERGARTEN_INVALID" || code == "PLACES_FROZEN" || code.startsWith("PLACE_") ||
        code in setOf("DISTRIBUTION_NOT_STARTED", "WAITING_LIST_NOT_NEEDED", "RESTORE_USED") -> ErrorKind.PLACES_REFUSED
    else -> ErrorKind.COMMAND_REFUSED
}

/** What each trigger must raise, and how. */
val triggers: List<Pair<String, () -> Unit>> = listOf(
    "IIN_SERIAL" to { Iin.fromParts(LocalDate.parse("2021-03-08"), Sex.FEMALE, 10000u) },
    "IIN_DATE" to { Iin.fromParts(LocalDate.parse("2100-01-01"), Sex.MALE, 1u) },
    "SNAPSHOT_FORMAT" to { Engine.fromSnapshot("{not json") },
    "SNAPSHOT_VERSION" to {
        val json = Json.parse(Engine(PolicyBook.builtin().get("national-2024")).snapshot()).obj().toMutableMap()
        json["schema_version"] = 999L
        Engine.fromSnapshot(Json.write(json))
    },
    "SNAPSHOT_INCONSISTENT" to {
        val json = Json.parse(Engine(PolicyBook.builtin().get("national-2024")).snapshot()).obj().toMutableMap()
        json["next_seq"] = 0L
        Engine.fromSnapshot(Json.write(json))
    },
    // A moment with nanoseconds: Kotlin's LocalDateTime allows it, kezek's minute-and-second
    // moments do not.
    "INPUT_FORMAT" to {
        WorkCalendar.kazakhstan().deadline(LocalDateTime.of(2025, 3, 20, 15, 0, 0, 5), Period(3u, PeriodUnit.WORKING_DAYS))
    },
    "INTERNAL" to { Engine(PolicyBook.builtin().get("national-2024")).panicForTesting(LocalDateTime.of(2025, 1, 1, 0, 0)) },
    // A command as data over 16 MiB: refused before it is read.
    "INPUT_TOO_LARGE" to {
        Engine(PolicyBook.builtin().get("national-2024"))
            .execute("""{"command": "withdraw", "id": 1}""" + " ".repeat(16 * 1024 * 1024 + 1), LocalDateTime.of(2025, 1, 1, 0, 0))
    },
)

fun errors() {
    val all = seen.toMutableList()
    for ((code, trigger) in triggers) {
        test("trigger raises $code") {
            val e = runCatching(trigger).exceptionOrNull()
            (e is KezekException && e.code() == code).also { if (e is KezekException) all += e else System.err.println("  got $e") }
        }
    }
    val codes = load("error-codes.json")
    val expected = (codes["core"] as List<*>).map { it.str() }
        .filterNot { it.startsWith("MATCHING_") || it.startsWith("SIMULATION_") }
        .plus((codes["bindings"] as Map<*, *>).keys.map { it.str() })
        .plus(listOf("INPUT_FORMAT", "INPUT_TOO_LARGE")) // the input codes Kotlin's types let a caller cause
        .toSet()
    val byCode = all.groupBy { it.code() }
    test("every error code is raised from Kotlin (${expected.size} codes)") {
        (expected - byCode.keys).isEmpty().also { if (!it) System.err.println("  never raised: ${expected - byCode.keys}") }
    }
    test("no code outside error-codes.json") { (byCode.keys - expected).isEmpty() }
    for ((code, errors) in byCode.toSortedMap()) {
        val e = errors.first()
        test("$code: class ${expectedKind(code)}, three messages, no IIN digits") {
            val messages = Lang.values().map { e.messageIn(it) }
            val text = messages + listOf(e.message ?: "", e.toString())
            e.kind() == expectedKind(code) && messages.toSet().size == 3 && messages.all { it.isNotBlank() } &&
                text.none { Regex("\\d{12}").containsMatchIn(it) }
        }
    }
}
