// The portal widget's page: renders what `model.js` answers, in the language the visitor
// picks. No framework: DOM nodes are built with `h()`, and text only ever goes in through
// `textContent`, so no data is read as HTML.
//
// A parent's side carries no codes, rule references or raw identifiers: names of states,
// classes, deadlines and events are kezek's labels, dates, moments and deadlines are
// written by kezek (`showDate`, `showMoment`, `showDeadline`), and whatever a developer or
// an operator needs to trace an answer (codes, sources, ids) sits in a "details for staff"
// disclosure.

import { KezekError, labels, setLanguage, showDate, showDeadline, showMoment } from "kezek";
import { START_MOMENT } from "./data.js";
import { LANGS, t } from "./i18n.js";
import { MODELS, Portal, defaultPlaces, kindergartenName } from "./model.js";

const $ = (id) => document.getElementById(id);

/** kezek's names of states, classes, deadlines, reasons and checks, in kk/ru/en. */
const LABELS = labels();

const ui = {
  lang: initialLanguage(),
  model: initialModel(),
  portal: null,
  /** The last answers shown, kept so that a language switch re-renders them. */
  answer: null,
  /** Every round's report, newest first. */
  reports: [],
  /** The directions a place given back issued at once (ranked choices). */
  givenOn: null,
  error: null,
  /** The page's clock, an ISO moment (what kezek reads). */
  at: `${START_MOMENT}:00`,
};
ui.portal = new Portal(ui.model);

/** `?model=ranked` for ranked choices with automatic directions; notices otherwise. */
function initialModel() {
  const asked = new URLSearchParams(location.search).get("model");
  return MODELS.includes(asked) ? asked : "notices";
}

/** `?lang=` first, then the browser's language, then Kazakh. */
function initialLanguage() {
  const asked = new URLSearchParams(location.search).get("lang");
  if (LANGS.includes(asked)) return asked;
  const browser = (navigator.language || "").slice(0, 2);
  return LANGS.includes(browser) ? browser : "kk";
}

/** kezek's label of `code` among `kind` (state, class, deadline, reason, check) in `L`. */
function label(L, kind, code) {
  return LABELS[kind]?.[code]?.[L] ?? null;
}

/** Builds an element: `props` are properties (`text` sets textContent), then children. */
function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "text") el.textContent = v;
    else if (k.startsWith("data-") || k.startsWith("aria-")) el.setAttribute(k, v);
    else el[k] = v;
  }
  el.append(...children.flat(Infinity).filter((c) => c != null));
  return el;
}

/** What staff need to trace an answer (codes, sources, ids), folded away from parents. */
function staff(L, lines) {
  return h("details", { className: "staff" }, h("summary", { text: t(L, "staff") }),
    h("ul", {}, lines.map((line) => h("li", { text: line }))));
}

/**
 * What the page itself cannot read in its own fields, before kezek is asked: a moment with
 * no hour ("21.03.2025", "tomorrow"), a number of places that is not a whole number 0 or
 * more. `key` names the page's words for it.
 */
class FieldError extends Error {
  constructor(key) {
    super(key);
    this.key = key;
  }
}

/**
 * The page's moment field, as people write it ("20.03.2025, 15:00"), read into the ISO
 * moment kezek takes; a day that does not exist (31.02.2025) is left for kezek to refuse.
 */
function readMoment() {
  const m = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4}),?\s+(\d{1,2}):(\d{2})\s*$/.exec($("moment").value);
  if (!m) throw new FieldError("badMoment");
  const [, d, mo, y, hh, mm] = m;
  const pad = (s) => s.padStart(2, "0");
  return `${y}-${pad(mo)}-${pad(d)}T${pad(hh)}:${mm}:00`;
}

/** Runs an action at the page's moment; a kezek or moment error is shown, anything else rethrown. */
function attempt(action) {
  ui.error = null;
  try {
    ui.at = readMoment();
    action(ui.at);
  } catch (error) {
    if (!(error instanceof KezekError || error instanceof FieldError)) throw error;
    ui.error = error;
  }
  render();
}

// ---- parent ----------------------------------------------------------------------------

function lookUp(at) {
  ui.answer = null;
  ui.answer = ui.portal.lookup($("child-iin").value, $("group-language").value, at);
}

