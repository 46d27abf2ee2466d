// The binding's Kotlin values in the shape the shared conformance files use: snake_case
// keys and enum names, ISO dates and moments, numbers as Long.
package kz.kezek.test

import java.time.LocalDate
import java.time.LocalDateTime
import java.time.format.DateTimeFormatter
import kz.kezek.*

private val MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")

fun iso(d: LocalDate): String = d.toString()
fun iso(t: LocalDateTime): String = t.format(MOMENT)
fun snake(e: Enum<*>): String = e.name.lowercase()

fun deadline(d: Deadline): Map<String, Any?> =
    mapOf("last_day" to iso(d.lastDay), "ends_at" to iso(d.endsAt), "provisional" to d.provisional)

fun counts(c: ClassCounts): Map<String, Any?> = mapOf(
    "out_of_turn" to c.outOfTurn.toLong(),
    "first_priority" to c.firstPriority.toLong(),
    "general" to c.general.toLong(),
)

fun position(p: Position?): Any? = p?.let { mapOf("number" to it.number.toLong(), "ahead" to counts(it.ahead)) }

fun queueKey(q: QueueKey): Map<String, Any?> = mapOf(
    "region" to q.region, "area" to q.area, "group_type" to snake(q.groupType), "cohort" to q.cohort.toLong(),
)

fun statistics(e: QueueStatisticsEntry): Map<String, Any?> = mapOf(
    "queue" to queueKey(e.queue),
    "statistics" to e.statistics.let {
        mapOf(
            "by_class" to counts(it.byClass), "kazakh" to it.kazakh.toLong(),
            "russian" to it.russian.toLong(), "other_language" to it.otherLanguage.toLong(),
        )
    },
)

/** A state as the core writes it: `{"state": name, ...fields}`, a direction's fields flat. */
fun state(s: State): Map<String, Any?> = when (s) {
    is State.Queued -> mapOf("state" to "queued")
    is State.NoticeSent -> mapOf(
        "state" to "notice_sent", "sent_at" to iso(s.sentAt), "choose_by" to deadline(s.chooseBy),
        "bulletin" to s.bulletin?.toLong(),
    )
    is State.DirectionIssued -> s.direction.let { d ->
        mapOf(
            "state" to "direction_issued", "kindergarten" to d.kindergarten, "issued_at" to iso(d.issuedAt),
            "via" to snake(d.via), "show_up_by" to deadline(d.showUpBy),
            "revocable_until" to deadline(d.revocableUntil), "extensions_used" to d.extensionsUsed.toLong(),
            "right_confirm_by" to d.rightConfirmBy?.let(::deadline),
            "bulletin" to d.bulletin?.toLong(),
        )
    }
    is State.StopListed -> mapOf("state" to "stop_listed", "since" to iso(s.since), "until" to deadline(s.until))
    is State.Enrolled -> mapOf(
        "state" to "enrolled", "kindergarten" to s.kindergarten, "at" to iso(s.at), "bulletin" to s.bulletin?.toLong(),
    )
    is State.VoucherOffered -> mapOf(
        "state" to "voucher_offered", "offered_at" to iso(s.offeredAt), "consent_by" to deadline(s.consentBy),
        "bulletin" to s.bulletin.toLong(),
    )
    is State.VoucherConfirmed -> mapOf(
        "state" to "voucher_confirmed", "confirmed_at" to iso(s.confirmedAt),
        "contract_by" to deadline(s.contractBy), "bulletin" to s.bulletin.toLong(), "place_held" to s.placeHeld,
    )
    is State.Inactive -> mapOf("state" to "inactive", "since" to iso(s.since), "restore_by" to deadline(s.restoreBy))
    is State.WaitingList -> mapOf("state" to "waiting_list", "kindergarten" to s.kindergarten, "since" to iso(s.since))
    is State.Released -> mapOf("state" to "released", "kindergarten" to s.kindergarten, "at" to iso(s.at))
    is State.Removed -> mapOf("state" to "removed", "reason" to snake(s.reason), "at" to iso(s.at))
    is State.Withdrawn -> mapOf("state" to "withdrawn", "at" to iso(s.at))
}

fun report(r: RoundReport): Map<String, Any?> = mapOf(
    "queue" to queueKey(r.queue),
    "bulletin" to r.bulletin.toLong(),
    "offered" to r.offered.map { it.toLong() },
    "from_waiting_list" to r.fromWaitingList.map { it.toLong() },
    "skipped" to r.skipped.map { mapOf("id" to it.id.toLong(), "failed" to it.failed) },
    "open" to r.open.toLong(),
    "opened_to_all" to r.openedToAll,
    "directed" to r.directed.map(::directed),
)

fun directed(d: Directed): Map<String, Any?> = buildMap {
    put("id", d.id.toLong())
    put("kindergarten", d.kindergarten)
    put("bulletin", d.bulletin.toLong())
    put("choice", d.choice.toLong())
    d.movedFrom?.let { put("moved_from", it) }
}

fun verdict(v: Verdict): Map<String, Any?> = mapOf(
    "holds" to v.holds,
    "findings" to v.findings.map {
        mapOf("code" to it.code, "children" to it.children.map { c -> c.toLong() }, "kindergartens" to it.kindergartens)
    },
)

fun standing(s: Standing): Map<String, Any?> =
    mapOf("position" to s.position.toLong(), "sibling" to s.sibling, "held" to s.held)

fun choiceCutoff(c: ChoiceCutoff): Map<String, Any?> = mapOf(
    "kindergarten" to c.kindergarten, "places" to c.places.toLong(),
    "last_admitted" to c.lastAdmitted?.let(::standing), "own" to standing(c.own),
)

fun kindergarten(k: Kindergarten): Map<String, Any?> =
    mapOf(
        "id" to k.id, "region" to k.region, "area" to k.area, "languages" to k.languages.map(::snake),
        "group_types" to k.groupTypes.map(::snake),
    )

fun bulletin(b: Bulletin): Map<String, Any?> = mapOf(
    "id" to b.id.toLong(), "kindergarten" to kindergarten(b.kindergarten), "group_type" to snake(b.groupType),
    "cohort" to b.cohort.toLong(), "places" to b.places.toLong(), "published_at" to iso(b.publishedAt),
    "taken" to b.taken.toLong(), "open_to_all" to b.openToAll,
)

/** A day's kind as the core writes it: `{"kind": name, ...fields}`. */
fun dayKind(k: DayKind): Map<String, Any?> = when (k) {
    is DayKind.Weekday -> mapOf("kind" to "weekday")
    is DayKind.Weekend -> mapOf("kind" to "weekend")
    is DayKind.Holiday -> mapOf("kind" to "holiday", "id" to k.id)
    is DayKind.CarriedOver -> mapOf("kind" to "carried_over", "id" to k.id, "holiday" to iso(k.holiday))
    is DayKind.TransferredDayOff -> mapOf("kind" to "transferred_day_off", "from" to iso(k.from), "source" to k.source)
    is DayKind.TransferredWorkingDay ->
        mapOf("kind" to "transferred_working_day", "to" to iso(k.to), "source" to k.source)
}
