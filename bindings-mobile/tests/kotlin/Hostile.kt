// The Kotlin library as a hostile host uses it (issue 22): a generator of its own (no
// property-testing library on this machine's Kotlin: a seeded java.util.Random, so every
// run draws the same cases) over every public entry point, with the values Kotlin's types
// still let through: out-of-range numbers (UInt.MAX, ULong.MAX, negative cohorts), dates
// kezek cannot hold (LocalDate.MIN/MAX, years past 262143), moments with nanoseconds, and
// text of every kind (empty, a megabyte, deep JSON, control, bidi and zero-width
// characters, lone surrogates, IINs where ids go). Each call asserts: the JVM lives (an
// abort would end the run), what is thrown is a KezekException with a code of
// error-codes.json and its class, never INTERNAL (a panic is a bug), no IIN given appears
// in it, and a refused command leaves the snapshot byte-identical. One engine is then
// shared by threads.
package kz.kezek.test

import java.time.LocalDate
import java.time.LocalDateTime
import java.util.Random
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import kz.kezek.*

/** The IINs the generator passes: none may come back in an error. */
val hostileIins = listOf("210308600403", "900101300017", "210911500613")

/** Lookups name the id they did not find: an IIN passed as a policy or kindergarten id
 *  comes back as that id, not as an IIN (as in the Python and JS suites). */
val echoesItsId = setOf("POLICY_UNKNOWN_ID", "POLICY_UNKNOWN_REGION", "KINDERGARTEN_UNKNOWN")

class Gen(seed: Long) {
    val r = Random(seed)

    fun <T> pick(vararg xs: T): T = xs[r.nextInt(xs.size)]