/** "Born: 11.09.2021 (boy)", marked when the date is only what the IIN encodes. */
function bornLine(L, child) {
  if (!child.birthDate) return `${t(L, "born")}: ${t(L, "no_birth_date")}`;
  const sex = child.sex ? ` (${t(L, child.sex)})` : "";
  const source = child.source === "iin" ? ` — ${t(L, "from_iin")}` : "";
  return `${t(L, "born")}: ${showDate(child.birthDate)}${sex}${source}`;
}

function renderAnswer() {
  const L = ui.lang;
  const view = ui.answer;
  const box = $("answer");
  box.replaceChildren();
  if (!view) return;
  box.append(
    h("div", { id: "iin-card", className: "card" },
      view.name ? h("strong", { text: view.name }) : null,
      h("div", { text: `${t(L, "iin")}: ${view.iin.masked}` }),
      h("div", { id: "born", text: bornLine(L, view.iin) })),
  );
  const app = view.application;
  if (app) box.append(renderApplication(app));
  if (view.decision) box.append(renderDecision(view.decision));
  if (!app && view.decision?.allowed) {
    box.append(h("button", { type: "button", id: "register", text: t(L, "register"), onclick: () => attempt((at) => {
      ui.portal.register($("child-iin").value, $("group-language").value, at);
      lookUp(at);
    }) }));
  }
}

function renderApplication(app) {
  const L = ui.lang;
  const rows = [
    [t(L, "application"), `№ ${app.id}`, "app-id"],
    [t(L, "status"), label(L, "state", app.state.state), "status"],
    [t(L, "class"), label(L, "class", app.class), "class"],
  ];
  if (app.position) rows.push([t(L, "position"), String(app.position.number), "position"]);
  const card = h("div", { id: "application", className: "card" },
    h("dl", {}, rows.map(([k, v, id]) => [h("dt", { text: k }), h("dd", { id, text: v })])));
  const left = app.state.state === "removed" ? app.history.at(-1) : null;
  if (left) {
    card.append(h("p", { id: "why-left", text: `${label(L, "reason", left.reason)} — ${showMoment(left.at)}` }));
  }
  if (app.position) {
    const a = app.position.ahead;
    card.append(h("h3", { text: t(L, "ahead") }), h("ul", { id: "ahead" },
      [["out_of_turn", a.outOfTurn], ["first_priority", a.firstPriority], ["general", a.general]].map(
        ([cls, n]) => h("li", { "data-class": cls, text: `${label(L, "class", cls)}: ${n}` }))));
  }
  if (app.deadlines.length) {
    card.append(h("h3", { text: t(L, "deadlines") }), h("ul", { id: "deadlines" }, app.deadlines.map((d) =>
      h("li", { "data-deadline": d.kind, className: d.next ? "next" : "" },
        h("span", { className: "deadline", text: deadlineLine(L, d) }),
        d.next ? h("span", { className: "soonest", text: ` (${t(L, "soonest")})` }) : null,
        d.daysOff.length
          ? h("div", { className: "days-off", text: `${t(L, "daysOff")}: ${d.daysOff.map(dayOff).join("; ")}` })
          : null))));
  }
  if (app.interest) card.append(renderInterest(app));
  for (const b of app.choices) {
    card.append(h("button", {
      type: "button", className: "take-place", "data-bulletin": String(b.id),
      text: `${t(L, "takePlace")}: ${b.name[L]} (${t(L, "free")}: ${b.places - b.taken})`,
      onclick: () => attempt((at) => { ui.portal.takePlace(app.id, b.id, at); lookUp(at); }),
    }));
  }
  if (app.ranked) card.append(renderRanking(app));
  card.append(renderHistory(app));
  return card;
}

/** "Срок выбора детского сада: до 28.03.2025 включительно", kezek's label and deadline. */
function deadlineLine(L, d) {
  const name = d.kind === "revocable" ? t(L, "revocable") : label(L, "deadline", d.kind);
  return `${name}: ${d.deadline ? showDeadline(d.deadline)[L] : showMoment(d.at)}`;
}

