// The hand-written data declarations of src/types.rs against what the package returns:
// every key of a simulation's input, tables and result is declared in its interface, and
// every required key declared is there (a new column in the core fails here until the
// declaration names it).

import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import ts from "typescript";
import { defaultCityInput, simulate } from "../pkg/index.js";

const source = ts.createSourceFile(
  "kezek_wasm.d.ts",
  await readFile(new URL("../pkg/kezek_wasm.d.ts", import.meta.url), "utf8"),
  ts.ScriptTarget.ES2022,
);

/** The properties an interface declares: name → optional. */
function declared(name) {
  const found = source.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === name);
  assert.ok(found, `interface ${name} is declared`);
  return new Map(found.members.filter(ts.isPropertySignature)
    .map((m) => [m.name.getText(source), m.questionToken !== undefined]));
}

function sameKeys(value, name) {
  const props = declared(name);
  const keys = Object.keys(value);
  assert.deepEqual(keys.filter((k) => !props.has(k)), [], `${name}: keys the declaration lacks`);
  const missing = [...props].filter(([k, optional]) => !optional && !keys.includes(k)).map(([k]) => k);
  assert.deepEqual(missing, [], `${name}: required keys the value lacks`);
}

const input = defaultCityInput(2024, 1, 7);
input.arrivals.perMonth = 60;

test("a simulation's input is declared key by key", () => {
  sameKeys(input, "SimulationInput");
  sameKeys(input.city, "City");
  sameKeys(input.city.districts[0], "District");
  sameKeys(input.city.districts[0].kindergartens[0], "KindergartenSpec");
  sameKeys(input.arrivals, "Arrivals");
  sameKeys(input.arrivals.languages[0], "Share");
  sameKeys(input.turnover.waves[0], "Wave");
  sameKeys(input.behaviour, "Behaviour");
});

test("a simulation's tables and result are declared key by key", () => {
  const result = simulate(input);
  sameKeys(result.children(), "ChildTable");
  sameKeys(result.days(), "DayTable");
  const data = result.toData();
  sameKeys(data, "SimulationData");
  sameKeys(data.children, "ChildTable");
  result.free();
});
