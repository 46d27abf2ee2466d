// iin.json, calendar.json, calendar-kz-days.json, policy.json and people.json through the JS API: the
// same answers as Rust.
import { test } from "node:test";
import assert from "node:assert/strict";
import { WorkCalendar } from "../pkg/index.js";
import { contains, load, outcome } from "./conformance.mjs";
import { calendarCase, iinCase, peopleCase, policyCase } from "./runners.mjs";

function check(c, run) {
  const [kind, value] = outcome(run);
  if ("error" in c) {
    assert.deepEqual([kind, value], ["error", c.error], c.name);
  } else {
    assert.equal(kind, "ok", `${c.name}: threw ${value}`);
    assert.ok(contains(value, c.expect), `${c.name}: ${JSON.stringify(value)}`);
  }
}

for (const [file, run] of [["iin.json", iinCase], ["policy.json", policyCase], ["people.json", peopleCase]]) {
  for (const c of load(file).cases) test(`${file}: ${c.name}`, () => check(c, () => run(c)));
}

for (const c of load("calendar.json").cases) {
  test(`calendar.json: ${c.name}`, () =>
    check(c, () => {
      const answer = calendarCase(c);
      if (c.mode !== "provisional") return answer;
      if ("provisional" in c) assert.equal(answer.provisional, c.provisional, c.name);
      return answer.value;
    }));
}

test("calendar-kz-days: the built-in calendar against the holidays package, day by day", () => {
  const file = load("calendar-kz-days.json");
  const off = new Set(file.weekdays_off);
  const working = new Set(file.weekend_days_working);
  const cal = WorkCalendar.kazakhstan();
  const mismatches = [];
  for (let y = file.first_year; y <= file.last_year; y++) {
    for (let d = new Date(Date.UTC(y, 0, 1)); d.getUTCFullYear() === y; d.setUTCDate(d.getUTCDate() + 1)) {
      const iso = d.toISOString().slice(0, 10);
      const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
      const expected = weekend ? working.has(iso) : !off.has(iso);
      if (cal.isWorkingDay(iso) !== expected) mismatches.push(iso);
    }
  }
  assert.deepEqual(mismatches, []);
  assert.ok(off.size > 150 && working.size > 10, "the file is not vacuous");
});

