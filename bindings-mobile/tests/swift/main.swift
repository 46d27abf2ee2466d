// The Swift checks of the mobile binding, for macOS (no Swift toolchain on the Linux
// machines this project is built on, so this file is NOT compiled by the test command;
// on Linux the C program in tests/c checks the same calls at the C level).
// Run on a Mac with: bash bindings-mobile/swift-test.sh
// It is compiled in one module with the generated Kezek.swift, so there is no `import`.

import Foundation

var passed = 0
var failed = 0

func test(_ name: String, _ body: () throws -> Bool) {
    let ok = (try? body()) ?? false
    if ok { passed += 1 } else { failed += 1; print("FAILED: \(name)") }
}

let family = NewApplication(
    applicantIin: "900101300017", childIin: "210308600403",
    address: Address(region: "akmola", district: "kokshetau"),
    groupType: .general, language: .kazakh,
    contacts: Contacts(email: "ana@mail.kz", phone: "+7 701 123 45 67"))

test("an IIN prints masked") {
    let iin = try Iin(text: "210308600403")
    return "\(iin)" == "********0403" && iin.encodedBirthDate() == "2021-03-08"
}

test("a bad IIN throws KezekError.Iin with its code, fields and messages") {
    do {
        _ = try Iin(text: "21030860040")
        return false
    } catch let e as KezekError {
        guard case let .Iin(report) = e, case let .count(found)? = report.details["found"] else { return false }
        return found == 11 && e.code() == "IIN_LENGTH" && e.kind() == .iin
            && report.messages.en.hasPrefix("an IIN has 12 digits") && e.messageIn(lang: .kk) == report.messages.kk
    }
}

test("a deadline over Nauryz 2025: 3 working days end on 28 March") {
    let d = try WorkCalendar.kazakhstan().deadline(
        start: "2025-03-20T15:00:00", period: Period(amount: 3, unit: .workingDays))
    return d.lastDay == "2025-03-28" && d.endsAt == "2025-03-29T00:00:00"
}

test("the engine: register, queue number, notice deadline, snapshot") {
    let policy = try PolicyBook.builtin().policyFor(region: "akmola", date: "2025-03-03")
    let engine = try Engine(policy: policy)
    let id = try engine.register(application: family, at: "2025-03-03T09:00:00")
    let position = try engine.position(id: id)
    _ = try engine.notify(id: id, vacancies: 1, at: "2025-03-20T15:00:00")
    guard case let .noticeSent(_, chooseBy, _) = try engine.state(id: id) else { return false }
    let copy = try Engine.fromSnapshot(json: try engine.snapshot())
    return position?.number == 1 && chooseBy.lastDay == "2025-03-28"
        && (try copy.snapshot()) == (try engine.snapshot())
}

test("a panic is KezekError.Internal and the engine is as before") {
    let engine = try Engine(policy: try PolicyBook.builtin().get(id: "national-2024"))
    let before = try engine.snapshot()
    do {
        try engine.panicForTesting(at: "2025-01-01T00:00:00")
        return false
    } catch let e as KezekError {
        guard case .Internal = e else { return false }
        return (try engine.snapshot()) == before
    }
}

print("\(passed) passed, \(failed) failed")
if failed > 0 { exit(1) }
