// iin.json, calendar.json, calendar-kz-days.json and policy.json through the JS API: the
// same answers as Rust.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Iin, PolicyBook, WorkCalendar, KezekError } from "../pkg/index.js";
import { contains, load, outcome, snake } from "./conformance.mjs";

function check(c, run) {
  const [kind, value] = outcome(run);
  if ("error" in c) {
    assert.deepEqual([kind, value], ["error", c.error], c.name);
  } else {
    assert.equal(kind, "ok", `${c.name}: threw ${value}`);
    assert.ok(contains(value, c.expect), `${c.name}: ${JSON.stringify(value)}`);
  }
}

for (const c of load("iin.json").cases) {
  test(`iin: ${c.name}`, () =>
    check(c, () => {
      const iin = new Iin(c.args.text);
      return { birth_date: iin.birthDate, sex: iin.sex, masked: iin.masked };
    }));
}

function calendar(c) {
  if ("data" in c) return WorkCalendar.fromJson(c.data);
  const cal = WorkCalendar.kazakhstan();
  return "patch" in c ? cal.withPatch(c.patch) : cal;
}

for (const c of load("calendar.json").cases) {
  test(`calendar: ${c.name}`, () =>
    check(c, () => {
      const a = c.args;
      const cal = calendar(c);
      const ask = c.mode === "provisional" ? cal.provisional() : cal;
      let answer;
      switch (c.op) {
        case "is_working_day": answer = ask.isWorkingDay(a.date); break;
        case "add_working_days": answer = ask.addWorkingDays(a.date, a.n); break;
        case "working_days_between": answer = ask.workingDaysBetween(a.a, a.b); break;
        case "deadline": answer = ask.deadline(a.start, a.amount, a.unit); break;
        case "day_info": {
          const { kind, ...about } = cal.dayInfo(a.date).kind;
          return { kind, working: cal.dayInfo(a.date).working, ...snake(about) };
        }
        default: throw new Error(`unknown op ${c.op}`);
      }
      if (c.mode === "provisional") {
        if ("provisional" in c) assert.equal(answer.provisional, c.provisional, c.name);
        answer = answer.value;
      }
      return snake(answer);
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

function book(c) {
  if (c.book == null) return PolicyBook.builtin();
  if (typeof c.book === "string") return PolicyBook.fromJson(c.book);
  const data = JSON.parse(PolicyBook.builtin().toJson());
  const { id, field, value } = c.book.mutate;
  data.policies.find((p) => p.id === id)[field] = value;
  return PolicyBook.fromJson(JSON.stringify(data));
}

for (const c of load("policy.json").cases) {
  test(`policy: ${c.name}`, () =>
    check(c, () => {
      const a = c.args;
      const b = book(c);
      switch (c.op) {
        case "policy_for": return snake(b.policyFor(a.region, a.date).toData());
        case "policy_get": return snake(b.get(a.id).toData());
        case "is_frozen": return b.policyFor(a.region, a.date).isFrozen(a.date);
        default: throw new Error(`unknown op ${c.op}`);
      }
    }));
}

test("every error above is a KezekError", () => {
  assert.throws(() => new Iin("x"), KezekError);
});
