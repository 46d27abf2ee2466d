// Errors through the JS API: every code of the core (and the binding's INPUT_FORMAT and
// INTERNAL) is thrown as an instance of its class, a real Error with `code`, `details` and
// three messages; a panic becomes INTERNAL and the engine stays usable.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as kezek from "../pkg/index.js";
import { camel, load } from "./conformance.mjs";
import {
  SCENARIO_FILES, calendarCase, iinCase, matchingInstance, policyCase, runStep, scenarioEngine,
} from "./runners.mjs";

const {
  Engine, Iin, MatchingInstance, PolicyBook, WorkCalendar, KezekError, simulate, withCity, setLanguage,
  defaultCityInput,
} = kezek;
const APP = camel(load("lifecycle.json").application);
const AT = "2025-03-03T09:00:00";

/** The class each code belongs to, stated independently of the binding's table. */
function classFor(code) {
  const lookups = {
    POLICY_UNKNOWN_REGION: "PolicyNotFoundError", POLICY_NOT_IN_FORCE: "PolicyNotFoundError",
    POLICY_UNKNOWN_ID: "PolicyNotFoundError", APPLICATION_UNKNOWN: "ApplicationNotFoundError",
    BULLETIN_UNKNOWN: "BulletinNotFoundError", KINDERGARTEN_UNKNOWN: "KindergartenNotFoundError",
    INTERNAL: "InternalError", INPUT_TYPE: "InputTypeError",
  };
  if (code in lookups) return lookups[code];
  const prefixes = {
    INPUT_: "InputError", IIN_: "IinError", CALENDAR_: "CalendarError", POLICY_: "PolicyInvalidError",
    MATCHING_: "MatchingError", SIMULATION_: "SimulationError", SNAPSHOT_: "SnapshotError",
  };
  for (const [prefix, cls] of Object.entries(prefixes)) if (code.startsWith(prefix)) return cls;
  const places = ["PLACES_FROZEN", "PLACE_TAKEN", "PLACE_RESERVED", "PLACE_OTHER_QUEUE",
    "PLACE_HELD_ELSEWHERE", "DISTRIBUTION_NOT_STARTED", "WAITING_LIST_NOT_NEEDED", "RESTORE_USED",
    "BULLETIN_INVALID", "KINDERGARTEN_INVALID"];
  return places.includes(code) ? "PlacesRefusedError" : "CommandRefusedError";
}

// Every code of the core's error enums and input errors (the shared list,
// tests/conformance/error-codes.json) and INTERNAL: a new code must be reached from JS first.
const ALL_CODES = new Set([...load("error-codes.json").core, ...load("error-codes.json").input, "INTERNAL"]);

const engine = (policy = "akmola-2024") => new Engine(PolicyBook.builtin().get(policy));
function registered() {
  const e = engine();
  return [e, e.register(APP, AT)];
}
function directed() {
  const [e, i] = registered();
  e.notify(i, 1, "2025-03-03T10:00:00");
  e.issueDirection(i, "kg-1", "2025-03-03T11:00:00");
  return [e, i];
}
function thrown(f) {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error("no error thrown");
}

const TRIGGERS = [
  () => new Iin("21030860040"),
  () => Iin.fromParts("2021-03-08", "female", 10000),
  () => Iin.fromParts("2100-01-01", "male", 1),
  () => WorkCalendar.kazakhstan().isWorkingDay("2031-01-01"),
  () => WorkCalendar.fromJson("{"),
  () => PolicyBook.builtin().policyFor("mars", "2025-01-01"),
  () => PolicyBook.builtin().get("nope"),
  () => PolicyBook.fromJson("[]"),
  () => engine().state(7),
  () => engine().bulletin(3),
  () => Engine.fromSnapshot("{}"),
  () => Engine.fromSnapshot('{"schema_version": 999}'),
  () => engine().register({ childIin: "210308600403" }, AT),
  () => engine().register(APP, new Date()),
  () => { const [e, i] = registered(); e.withdraw(i, "2025-03-02T09:00:00"); },
  () => { const [e, i] = registered(); e.enroll(i, AT); },
  () => { const [e, i] = directed(); e.confirmRight(i, "2025-03-03T12:00:00"); },
  () => { const [e, i] = registered(); e.linkBatch([i], AT); },
  () => engine().register({ ...APP, childIin: APP.applicantIin }, AT),
  () => MatchingInstance.nested([[0], [0]], [1, 1], [0, 1]).adopt([0, 1]),
  () => engine().publish([{ kindergarten: { id: " ", region: "akmola", area: "kokshetau", languages: ["kazakh"] }, groupType: "general", cohort: 2021, places: 1 }], AT),
  () => engine().__panicForTesting("2025-03-04T00:00:00"),
  () => engine().state("1"),
  () => Engine.fromSnapshot(JSON.stringify({ ...JSON.parse(engine().snapshot()), next_seq: 0 })),
  () => { let d = []; for (let i = 0; i < 200; i++) d = [d]; engine().register(d, AT); },
  () => { const e = engine(); e.free(); e.state(1); },
  () => engine().notify(1, 2 ** 40, AT),
  () => simulate({ ...defaultCityInput(2024, 1, 1), arrivals: { ...defaultCityInput(2024, 1, 1).arrivals, perMonth: 1e9 } }),
];

