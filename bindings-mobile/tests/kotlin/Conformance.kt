// The shared conformance files of tests/conformance/, run through the Kotlin API with the
// same expectations as Rust, Python and JS: iin, calendar (strict, provisional, patched and
// loaded), calendar-kz-days (every day of 2016-2026), policy, and the lifecycle, offer-round
// and refusal scenarios (where a refused step must leave the snapshot unchanged).
// matching.json and simulation.json are analysts' tools the mobile library does not carry.
package kz.kezek.test

import java.io.File
import java.time.LocalDate
import java.time.LocalDateTime
import kz.kezek.*

@Suppress("UNCHECKED_CAST")
fun load(name: String): Map<String, Any?> =
    Json.parse(File(root, "tests/conformance/$name").readText()) as Map<String, Any?>

@Suppress("UNCHECKED_CAST")
fun Any?.obj(): Map<String, Any?> = this as Map<String, Any?>

fun Any?.str(): String = this as String
fun Any?.long(): Long = (this as Number).toLong()
fun date(v: Any?): LocalDate = LocalDate.parse(v.str())
fun moment(v: Any?): LocalDateTime = LocalDateTime.parse(v.str())

/** An answer, or an error code with the thrown KezekException. */
class Outcome(val kind: String, val value: Any?, val error: KezekException? = null)

fun outcome(run: () -> Any?): Outcome = try {
    Outcome("ok", run())
} catch (e: KezekException) {
    seen += e
    Outcome("error", e.code(), e)
}

/** Every error the conformance runs met, for the error suite. */
val seen = mutableListOf<KezekException>()

/** Checks a stateless case: its error code, or an answer containing the expected one. */
fun case(file: String, c: Map<String, Any?>, run: () -> Any?) {
    test("$file: ${c["name"]}") {
        val o = outcome(run)
        if ("error" in c) {
            o.kind == "error" && o.value == c["error"]
        } else {
            o.kind == "ok" && contains(o.value, c["expect"]).also {
                if (!it) System.err.println("  got ${Json.write(o.value)}")
            }
        }
    }
}

fun iinCase(c: Map<String, Any?>): Any? {
    val iin = Iin(c["args"].obj()["text"].str())
    return mapOf(
        "encoded_birth_date" to iin.encodedBirthDate()?.let { iso(it) },
        "encoded_sex" to iin.encodedSex()?.let { snake(it) },
        "masked" to iin.masked(),
    )
}

fun calendarOf(c: Map<String, Any?>): WorkCalendar = when {
    "data" in c -> WorkCalendar.fromJson(Json.write(c["data"]))
    "patch" in c -> WorkCalendar.kazakhstan().withPatch(Json.write(c["patch"]))
    else -> WorkCalendar.kazakhstan()
}

fun period(a: Map<String, Any?>) = Period(a["amount"].long().toUInt(), PeriodUnit.valueOf(a["unit"].str().uppercase()))

fun calendarCase(c: Map<String, Any?>): Any? {
    val a = c["args"].obj()
    val cal = calendarOf(c)
    if (c["mode"] == "provisional") {
        val p = cal.provisional()
        return when (c["op"]) {
            "is_working_day" -> p.isWorkingDay(date(a["date"])).let { mapOf("value" to it.value, "provisional" to it.provisional) }
            "add_working_days" -> p.addWorkingDays(date(a["date"]), a["n"].long().toUInt())
                .let { mapOf("value" to iso(it.value), "provisional" to it.provisional) }
            "working_days_between" -> p.workingDaysBetween(date(a["a"]), date(a["b"]))
                .let { mapOf("value" to it.value, "provisional" to it.provisional) }
            "deadline" -> p.deadline(moment(a["start"]), period(a))
                .let { mapOf("value" to deadline(it.value), "provisional" to it.provisional) }
            else -> error("unknown op ${c["op"]}")
        }
    }
    return when (c["op"]) {
        "is_working_day" -> cal.isWorkingDay(date(a["date"]))
        "add_working_days" -> iso(cal.addWorkingDays(date(a["date"]), a["n"].long().toUInt()))
        "working_days_between" -> cal.workingDaysBetween(date(a["a"]), date(a["b"]))
        "deadline" -> deadline(cal.deadline(moment(a["start"]), period(a)))
        "day_info" -> cal.dayInfo(date(a["date"])).let { dayKind(it.kind) + ("working" to it.working) }
        else -> error("unknown op ${c["op"]}")
    }
}

