// Type-checked by `tsc -p test/tsconfig.json` (build.sh test), never run: the package's
// generated declarations describe a typical portal's use, in strict mode.
import {
  Engine, Iin, KezekError, CommandRefusedError, PolicyBook, WorkCalendar, MatchingInstance,
  setLanguage, defaultCityInput, simulate, simulateSweep,
  type Decision, type SweepResult, type ChildTable, type SimulationInput, type Deadline, type NewApplication, type Position, type State, type RoundReport,
} from "../pkg/index.js";
import * as kezek from "../pkg/index.js";

// The generated module's loader is not the package's: index.js loads the module itself.
// @ts-expect-error initSync is exported as a type only
void kezek.initSync;

const child: Iin = new Iin("210308600403");
const birth: string | undefined = child.encodedBirthDate;
const policy = PolicyBook.builtin().policyFor("akmola", "2025-09-01");
const engine = Engine.withCalendar(policy, WorkCalendar.kazakhstan());
const replayed: Engine = Engine.replay(policy, engine.calendar, engine.log());
const application: NewApplication = {
  applicantIin: "900101300017",
  childIin: child.exposeDigits(),
  address: { region: "akmola", district: "kokshetau" },
  groupType: "general",
  language: "kazakh",
  contacts: { email: "ana@mail.kz", phone: "+7 701 123 45 67" },
};
const why: Decision = engine.explainRegistration(application, "2025-03-03T09:00:00");
const reasons: string[] = why.checks.filter((c) => !c.passed).map((c) => c.message.kk);
const id: number = engine.register(application, "2025-03-03T09:00:00");
const position: Position | null = engine.position(id);
const ahead: number = position === null ? 0 : position.ahead.outOfTurn + position.ahead.general;
engine.notify(id, 1, "2025-03-20T15:00:00");
const state: State = engine.state(id);
const chooseBy: Deadline | null = state.state === "notice_sent" ? state.chooseBy : null;
const reports: RoundReport[] = engine.publish(
  [{ kindergarten: { id: "kg-1", region: "akmola", area: "kokshetau", languages: ["kazakh"] },
     groupType: "general", cohort: 2021, places: 1 }],
  "2025-09-01T09:00:00",
);
const end: Deadline = WorkCalendar.kazakhstan().deadline("2025-03-20T15:00:00", 3, "working_days");
const m = MatchingInstance.nested([[0, 1], [0]], new Uint32Array([1, 1]), [0, 1]);
const assigned: (number | null)[] = m.solve("deferred_acceptance", { kind: "single", seed: 7 }).assignments();
const town = defaultCityInput(2024, 1, 7);
const study: SweepResult = simulateSweep(
  { input: town, variants: [{ name: "today", policy: town.policy }], seeds: [7, 8], grid: [{ parameter: "arrivals.perMonth", values: [100, 200] }] },
  (done: number, total: number) => console.log(done, total),
);
const gain: number | null = study.differences[0]?.difference ?? null;
const smaller: SimulationInput = { ...town, years: 1, arrivals: { ...town.arrivals, perMonth: 50 } };
const children: ChildTable = simulate(smaller).children();
const waits: (number | null)[] = children.waitDays;
const district: string | undefined = smaller.city.districts[0]?.kindergartens[0]?.id;
setLanguage("kk");
try {
  engine.enroll(id, "2025-03-21T09:00:00");
} catch (e) {
  if (e instanceof CommandRefusedError) {
    const code: string = e.code;
    const text: string = e.messageIn("ru");
    console.log(code, text, e.details);
  } else if (e instanceof KezekError) {
    console.log(e.code);
  }
}
console.log(birth, reasons, ahead, chooseBy, reports, end, assigned, gain, waits, district);