    /** A round certificate's JSON: well formed or not, ids and indices anywhere. */
    fun certificate(): String {
        val unit = "{\"children\": [${ulong()}], \"choices\": [${pick(0, 1, 7)}], \"placed\": ${pick("0", "1", "null", "4294967295")}}"
        return "{\"certificate_version\": ${pick(1, 2)}, \"queue\": {\"region\": \"akmola\", \"area\": \"kokshetau\", " +
            "\"group_type\": \"general\", \"cohort\": 2021}, \"at\": \"2025-03-03T09:00:00\", " +
            "\"kindergartens\": [{\"id\": \"kg-1\", \"places\": ${uint()}}, {\"id\": \"${text().replace("\\", "").replace("\"", "")}\", \"places\": 1}], " +
            "\"units\": [${List(pick(0, 1, 3)) { unit }.joinToString()}]}"
    }

    fun text(): String = when (r.nextInt(14)) {
        0 -> ""
        1 -> pick(*hostileIins.toTypedArray())
        2 -> pick(*hostileIins.toTypedArray()) + pick("\u000b", " ", "\u200b", "x", "\uD800")
        3 -> pick("\u0000", "\u001b[2J", "\u202eana@mail.kz", "kg\u200b-1", "\u000b", "akmola\u0085")
        4 -> pick("\uD800", "a\uDC00b", "\uDBFF\uDFFF", "\uFFFF")
        5 -> "a".repeat(pick(65_536, 1_000_000))
        6 -> pick("[", "{\"a\":").repeat(pick(200, 100_000))
        7 -> (0 until r.nextInt(40)).map { r.nextInt(0x3000).toChar() }.joinToString("")
        8 -> pick("{}", "[]", "null", "{\"schema_version\": 1}", "{\"years\": {}}", "1e999", "\"x\"")
        9 -> (0 until r.nextInt(30)).map { '0' + r.nextInt(10) }.joinToString("")
        10 -> pick("Ақмола", "Көкшетау", "👶🏽", "e\u0301", "é")
        11 -> pick("akmola", "kokshetau", "kg-0", "kg-1", "akmola-2024", "national-2024")
        12 -> pick("ana@mail.kz", "+7 701 123 45 67", "a@\u000b.a", "@", "a@b")
        else -> "kg-" + r.nextInt(5)
    }

    fun uint(): UInt = pick(0u, 1u, 3u, 31u, UInt.MAX_VALUE, UInt.MAX_VALUE - 1u, r.nextInt().toUInt())
    fun ulong(): ULong = pick(0uL, 1uL, 2uL, 5uL, 1uL shl 53, ULong.MAX_VALUE, r.nextLong().toULong())
    fun ushort(): UShort = pick(0u.toUShort(), 9999u.toUShort(), 10000u.toUShort(), UShort.MAX_VALUE, r.nextInt(65536).toUShort())
    fun int(): Int = pick(Int.MIN_VALUE, -1, 0, 2020, 2021, 2024, 9999, Int.MAX_VALUE, r.nextInt())

    fun date(): LocalDate = when (r.nextInt(6)) {
        0 -> pick(LocalDate.MIN, LocalDate.MAX, LocalDate.of(1799, 12, 31), LocalDate.of(2100, 1, 1))
        1 -> pick(LocalDate.of(262_143, 12, 31), LocalDate.of(262_144, 1, 1), LocalDate.of(-262_144, 1, 1), LocalDate.of(0, 1, 1))
        2 -> LocalDate.ofEpochDay(r.nextLong() % 365_000_000L)
        else -> LocalDate.of(2024 + r.nextInt(3), 1 + r.nextInt(12), 1 + r.nextInt(28))
    }

    fun moment(): LocalDateTime = when (r.nextInt(5)) {
        0 -> date().atTime(r.nextInt(24), r.nextInt(60), r.nextInt(60), pick(0, 1, 999_999_999))
        1 -> pick(LocalDateTime.MIN, LocalDateTime.MAX)
        else -> date().atTime(r.nextInt(24), r.nextInt(60))
    }

    fun period() = Period(uint(), pick(*PeriodUnit.values()))
    fun lang() = pick(*Language.values())
    fun group() = pick(*GroupType.values())
    fun kindergarten() = Kindergarten(text(), text(), text(), List(r.nextInt(3)) { lang() }, List(r.nextInt(3)) { group() })
    fun queue() = QueueKey(text(), text(), group(), int())
    fun ids(): List<ULong> = List(pick(0, 1, 2, 3, 1000)) { ulong() }
    fun documents(): List<Document> = List(r.nextInt(3)) {
        Document(text(), date(), if (r.nextBoolean()) date() else null)
    }

    fun application(): NewApplication = NewApplication(
        applicantIin = text(),
        childIin = text(),
        address = Address(text(), text(), if (r.nextBoolean()) text() else null),
        groupType = group(),
        language = lang(),
        benefit = if (r.nextBoolean()) text() else null,
        documents = documents(),
        nonResident = r.nextBoolean(),
        contacts = Contacts(text(), text()),
    )

    /** A valid application with one field replaced by hostile data. */
    fun nearlyValid(): NewApplication {
        val ok = family.copy(childIin = pick(*hostileIins.toTypedArray()))
        return when (r.nextInt(6)) {
            0 -> ok.copy(childIin = text())
            1 -> ok.copy(address = Address(text(), "kokshetau"))
            2 -> ok.copy(address = Address("akmola", text(), text()))
            3 -> ok.copy(contacts = Contacts(text(), "+7 701 123 45 67"))
            4 -> ok.copy(benefit = text(), documents = documents())
            else -> ok
        }
    }

    fun bulletin() = NewBulletin(
        if (r.nextBoolean()) kokshetau else kindergarten(),
        group(),
        int(),
        uint(),
    )
}

/** An engine with two applications, one of them offered a place. */
fun populated(): Engine {
    val engine = Engine(PolicyBook.builtin().get("akmola-2024"))
    val a = engine.register(family, at("2025-03-03T09:00:00"))
    engine.register(family.copy(childIin = "210911500613"), at("2025-03-03T09:05:00"))
    engine.notify(a, 1u, at("2025-03-03T10:00:00"))
    return engine
}

/** Every entry point, each drawing its own arguments. Commands say so: their refusals must
 *  leave the engine as it was. */
class Entry(val name: String, val command: Boolean, val call: (Engine, Gen) -> Any?)

