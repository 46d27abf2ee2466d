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
    const interest = this.engine.interestDue(id);
    view.application = {
      id,
      class: registered.class,
      state,
      position: this.engine.position(id),
      deadlines: this.deadlines(id, state, interest),
      interest: interest && { ...interest, open: interest.opensAt <= at },
      history: this.engine.history(id),
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

  /**
   * Keeps the certificates of `reports` for the parents' why-not; gives the reports of a
   * round run at `at`, each child with its name, and each notified child with the notice
   * of its own that expired unanswered before (the history's `NOTICE_EXPIRED`): a round
   * run again after notices lapse notifies the same children, and the operator is told why.
   */
  keep(reports, at) {
    const certificates = reports.map((r) => r.certificate).filter((c) => c);
    if (certificates.length) this.certificates = certificates;
    return reports.map((r) => ({
      ...r,
      at,
      offered: r.offered.map((id) => ({ id, name: this.nameOf(id), expired: this.expiredNotices(id, at) })),
      skipped: r.skipped.map((s) => ({ ...s, name: this.nameOf(s.id) })),
      directed: (r.directed ?? []).map((d) => this.named(d)),
    }));
  }

  /** The moments application `id`'s earlier notices expired unanswered, before `at`. */
  expiredNotices(id, at) {
    return this.engine.history(id).filter((e) => e.reason === "NOTICE_EXPIRED" && e.at < at).map((e) => e.at);
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
    return this.keep(this.engine.publish(bulletins, at), at);
  }

  /** Runs the offer round again in every pool with published places (places given back). */
  round(at) {
    const pools = new Map();
    for (const b of this.engine.bulletins()) {
      pools.set(JSON.stringify([b.kindergarten.region, b.kindergarten.area, b.groupType, b.cohort]), b.id);
    }
    return this.keep([...pools.values()].map((bulletin) => this.engine.offerRound(bulletin, at)), at);
  }

  /** The operator's queue: number, child (masked), class, state, name. */
  queue() {
    return this.engine.listingEntries(QUEUE).map((e) => ({
      ...e,
      name: this.nameOf(e.id),
      state: this.engine.stateName(e.id),
    }));
  }

  /**
   * The children of the operator's queue who are no longer in it, each with the event of
   * its history that took it out (its reason, kezek's code, and moment): no child leaves
   * the list unexplained.
   */
  departures() {
    const listed = new Set(this.engine.listing(QUEUE));
    const ofQueue = (q) => Object.keys(QUEUE).every((k) => q[k] === QUEUE[k]);
    const out = [];
    for (const c of this.children.values()) {
      if (c.id == null || listed.has(c.id) || !ofQueue(this.engine.queueKey(c.id))) continue;
      out.push({ id: c.id, name: c.name, state: this.engine.stateName(c.id), event: this.engine.history(c.id).at(-1) });
    }
    return out.sort((x, y) => (x.event.at < y.event.at ? -1 : x.event.at > y.event.at ? 1 : x.id - y.id));
  }

  /**
   * The places published in each kindergarten, once per kindergarten however many times
   * the operator published: the places and how many are taken, summed, and the moments
   * of each publication.
   */
  bulletins() {
    const by = new Map();
    for (const b of this.engine.bulletins()) {
      const id = b.kindergarten.id;
      const row = by.get(id) ?? { kindergarten: id, name: kindergartenName(id), places: 0, taken: 0, published: [] };
      row.places += b.places;
      row.taken += b.taken;
      row.published.push(b.publishedAt);
      by.set(id, row);
    }
    return [...by.values()];
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

  /**
   * Every deadline the application has now, each once: those of its state (a notice's
   * choice, a direction's showing up and giving back, a stop-list's end…), the coming
   * confirmation of interest (`RULES.md §2`) unless it is confirmed, and the engine's next
   * deadline (`nextDeadline`) where it is none of those (the child ageing out). Each is
   * `{ kind, deadline, daysOff, next }`: `kind` a `DueKind` (kezek's label names it) or
   * `"revocable"`, the 24 hours a direction may be given back in; `deadline` kezek's
   * `Deadline` (`showDeadline` writes it as people read it), or `at`, a moment, for
   * the next deadline that has no `Deadline`; `next` marks the one that falls first.
   */
  deadlines(id, state, interest) {
    const of = (kind, start, deadline) => ({
      kind,
      deadline,
      daysOff: start ? this.daysOff(start.slice(0, 10), deadline.lastDay) : [],
    });
    const list = [];
    switch (state.state) {
      case "notice_sent":
        list.push(of("notice_expires", state.sentAt, state.chooseBy));
        break;
      case "direction_issued":
        list.push(of("direction_lapses", state.issuedAt, state.showUpBy), of("revocable", null, state.revocableUntil));
        if (state.rightConfirmBy) list.push(of("right_expires", state.issuedAt, state.rightConfirmBy));
        break;
      case "stop_listed":
        list.push(of("stop_list_ends", state.since, state.until));
        break;
      case "voucher_offered":
        list.push(of("consent_expires", state.offeredAt, state.consentBy));
        break;
      case "voucher_confirmed":
        list.push(of("contract_expires", state.confirmedAt, state.contractBy));
        break;
      case "inactive":
        list.push(of("restore_expires", state.since, state.restoreBy));
        break;
      default:
    }
    if (interest && !interest.confirmed) list.push(of("interest_anniversary", null, interest.confirmBy));
    const next = this.engine.nextDeadline(id);
    const listed = next && list.find((d) => d.deadline.endsAt === next.at);
    if (listed) listed.next = true;
    else if (next && !(next.kind === "interest_anniversary" && interest?.confirmed)) {
      list.push({ kind: next.kind, at: next.at, daysOff: [], next: true });
    }
    return list;
  }

  /** The parent confirms that the child still needs a place (`RULES.md §2`, [004]). */
  confirmInterest(id, at) {
    this.engine.confirmInterest(id, at);
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
