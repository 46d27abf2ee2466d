// What the portal asks kezek, with no DOM: one engine over the embedded data set, and the
// answers a parent and an operator see, as plain objects for `portal.js` to render.
//
// Every action happens at the moment the page's clock shows: the engine is first advanced
// to it (deadlines that passed take effect), and a moment before the engine's clock is
// refused by kezek with TIME_BEFORE_CLOCK, shown like any other error.

import { Engine, Iin, PolicyBook, WorkCalendar } from "kezek";
import * as data from "./data.js";

/** The queue the operator works on (region, district, group type, cohort). */
export const QUEUE = {
  region: data.APPLICANT.address.region,
  area: data.APPLICANT.address.district,
  ...data.PUBLISH_GROUP,
};

export class Portal {
  constructor() {
    this.calendar = WorkCalendar.kazakhstan();
    this.engine = Engine.withCalendar(
      PolicyBook.builtin().policyFor(data.REGION, data.POLICY_DAY),
      this.calendar,
    );
    /** Children of the demo by IIN digits: their names, register data and application ids. */
    this.children = new Map();
    for (const c of data.REGISTERED) {
      const id = this.engine.register(application(c.childIin, c.language, c), c.at);
      this.children.set(c.childIin, { ...c, id });
    }
    for (const c of data.NOT_REGISTERED) {
      this.children.set(c.childIin, { ...c, id: null });
    }
  }

  /** The demo children, for the parent's shortcuts. */
  demoChildren() {
    return [...data.REGISTERED, ...data.NOT_REGISTERED].map((c) => ({
      name: c.name,
      childIin: c.childIin,
      language: c.language,
    }));
  }

  /**
   * What a parent sees for a child's IIN: its birth date and sex (the register's; for a
   * child the demo's register does not know, what the IIN encodes, marked so, or none),
   * and for a child not registered,
   * whether it may join the queue and why; for a registered one, its state, queue number,
   * classes ahead, deadlines, whether a place may be offered now and why, and the places
   * its notice lets it choose. Throws the `KezekError` of a bad IIN or moment.
   */
  lookup(text, language, at) {
    const iin = new Iin(text);
    this.engine.advanceTo(at);
    const digits = iin.exposeDigits();
    const known = this.children.get(digits);
    const view = {
      iin: { masked: iin.masked, ...birth(iin, known) },
      name: known?.name ?? null,
      application: null,
    };
    if (known?.id == null) {
      view.decision = this.engine.explainRegistration(application(digits, language, known), at);
      return view;
    }
    const id = known.id;
    // A registered child: the birth date the engine's age rules read, and its source.
    const registered = this.engine.application(id);
    view.iin = {
      masked: iin.masked,
      birthDate: registered.childBirthDate,
      sex: registered.childSex,
      source: registered.birthDateSource,
    };
    const state = this.engine.state(id);
    view.application = {
      id,
      class: this.engine.application(id).class,
      state,
      position: this.engine.position(id),
      next: this.engine.nextDeadline(id),
      deadlines: this.deadlines(state),
      choices: state.state === "notice_sent" ? this.choices(id) : [],
    };
    view.decision =
      state.state === "queued"
        ? this.engine.explainOffer(id, this.engine.openPlaces(this.engine.queueKey(id)), at)
        : null;
    return view;
  }

  /** Registers a child of the demo family; returns its application id. */
  register(text, language, at) {
    const iin = new Iin(text);
    const digits = iin.exposeDigits();
    const known = this.children.get(digits);
    const id = this.engine.register(application(digits, language, known), at);
    this.children.set(digits, { ...known, name: known?.name ?? iin.masked, id });
    return id;
  }

  /** The notified applicant takes a place of `bulletin` (a direction is issued). */
  takePlace(id, bulletin, at) {
    this.engine.takePlace(id, bulletin, at);
  }

