//! TypeScript declarations of the plain data that crosses the boundary: the core's serde
//! types with camelCase keys (`convert.rs`). wasm-bindgen generates the declarations of
//! every class, method and function from the Rust signatures; these interfaces name what
//! those signatures take and return. They are written here, next to the conversions,
//! because a generator (tsify, ts-rs) would need a derive on the core's own types, which
//! would put a binding dependency into the core; the Node tests type-check them against
//! the package's answers (`bindings-wasm/test/types.test.mjs`).

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(typescript_custom_section)]
const DATA: &'static str = r#"
/** An ISO date, "YYYY-MM-DD". */
export type IsoDate = string;
/** An ISO moment without zone, "YYYY-MM-DDTHH:MM:SS", in Kazakhstan civil time. */
export type IsoMoment = string;
export type Sex = "male" | "female";
export type Lang = "kk" | "ru" | "en";
/** A text in Kazakh, Russian and English. */
export interface LocalizedText { kk: string; ru: string; en: string }

export type PeriodUnit = "working_days" | "calendar_days" | "hours" | "months" | "years";
export interface Period { amount: number; unit: PeriodUnit }
/** Where a period ends: its last day, and the moment it is over. `provisional` is present (and `true`) when a year the count
 *  crosses has no decree data: the statutory rules alone, which the year's decree may move. */
export interface Deadline { lastDay: IsoDate; endsAt: IsoMoment; provisional?: true }
/** An answer for a year that may lack decree data (`ProvisionalCalendar`). */
export interface Answer<T> { value: T; provisional: boolean }
export type DayKind =
  | { kind: "weekday" }
  | { kind: "weekend" }
  | { kind: "holiday"; id: string; name: LocalizedText }
  | { kind: "carried_over"; id: string; name: LocalizedText; holiday: IsoDate }
  | { kind: "transferred_day_off"; from: IsoDate; source: string }
  | { kind: "transferred_working_day"; to: IsoDate; source: string };
export interface DayInfo { date: IsoDate; working: boolean; kind: DayKind }

export type GroupType = "general" | "special" | "sanatorium";
export type Language = "kazakh" | "russian" | "other";
export type BirthDateSource = "register" | "iin";
export type PriorityClass = "out_of_turn" | "first_priority" | "general";
export interface Address { region: string; district: string; locality?: string | null }
export interface Contacts { email: string; phone: string }
export interface Document { kind: string; issuedOn: IsoDate; validUntil?: IsoDate | null }
/** A new application (RULES.md §2). IINs are digit strings. */
export interface NewApplication {
  applicantIin: string;
  childIin: string;
  /** The child's birth date from the state register; without it, the date the IIN encodes. */
  childBirthDate?: IsoDate | null;
  /** The child's sex from the register; without it, what the IIN encodes, if anything. */
  childSex?: Sex | null;
  address: Address;
  groupType: GroupType;
  language: Language;
  benefit?: string | null;
  documents?: Document[];
  nonResident?: boolean;
  /** Kindergarten ids of the engine's catalogue, best first, where the policy gives places by ranked choices (RULES.md §5a). */
  rankedChoices?: string[];
  contacts: Contacts;
}
/** An application as registered, its IINs masked (`********0403`). */
export interface Application {
  id: number;
  applicants: string[];
  child: string;
  /** The birth date every age rule and the cohort read. */
  childBirthDate: IsoDate;
  childSex: Sex | null;
  /** `"register"`, or `"iin"` when no date was passed and the IIN's digits gave it. */
  birthDateSource: BirthDateSource;
  address: Address;
  groupType: GroupType;
  language: Language;
  benefit: string | null;
  class: PriorityClass;
  documents: Document[];
  nonResident: boolean;
  contacts: Contacts;
  registeredAt: IsoMoment;
  /** Kindergarten ids ranked, best first (RULES.md §5a); absent when none. */
  rankedChoices?: string[];
}
/** A queue: region, area, group type and birth-year cohort. */
export interface QueueKey { region: string; area: string; groupType: GroupType; cohort: number }
export interface ClassCounts { outOfTurn: number; firstPriority: number; general: number }
/** A queue number and how many of each class stand ahead. */
export interface Position { number: number; ahead: ClassCounts }