fun bookOf(c: Map<String, Any?>): PolicyBook = when (val b = c["book"]) {
    null -> PolicyBook.builtin()
    is String -> PolicyBook.fromJson(b)
    else -> {
        val m = b.obj()["mutate"].obj()
        val data = Json.parse(PolicyBook.builtin().toJson()).obj()
        @Suppress("UNCHECKED_CAST")
        val policies = data["policies"] as List<MutableMap<String, Any?>>
        policies.first { it["id"] == m["id"] }[m["field"].str()] = m["value"]
        PolicyBook.fromJson(Json.write(data))
    }
}

/** A text in the three languages as JSON. */
fun textOf(t: LocalizedText?): Any? = t?.let { mapOf("kk" to it.kk, "ru" to it.ru, "en" to it.en) }

fun peopleCase(c: Map<String, Any?>): Any? {
    val a = c["args"].obj()
    val kind = { labels()[a["kind"].str()] ?: error("no labels of ${a["kind"]}") }
    return when (c["op"]) {
        "label" -> textOf(kind()[a["code"].str()])
        "has_label" -> kind().containsKey(a["code"].str())
        "label_count" -> kind().size.toLong()
        "label_kinds" -> labels().keys.sorted()
        "show_date" -> showDate(LocalDate.parse(a["value"].str()))
        "show_moment" -> showMoment(LocalDateTime.parse(a["value"].str()))
        "show_deadline" -> a["deadline"].obj().let { d ->
            textOf(showDeadline(Deadline(LocalDate.parse(d["last_day"].str()), LocalDateTime.parse(d["ends_at"].str()), d["provisional"] as Boolean)))
        }
        else -> error("unknown op ${c["op"]}")
    }
}

fun policyCase(c: Map<String, Any?>): Any? {
    val a = c["args"].obj()
    val book = bookOf(c)
    return when (c["op"]) {
        "policy_for" -> Json.parse(book.policyFor(a["region"].str(), date(a["date"])).toJson())
        "policy_get" -> Json.parse(book.get(a["id"].str()).toJson())
        "is_frozen" -> book.policyFor(a["region"].str(), date(a["date"])).isFrozen(date(a["date"]))
        "ids" -> book.ids()
        "regions" -> book.regions().map { mapOf("code" to it.code, "name" to mapOf("kk" to it.name.kk, "ru" to it.name.ru, "en" to it.name.en)) }
        else -> error("unknown op ${c["op"]}")
    }
}

/** A new application from the files' snake_case data. */
fun newApplication(m: Map<String, Any?>): NewApplication {
    val address = m["address"].obj()
    val contacts = m["contacts"].obj()
    @Suppress("UNCHECKED_CAST")
    val documents = (m["documents"] as List<Any?>? ?: emptyList()).map {
        val d = it.obj()
        Document(d["kind"].str(), date(d["issued_on"]), d["valid_until"]?.let(::date))
    }
    return NewApplication(
        applicantIin = m["applicant_iin"].str(),
        childIin = m["child_iin"].str(),
        childBirthDate = m["child_birth_date"]?.let(::date),
        childSex = (m["child_sex"] as String?)?.let { Sex.valueOf(it.uppercase()) },
        address = Address(address["region"].str(), address["district"].str(), address["locality"] as String?),
        groupType = GroupType.valueOf(m["group_type"].str().uppercase()),
        language = Language.valueOf(m["language"].str().uppercase()),
        benefit = m["benefit"] as String?,
        documents = documents,
        nonResident = m["non_resident"] as Boolean? ?: false,
        contacts = Contacts(contacts["email"].str(), contacts["phone"].str()),
        rankedChoices = (m["ranked_choices"] as List<*>? ?: emptyList<Any?>()).map { it.str() },
    )
}

