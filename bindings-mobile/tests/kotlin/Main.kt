// The Kotlin tests of the mobile binding: a `main` (no JUnit: Maven Central is out of
// reach here) that runs every check, prints "N passed, N failed" and exits non-zero on a
// failure. Run by `bash bindings-mobile/build.sh test`.
package kz.kezek.test

import java.io.File
import java.time.LocalDate
import java.time.LocalDateTime
import kotlin.system.exitProcess
import kz.kezek.*

/** The repository's root, passed by build.sh as -Dkezek.root. */
val root = File(System.getProperty("kezek.root") ?: ".")

var passed = 0
var failed = 0

/** Runs one named check; a thrown exception or a false result is a failure. */
fun test(name: String, body: () -> Boolean) {
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

fun at(s: String): LocalDateTime = LocalDateTime.parse(s)

val family = NewApplication(
    applicantIin = "900101300017",
    childIin = "210308600403",
    address = Address("akmola", "kokshetau"),
    groupType = GroupType.GENERAL,
    language = Language.KAZAKH,
    contacts = Contacts("ana@mail.kz", "+7 701 123 45 67"),
)

val kokshetau = Kindergarten("kg-balapan", "akmola", "kokshetau", listOf(Language.KAZAKH, Language.RUSSIAN))

/** A parent's application from registration to enrolment (RULES.md §2–§6), on the 2025
 *  calendar: Nauryz is 21-23 March, the 22nd and 23rd carried over to the 24th and 25th. */
fun lifecycle() {
    val policy = PolicyBook.builtin().policyFor("akmola", LocalDate.parse("2025-03-03"))
    val engine = Engine(policy)
    val id = engine.register(family, at("2025-03-03T09:00:00"))
    val second = engine.register(family.copy(childIin = "210911500613"), at("2025-03-03T09:30:00"))

    test("registration: queue numbers and the classes ahead") {
        engine.position(id) == Position(1u, ClassCounts(0u, 0u, 0u)) &&
            engine.position(second) == Position(2u, ClassCounts(0u, 0u, 1u))
    }
    test("the application holds masked IINs and the child's birth date") {
        val app = engine.application(id)
        app.child == "********0403" && app.applicants == listOf("********0017") &&
            app.childBirthDate == LocalDate.parse("2021-03-08") && app.`class` == PriorityClass.GENERAL
    }
    test("explain_offer: no places yet, with the reason in three languages") {
        val d = engine.explainOffer(id, 0u, at("2025-03-20T15:00:00"))
        val vacancies = d.checks.first { it.code == "VACANCIES" }
        !d.allowed && "VACANCIES" in d.failed && !vacancies.passed && d.question == Question.MAY_BE_OFFERED &&
            setOf(vacancies.message.kk, vacancies.message.ru, vacancies.message.en).size == 3
    }
    val reports = engine.publish(listOf(NewBulletin(kokshetau, GroupType.GENERAL, 2021, 1u)), at("2025-03-20T15:00:00"))
    test("publishing a place notifies the head of the queue") {
        reports.size == 1 && reports[0].offered == listOf(id) && reports[0].open == 0u
    }
    test("the notice's choice deadline skips Nauryz: 3 working days end on 28 March") {
        val s = engine.state(id)
        s is State.NoticeSent && s.chooseBy == Deadline(LocalDate.parse("2025-03-28"), at("2025-03-29T00:00:00"), false) &&
            engine.nextDeadline(id) == NextDeadline(at("2025-03-29T00:00:00"), DueKind.NOTICE_EXPIRES)
    }
    test("offer-round choices: the pool's bulletin with its free place") {
        val choices = engine.choices(id)
        choices.size == 1 && choices[0].kindergarten.id == "kg-balapan" && choices[0].taken == 0u
    }
    test("a place taken by someone else's notice is refused, and nothing changes") {
        val before = engine.snapshot()
        val e = runCatching { engine.takePlace(second, 1u, at("2025-03-20T16:00:00")) }.exceptionOrNull()
        e is KezekException && e.code() == "PLACE_RESERVED" && engine.snapshot() == before
    }
    engine.takePlace(id, 1u, at("2025-03-20T16:00:00"))
    test("taking the place issues a direction: show up within 5 working days, by 1 April") {
        val s = engine.state(id)
        s is State.DirectionIssued && s.direction.kindergarten == "kg-balapan" && s.direction.via == Via.NOTICE &&
            s.direction.showUpBy.lastDay == LocalDate.parse("2025-04-01") && engine.stateName(id) == StateName.DIRECTION_ISSUED
    }
    engine.enroll(id, at("2025-03-27T10:00:00"))
    test("enrolment, and the history of the application") {
        engine.stateName(id) == StateName.ENROLLED &&
            engine.history(id).map { reasonCode(it.reason) } == listOf("REGISTERED", "NOTICE_SENT", "DIRECTION_ISSUED", "ENROLLED") &&
            engine.position(id) == null
    }
    test("a snapshot restores the same engine, which keeps working") {
        val json = engine.snapshot()
        val loaded = Engine.fromSnapshot(json)
        loaded.snapshot() == json && loaded.state(id) == engine.state(id) &&
            loaded.position(second) == Position(1u, ClassCounts(0u, 0u, 0u))
    }
    test("replaying the log rebuilds the same engine; a log that is not one is INPUT_FORMAT") {
        val replayed = Engine.replay(policy, engine.logCalendar(), engine.log())
        val bad = runCatching { Engine.replay(policy, engine.logCalendar(), "{\"at\": 1}") }.exceptionOrNull()
        replayed.snapshot() == engine.snapshot() && Json.parse(engine.log()).let { it is List<*> && it.size == 5 } &&
            bad is KezekException && bad.code() == "INPUT_FORMAT"
    }
    test("a refused registration lists every failed check with its reason") {
        val e = runCatching {
            engine.register(family.copy(childIin = "21030860040", contacts = Contacts("no", "1")), at("2025-03-28T09:00:00"))
        }.exceptionOrNull()
        val checks = (e as? KezekException)?.report()?.details?.get("failures") as? ErrorDetail.Checks
        e is KezekException.CommandRefused && e.kind() == ErrorKind.COMMAND_REFUSED &&
            e.code() == "REGISTRATION_REFUSED" &&
            checks?.checks?.map { it.detail ?: it.code } == listOf("IIN_LENGTH", "CONTACT_EMAIL", "CONTACT_PHONE")
    }
    test("a panic inside a command is KezekException.Internal, and the engine is as before") {
        val before = engine.snapshot()
        val e = runCatching { engine.panicForTesting(at("2026-01-01T00:00:00")) }.exceptionOrNull()
        e is KezekException.Internal && e.code() == "INTERNAL" &&
            (e.report.details["panic"] as? ErrorDetail.Text)?.value?.contains("a panic for testing") == true &&
            engine.snapshot() == before &&
            engine.register(family.copy(childIin = "211225500914"), at("2025-03-28T10:00:00")) == 3uL
    }
}

fun calendarAndIin() {
    val cal = WorkCalendar.kazakhstan()
    test("the calendar: Nauryz 2025 and its carried-over days, by name") {
        val day = cal.dayInfo(LocalDate.parse("2025-03-24"))
        val kind = day.kind
        !day.working && kind is DayKind.CarriedOver && kind.name.kk == "Наурыз мейрамы" &&
            kind.holiday == LocalDate.parse("2025-03-22")
    }
    test("a year without decree data: refused strictly, answered provisionally") {
        val far = LocalDate.parse("2030-03-21")
        val strict = runCatching { cal.isWorkingDay(far) }.exceptionOrNull()
        strict is KezekException.Calendar && strict.code() == "CALENDAR_YEAR_UNKNOWN" &&
            strict.report.details["year"] == ErrorDetail.Year(2030) &&
            cal.provisional().isWorkingDay(far) == BoolAnswer(false, true)
    }
    test("an IIN prints masked; its digits only on request") {
        val iin = Iin("210308600403")
        iin.toString() == "********0403" && "210308600403" !in "$iin" && iin.exposeDigits() == "210308600403" &&
            iin.encodedSex() == Sex.FEMALE && iin == Iin.fromParts(LocalDate.parse("2021-03-08"), Sex.FEMALE, 40u)
    }
    test("policies: the periods of a policy by name") {
        val p = PolicyBook.builtin().get("akmola-2024")
        p.periods().first { it.name == "choice_window" }.period == Period(3u, PeriodUnit.WORKING_DAYS) &&
            Policy.fromJson(p.toJson()) == p
    }
}

fun main() {
    test("version() is the workspace's version") {
        val cargo = File(root, "Cargo.toml").readLines()
        version() == cargo.first { it.startsWith("version = ") }.substringAfter('"').substringBefore('"')
    }
    test("the README's Kotlin example runs (build.sh extracts it)") {
        readmeExample()
        true
    }
    calendarAndIin()
    lifecycle()
    conformance()
    errors()
    hostile()
    println("$passed passed, $failed failed")
    if (failed > 0) exitProcess(1)
}