/** The yearly confirmation of interest (`RULES.md §2`): why, and the button once it opens. */
function renderInterest(app) {
  const L = ui.lang;
  const i = app.interest;
  if (i.confirmed) return h("p", { id: "interest", text: `✓ ${t(L, "interestConfirmed")}` });
  return h("div", { id: "interest" },
    h("p", { text: t(L, "interestWhy") }),
    i.open
      ? h("button", { type: "button", id: "confirm-interest", text: t(L, "confirmInterest"),
        onclick: () => attempt((at) => { ui.portal.confirmInterest(app.id, at); lookUp(at); }) })
      : h("p", { id: "interest-opens", text: `${t(L, "interestOpens")}: ${showDate(i.opensAt.slice(0, 10))}` }));
}

/** The application's history ("history of changes", `RULES.md §2`): every change, why, when. */
function renderHistory(app) {
  const L = ui.lang;
  return h("div", { id: "history" },
    h("h3", { text: t(L, "history") }),
    h("ol", { id: "events" }, app.history.map((e) => h("li", { "data-reason": e.reason },
      h("span", { className: "when", text: showMoment(e.at) }), " — ",
      h("span", { text: label(L, "reason", e.reason) ?? e.reason })))),
    staff(L, app.history.map((e) =>
      `${e.seq}. ${e.at} ${e.reason} (${e.actor}: ${e.from} → ${e.to})${e.detail ? ` ${e.detail}` : ""}`)));
}

/**
 * Ranked choices (`RULES.md §5a`): the kindergartens the parent ranked, best first, each
 * movable one place up, the others of the catalogue to add; the automatic direction and
 * where it stands among them; why not each kindergarten ranked higher (kezek's words);
 * giving the direction back.
 */
function renderRanking(app) {
  const L = ui.lang;
  const change = (action) => attempt((at) => { action(at); lookUp(at); });
  const box = h("div", { id: "ranking" },
    h("h3", { text: t(L, "ranked") }),
    h("ol", { id: "ranked" }, app.ranked.map((k, i) => h("li", { "data-kindergarten": k.id },
      h("span", { text: k.name[L] }),
      i > 0
        ? h("button", { type: "button", className: "rank-up", title: t(L, "rankUp"), "aria-label": `${t(L, "rankUp")}: ${k.name[L]}`,
          text: "↑", onclick: () => change((at) => ui.portal.rankUp(app.id, i, at)) })
        : null))));
  const others = Object.keys(defaultPlaces()).filter((id) => !app.ranked.some((k) => k.id === id));
  for (const id of others) {
    box.append(h("button", { type: "button", className: "rank-add", "data-kindergarten": id,
      text: `${t(L, "rankAdd")}: ${kindergartenName(id)[L]}`,
      onclick: () => change((at) => ui.portal.rankAdd(app.id, id, at)) }));
  }
  if (app.direction) {
    const place = app.ranked.findIndex((k) => k.id === app.direction.id);
    box.append(h("p", { id: "automatic-direction",
      text: `${t(L, "directionTo")}: ${app.direction.name[L]}${place >= 0 ? ` (${t(L, "choiceNo")} ${place + 1})` : ""}` }));
    box.append(h("button", { type: "button", id: "give-back", text: t(L, "giveBack"), onclick: () => attempt((at) => {
      ui.givenOn = ui.portal.revoke(app.id, at);
      lookUp(at);
    }) }));
  }
  if (app.cutoffs.length) {
    box.append(h("h3", { text: t(L, "whyNot") }), h("ul", { id: "why-not" }, app.cutoffs.map((c) =>
      h("li", { "data-kindergarten": c.kindergarten }, h("strong", { text: `${kindergartenName(c.kindergarten)[L]}: ` }),
        h("span", { text: c.message[L] })))));
  }
  return box;
}

/** A direction a round or a chain issued: "Аружан → Aqbota (from Balapan)". */
function directedLine(L, d) {
  const from = d.from ? ` (${t(L, "movedFrom")} ${d.from[L]})` : "";
  return `${d.child} → ${d.name[L]}${from}`;
}

/** A non-working day and why: the holiday's name from kezek's calendar, or a weekend. */
function dayOff(info) {
  const L = ui.lang;
  const k = info.kind;
  const day = showDate(info.date);
  switch (k.kind) {
    case "holiday": return `${day} ${k.name[L]}`;
    case "carried_over": return `${day} ${k.name[L]} (${t(L, "carriedOver")})`;
    case "transferred_day_off": return `${day} ${t(L, "transferredDayOff")}`;
    default: return `${day} ${t(L, "weekend")}`;
  }
}