val entries: List<Entry> = run {
    val book = PolicyBook.builtin()
    val cal = WorkCalendar.kazakhstan()
    fun q(name: String, call: (Engine, Gen) -> Any?) = Entry(name, false, call)
    fun c(name: String, call: (Engine, Gen) -> Any?) = Entry(name, true, call)
    listOf(
        q("Iin(text)") { _, g -> Iin(g.text()) },
        q("Iin.fromParts") { _, g -> Iin.fromParts(g.date(), g.pick(Sex.MALE, Sex.FEMALE), g.ushort()) },
        q("WorkCalendar.fromJson") { _, g -> WorkCalendar.fromJson(g.text()) },
        q("WorkCalendar.withPatch") { _, g -> cal.withPatch(g.text()) },
        q("WorkCalendar.isWorkingDay") { _, g -> cal.isWorkingDay(g.date()) },
        q("WorkCalendar.dayInfo") { _, g -> cal.dayInfo(g.date()) },
        q("WorkCalendar.addWorkingDays") { _, g -> cal.addWorkingDays(g.date(), g.uint()) },
        q("WorkCalendar.workingDaysBetween") { _, g -> cal.workingDaysBetween(g.date(), g.date()) },
        q("WorkCalendar.deadline") { _, g -> cal.deadline(g.moment(), g.period()) },
        q("ProvisionalCalendar.isWorkingDay") { _, g -> cal.provisional().isWorkingDay(g.date()) },
        q("ProvisionalCalendar.addWorkingDays") { _, g -> cal.provisional().addWorkingDays(g.date(), g.uint()) },
        q("ProvisionalCalendar.workingDaysBetween") { _, g -> cal.provisional().workingDaysBetween(g.date(), g.date()) },
        q("ProvisionalCalendar.deadline") { _, g -> cal.provisional().deadline(g.moment(), g.period()) },
        q("Policy.fromJson") { _, g -> Policy.fromJson(g.text()) },
        q("PolicyBook.fromJson") { _, g -> PolicyBook.fromJson(g.text()) },
        q("PolicyBook.get") { _, g -> book.get(g.text()) },
        q("PolicyBook.policyFor") { _, g -> book.policyFor(g.text(), g.date()) },
        q("Policy.isFrozen") { _, g -> book.get("akmola-2024").isFrozen(g.date()) },
        q("Engine.fromSnapshot") { _, g -> Engine.fromSnapshot(g.text()) },
        q("Engine.replay") { e, g ->
            val log = g.pick(
                g.text(), e.log(), "[{\"at\": \"2025-01-01T00:00:00\", \"command\": \"withdraw\", \"id\": ${g.ulong()}}]",
                "[{\"at\": \"${g.text()}\", \"command\": \"advance_to\"}]",
            )
            Engine.replay(PolicyBook.builtin().get("akmola-2024"), e.logCalendar(), log)
        },
        q("Engine.withCalendar") { _, g ->
            Engine.withCalendar(book.get(g.pick("akmola-2024", "national-2024")), runCatching { WorkCalendar.fromJson(g.text()) }.getOrElse { cal })
        },
        q("Engine.application") { e, g -> e.application(g.ulong()) },
        q("Engine.state") { e, g -> e.state(g.ulong()) },
        q("Engine.position") { e, g -> e.position(g.ulong()) },
        q("Engine.history") { e, g -> e.history(g.ulong()) },
        q("Engine.nextDeadline") { e, g -> e.nextDeadline(g.ulong()) },
        q("Engine.queueKey") { e, g -> e.queueKey(g.ulong()) },
        q("Engine.lapses") { e, g -> e.lapses(g.ulong()) },
        q("Engine.interest") { e, g -> e.interest(g.ulong()) },
        q("Engine.batch") { e, g -> e.batch(g.ulong()) },
        q("Engine.applicationsOf") { e, g -> e.applicationsOf(Iin(g.pick(*hostileIins.toTypedArray()))) },
        q("Engine.explainRegistration") { e, g -> e.explainRegistration(g.pick(g.application(), g.nearlyValid()), g.moment()) },
        q("Engine.explainOffer") { e, g -> e.explainOffer(g.ulong(), g.uint(), g.moment()) },
        q("Engine.explainRemovalForAge") { e, g -> e.explainRemovalForAge(g.ulong(), g.moment()) },
        q("Engine.listing") { e, g -> e.listing(g.queue()) },
        q("Engine.counts") { e, g -> e.counts(g.queue()) },
        q("Engine.openPlaces") { e, g -> e.openPlaces(g.queue()) },
        q("Engine.bulletin") { e, g -> e.bulletin(g.ulong()) },
        q("Engine.choices") { e, g -> e.choices(g.ulong()) },
        q("Engine.rankedChoices") { e, g -> e.rankedChoices(g.ulong()) },
        q("Engine.kindergartens") { e, _ -> e.kindergartens() },
        q("Engine.verifyRound") { e, g -> e.verifyRound(g.pick(g.text(), g.certificate())) },
        q("Engine.choiceCutoffs") { e, g -> e.choiceCutoffs(g.pick(g.text(), g.certificate()), g.ulong()) },
        c("Engine.register") { e, g -> e.register(g.pick(g.application(), g.nearlyValid()), g.moment()) },
        c("Engine.notify") { e, g -> e.notify(g.ulong(), g.uint(), g.moment()) },
        c("Engine.issueDirection") { e, g -> e.issueDirection(g.ulong(), g.text(), g.moment()) },
        c("Engine.takePlace") { e, g -> e.takePlace(g.ulong(), g.ulong(), g.moment()) },
        c("Engine.revoke") { e, g -> e.revoke(g.ulong(), g.moment()) },
        c("Engine.extend") { e, g -> e.extend(g.ulong(), g.date(), g.moment()) },
        c("Engine.confirmRight") { e, g -> e.confirmRight(g.ulong(), g.moment()) },
        c("Engine.enroll") { e, g -> e.enroll(g.ulong(), g.moment()) },
        c("Engine.release") { e, g -> e.release(g.ulong(), g.moment()) },
        c("Engine.withdraw") { e, g -> e.withdraw(g.ulong(), g.moment()) },
        c("Engine.confirmInterest") { e, g -> e.confirmInterest(g.ulong(), g.moment()) },
        c("Engine.confirmVoucher") { e, g -> e.confirmVoucher(g.ulong(), g.moment()) },
        c("Engine.refuseVoucher") { e, g -> e.refuseVoucher(g.ulong(), g.moment()) },
        c("Engine.restore") { e, g -> e.restore(g.ulong(), g.moment()) },
        c("Engine.signContract") { e, g -> e.signContract(g.ulong(), g.ulong(), g.moment()) },
        c("Engine.joinWaitingList") { e, g -> e.joinWaitingList(g.ulong(), g.text(), g.moment()) },
        c("Engine.linkApplicant") { e, g -> e.linkApplicant(g.ulong(), g.text(), g.moment()) },
        c("Engine.linkBatch") { e, g -> e.linkBatch(g.ids(), g.moment()) },
        c("Engine.unlinkBatch") { e, g -> e.unlinkBatch(g.ulong(), g.moment()) },
        c("Engine.addKindergartens") { e, g -> e.addKindergartens(List(g.pick(0, 1, 2)) { g.kindergarten() }, g.moment()) },
        c("Engine.changeRankedChoices") { e, g -> e.changeRankedChoices(g.ulong(), List(g.pick(0, 1, 5)) { g.text() }, g.moment()) },
        c("Engine.execute") { e, g ->
            val command = g.pick(
                g.text(), "{\"command\": \"withdraw\", \"id\": ${g.ulong()}}",
                "{\"command\": \"notify\", \"id\": ${g.ulong()}, \"vacancies\": 4294967296}",
                "{\"command\": \"link_applicant\", \"id\": 1, \"applicant_iin\": \"${g.text()}\"}",
            )
            e.execute(command, g.moment())
        },
        c("Engine.patchCalendar") { e, g ->
            val patch = g.pick(
                g.text(), "{\"years\": {\"2101\": {\"source\": \"x\"}}}", "{\"years\": {\"9999\": {\"source\": \"x\"}}}",
                "{\"years\": {\"2027\": {\"source\": \"x\", \"transfers\": [{\"from\": \"2027-01-09\", \"to\": \"2027-01-08\", \"source\": \"x\"}]}}}",
            )
            e.patchCalendar(patch, g.moment())
        },
        c("Engine.updateBenefit") { e, g -> e.updateBenefit(g.ulong(), if (g.r.nextBoolean()) g.text() else null, g.documents(), g.moment()) },
        c("Engine.correctBirthDate") { e, g -> e.correctBirthDate(g.ulong(), g.date(), g.moment()) },
        c("Engine.advanceTo") { e, g -> e.advanceTo(g.moment()) },
        c("Engine.publish") { e, g -> e.publish(List(g.pick(0, 1, 2)) { g.bulletin() }, g.moment()) },
        c("Engine.offerRound") { e, g -> e.offerRound(g.ulong(), g.moment()) },
        c("Engine.distribute") { e, g -> e.distribute(g.moment()) },
    )
}