/** Children standing in a queue, by class and by language of instruction (`Engine.statistics`). */
export interface QueueStatistics { byClass: ClassCounts; kazakh: number; russian: number; otherLanguage: number }
/** One queue's statistics with its key. */
export interface QueueStatisticsEntry { queue: QueueKey; statistics: QueueStatistics }
export interface ListingEntry {
  number: number; id: number; child: string; class: PriorityClass; registeredAt: IsoMoment;
}
export interface Interest { anniversary: number; confirmed: boolean }

export type StateName =
  | "new" | "queued" | "notice_sent" | "direction_issued" | "stop_listed" | "enrolled"
  | "released" | "removed" | "withdrawn" | "voucher_offered" | "voucher_confirmed"
  | "inactive" | "waiting_list";
export interface Direction {
  kindergarten: string;
  issuedAt: IsoMoment;
  via: "notice" | "free_choice" | "ranked_choice";
  showUpBy: Deadline;
  revocableUntil: Deadline;
  extensionsUsed: number;
  rightConfirmBy: Deadline | null;
  bulletin?: number;
}
export type RemovalReason =
  | "lapses" | "interest_not_confirmed" | "aged_out" | "voucher_refused" | "not_restored";
/** An application's state, tagged by `state` (RULES.md §5–§8). */
export type State =
  | { state: "queued" }
  | { state: "notice_sent"; sentAt: IsoMoment; chooseBy: Deadline; bulletin?: number }
  | ({ state: "direction_issued" } & Direction)
  | { state: "stop_listed"; since: IsoMoment; until: Deadline }
  | { state: "enrolled"; kindergarten: string; at: IsoMoment; bulletin?: number }
  | { state: "voucher_offered"; offeredAt: IsoMoment; consentBy: Deadline; bulletin: number }
  | { state: "voucher_confirmed"; confirmedAt: IsoMoment; contractBy: Deadline; bulletin: number; placeHeld?: boolean }
  | { state: "inactive"; since: IsoMoment; restoreBy: Deadline }
  | { state: "waiting_list"; kindergarten: string; since: IsoMoment }
  | { state: "released"; kindergarten: string; at: IsoMoment }
  | { state: "removed"; reason: RemovalReason; at: IsoMoment }
  | { state: "withdrawn"; at: IsoMoment };
export type DueKind =
  | "notice_expires" | "right_expires" | "direction_lapses" | "stop_list_ends"
  | "interest_anniversary" | "ages_out" | "consent_expires" | "contract_expires"
  | "restore_expires";
export interface NextDeadline { at: IsoMoment; kind: DueKind }
/** One event of an application's history; `reason` is a stable code ("NOTICE_SENT"). */
export interface Event {
  seq: number;
  at: IsoMoment;
  actor: "applicant" | "operator" | "kindergarten" | "deadline";
  from: StateName;
  to: StateName;
  reason: string;
  detail?: string;
}
/** One accepted command of the engine's log, tagged by `command`. */
export interface LogEntry { at: IsoMoment; command: string; [field: string]: unknown }

/** One rule checked by a decision: its code, pass or fail, why (kk/ru/en), its source. */
export interface Check {
  code: string;
  passed: boolean;
  field: string | null;
  detail: string | null;
  message: LocalizedText;
  source: string;
}
/** An explained answer: every rule checked; `allowed` when all pass. */
export interface Decision {
  question: "may_register" | "may_be_offered" | "may_be_removed_for_age" | "may_take_place";
  checks: Check[];
  allowed: boolean;
  /** The codes of the failed checks (a finer code where one exists). */
  failed: string[];
}

