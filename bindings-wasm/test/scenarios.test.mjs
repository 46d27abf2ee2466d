// The lifecycle, offer-round and refusal scenarios of tests/conformance/, step by step
// through the JS engine: the same states, positions, deadlines and errors as Rust.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Engine, Policy, PolicyBook } from "../pkg/index.js";
import { camel, contains, load, outcome } from "./conformance.mjs";
import { SCENARIO_FILES, runStep, scenarioEngine } from "./runners.mjs";

// Snapshots of earlier versions load migrated (tests/conformance/snapshots.json).
for (const c of load("snapshots.json").cases) {
  test(`snapshots.json: ${c.name}`, () => {
    const text = readFileSync(new URL(`../../tests/conformance/${c.from}`, import.meta.url), "utf8");
    const [kind, value] = outcome(() => JSON.parse(Engine.fromSnapshot(text).snapshot()));
    if ("error" in c) assert.deepEqual([kind, value], ["error", c.error]);
    else assert.deepEqual([kind, value], ["ok", load(c.expect)]);
  });
}

for (const name of SCENARIO_FILES) {
  const file = load(name);
  for (const scenario of file.scenarios) {
    test(`${name}: ${scenario.name}`, () => {
      const engine = scenarioEngine(scenario);
      scenario.steps.forEach((s, n) => {
        const where = `step ${n + 1} (${s.op})`;
        const before = "error" in s ? engine.snapshot() : null;
        const [kind, value, error] = outcome(() => runStep(engine, file, s));
        if ("error" in s) {
          assert.equal(kind, "error", `${where}: answered ${JSON.stringify(value)}`);
          assert.equal(value, s.error, where);
          if ("failed" in s) assert.deepEqual(error.details.failed, s.failed, where);
          assert.equal(engine.snapshot(), before, `${where}: a refused command changed the engine`);
        } else {
          assert.equal(kind, "ok", `${where}: threw ${value}: ${error?.message}`);
          assert.ok(contains(value, s.expect), `${where}: ${JSON.stringify(value)} vs ${JSON.stringify(s.expect)}`);
        }
      });
    });
  }
}

test("choices: the bulletins of the notified application's pool with a free place", () => {
  const engine = new Engine(PolicyBook.builtin().get("national-2024"));
  const file = load("offer_rounds.json");
  const id = engine.register(camel(file.application), "2024-01-10T09:00:00");
  const kg = (kgId) => ({ id: kgId, region: "akmola", area: "kokshetau", languages: ["kazakh"] });
  const reports = engine.publish([
    { kindergarten: kg("kg-1"), groupType: "general", cohort: 2021, places: 1 },
    { kindergarten: kg("kg-2"), groupType: "general", cohort: 2022, places: 1 },
    { kindergarten: kg("kg-3"), groupType: "general", cohort: 2021, places: 2 },
  ], "2024-03-04T10:00:00");
  assert.deepEqual(reports.map((r) => [r.queue.cohort, r.offered]), [[2021, [id]], [2022, []]]);
  assert.deepEqual(engine.choices(id).map((b) => b.kindergarten.id), ["kg-1", "kg-3"]);
  engine.takePlace(id, 1, "2024-03-04T11:00:00");
  assert.deepEqual(engine.choices(id).map((b) => b.kindergarten.id), ["kg-3"]);
});


test("execute: every command as data through one entry (issue 24 §2)", () => {
  const engine = new Engine(PolicyBook.builtin().get("akmola-2024"));
  const file = load("lifecycle.json");
  const at = "2025-03-03T09:00:00";
  const id = engine.execute({ command: "register", application: camel(file.application) }, at);
  assert.equal(id, 1);
  assert.deepEqual(engine.execute(JSON.stringify({ command: "notify", id, vacancies: 1 }), at), [id]);
  assert.equal(engine.execute({ command: "issue_direction", id, kindergarten: "kg-1" }, at), null);
  assert.equal(engine.state(id).state, "direction_issued");
  const before = engine.snapshot();
  for (const bad of [{ id: 1 }, { command: "fly" }, { command: "withdraw" }, { command: "withdraw", id: "1" },
    { command: "withdraw", id: 1, extra: 2 }, 5, "{"]) {
    const [kind, code, error] = outcome(() => engine.execute(bad, at));
    assert.deepEqual([kind, code], ["error", "INPUT_FORMAT"], JSON.stringify(bad));
    assert.ok(error instanceof Error);
  }
  assert.equal(engine.snapshot(), before, "refusals changed nothing");
});