/** Why `thrown` (by `entry`) breaks the contract, or null. The one exception that is not
 *  kezek's: a string that is not Unicode (a lone surrogate) cannot be encoded to UTF-8, and
 *  uniffi's generated code refuses it with java.nio.charset.CharacterCodingException before
 *  the call reaches kezek (the README's "Guarantees" says so). */
fun breach(entry: Entry, thrown: Throwable?, before: String?, engine: Engine, codes: Set<String>): String? {
    if (thrown == null) return null
    if (thrown is java.nio.charset.CharacterCodingException) {
        return if (entry.command && before != null && engine.snapshot() != before) "changed the engine" else null
    }
    if (thrown !is KezekException) return "threw ${thrown.javaClass.name}"
    val code = thrown.code()
    if (code == "INTERNAL") return "panicked: ${thrown.message}"
    if (code !in codes) return "code $code is not in error-codes.json"
    if (thrown.kind() != expectedKind(code)) return "$code has class ${thrown.kind()}"
    if (code !in echoesItsId) {
        val text = Lang.values().map { thrown.messageIn(it) } + listOf(thrown.message ?: "", thrown.toString())
        val leaked = hostileIins.firstOrNull { iin -> text.any { iin in it } }
        if (leaked != null) return "$code carries an IIN"
    }
    if (entry.command && before != null && engine.snapshot() != before) return "refused ($code) but changed the engine"
    return null
}