function renderDecision(d) {
  const L = ui.lang;
  const question = d.question === "may_register" ? "mayRegister" : "mayBeOffered";
  return h("div", { id: "decision", className: "card", "data-allowed": String(d.allowed) },
    h("h3", { text: `${t(L, question)} ${d.allowed ? t(L, "yes") : t(L, "no")}` }),
    h("ul", { id: "checks" }, d.checks.map((c) =>
      h("li", { className: c.passed ? "passed" : "failed", "data-code": c.code },
        h("span", { className: "mark", "aria-hidden": "true", text: c.passed ? "✓" : "✗" }),
        h("span", { text: c.message[L] })))),
    staff(L, d.checks.map((c) => `${c.passed ? "✓" : "✗"} ${c.code}${c.field ? ` [${c.field}]` : ""} — ${c.source}`)));
}

// ---- operator --------------------------------------------------------------------------

const head = (...cells) => h("tr", {}, cells.map((c) => h("th", { scope: "col", text: c })));

function renderOperator() {
  const L = ui.lang;
  $("queue").replaceChildren(
    head(t(L, "number"), t(L, "child"), t(L, "class"), t(L, "status")),
    ...ui.portal.queue().map((e) => h("tr", { "data-id": String(e.id) },
      h("td", { text: String(e.number) }),
      h("td", { text: `${e.name} ${e.child}` }),
      h("td", { text: label(L, "class", e.class) }),
      h("td", { className: "state", text: label(L, "state", e.state) }))));

  const departures = ui.portal.departures();
  $("departures").replaceChildren(...(departures.length
    ? [h("h3", { text: t(L, "left") }), h("table", {},
      head(t(L, "child"), t(L, "why"), t(L, "when")),
      departures.map((d) => h("tr", { "data-id": String(d.id), "data-state": d.state },
        h("td", { text: d.name }),
        h("td", { className: "why", text: label(L, "reason", d.event.reason) ?? d.event.reason }),
        h("td", { text: showMoment(d.event.at) })))),
    staff(L, departures.map((d) => `№ ${d.id}: ${d.event.reason} (${d.event.actor}: ${d.event.from} → ${d.event.to})`))]
    : []));

  const form = $("publish-form");
  const kept = Object.fromEntries([...form.querySelectorAll("input")].map((i) => [i.name, i.value]));
  form.replaceChildren(...Object.entries(defaultPlaces()).map(([id, n]) =>
    h("label", {}, h("span", { text: `${kindergartenName(id)[L]}: ${t(L, "placesToPublish")}` }),
      h("input", { type: "number", min: "0", name: id, id: `places-${id}`, value: kept[id] ?? String(n) }))));

  const bulletins = ui.portal.bulletins();
  $("bulletins").replaceChildren(...(bulletins.length
    ? [head(t(L, "kindergarten"), t(L, "places"), t(L, "taken"), t(L, "published")),
      ...bulletins.map((b) => h("tr", { "data-kindergarten": b.kindergarten }, h("td", { text: b.name[L] }),
        h("td", { text: String(b.places) }), h("td", { className: "taken", text: String(b.taken) }),
        h("td", { text: b.published.map(showMoment).join("; ") })))]
    : []));

  $("report").replaceChildren(...ui.reports.map((r) => renderReport(L, r)),
    ...(ui.givenOn ? [h("div", { id: "given-on", className: "card" },
      h("h3", { text: t(L, "givenOn") }),
      h("div", { text: ui.givenOn.length ? ui.givenOn.map((d) => directedLine(L, d)).join("; ") : t(L, "none") }))] : []));
}

/**
 * One round's report: when it ran; whom it notified, and, for a child notified before
 * whose notice expired unanswered, that it was reached again and why; whom it skipped and
 * why (kezek's names of the failed checks); the directions it issued; the places left.
 */
