// matching.json and simulation.json through the JS API: the same matchings, checkers,
// explanations and simulated children as Rust.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  InputError, MatchingError, MatchingInstance, PolicyBook, SimulationError, defaultCityInput, simulate,
  simulateSweep, withCity,
} from "../pkg/index.js";
import { camel, contains, load, outcome, snake } from "./conformance.mjs";
import { matchingInstance } from "./runners.mjs";


/** The answer in the shape of matching.json (as tests/conformance.rs builds it). */
function answer(inst, m) {
  const whyNot = {};
  for (let c = 0; c < inst.children; c++) whyNot[c] = snake(m.whyNot(c));
  return {
    assignments: m.assignments(),
    admitted_count: m.admittedCount,
    blocking_pairs: m.blockingPairs(),
    envy: snake(m.justifiedEnvy()),
    cutoffs: snake(m.cutoffs()),
    why_not: whyNot,
  };
}

for (const c of load("matching.json").cases) {
  test(`matching: ${c.name}`, () => {
    if ("error" in c) {
      const [kind, code, error] = outcome(() => matchingInstance(c));
      assert.deepEqual([kind, code], ["error", c.error]);
      assert.ok(error instanceof MatchingError);
      return;
    }
    const inst = matchingInstance(c);
    const m = inst.solve(c.args.mechanism ?? "deferred_acceptance", c.args.tie_break);
    const got = answer(inst, m);
    assert.ok(contains(got, c.expect), JSON.stringify(got));
    assert.equal(m.checkValid(), null);
  });
}

test("matching: typed arrays give the same matching as plain arrays, and adopt() judges it", () => {
  const c = load("matching.json").cases.find((x) => x.args.priorities && !("error" in x));
  const a = { ...c.args, offsets: [0], choices: c.args.preferences.flat() };
  for (const list of c.args.preferences) a.offsets.push(a.offsets.at(-1) + list.length);
  const plain = MatchingInstance.flat(a.offsets, a.choices, a.capacities, a.base, a.priorities);
  const typed = MatchingInstance.flat(
    Uint32Array.from(a.offsets), Uint32Array.from(a.choices),
    Uint32Array.from(a.capacities), Uint32Array.from(a.base), a.priorities,
  );
  const tie = a.tie_break ?? { kind: "single", seed: 3 };
  const x = plain.solve("deferred_acceptance", tie).assignments();
  assert.deepEqual(typed.solve("deferred_acceptance", tie).assignments(), x);
  assert.deepEqual(plain.adopt(x, tie).blockingPairs(), []);
  // An assignment to a kindergarten the child did not rank is refused.
  const child = x.findIndex((k) => k !== null);
  const unranked = [...Array(plain.kindergartens).keys()].find(
    (k) => !a.choices.slice(a.offsets[child], a.offsets[child + 1]).includes(k),
  );
  if (unranked !== undefined) {
    const bad = x.slice();
    bad[child] = unranked;
    const [kind, code] = outcome(() => plain.adopt(bad, tie));
    assert.deepEqual([kind, code], ["error", "MATCHING_UNRANKED"]);
  }
});

for (const c of load("simulation.json").cases) {
  test(`simulation: ${c.name}`, () => {
    const input = camel(c.args.input);
    if ("error" in c) {
      const [kind, code, error] = outcome(() => simulate(input));
      assert.deepEqual([kind, code], ["error", c.error]);
      // A malformed input (INPUT_…) is an InputError, a bad value (SIMULATION_…) a
      // SimulationError.
      assert.ok(error instanceof (c.error.startsWith("INPUT_") ? InputError : SimulationError));
      return;
    }
    let calls = 0;
    let last;
    const result = simulate(input, (day, days, date) => { calls += 1; last = { day, days, date }; });
    const got = snake(result.toData());
    assert.ok(contains(got, c.expect), "the result differs from Rust's");
    assert.deepEqual(last, { day: calls, days: calls, date: result.end }, "one call per simulated day");
    assert.deepEqual(snake(result.summary), got.summary);
  });
}