/** Every error case of the shared files, as [expected code, the error it threw]. */
function conformanceErrors() {
  const out = [];
  for (const [name, run] of [["iin.json", iinCase], ["calendar.json", calendarCase], ["policy.json", policyCase]]) {
    for (const c of load(name).cases) if ("error" in c) out.push([c.error, thrown(() => run(c))]);
  }
  for (const c of load("matching.json").cases) {
    if ("error" in c) out.push([c.error, thrown(() => matchingInstance(c))]);
  }
  for (const c of load("simulation.json").cases) {
    if ("error" in c) out.push([c.error, thrown(() => simulate(camel(c.args.input)))]);
  }
  const town = camel(load("simulation.json").cases[0].args.input);
  for (const c of load("city_tables.json").cases) {
    const run = () => withCity(town, c.args.kindergartens.text, c.args.districts.text);
    if ("error" in c) out.push([c.error, thrown(run)]);
  }
  for (const name of SCENARIO_FILES) {
    const file = load(name);
    for (const sc of file.scenarios) {
      const e = scenarioEngine(sc);
      for (const s of sc.steps) {
        if ("error" in s) out.push([s.error, thrown(() => runStep(e, file, s))]);
        else runStep(e, file, s);
      }
    }
  }
  return out;
}

test("every error code is thrown from JS as its class, with three messages", () => {
  const seen = new Set();
  const all = [...TRIGGERS.map((f) => { const e = thrown(f); return [e.code, e]; }), ...conformanceErrors()];
  for (const [code, err] of all) {
    assert.equal(err.code, code);
    assert.ok(err instanceof KezekError && err instanceof Error, code);
    assert.equal(err.constructor, kezek[classFor(code)], `${code} is a ${err.name}`);
    assert.equal(err.name, classFor(code));
    const texts = new Set(["kk", "ru", "en"].map((l) => err.messageIn(l)));
    assert.equal(texts.size, 3, code);
    assert.ok(typeof err.stack === "string" && err.stack.length > 0);
    seen.add(code);
  }
  const missing = [...ALL_CODES].filter((c) => !seen.has(c));
  const unknown = [...seen].filter((c) => !ALL_CODES.has(c));
  assert.deepEqual([missing, unknown], [[], []]);
});

test("the message follows setLanguage; messageIn picks one; a bad language is refused", () => {
  const err = thrown(() => new Iin("21030860040"));
  assert.equal(err.message, "an IIN has 12 digits, this one has 11 characters");
  setLanguage("ru");
  try {
    assert.equal(err.message, "ИИН состоит из 12 цифр, здесь 11 символов");
    assert.equal(String(err), "IinError: ИИН состоит из 12 цифр, здесь 11 символов");
  } finally {
    setLanguage("en");
  }
  assert.match(err.messageIn("kk"), /ЖСН/);
  assert.throws(() => setLanguage("de"), kezek.InputError);
  assert.throws(() => err.messageIn("fr"), kezek.InputError);
});