  /**
   * Publishes `places[kindergartenId]` places in each kindergarten that has some, which
   * runs the offer round of their pool; returns the round reports.
   */
  publish(places, at) {
    const bulletins = data.KINDERGARTENS.filter((k) => (places[k.kindergarten.id] ?? 0) > 0).map(
      (k) => ({ kindergarten: k.kindergarten, ...data.PUBLISH_GROUP, places: places[k.kindergarten.id] }),
    );
    return this.engine.publish(bulletins, at);
  }

  /** Runs the offer round again in every pool with published places (places given back). */
  round(at) {
    const pools = new Map();
    for (const b of this.engine.bulletins()) {
      pools.set(JSON.stringify([b.kindergarten.region, b.kindergarten.area, b.groupType, b.cohort]), b.id);
    }
    return [...pools.values()].map((bulletin) => this.engine.offerRound(bulletin, at));
  }

  /** The operator's queue: number, child (masked), class, state, name. */
  queue() {
    return this.engine.listingEntries(QUEUE).map((e) => ({
      ...e,
      name: this.nameOf(e.id),
      state: this.engine.stateName(e.id),
    }));
  }

  /** The published bulletins, with the kindergarten's display name. */
  bulletins() {
    return this.engine.bulletins().map((b) => ({ ...b, name: kindergartenName(b.kindergarten.id) }));
  }

  /** The display name of application `id`'s child. */
  nameOf(id) {
    for (const c of this.children.values()) if (c.id === id) return c.name;
    return String(id);
  }

  /** The non-working days after `start` up to `lastDay`, with what makes each a day off. */
  daysOff(start, lastDay) {
    const out = [];
    for (let d = this.calendar.addCalendarDays(start, 1); d <= lastDay; d = this.calendar.addCalendarDays(d, 1)) {
      const info = this.calendar.dayInfo(d);
      if (!info.working) out.push(info);
    }
    return out;
  }

  /** The deadlines of a notice or a direction, each with the days off it skips. */
  deadlines(state) {
    const of = (key, start, deadline) => ({
      key,
      ...deadline,
      daysOff: this.daysOff(start.slice(0, 10), deadline.lastDay),
    });
    switch (state.state) {
      case "notice_sent":
        return [of("chooseBy", state.sentAt, state.chooseBy)];
      case "direction_issued":
        return [
          of("showUpBy", state.issuedAt, state.showUpBy),
          of("revocableUntil", state.issuedAt, state.revocableUntil),
        ];
      default:
        return [];
    }
  }

  /** The bulletins of a notified application's pool that still have a free place. */
  choices(id) {
    return this.engine.choices(id).map((b) => ({ ...b, name: kindergartenName(b.kindergarten.id) }));
  }
}

/** A kindergarten's display names (kk/ru/en), by id. */
export function kindergartenName(id) {
  return data.KINDERGARTENS.find((k) => k.kindergarten.id === id)?.name ?? { kk: id, ru: id, en: id };
}

/** The places each kindergarten offers by default in the operator's form. */
export function defaultPlaces() {
  return Object.fromEntries(data.KINDERGARTENS.map((k) => [k.kindergarten.id, k.places]));
}

/** A child's birth date and sex: the demo register's, else what the IIN encodes. */
function birth(iin, known) {
  if (known?.birthDate) return { birthDate: known.birthDate, sex: known.sex, source: "register" };
  return { birthDate: iin.encodedBirthDate ?? null, sex: iin.encodedSex ?? null, source: "iin" };
}

/** The demo family's application for a child (`RULES.md §2`: what an application holds). */
function application(childIin, language, extra = {}) {
  return {
    ...data.APPLICANT,
    childIin,
    // The register's birth date and sex when the demo's register knows the child; else
    // kezek reads what the IIN encodes (or refuses with CHILD_BIRTH_DATE).
    childBirthDate: extra.birthDate ?? null,
    childSex: extra.sex ?? null,
    language,
    benefit: extra.benefit ?? null,
    documents: extra.documents ?? [],
  };
}