/** A kindergarten: a bulletin's, or the catalogue's, which lists its kinds of group (ranked choices, RULES.md §5a). */
export interface Kindergarten { id: string; region: string; area: string; languages: Language[]; groupTypes?: GroupType[] }
/** Places a kindergarten publishes for one group type and cohort (RULES.md §5). */
export interface NewBulletin { kindergarten: Kindergarten; groupType: GroupType; cohort: number; places: number }
export interface Bulletin extends NewBulletin {
  id: number; publishedAt: IsoMoment; taken: number; openToAll: boolean;
}
export interface Skipped { id: number; failed: string[] }
/** What an offer round did in one pool. */
export interface RoundReport {
  queue: QueueKey;
  bulletin: number;
  offered: number[];
  fromWaitingList: number[];
  skipped: Skipped[];
  open: number;
  openedToAll: boolean;
  /** Directions a round of ranked choices issued (RULES.md §5a), in queue order; absent under the other modes. */
  directed?: Directed[];
  /** Under ranked choices, the round's certificate: what `verifyRound` checks and `choiceCutoffs` reads. */
  certificate?: RoundCertificate;
}
/** What an appeals body checks a round of ranked choices with (RULES.md §5a): units (a child, or twins) in the round's order, kindergartens by index. */
export interface RoundCertificate {
  certificateVersion: number; queue: QueueKey; at: IsoMoment;
  kindergartens: { id: string; places: number }[];
  units: { children: number[]; choices: number[]; siblingsAt?: number[]; held?: number; placed?: number }[];
}
/** A round of ranked choices checked: it holds when nothing was found. */
export interface Verdict { holds: boolean; findings: Finding[] }
/** What a check found: its code (`CERT_PASSED_OVER`…), whom and where it concerns, its meaning in kk/ru/en. */
export interface Finding { code: string; children: number[]; kindergartens: string[]; message: LocalizedText }
/** Where a child stood at a kindergarten: its place in the round's order (from 1), and whether a sibling there put it first. */
export interface Standing { position: number; sibling: boolean; held: boolean }
/** Why a child did not get a kindergarten it ranked above the one it got. */
export interface ChoiceCutoff {
  kindergarten: string; places: number; lastAdmitted: Standing | null; own: Standing; message: LocalizedText;
}
/** A direction a round of ranked choices issued: `choice` is where the kindergarten stands in the child's ranked choices (0 for the first). */
export interface Directed { id: number; kindergarten: string; bulletin: number; choice: number; movedFrom?: string }

export interface MonthDay { month: number; day: number }
export interface BenefitCategory {
  code: string; class: PriorityClass; name: LocalizedText; documents: string[];
  documentValidity?: Period | null; source: string;
}
/** Every parameter of a policy (RULES.md §10); `Policy.fromData` validates it. */
export interface PolicyData {
  id: string;
  profile: string;
  name: LocalizedText;
  regions: string[];
  validFrom: IsoDate;
  sources: string[];
  choiceWindow: Period;
  showUpWindow: Period;
  revocationWindow: Period;
  extension: Period;
  extensionsAllowed: number;
  stopList: Period;
  lapsesBeforeRemoval: number;
  interestConfirmationEvery: Period;
  interestConfirmationEarly: Period;
  outOfTurnConfirmation: Period;
  minOfferAge: Period;
  maxAge: Period;
  /** How the maximum age is counted; absent: from the birthday. */
  maxAgeCounted?: "birthday" | "calendar_year";
  /** Whether twins are linked as one batch (Astana since 16.10.2019); absent: they are. */
  twinBatches?: boolean;
  interleave: { firstPriority: number; general: number } | null;
  augustFreeze: { from: MonthDay; to: MonthDay } | null;
  minAgeForSpecialGroups?: boolean;
  specialQueueFirst: boolean;
  voucher: {
    distributionStarts: MonthDay; consentWindow: Period; restoreWindow: Period;
    restoresAllowed: number; contractWindow: Period; minAgeWhenAllServed: Period;
  } | null;
  benefitCategories?: BenefitCategory[];
}

export type Mechanism = "deferred_acceptance" | "serial_dictatorship" | "immediate_acceptance";
export type TieBreak =
  | { kind: "none" } | { kind: "single"; seed: number } | { kind: "multiple"; seed: number };
/** Where a child stands at a kindergarten: higher level first, then base, then lottery. */
export interface PriorityKey { level: number; base: number; lottery: number; child: number }
export type Violation =
  | { kind: "size"; found: number }
  | { kind: "unranked"; child: number }
  | { kind: "over_capacity"; kindergarten: number; held: number };
export interface Envy { child: number; kindergarten: number; admitted: number }
export interface Cutoff { kindergarten: number; capacity: number; admitted: number; lastAdmitted: PriorityKey | null }
export interface WhyNot {
  kindergarten: number; choice: number; cutoff: PriorityKey | null; child: PriorityKey; belowCutoff: boolean;
}

/** When interest must next be confirmed (`Engine.interestDue`). */
export interface InterestDue { anniversary: number; confirmBy: Deadline; opensAt: IsoMoment; confirmed: boolean }

/** A region a policy book lists. */
export interface RegionInfo { code: string; name: LocalizedText }