function renderReport(L, r) {
  const names = (list) => (list.length ? list.map((c) => c.name).join(", ") : t(L, "none"));
  const again = r.offered.filter((c) => c.expired.length);
  const failed = (s) => s.failed.map((code) => label(L, "check", code) ?? t(L, "otherRule")).join(", ");
  return h("div", { className: "card report", "data-at": r.at },
    h("h3", { text: `${t(L, "report")}: ${showMoment(r.at)}` }),
    h("div", { className: "offered", text: `${t(L, "offered")}: ${names(r.offered)}` }),
    again.length
      ? h("div", { className: "again" },
        h("div", { text: `${t(L, "notifiedAgain")}: ${again.map((c) =>
          `${c.name} (${t(L, "expiredAt")}: ${showMoment(c.expired.at(-1))})`).join("; ")}` }),
        h("p", { className: "why-again", text: t(L, "whyAgain") }))
      : null,
    h("div", { className: "skipped", text: `${t(L, "skipped")}: ${r.skipped.length
      ? r.skipped.map((s) => `${s.name} (${failed(s)})`).join("; ")
      : t(L, "none")}` }),
    r.directed.length
      ? h("div", { className: "directed", text: `${t(L, "directed")}: ${r.directed.map((d) => directedLine(L, d)).join("; ")}` })
      : null,
    h("div", { className: "open", text: `${t(L, "open")}: ${r.open}` }),
    staff(L, [`bulletin ${r.bulletin}; queue ${r.queue.region}/${r.queue.area}/${r.queue.groupType}/${r.queue.cohort}`,
      ...r.skipped.map((s) => `№ ${s.id}: ${s.failed.join(", ")}`)]));
}

/** The places to publish in each kindergarten, as the operator wrote them: whole numbers, 0 or more. */
function places() {
  return Object.fromEntries([...$("publish-form").querySelectorAll("input")].map((i) => {
    // A number field the browser could not read ("1e400") has an empty value and
    // `badInput`; a field left empty is 0 places.
    const n = i.value.trim() === "" && !i.validity.badInput ? 0 : Number(i.value || NaN);
    if (!Number.isSafeInteger(n) || n < 0) throw new FieldError("badPlaces");
    return [i.name, n];
  }));
}

// ---- page ------------------------------------------------------------------------------

function renderError(L) {
  const err = $("error");
  const e = ui.error;
  err.hidden = !e;
  err.replaceChildren();
  delete err.dataset.code;
  if (!e) return;
  if (e instanceof FieldError) {
    err.append(h("strong", { text: `${t(L, "error")}: ` }), h("span", { text: t(L, e.key) }));
    return;
  }
  err.dataset.code = e.code;
  err.append(h("strong", { text: `${t(L, "error")}: ` }), h("span", { text: e.messageIn(L) }),
    staff(L, [e.code, e.message]));
}

function render() {
  const L = ui.lang;
  document.documentElement.lang = L;
  setLanguage(L);
  for (const el of document.querySelectorAll("[data-t]")) el.textContent = t(L, el.dataset.t);
  for (const el of document.querySelectorAll("[data-t-label]")) el.setAttribute("aria-label", t(L, el.dataset.tLabel));
  $("moment").placeholder = t(L, "momentFormat");
  for (const b of document.querySelectorAll("[data-lang]")) {
    b.setAttribute("aria-pressed", String(b.dataset.lang === L));
  }
  for (const a of document.querySelectorAll("[data-model]")) {
    a.href = `?lang=${L}&model=${a.dataset.model}`;
    if (a.dataset.model === ui.model) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  renderError(L);
  renderAnswer();
  renderOperator();
}

function start() {
  $("moment").value = showMoment(ui.at);
  $("demo-children").replaceChildren(...ui.portal.demoChildren().map((c) =>
    h("button", { type: "button", className: "child", text: c.name, onclick: () => {
      $("child-iin").value = c.childIin;
      $("group-language").value = c.language;
      attempt(lookUp);
    } })));
  for (const b of document.querySelectorAll("[data-lang]")) {
    b.addEventListener("click", () => { ui.lang = b.dataset.lang; render(); });
  }
  $("parent-form").addEventListener("submit", (e) => { e.preventDefault(); attempt(lookUp); });
  const run = (round) => attempt((at) => {
    ui.givenOn = null;
    ui.reports = [...round(at), ...ui.reports];
    if (ui.answer) lookUp(at);
  });
  $("publish").addEventListener("click", () => run((at) => ui.portal.publish(places(), at)));
  $("round").addEventListener("click", () => run((at) => ui.portal.round(at)));
  $("loading").hidden = true;
  document.querySelector("main").hidden = false;
  render();
  document.body.dataset.ready = "true";
}

start();
