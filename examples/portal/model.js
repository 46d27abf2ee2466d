// What the portal asks kezek, with no DOM: one engine over the embedded data set, and the
// answers a parent and an operator see, as plain objects for `portal.js` to render.
//
// Every action happens at the moment the page's clock shows: the engine is first advanced
// to it (deadlines that passed take effect), and a moment before the engine's clock is
// refused by kezek with TIME_BEFORE_CLOCK, shown like any other error.

import { Engine, Iin, Policy, PolicyBook, WorkCalendar } from "kezek";
import * as data from "./data.js";

/** The queue the operator works on (region, district, group type, cohort). */
export const QUEUE = {
  region: data.APPLICANT.address.region,
  area: data.APPLICANT.address.district,
  ...data.PUBLISH_GROUP,
};

/** The ways places are given the page can show: today's notices, or ranked choices with
 * automatic directions (`RULES.md §5a`), the region's policy switched to them. */
export const MODELS = ["notices", "ranked"];

export class Portal {
  constructor(model = "notices") {
    this.model = model;
    this.calendar = WorkCalendar.kazakhstan();
    let policy = PolicyBook.builtin().policyFor(data.REGION, data.POLICY_DAY);
    if (this.ranked) {
      policy = Policy.fromData({ ...policy.toData(), rankedChoices: { maxChoices: 2, siblingPriority: true } });
    }
    this.engine = Engine.withCalendar(policy, this.calendar);
    if (this.ranked) {
      const catalogue = data.KINDERGARTENS.map((k) => ({ ...k.kindergarten, groupTypes: ["general"] }));
      this.engine.addKindergartens(catalogue, data.CATALOGUE_MOMENT);
    }
    /** The certificates of the last rounds (`RoundReport.certificate`): each child's why-not. */
    this.certificates = [];
    /** Children of the demo by IIN digits: their names, register data and application ids. */
    this.children = new Map();
    for (const c of data.REGISTERED) {
      const extra = this.ranked ? c : { ...c, ranks: undefined };
      const id = this.engine.register(application(c.childIin, c.language, extra), c.at);
      this.children.set(c.childIin, { ...c, id });
    }
    for (const c of data.NOT_REGISTERED) {
      this.children.set(c.childIin, { ...c, id: null });
    }
  }

  /** Whether places are given by ranked choices with automatic directions. */
  get ranked() {
    return this.model === "ranked";
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
      ...(this.ranked ? this.rankedView(id, state) : {}),
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

  /**
   * Under ranked choices: the kindergartens the child ranked, best first, with their
   * names; the automatic direction it holds, and where that stands among its choices;
   * and, from the last round that considered it, why not each kindergarten it ranked
   * higher (kezek's words for parents, kk/ru/en).
   */
  rankedView(id, state) {
    const ranked = this.engine.rankedChoices(id).map((k) => ({ id: k, name: kindergartenName(k) }));
    const direction = state.state === "direction_issued" && state.via === "ranked_choice"
      ? { id: state.kindergarten, name: kindergartenName(state.kindergarten) }
      : null;
    const certificate = this.certificates.find((c) => c.units.some((u) => u.children.includes(id)));
    const cutoffs = certificate ? this.engine.choiceCutoffs(certificate, id) : [];
    return { ranked, direction, cutoffs };
  }

  /** The parent moves the kindergarten at `index` one place up in the child's ranking. */
  rankUp(id, index, at) {
    const ranked = this.engine.rankedChoices(id);
    [ranked[index - 1], ranked[index]] = [ranked[index], ranked[index - 1]];
    this.engine.changeRankedChoices(id, ranked, at);
  }

  /** The parent ranks kindergarten `kindergarten` last among the child's choices. */
  rankAdd(id, kindergarten, at) {
    this.engine.changeRankedChoices(id, [...this.engine.rankedChoices(id), kindergarten], at);
  }

  /**
   * The parent gives the direction back; under ranked choices its place goes on at once
   * (the chain): the directions that issued, with the children's names.
   */
  revoke(id, at) {
    this.engine.revoke(id, at);
    return this.engine.givenOn().map((d) => this.named(d));
  }

  /** A direction a round or a chain issued, with the child's and kindergartens' names. */
  named(d) {
    return {
      ...d,
      child: this.nameOf(d.id),
      name: kindergartenName(d.kindergarten),
      from: d.movedFrom ? kindergartenName(d.movedFrom) : null,
    };
  }

  /** Keeps the certificates of `reports` for the parents' why-not; gives the reports. */
  keep(reports) {
    const certificates = reports.map((r) => r.certificate).filter((c) => c);
    if (certificates.length) this.certificates = certificates;
    return reports.map((r) => ({ ...r, directed: (r.directed ?? []).map((d) => this.named(d)) }));
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
    return this.keep(this.engine.publish(bulletins, at));
  }

  /** Runs the offer round again in every pool with published places (places given back). */
  round(at) {
    const pools = new Map();
    for (const b of this.engine.bulletins()) {
      pools.set(JSON.stringify([b.kindergarten.region, b.kindergarten.area, b.groupType, b.cohort]), b.id);
    }
    return this.keep([...pools.values()].map((bulletin) => this.engine.offerRound(bulletin, at)));
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
    rankedChoices: extra.ranks ?? [],
  };
}