/** An engine command as data (`Engine.execute`): its snake_case name and the method's fields. */
export interface EngineCommand { command: string; [field: string]: unknown }

/** A simulation's input: a city, its arrivals and behaviour, a policy, the horizon, a seed (`docs/simulation-input.schema.json` describes the same fields in snake_case). */
export interface SimulationInput {
  /** The input's format (3); an older one (without `format`: 1) is migrated when read. */
  format?: number;
  city: City;
  arrivals: Arrivals;
  turnover: { waves: Wave[] };
  behaviour: Behaviour;
  policy: PolicyData;
  /** The working-day calendar's data in the `CalendarData` JSON format; the built-in Kazakh calendar when absent. */
  calendar?: Record<string, unknown>;
  /** The first day reported. */
  start: IsoDate;
  /** Years reported, day by day, from `start`. */
  years: number;
  /** Years simulated before `start` to fill the queue (0 when absent). */
  warmUpYears?: number;
  seed: number;
  /** The most memory the run may take, in bytes (2 GiB when absent). */
  memoryBudget?: number;
}
/** A city: its districts and their kindergartens. */
export interface City { name: string; region: string; districts: District[]; sources?: string[] }
/** A district: its relative share of the arrivals and its kindergartens. */
export interface District { name: string; birthsWeight: number; kindergartens: KindergartenSpec[] }
/** A kindergarten and the places it takes each year, by age in whole years on publication; `appeal` weighs it in parents' ranked choices (1 when absent). */
export interface KindergartenSpec {
  id: string; languages: Language[]; groupType?: GroupType; intake: { age: number; places: number }[]; appeal?: number;
}
/** A value and its share. */
export interface Share<T> { value: T; share: number }
/** Registrations a month and who the children are (benefit codes of the policy). */
export interface Arrivals {
  perMonth: number; ageMonthsWeights: number[]; benefits?: Share<string>[]; groupTypes?: Share<GroupType>[];
  languages: Share<Language>[];
}
/** A publication day of the year and the share of the yearly intake published on it. */
export interface Wave { month: number; day: number; share: number }
/** What parents do: probabilities, and delays in working days drawn from weights. */
export interface Behaviour {
  choiceDelayWeights: number[]; answersNotice: number; revokes: number; showsUp: number;
  showUpDelayWeights: number[]; extends: number; confirmsInterest: number; confirmsRight: number;
  freeChoiceDaily: number; prefersLanguage: number; ranks?: number;
  voucher?: {
    refuses: number; confirms: number; confirmDelayWeights: number[]; signsContract: number;
    contractDelayWeights: number[]; restores: number; restoreDelayWeights: number[];
  };
  renewal?: { renews: number; delayWeights: number[] };
}
/** How a simulated child's time in the queue ended. */
export type Outcome = "placed_by_offer" | "placed_by_free_choice" | "holding_direction" | "removed" | "still_waiting";
/** The child table (`SimulationResult.children()`): one array per column, one entry per registered child, in registration order. */
export interface ChildTable {
  id: number[]; warmUp: boolean[]; district: string[]; cohort: number[]; class: PriorityClass[];
  groupType: GroupType[]; language: Language[]; ageMonthsAtRegistration: number[]; registered: IsoDate[];
  placed: (IsoDate | null)[]; left: (IsoDate | null)[]; waitDays: (number | null)[];
  ageMonthsAtPlacement: (number | null)[]; outcome: Outcome[]; removal: (RemovalReason | null)[];
  notices: number[]; lapses: number[]; choice: (number | null)[];
}
/** The day table (`SimulationResult.days()`): one array per column, one entry per simulated day (counts of that day, and the queue, stop-list and idle places at its end). */
export interface DayTable {
  date: IsoDate[]; registrations: number[]; published: number[]; notices: number[]; directions: number[];
  freeChoice: number[]; revocations: number[]; lapses: number[]; enrolments: number[]; vouchers: number[];
  contracts: number[]; removals: number[]; queue: number[]; stopList: number[]; placesIdle: number[];
}
/** A whole simulation's result as plain data (`SimulationResult.toData()`). */
export interface SimulationData {
  city: string; policy: string; seed: number; start: IsoDate; end: IsoDate; simulatedFrom: IsoDate;
  projectedYears: number[]; summary: Summary; children: ChildTable; days: DayTable;
}
/** How long a group of children waited, in days from registration to enrolment; `null` where a figure has nothing to rest on. `placed`: enrolled in the reported years (whatever their registration day), with the median and 90th percentile of their waits; `atRisk`: waiting on some day of those years, with the Kaplan–Meier estimates (children still waiting or gone count as censored). */
export interface Waits {
  placed: number; medianDays: number | null; p90Days: number | null;
  atRisk: number; kmMedianDays: number | null; kmP90Days: number | null;
}
/** The waits of a priority class (`null`: every class) and cohort (`null`: every cohort). */
export interface GroupWaits {
  class: PriorityClass | null; cohort: number | null; registered: number; waits: Waits;
}
/** Children still waiting at the end: old enough for an offer, or too young. */
export interface WaitingAtEnd { oldEnough: number; tooYoung: number }
/** Of the children who reached an age, those placed before it; `share` is `null` when nobody reached it. */
export interface AgeShare { reached: number; placed: number; share: number | null }
/** Places open to free choice and not taken at the end of each reported day: place-days, and means in places per day (keys of the breakdowns are data: district names, group types, birth years, language sets such as `kk+ru`). */
export interface Idle {
  days: number; placeDays: number; meanPlaces: number;
  byDistrict: Record<string, number>; byGroupType: Record<string, number>;
  byCohort: Record<string, number>; byLanguages: Record<string, number>;
}
export interface Summary {
  /** Children registered in the reported years. */
  registered: number;
  /** Those children by outcome (keys are outcome names, as written by the core). */
  outcomes: Record<string, number>;
  /** Of them, those still waiting: old enough for an offer or too young. */
  stillWaiting: WaitingAtEnd;
  /** Every child still waiting at the end, registered in the reported years or before. */
  queueAtEnd: WaitingAtEnd;
  /** The waits of every child; `waits`: per class (every cohort), then per class and cohort. */
  wait: Waits;
  waits: GroupWaits[];
  /** Per age 1–7 (keys as strings). */
  placedByAge: Record<string, AgeShare>;
  /** `null` when nobody was placed. */
  freeChoiceShare: number | null;
  /** Under ranked choices: of the children placed at a kindergarten they ranked, the share at their first choice (`null` otherwise). */
  firstChoiceShare: number | null;
  placedAtAChoice: number;
  notices: number;
  directions: number;
  lapses: number;
  revocations: number;
  /** Vouchers offered and contracts signed, under a policy that runs vouchers. */
  vouchers: number;
  contracts: number;
  placesPublished: number;
  idle: Idle;
}
/** A sweep (`simulateSweep`): one input under several policies, seeds and a grid of parameters. */
export interface Sweep {
  /** The sweep's format (1). */
  format?: number;
  input: SimulationInput;
  /** Named policies; the first is the baseline of the paired differences. None: the input's own, named by its id. */
  variants?: { name: string; policy: PolicyData }[];
  /** Each variant and grid point runs once per seed. */
  seeds: number[];
  /** Dotted paths of the input's fields (`behaviour.renewal.renews`, `policy.interleave`) and their values; every combination runs. */
  grid?: { parameter: string; values: unknown[] }[];
  /** The intervals' level (default 0.95). */
  confidence?: number;
}
/** One run of a sweep: its variant, seed, grid point (values in the order of `parameters`) and metrics (`[name, value]`; `null` where the run has no figure). */
export interface SweepRun { run: number; variant: string; seed: number; point: unknown[]; metrics: [string, number | null][] }
/** The mean of a metric over the seeds with a value (`n`), with its Student's t interval (`null` under two seeds). */
export interface SweepInterval { variant: string; point: unknown[]; metric: string; n: number; mean: number | null; low: number | null; high: number | null }
/** A variant against the baseline (the first variant at the same point; with one variant, the first grid point), seed by seed. */
export interface SweepDifference {
  variant: string; point: unknown[]; baseline: string; baselinePoint: unknown[]; metric: string; n: number;
  baselineMean: number | null; mean: number | null; difference: number | null; low: number | null; high: number | null;
}
/** A sweep's answer; `parameters` are the grid's dotted paths in snake_case. */
export interface SweepResult {
  parameters: string[]; confidence: number;
  runs: SweepRun[]; intervals: SweepInterval[]; differences: SweepDifference[];
}
/** One metric in two runs; `null` where a run lacks the metric. */
export interface MetricDiff { metric: string; a: number | null; b: number | null; difference: number | null }
"#;