test("details are structured, camelCase, with ISO dates", () => {
  assert.deepEqual(thrown(() => new Iin("21030860040")).details, { found: 11 });
  const [e, i] = registered();
  const late = thrown(() => e.withdraw(i, "2025-03-02T09:00:00"));
  assert.deepEqual(late.details, { at: "2025-03-02T09:00:00", now: AT });
  assert.deepEqual(thrown(() => e.state(99)).details, { id: 99 });
  const refused = thrown(() => engine().register({ ...APP, childIin: APP.applicantIin }, AT));
  assert.ok(refused.details.failed.length > 0);
  assert.ok(refused.details.failures.every((f) => typeof f.message.kk === "string"));
  assert.deepEqual(JSON.parse(JSON.stringify(refused)).code, "REGISTRATION_REFUSED");
});

test("no error, message or printed IIN shows the digits", async () => {
  const { inspect } = await import("node:util");
  const digits = APP.childIin;
  const iin = new Iin(digits);
  for (const text of [String(iin), JSON.stringify({ iin }), inspect(iin)]) {
    assert.ok(!text.includes(digits), text);
  }
  const [e, i] = registered();
  const errors = [
    thrown(() => e.register(APP, AT)),
    thrown(() => engine().register({ ...APP, childIin: "210308600404" }, AT)),
    thrown(() => new Iin("210308600404")),
  ];
  for (const err of errors) {
    const text = JSON.stringify(err) + err.stack + ["kk", "ru", "en"].map((l) => err.messageIn(l)).join();
    assert.ok(!text.includes(digits) && !text.includes("210308600404"), err.code);
  }
  assert.equal(e.size, 1, `${i}`);
});

test("bad numbers and dates are input errors, never silently coerced", () => {
  const [e, i] = registered();
  for (const f of [
    () => e.state(-1), () => e.state(1.5), () => e.notify(i, -2, AT),
    () => e.advanceTo("3 March 2025"),
    () => WorkCalendar.kazakhstan().addWorkingDays("2025-03-03", Number.NaN),
    () => MatchingInstance.nested([[0]], [-1], [0]), () => MatchingInstance.nested([[0]], [1], [0]).solve("lottery"),
  ]) {
    const err = thrown(f);
    assert.equal(err.code, "INPUT_FORMAT", String(f));
    assert.ok(err instanceof kezek.InputError);
  }
  // A Date is a value of another type: INPUT_TYPE.
  assert.equal(thrown(() => e.advanceTo(new Date())).code, "INPUT_TYPE");
});

test("a panic is an InternalError; the engine is as before the command and stays usable", () => {
  const [e, i] = registered();
  e.notify(i, 1, "2025-03-20T15:00:00");
  const before = e.snapshot();
  for (let n = 0; n < 3; n++) {
    const err = thrown(() => e.__panicForTesting("2025-03-25T00:00:00"));
    assert.ok(err instanceof kezek.InternalError && err instanceof KezekError);
    assert.equal(err.code, "INTERNAL");
    assert.match(err.details.panic, /panic for testing/);
    assert.equal(e.snapshot(), before, "the command that panicked changed nothing");
  }
  e.advanceTo("2025-03-29T00:00:00");
  assert.deepEqual(e.state(i), { state: "queued" });
  assert.deepEqual(e.history(i).map((h) => h.reason), ["REGISTERED", "NOTICE_SENT", "NOTICE_EXPIRED"]);
  const other = engine();
  assert.equal(other.register(APP, AT), 1, "other engines and the module are unaffected");
});

test("an engine loaded from a snapshot recovers the same way", () => {
  const [e, i] = registered();
  const loaded = Engine.fromSnapshot(e.snapshot());
  loaded.notify(i, 1, "2025-03-20T15:00:00");
  const before = loaded.snapshot();
  assert.equal(thrown(() => loaded.__panicForTesting("2025-03-25T00:00:00")).code, "INTERNAL");
  assert.equal(loaded.snapshot(), before);
});

test("a calendar passed to an engine stays usable by its caller; replay gives the same engine", () => {
  const cal = WorkCalendar.kazakhstan();
  const policy = PolicyBook.builtin().get("akmola-2024");
  const e = Engine.withCalendar(policy, cal);
  const i = e.register(APP, AT);
  e.notify(i, 1, "2025-03-20T15:00:00");
  assert.equal(cal.isWorkingDay("2025-03-21"), false);
  assert.equal(Engine.replay(policy, cal, e.log()).snapshot(), e.snapshot());
});