/** The scenario files every host runs (tests/conformance/scenario-files.json). */
val SCENARIO_FILES = (load("scenario-files.json")["files"] as List<*>).map { it.str() }

/** A fresh engine for a scenario: its built-in policy, with its `policy_changes`. */
fun scenarioEngine(scenario: Map<String, Any?>): Engine {
    val policy = PolicyBook.builtin().get(scenario["policy"].str())
    val changes = scenario["policy_changes"]?.obj() ?: return Engine(policy)
    return Engine(Policy.fromJson(Json.write(Json.parse(policy.toJson()).obj() + changes)))
}

/** The engine's commands (the core's list): each goes through the one entry, `Engine.execute`. */
val COMMANDS = commandNames().toSet()

/** Runs one step of a scenario file on `engine`; its answer in the file's shape. */
fun runStep(engine: Engine, file: Map<String, Any?>, s: Map<String, Any?>): Any? {
    val a = s["args"]?.obj() ?: emptyMap()
    val at = s["at"]?.let(::moment)
    val id = a["id"]?.long()?.toULong()
    fun app() = newApplication(file["application"].obj() + a)
    if (s["op"] in COMMANDS) {
        // Every command through the one entry, as JSON (the shared files' own shape back).
        val fields = if (s["op"] == "register") mapOf("application" to file["application"].obj() + a) else a
        return Json.parse(engine.execute(Json.write(mapOf("command" to s["op"]) + fields), at!!))
    }
    return when (s["op"]) {
        "state" -> state(engine.state(id!!))
        "position" -> position(engine.position(id!!))
        "listing" -> engine.listing(engine.queueKey(id!!)).map { it.id.toLong() }
        "statistics" -> engine.statistics().map(::statistics)
        "history" -> engine.history(id!!).map { reasonCode(it.reason) }
        "next_deadline" -> engine.nextDeadline(id!!)?.let { mapOf("at" to iso(it.at), "kind" to snake(it.kind)) }
        "explain_take_place" -> engine.explainTakePlace(id!!, at!!).let {
            check(it.question == Question.MAY_TAKE_PLACE)
            mapOf("allowed" to it.allowed, "failed" to it.failed)
        }
        "explain_offer" -> engine.explainOffer(id!!, a["vacancies"].long().toUInt(), at!!).let {
            check(it.question == Question.MAY_BE_OFFERED)
            mapOf("allowed" to it.allowed, "failed" to it.failed)
        }
        "explain_registration" -> engine.explainRegistration(app(), at!!).let {
            check(it.question == Question.MAY_REGISTER)
            mapOf("allowed" to it.allowed, "failed" to it.failed)
        }
        "bulletin" -> bulletin(engine.bulletin(a["bulletin"].long().toULong()))
        "choices" -> engine.choices(id!!).map(::bulletin)
        "ranked_choices" -> engine.rankedChoices(id!!)
        "kindergartens" -> engine.kindergartens().map(::kindergarten)
        "verify_round" -> verdict(engine.verifyRound(Json.write(a["certificate"])))
        "choice_cutoffs" -> engine.choiceCutoffs(Json.write(a["certificate"]), id!!).map(::choiceCutoff)
        "given_on" -> engine.givenOn().map(::directed)
        "interest_due" -> engine.interestDue(id!!)?.let {
            mapOf(
                "anniversary" to it.anniversary.toLong(),
                "confirm_by" to mapOf("last_day" to iso(it.confirmBy.lastDay), "ends_at" to iso(it.confirmBy.endsAt)),
                "opens_at" to iso(it.opensAt),
                "confirmed" to it.confirmed,
            )
        }
        "open_places" -> engine.openPlaces(engine.queueKey(id!!)).toLong()
        "child" -> engine.application(id!!).let {
            mapOf(
                "birth_date" to iso(it.childBirthDate),
                "sex" to it.childSex?.let(::snake),
                "birth_date_source" to snake(it.birthDateSource),
                "cohort" to engine.queueKey(id).cohort.toLong(),
            )
        }
        else -> error("unknown op ${s["op"]}")
    }
}

