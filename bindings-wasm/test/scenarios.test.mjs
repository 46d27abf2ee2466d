// The lifecycle, offer-round and refusal scenarios of tests/conformance/, step by step
// through the JS engine: the same states, positions, deadlines and errors as Rust.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Engine, PolicyBook } from "../pkg/index.js";
import { camel, contains, load, outcome, snake } from "./conformance.mjs";

const SIMPLE = {
  revoke: "revoke", confirm_right: "confirmRight", enroll: "enroll", release: "release",
  withdraw: "withdraw", confirm_interest: "confirmInterest", confirm_voucher: "confirmVoucher",
  refuse_voucher: "refuseVoucher", restore: "restore",
};

/** Runs one step of a scenario file on `engine`; its answer in the file's shape. */
export function runStep(engine, file, s) {
  const a = s.args ?? {};
  const { at } = s;
  const id = a.id;
  const application = () => camel({ ...file.application, ...a });
  switch (s.op) {
    case "register": return engine.register(application(), at);
    case "advance_to": return engine.advanceTo(at) ?? null;
    case "notify": return engine.notify(id, a.vacancies, at);
    case "issue_direction": return engine.issueDirection(id, a.kindergarten, at) ?? null;
    case "join_waiting_list": return engine.joinWaitingList(id, a.kindergarten, at) ?? null;
    case "extend": return engine.extend(id, a.until, at) ?? null;
    case "link_applicant": return engine.linkApplicant(id, a.applicant_iin, at) ?? null;
    case "link_batch": return engine.linkBatch(a.ids, at) ?? null;
    case "update_benefit": return engine.updateBenefit(id, a.benefit, camel(a.documents), at) ?? null;
    case "state": return snake(engine.state(id));
    case "position": return snake(engine.position(id));
    case "listing": return engine.listing(engine.queueKey(id));
    case "history": return engine.history(id).map((e) => e.reason);
    case "next_deadline": return engine.nextDeadline(id);
    case "explain_offer": {
      const d = engine.explainOffer(id, a.vacancies, at);
      return { allowed: d.allowed, failed: d.failed };
    }
    case "explain_registration": {
      const d = engine.explainRegistration(application(), at);
      return { allowed: d.allowed, failed: d.failed };
    }
    case "publish": return snake(engine.publish(camel(a.bulletins), at));
    case "offer_round": return snake(engine.offerRound(a.bulletin, at));
    case "distribute": return snake(engine.distribute(at));
    case "take_place": return engine.takePlace(id, a.bulletin, at) ?? null;
    case "sign_contract": return engine.signContract(id, a.bulletin, at) ?? null;
    case "bulletin": return snake(engine.bulletin(a.bulletin));
    case "open_places": return engine.openPlaces(engine.queueKey(id));
    default:
      if (s.op in SIMPLE) return engine[SIMPLE[s.op]](id, at) ?? null;
      throw new Error(`unknown op ${s.op}`);
  }
}

for (const name of ["lifecycle.json", "offer_rounds.json", "refusals.json"]) {
  const file = load(name);
  for (const scenario of file.scenarios) {
    test(`${name}: ${scenario.name}`, () => {
      const engine = new Engine(PolicyBook.builtin().get(scenario.policy));
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