test("every command and query of the core is a typed method here (issue 24)", () => {
  const engine = new Engine(PolicyBook.builtin().get("akmola-2024"));
  const methods = [...Engine.commandNames(), ...Engine.queryNames()].map((n) =>
    n.replace(/_([a-z])/g, (_, c) => c.toUpperCase()));
  assert.ok(methods.length > 45);
  for (const m of methods) assert.equal(typeof engine[m], "function", m);
  // The application as every host shows it: its IINs masked by the core.
  const app = camel(load("lifecycle.json").application);
  const id = engine.register(app, "2025-03-03T09:00:00");
  const shown = JSON.stringify(engine.application(id));
  assert.ok(shown.includes(`"child":"********${app.childIin.slice(-4)}"`), shown);
  assert.ok(!shown.includes(app.childIin) && !shown.includes(app.applicantIin), shown);
});

test("a ranked round's certificate: verified by an engine restored from the snapshot, tampering shown, cutoffs for parents (RULES.md §5a)", () => {
  const base = PolicyBook.builtin().get("akmola-2024");
  const policy = Policy.fromData({ ...base.toData(), rankedChoices: { maxChoices: 2, siblingPriority: true } });
  const engine = new Engine(policy);
  const file = load("lifecycle.json");
  const at = "2025-03-03T09:00:00";
  const kg = { region: "akmola", area: "kokshetau", languages: ["kazakh"], groupTypes: ["general"] };
  engine.addKindergartens([{ id: "kg-1", ...kg }, { id: "kg-2", ...kg }], at);
  const a = engine.register({ ...camel(file.application), rankedChoices: ["kg-1"] }, at);
  const b = engine.register({ ...camel(file.application), childIin: "210911500613", rankedChoices: ["kg-1", "kg-2"] }, at);
  const place = { kindergarten: { id: "kg-1", region: "akmola", area: "kokshetau", languages: ["kazakh"] },
    groupType: "general", cohort: 2021, places: 1 };
  const [report] = engine.publish([place], "2025-03-04T09:00:00");
  assert.deepEqual(report.directed.map((d) => [d.id, d.kindergarten]), [[a, "kg-1"]]);
  const document = JSON.parse(JSON.stringify(report.certificate)); // as filed with an appeal
  const appeal = Engine.fromSnapshot(engine.snapshot());
  assert.deepEqual(appeal.verifyRound(document), { holds: true, findings: [] });
  const [cut] = appeal.choiceCutoffs(document, b);
  assert.deepEqual([cut.kindergarten, cut.places, cut.own.position, cut.lastAdmitted.position], ["kg-1", 1, 2, 1]);
  for (const lang of ["kk", "ru", "en"]) assert.ok(!cut.message[lang].includes("kg-1"), cut.message[lang]);
  assert.deepEqual(appeal.choiceCutoffs(document, a), []);
  const tampered = { ...document, units: [...document.units].reverse() };
  const { findings } = appeal.verifyRound(tampered);
  assert.deepEqual(findings.map((f) => f.code), ["CERT_ORDER", "CERT_PASSED_OVER"]);
  assert.deepEqual([findings[1].children, findings[1].kindergartens], [[b], ["kg-1"]]);
  for (const [bad, code] of [[{ ...document, certificateVersion: 9 }, "INPUT_FORMAT"],
    [{ ...document, why: 1 }, "INPUT_FORMAT"], [JSON.stringify(document), "INPUT_FORMAT"], [null, "INPUT_FORMAT"]]) {
    const [kind, got, error] = outcome(() => appeal.verifyRound(bad));
    assert.deepEqual([kind, got], ["error", code], JSON.stringify(bad).slice(0, 80));
    assert.ok(error instanceof Error);
  }
});