/** The codes an error reports as failed (a refused registration's checks, or NOT_ELIGIBLE's). */
fun failedOf(e: KezekException?): List<String>? =
    (e?.report()?.details?.get("failed") as? ErrorDetail.Texts)?.values

fun conformance() {
    for (c in load("iin.json")["cases"] as List<*>) case("iin.json", c.obj()) { iinCase(c.obj()) }
    for (cs in load("calendar.json")["cases"] as List<*>) {
        // A provisional case states its answer in `expect` and the flag beside it.
        val c = cs.obj().let {
            if (it["mode"] == "provisional" && "expect" in it) {
                it + ("expect" to mapOf("value" to it["expect"], "provisional" to it["provisional"]))
            } else {
                it
            }
        }
        case("calendar.json", c) { calendarCase(c) }
    }
    for (c in load("policy.json")["cases"] as List<*>) case("policy.json", c.obj()) { policyCase(c.obj()) }
    for (c in load("people.json")["cases"] as List<*>) case("people.json", c.obj()) { peopleCase(c.obj()) }

    test("calendar-kz-days.json: the built-in calendar day by day against the holidays package") {
        val f = load("calendar-kz-days.json")
        val off = (f["weekdays_off"] as List<*>).toSet()
        val working = (f["weekend_days_working"] as List<*>).toSet()
        val cal = WorkCalendar.kazakhstan()
        var d = LocalDate.of(f["first_year"].long().toInt(), 1, 1)
        val end = LocalDate.of(f["last_year"].long().toInt(), 12, 31)
        val wrong = mutableListOf<String>()
        while (!d.isAfter(end)) {
            val weekend = d.dayOfWeek.value >= 6
            val expected = if (weekend) iso(d) in working else iso(d) !in off
            if (cal.isWorkingDay(d) != expected) wrong += iso(d)
            d = d.plusDays(1)
        }
        wrong.isEmpty().also { if (!it) System.err.println("  wrong days: $wrong") }
    }

    for (name in SCENARIO_FILES) {
        val file = load(name)
        for (sc in file["scenarios"] as List<*>) {
            val scenario = sc.obj()
            test("$name: ${scenario["name"]}") {
                val engine = scenarioEngine(scenario)
                (scenario["steps"] as List<*>).withIndex().all { (n, st) ->
                    val s = st.obj()
                    val before = if ("error" in s) engine.snapshot() else null
                    val o = outcome { runStep(engine, file, s) }
                    val ok = if ("error" in s) {
                        o.kind == "error" && o.value == s["error"] &&
                            ("failed" !in s || failedOf(o.error) == s["failed"]) &&
                            engine.snapshot() == before
                    } else {
                        o.kind == "ok" && contains(o.value, s["expect"])
                    }
                    ok.also { if (!it) System.err.println("  step ${n + 1} (${s["op"]}): ${o.kind} ${Json.write(o.value)}") }
                }
            }
        }
    }

    // Snapshots of earlier versions load migrated (tests/conformance/snapshots.json).
    for (cs in load("snapshots.json")["cases"] as List<*>) {
        val c = cs.obj()
        test("snapshots.json: ${c["name"]}") {
            val text = File(root, "tests/conformance/${c["from"].str()}").readText()
            val o = outcome { Json.parse(Engine.fromSnapshot(text).snapshot()) }
            if ("error" in c) {
                o.kind == "error" && o.value == c["error"]
            } else {
                o.kind == "ok" && o.value == load(c["expect"].str())
            }
        }
    }
}
