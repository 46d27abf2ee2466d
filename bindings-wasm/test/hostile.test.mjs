// The package as a hostile host uses it (issue 22): every public entry point called with
// values of every JS type, with random arguments (fast-check, fixed seed), with panics in a
// row, after free(). Each case asserts that the process lives, that what is thrown is a
// KezekError with a code, that no IIN digits appear in it, and that a refused command
// leaves the engine's snapshot byte-identical.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import * as kezek from "../pkg/index.js";
import { camel, load } from "./conformance.mjs";

const {
  Engine, Iin, KezekError, InputError, InternalError, MatchingInstance, PolicyBook,
  WorkCalendar, simulate, setLanguage, defaultCityInput,
} = kezek;

const APP = camel(load("lifecycle.json").application);
const AT = "2025-03-03T09:00:00";
const IINS = [APP.childIin, APP.applicantIin, "210911500613"];
const SEED = 20261205;

/** Every value type a host can pass where another is expected. */
const OTHERS = {
  number: 123,
  bigint: 1n,
  boolean: true,
  null: null,
  undefined,
  object: {},
  array: [],
  symbol: Symbol("x"),
  function: () => 1,
  Date: new Date(0),
};

function thrown(f) {
  try {
    f();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** No IIN digits anywhere in an error: message, messages, details, JSON, stack. */
function assertNoIin(error) {
  const text = [
    String(error?.message), JSON.stringify(error?.messages), JSON.stringify(error?.details),
    JSON.stringify(error), String(error?.stack),
  ].join("\n");
  for (const iin of IINS) assert.ok(!text.includes(iin), `an IIN leaked: ${text}`);
}

// Lookups name the id they did not find (a policy, region or kindergarten id): an IIN passed
// as such an id comes back as the id it was given, not as an IIN.
const ECHOES_ITS_ID = new Set(["POLICY_UNKNOWN_ID", "POLICY_UNKNOWN_REGION", "KINDERGARTEN_UNKNOWN"]);

function assertKezekError(error, what) {
  assert.ok(error instanceof KezekError, `${what}: ${error?.constructor?.name} ${error?.message}`);
  assert.ok(error instanceof Error);
  assert.match(error.code, /^[A-Z][A-Z_0-9]+$/);
  if (!ECHOES_ITS_ID.has(error.code)) assertNoIin(error);
}

function populated() {
  const e = new Engine(PolicyBook.builtin().get("akmola-2024"));
  const a = e.register(APP, AT);
  e.register({ ...APP, childIin: "210911500613" }, "2025-03-03T09:05:00");
  e.notify(a, 1, "2025-03-03T10:00:00");
  return e;
}

// Each string, number and class parameter of the entry points, with a call that passes
// `v` there and valid values elsewhere, and the name the error must give it.
const book = PolicyBook.builtin();
const cal = WorkCalendar.kazakhstan();
const PARAMS = [
  ["Iin(text)", "text", (v) => new Iin(v)],
  ["Iin.fromParts(sex)", "sex", (v) => Iin.fromParts("2021-03-08", v, 1)],
  ["Iin.fromParts(serial)", "serial", (v) => Iin.fromParts("2021-03-08", "female", v)],
  ["PolicyBook.get(id)", "id", (v) => book.get(v)],
  ["PolicyBook.policyFor(region)", "region", (v) => book.policyFor(v, "2025-01-01")],
  ["PolicyBook.policyFor(date)", "date", (v) => book.policyFor("akmola", v)],
  ["WorkCalendar.addWorkingDays(n)", "n", (v) => cal.addWorkingDays("2025-03-03", v)],
  ["WorkCalendar.isWorkingDay(date)", "date", (v) => cal.isWorkingDay(v)],
  ["Engine.issueDirection(id)", "id", (v, e) => e.issueDirection(v, "kg-1", AT)],
  ["Engine.issueDirection(kindergarten)", "kindergarten", (v, e) => e.issueDirection(1, v, "2025-03-03T11:00:00")],
  ["Engine.issueDirection(at)", "at", (v, e) => e.issueDirection(1, "kg-1", v)],
  ["Engine.linkApplicant(applicantIin)", "applicantIin", (v, e) => e.linkApplicant(1, v, "2025-03-03T11:00:00")],
  ["Engine.updateBenefit(benefit)", "benefit", (v, e) => e.updateBenefit(1, v, [], "2025-03-03T11:00:00")],
  ["Engine.notify(vacancies)", "vacancies", (v, e) => e.notify(2, v, "2025-03-03T11:00:00")],
  ["Engine.joinWaitingList(kindergarten)", "kindergarten", (v, e) => e.joinWaitingList(1, v, "2025-03-03T11:00:00")],
  ["Engine.state(id)", "id", (v, e) => e.state(v)],
  ["Engine.fromSnapshot(json)", "json", (v) => Engine.fromSnapshot(v)],
  ["defaultCityInput(startYear)", "startYear", (v) => defaultCityInput(v, 1, 1)],
  ["MatchingInstance.solve(mechanism)", "mechanism", (v) => MatchingInstance.nested([[0]], [1], [0]).solve(v)],
];

test("every string and number parameter refuses every other type with INPUT_TYPE naming it", () => {
  const e = populated();
  const before = e.snapshot();
  let cases = 0;
  for (const [entry, name, call] of PARAMS) {
    for (const [type, value] of Object.entries(OTHERS)) {
      const optional = name === "benefit" && (type === "null" || type === "undefined");
      if (optional) continue;
      // A number is a fine `serial`, `n`, `id`, `startYear` or `vacancies`.
      if (type === "number" && ["serial", "n", "id", "vacancies", "startYear"].includes(name)) continue;
      const err = thrown(() => call(value, e));
      assertKezekError(err, `${entry} with ${type}`);
      assert.ok(err instanceof InputError, `${entry} with ${type}: ${err.name}`);
      assert.equal(err.code, "INPUT_TYPE", `${entry} with ${type}: ${err.message}`);
      assert.equal(err.details.what, name, entry);
      assert.equal(err.details.found, type === "Date" ? "Date" : type, entry);
      cases++;
    }
  }
  assert.equal(e.snapshot(), before, "no refused call changed the engine");
  assert.ok(cases > 150, `${cases}`);
});

test('"1" is not id 1, and numbers are whole and in range', () => {
  const e = populated();
  assert.equal(thrown(() => e.state("1")).code, "INPUT_TYPE");
  for (const bad of [-1, 1.5, NaN, Infinity, 2 ** 60]) {
    assert.equal(thrown(() => e.state(bad)).code, "INPUT_FORMAT", String(bad));
  }
  assert.equal(thrown(() => e.notify(2, 2 ** 40, AT)).code, "INPUT_TOO_LARGE");
});

test("a wrong string type repeated 1,000 times leaves the module sound (was SIGSEGV at ≈ 400)", () => {
  for (let i = 0; i < 1000; i++) {
    assert.equal(thrown(() => book.get(123)).code, "INPUT_TYPE");
    assert.equal(thrown(() => new Iin(123)).code, "INPUT_TYPE");
  }
  assert.equal(book.get("akmola-2024").id, "akmola-2024");
  assert.equal(new Iin(APP.childIin).masked, "********0403");
});

test("a class argument of another class, and an object used after free(), are InputErrors", () => {
  const wrong = thrown(() => new Engine(cal));
  assertKezekError(wrong, "Engine(calendar)");
  assert.equal(wrong.code, "INPUT_TYPE");
  assert.equal(wrong.details.expected, "a Policy");
  assert.equal(thrown(() => new Engine(null)).details.found, "null");
  const policy = book.get("akmola-2024");
  policy.free();
  const freed = thrown(() => new Engine(policy));
  assertKezekError(freed, "a freed Policy");
  assert.equal(freed.code, "INPUT_FREED");
  const e = populated();
  e.free();
  const used = thrown(() => e.state(1));
  assert.equal(used.code, "INPUT_FREED");
  assert.equal(used.details.what, "Engine");
});

test("setLanguage, messageIn and onProgress refuse what they cannot use with InputError", () => {
  for (const bad of ["de", 1, null]) {
    const err = thrown(() => setLanguage(bad));
    assertKezekError(err, `setLanguage(${String(bad)})`);
    assert.ok(err instanceof InputError);
  }
  const err = thrown(() => book.get("nope"));
  assert.ok(thrown(() => err.messageIn("xx")) instanceof InputError);
  const input = defaultCityInput(2024, 1, 1);
  const progress = thrown(() => simulate(input, 5));
  assert.equal(progress.code, "INPUT_TYPE");
  assert.equal(progress.details.what, "onProgress");
});

test("an IIN given as a JSON number is never echoed", () => {
  const e = populated();
  for (const field of ["childIin", "applicantIin"]) {
    const err = thrown(() => e.register({ ...APP, [field]: Number(APP[field]) }, "2025-03-04T09:00:00"));
    assertKezekError(err, field);
    assert.equal(err.code, "INPUT_FORMAT");
  }
  const snap = JSON.parse(e.snapshot());
  snap.applications[0].app.child = Number(APP.childIin);
  assertKezekError(thrown(() => Engine.fromSnapshot(JSON.stringify(snap))), "snapshot");
  assertKezekError(thrown(() => e.linkApplicant(1, "21030860040x", AT)), "linkApplicant");
});

test("10^5 panics in a row: every one an InternalError, the engine as before, memory flat, free() works", () => {
  const e = populated();
  const before = e.snapshot();
  const rss = [];
  for (let i = 0; i < 100_000; i++) {
    const err = thrown(() => e.__panicForTesting("2025-03-25T00:00:00"));
    assert.ok(err instanceof InternalError, `panic ${i}: ${err?.constructor?.name} ${err?.message}`);
    if (i === 1_000 || i === 99_999) rss.push(process.memoryUsage().rss);
  }
  assert.equal(e.snapshot(), before, "each panicked command changed nothing");
  assert.equal(e.stateName(1), "notice_sent");
  // The module's memory does not grow with the panics (each one used to leak an engine).
  assert.ok(rss[1] - rss[0] < 64 * 2 ** 20, `rss grew by ${(rss[1] - rss[0]) / 2 ** 20} MiB`);
  e.free();
  assert.equal(thrown(() => e.size).code, "INPUT_FREED");
  // Other objects stay usable.
  assert.equal(populated().size, 2);
});

/** Any JS value, valid-looking ones included. */
const anyValue = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.bigInt(),
  fc.constant(Symbol("s")),
  fc.date({ noInvalidDate: false }),
  fc.constantFrom(...IINS, AT, "2025-03-04T00:00:00", "2025-03-03", "kg-1", "akmola", 1, 2, 3, 0),
  fc.integer({ min: -3, max: 5 }),
  fc.string(),
);

/** Every public method of a prototype or class, less `free()` and the glue's `__` ones. */
function methods(proto) {
  return Object.getOwnPropertyNames(proto).filter(
    (n) => typeof Object.getOwnPropertyDescriptor(proto, n).value === "function" &&
      !["constructor", "free"].includes(n) && !n.startsWith("__"),
  );
}

test("random arguments to every Engine method: a result or a KezekError, never a change on refusal", () => {
  const names = methods(Engine.prototype);
  assert.ok(names.length > 30, names.join());
  let calls = 0;
  fc.assert(
    fc.property(fc.constantFrom(...names), fc.array(anyValue, { maxLength: 5 }), (name, args) => {
      const e = populated();
      const before = e.snapshot();
      const err = thrown(() => e[name](...args));
      calls++;
      if (err !== undefined) {
        assertKezekError(err, `${name}(${args.map((a) => typeof a).join(", ")})`);
        assert.notEqual(err.code, "INTERNAL", `${name}: ${err.message}`);
        assert.equal(e.snapshot(), before, `${name} refused (${err.code}) but changed the engine`);
      }
      // The engine stays whole either way: it snapshots and loads back the same.
      const after = e.snapshot();
      assert.equal(Engine.fromSnapshot(after).snapshot(), after);
    }),
    { seed: SEED, numRuns: 3000 },
  );
  assert.equal(calls, 3000);
});

test("random arguments to the static and stateless entry points: a result or a KezekError", () => {
  const targets = [
    ...methods(Iin).map((n) => [Iin, n]),
    ...methods(WorkCalendar).map((n) => [WorkCalendar, n]),
    ...methods(WorkCalendar.prototype).map((n) => [cal, n]),
    ...methods(PolicyBook).map((n) => [PolicyBook, n]),
    ...methods(PolicyBook.prototype).map((n) => [book, n]),
    ...methods(Engine).map((n) => [Engine, n]),
    ...methods(MatchingInstance).map((n) => [MatchingInstance, n]),
    ...[[kezek, "defaultCityInput"], [kezek, "version"]],
  ];
  fc.assert(
    fc.property(fc.constantFrom(...targets), fc.array(anyValue, { maxLength: 4 }), ([obj, name], args) => {
      const err = thrown(() => obj[name](...args));
      if (err !== undefined) {
        assertKezekError(err, `${name}(${args.map((a) => typeof a).join(", ")})`);
        assert.notEqual(err.code, "INTERNAL", `${name}: ${err.message}`);
      }
    }),
    { seed: SEED, numRuns: 3000 },
  );
});

test("deep and huge data is refused with a code, not a crash", () => {
  let deep = [];
  for (let i = 0; i < 100_000; i++) deep = [deep];
  const e = populated();
  for (const call of [
    () => e.register(deep, AT),
    () => e.register({ ...APP, documents: deep }, AT),
    () => e.publish(deep, AT),
    () => e.linkBatch(deep, AT),
    () => PolicyBook.fromJson(JSON.stringify(Array(5000).fill("[").join(""))),
    () => Engine.fromSnapshot("[".repeat(100_000)),
  ]) {
    const err = thrown(call);
    assertKezekError(err, "deep data");
    assert.ok(["INPUT_DEPTH", "POLICY_JSON", "SNAPSHOT_FORMAT"].includes(err.code), err.code);
  }
  const input = defaultCityInput(2024, 1, 1);
  input.arrivals.perMonth = 1e9;
  const huge = thrown(() => simulate(input));
  assertKezekError(huge, "a billion arrivals a month");
  assert.equal(huge.code, "SIMULATION_TOO_LARGE");
});