fun hostile() {
    val codes = load("error-codes.json").let { c ->
        (c["core"] as List<*>).map { it.str() } + (c["input"] as List<*>).map { it.str() } +
            (c["bindings"] as Map<*, *>).keys.map { it.str() }
    }.toSet()
    val rounds = 60
    val g = Gen(20261205L)
    val breaches = mutableMapOf<String, String>()
    var calls = 0
    var refused = 0
    for (round in 0 until rounds) {
        val engine = populated()
        for (entry in entries) {
            val before = if (entry.command) engine.snapshot() else null
            val thrown = try {
                entry.call(engine, g)
                null
            } catch (e: Throwable) {
                e
            }
            calls++
            if (thrown != null) refused++
            breach(entry, thrown, before, engine, codes)?.let { breaches.putIfAbsent(entry.name, it) }
        }
    }
    test("hostile arguments: $calls calls over ${entries.size} entry points ($refused refused), every failure a coded KezekException, no IIN, refusals change nothing") {
        breaches.forEach { (name, why) -> System.err.println("  $name: $why") }
        breaches.isEmpty()
    }

    test("an engine closed by the host: Kotlin's IllegalStateException from the generated code, the JVM lives") {
        val engine = populated()
        engine.close()
        val e = runCatching { engine.snapshot() }.exceptionOrNull()
        e is IllegalStateException && runCatching { engine.close() }.isSuccess
    }

    test("one engine shared by 8 threads: calls are serialised, every failure a KezekException") {
        val engine = populated()
        val pool = Executors.newFixedThreadPool(8)
        val failures = java.util.concurrent.ConcurrentLinkedQueue<Throwable>()
        repeat(8) { t ->
            pool.submit {
                val tg = Gen(t.toLong())
                repeat(200) {
                    val entry = entries.filter { it.name.startsWith("Engine.") && it.name != "Engine.fromSnapshot" }
                        .let { it[tg.r.nextInt(it.size)] }
                    try {
                        entry.call(engine, tg)
                        engine.snapshot()
                    } catch (e: KezekException) {
                        if (e.code() == "INTERNAL") failures += e
                    } catch (e: java.nio.charset.CharacterCodingException) {
                        // a lone surrogate, refused by uniffi's generated code
                    } catch (e: Throwable) {
                        failures += e
                    }
                }
            }
        }
        pool.shutdown()
        pool.awaitTermination(5, TimeUnit.MINUTES) && failures.isEmpty().also {
            failures.take(3).forEach { System.err.println("  $it") }
        } && Engine.fromSnapshot(engine.snapshot()).snapshot() == engine.snapshot()
    }
}
