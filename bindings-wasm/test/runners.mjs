// How each kind of case of the shared files is asked through the JS API: used by the
// conformance suites and by errors.test.mjs, which collects every error case.
import assert from "node:assert/strict";
import {
  Engine, Iin, MatchingInstance, Policy, PolicyBook, WorkCalendar, labels, showDate,
  showDeadline, showMoment,
} from "../pkg/index.js";
import { camel, load, snake } from "./conformance.mjs";

/** The scenario files every host runs (tests/conformance/scenario-files.json). */
export const SCENARIO_FILES = load("scenario-files.json").files;

/** A fresh engine for a scenario: its built-in policy, with its `policy_changes`. */
export function scenarioEngine(scenario) {
  const policy = PolicyBook.builtin().get(scenario.policy);
  if (!scenario.policy_changes) return new Engine(policy);
  return new Engine(Policy.fromData({ ...policy.toData(), ...camel(scenario.policy_changes) }));
}

/** The call a case of iin.json makes. */
export function iinCase(c) {
  const iin = new Iin(c.args.text);
  return { encoded_birth_date: iin.encodedBirthDate ?? null, encoded_sex: iin.encodedSex ?? null, masked: iin.masked };
}

function calendar(c) {
  if ("data" in c) return WorkCalendar.fromJson(c.data);
  const cal = WorkCalendar.kazakhstan();
  return "patch" in c ? cal.withPatch(c.patch) : cal;
}

/** The call a case of calendar.json makes; a provisional answer is `{value, provisional}`. */
export function calendarCase(c) {
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
      const info = cal.dayInfo(a.date);
      const { kind, ...about } = info.kind;
      return { kind, working: info.working, ...snake(about) };
    }
    default: throw new Error(`unknown op ${c.op}`);
  }
  return snake(answer);
}

function book(c) {
  if (c.book == null) return PolicyBook.builtin();
  if (typeof c.book === "string") return PolicyBook.fromJson(c.book);
  const data = JSON.parse(PolicyBook.builtin().toJson());
  const { id, field, value } = c.book.mutate;
  data.policies.find((p) => p.id === id)[field] = value;
  return PolicyBook.fromJson(JSON.stringify(data));
}

/** The call a case of people.json makes. */
export function peopleCase(c) {
  const a = c.args;
  switch (c.op) {
    case "label": return labels()[a.kind][a.code] ?? null;
    case "has_label": return a.code in labels()[a.kind];
    case "label_count": return Object.keys(labels()[a.kind]).length;
    case "label_kinds": return Object.keys(labels()).sort();
    case "show_date": return showDate(a.value);
    case "show_moment": return showMoment(a.value);
    case "show_deadline": return showDeadline(camel(a.deadline));
    default: throw new Error(`unknown op ${c.op}`);
  }
}

/** The call a case of policy.json makes. */
export function policyCase(c) {
  const a = c.args;
  const b = book(c);
  switch (c.op) {
    case "policy_for": return snake(b.policyFor(a.region, a.date).toData());
    case "policy_get": return snake(b.get(a.id).toData());
    case "is_frozen": return b.policyFor(a.region, a.date).isFrozen(a.date);
    case "ids": return b.ids();
    case "regions": return snake(b.regions());
    default: throw new Error(`unknown op ${c.op}`);
  }
}

/** The instance a case of matching.json builds. */
export function matchingInstance(c) {
  const a = c.args;
  return c.op === "solve_flat"
    ? MatchingInstance.flat(a.offsets, a.choices, a.capacities, a.base, a.priorities)
    : MatchingInstance.nested(a.preferences, a.capacities, a.base, a.priorities);
}

/** The engine's commands (the core's list): each goes through the one entry, `Engine.execute`. */
const COMMANDS = new Set(Engine.commandNames());

/** Runs one step of a scenario file on `engine`; its answer in the file's shape. */
export function runStep(engine, file, s) {
  const a = s.args ?? {};
  const { at } = s;
  const id = a.id;
  const application = () => camel({ ...file.application, ...a });
  if (COMMANDS.has(s.op)) {
    const fields = s.op === "register" ? { application: application() } : a;
    return snake(engine.execute({ command: s.op, ...fields }, at));
  }
  switch (s.op) {
    case "state": return snake(engine.state(id));
    case "position": return snake(engine.position(id));
    case "listing": return engine.listing(engine.queueKey(id));
    case "statistics": return snake(engine.statistics());
    case "history": return engine.history(id).map((e) => e.reason);
    case "next_deadline": return engine.nextDeadline(id);
    case "explain_take_place": {
      const d = engine.explainTakePlace(id, at);
      assert.equal(d.question, "may_take_place");
      return { allowed: d.allowed, failed: d.failed };
    }
    case "explain_offer": {
      const d = engine.explainOffer(id, a.vacancies, at);
      assert.equal(d.question, "may_be_offered");
      return { allowed: d.allowed, failed: d.failed };
    }
    case "explain_registration": {
      const d = engine.explainRegistration(application(), at);
      assert.equal(d.question, "may_register");
      return { allowed: d.allowed, failed: d.failed };
    }
    case "bulletin": return snake(engine.bulletin(a.bulletin));
    case "choices": return snake(engine.choices(id));
    case "ranked_choices": return engine.rankedChoices(id);
    case "kindergartens": return snake(engine.kindergartens());
    case "verify_round": return snake(engine.verifyRound(camel(a.certificate)));
    case "choice_cutoffs": return snake(engine.choiceCutoffs(camel(a.certificate), id));
    case "given_on": return snake(engine.givenOn());
    case "interest_due": return snake(engine.interestDue(id));
    case "open_places": return engine.openPlaces(engine.queueKey(id));
    case "child": {
      const app = engine.application(id);
      return {
        birth_date: app.childBirthDate, sex: app.childSex ?? null,
        birth_date_source: app.birthDateSource, cohort: engine.queueKey(id).cohort,
      };
    }
    default:
      throw new Error(`unknown op ${s.op}`);
  }
}