test("simulation: an exception in the progress callback is thrown when the run ends", () => {
  const input = defaultCityInput(2024, 1, 7);
  input.warmUpYears = 0;
  const marker = new Error("stop");
  let calls = 0;
  assert.throws(() => simulate(input, () => { calls += 1; throw marker; }), (e) => e === marker);
  assert.equal(calls, 1, "no call after the callback threw");
});

test("simulation: two policies on the same input compare metric by metric", () => {
  const input = camel(load("simulation.json").cases[0].args.input);
  const other = PolicyBook.builtin().get("almaty-2024");
  const a = simulate(input);
  const b = simulate({ ...input, policy: other.toData() });
  const diffs = a.compare(b);
  assert.ok(diffs.length > 5);
  for (const d of diffs) {
    if (d.a !== null && d.b !== null) assert.equal(d.difference, d.b - d.a, d.metric);
  }
});

for (const c of load("sweep.json").cases) {
  test(`sweep: ${c.name}`, () => {
    const sweep = camel(c.args.sweep);
    if ("error" in c) {
      const [kind, code, error] = outcome(() => simulateSweep(sweep));
      assert.deepEqual([kind, code], ["error", c.error]);
      assert.ok(error instanceof (c.error.startsWith("INPUT_") ? InputError : SimulationError));
      return;
    }
    const seen = [];
    const got = snake(simulateSweep(sweep, (done, total) => seen.push([done, total])));
    assert.deepEqual(got, c.expect, "the answer differs from Rust's");
    const total = c.expect.runs.length;
    assert.deepEqual(seen, Array.from({ length: total }, (_, i) => [i + 1, total]));
  });
}

test("sweep: a grid parameter reads in camelCase too, and is answered in snake_case", () => {
  const c = load("sweep.json").cases[1];
  const sweep = camel(c.args.sweep);
  sweep.grid[0].parameter = "arrivals.perMonth";
  assert.deepEqual(snake(simulateSweep(sweep)), c.expect);
});

for (const c of load("city_tables.json").cases) {
  test(`city tables: ${c.name}`, () => {
    const town = camel(load("simulation.json").cases[0].args.input);
    const run = () => withCity(town, c.args.kindergartens.text, c.args.districts.text);
    if ("error" in c) {
      const [kind, code, error] = outcome(run);
      assert.deepEqual([kind, code], ["error", c.error]);
      assert.ok(error instanceof SimulationError);
      assert.deepEqual([error.details.file, error.details.row, error.details.column ?? null], c.at);
      return;
    }
    const got = snake(run());
    assert.deepEqual(got.city.districts, c.expect.districts);
    assert.equal(got.arrivals.per_month, c.expect.per_month ?? town.arrivals.perMonth);
  });
}

test("sweep and city tables: hostile arguments are coded errors, never a crash", () => {
  const town = camel(load("simulation.json").cases[0].args.input);
  const sweep = camel(load("sweep.json").cases[1].args.sweep);
  const cases = [
    [() => simulateSweep(5), "INPUT_FORMAT"],
    [() => simulateSweep({}), "INPUT_FORMAT"],
    [() => simulateSweep({ ...sweep, seeds: [1.5] }), "INPUT_FORMAT"],
    [() => simulateSweep({ ...sweep, grid: [{ parameter: "arrivals.perMonth", values: "100" }] }), "INPUT_FORMAT"],
    [() => simulateSweep(sweep, 5), "INPUT_TYPE"],
    [() => withCity(town, 5, "district,births\nA,1\n"), "INPUT_TYPE"],
    [() => withCity(town, "district,id,languages,places_age_3\n", "\"unterminated"), "SIMULATION_TABLE"],
    [() => withCity({}, "a", "b"), "INPUT_FORMAT"],
  ];
  for (const [run, code] of cases) {
    const [kind, got, error] = outcome(run);
    assert.deepEqual([kind, got], ["error", code], String(run));
    assert.ok(error instanceof Error && error.code === code);
  }
});
