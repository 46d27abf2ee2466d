// The portal widget's page: renders what `model.js` answers, in the language the visitor
// picks. No framework: DOM nodes are built with `h()`, and text only ever goes in through
// `textContent`, so no data is read as HTML.

import { KezekError, setLanguage } from "kezek";
import { START_MOMENT } from "./data.js";
import { LANGS, className, dueName, stateName, t } from "./i18n.js";
import { MODELS, Portal, defaultPlaces, kindergartenName } from "./model.js";

const $ = (id) => document.getElementById(id);

const ui = {
  lang: initialLanguage(),
  model: initialModel(),
  portal: null,
  /** The last answers shown, kept so that a language switch re-renders them. */
  answer: null,
  reports: null,
  /** The directions a place given back issued at once (ranked choices). */
  givenOn: null,
  error: null,
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

/**
 * A deadline as a parent reads it, from the first moment past it (`endsAt`): a period
 * counted in days ends at midnight and is shown as its last day, inclusive; one counted in
 * hours (the 24 hours to give a direction back) as the moment it ends. A deadline counted
 * in a year without decree data says it is provisional.
 */
function shownDeadline(L, endsAt, provisional = false) {
  const [day, time] = endsAt.split("T");
  const shown = time.startsWith("00:00")
    ? `${previousDay(day)} (${t(L, "inclusive")})`
    : `${day} ${time.slice(0, 5)}`;
  return provisional ? `${shown} (${t(L, "provisional")})` : shown;
}

/** The ISO day before `day`. */
function previousDay(day) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Builds an element: `props` are properties (`text` sets textContent), then children. */
function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "text") el.textContent = v;
    else if (k.startsWith("data-")) el.setAttribute(k, v);
    else el[k] = v;
  }
  el.append(...children.flat(Infinity).filter((c) => c != null));
  return el;
}

/** The page's moment as kezek reads it, "YYYY-MM-DDTHH:MM:SS" in Kazakhstan time. */
function moment() {
  const v = $("moment").value;
  return v.length === 16 ? `${v}:00` : v;
}

/** Runs an action; a `KezekError` is shown in the chosen language, anything else rethrown. */
function attempt(action) {
  ui.error = null;
  try {
    action();
  } catch (error) {
    if (!(error instanceof KezekError)) throw error;
    ui.error = error;
  }
  render();
}

// ---- parent ----------------------------------------------------------------------------

function lookUp() {
  ui.answer = null;
  ui.answer = ui.portal.lookup($("child-iin").value, $("group-language").value, moment());
}

/** "Born: 2021-09-11 (boy)", marked when the date is only what the IIN encodes. */
function bornLine(L, child) {
  if (!child.birthDate) return `${t(L, "born")}: ${t(L, "no_birth_date")}`;
  const sex = child.sex ? ` (${t(L, child.sex)})` : "";
  const source = child.source === "iin" ? ` — ${t(L, "from_iin")}` : "";
  return `${t(L, "born")}: ${child.birthDate}${sex}${source}`;
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
    box.append(h("button", { type: "button", id: "register", text: t(L, "register"), onclick: () => attempt(() => {
      ui.portal.register($("child-iin").value, $("group-language").value, moment());
      lookUp();
    }) }));
  }
}

function renderApplication(app) {
  const L = ui.lang;
  const rows = [
    [t(L, "application"), `№ ${app.id}`, "app-id"],
    [t(L, "status"), stateName(L, app.state.state), "status"],
    [t(L, "class"), className(L, app.class), "class"],
  ];
  if (app.position) rows.push([t(L, "position"), String(app.position.number), "position"]);
  const card = h("div", { id: "application", className: "card" },
    h("dl", {}, rows.map(([k, v, id]) => [h("dt", { text: k }), h("dd", { id, text: v })])));
  if (app.position) {
    const a = app.position.ahead;
    card.append(h("h4", { text: t(L, "ahead") }), h("ul", { id: "ahead" },
      [["out_of_turn", a.outOfTurn], ["first_priority", a.firstPriority], ["general", a.general]].map(
        ([cls, n]) => h("li", { "data-class": cls, text: `${className(L, cls)}: ${n}` }))));
  }
  if (app.deadlines.length) {
    card.append(h("h4", { text: t(L, "deadlines") }), h("ul", { id: "deadlines" }, app.deadlines.map((d) =>
      h("li", { "data-deadline": d.key },
        h("span", { className: "deadline", text: `${t(L, d.key)}: ${shownDeadline(L, d.endsAt, d.provisional)}` }),
        d.daysOff.length
          ? h("div", { className: "days-off", text: `${t(L, "daysOff")}: ${d.daysOff.map(dayOff).join("; ")}` })
          : null))));
  }
  // The next deadline, unless it is one listed above: every deadline is shown once.
  if (app.next && !app.deadlines.some((d) => d.endsAt === app.next.at)) {
    card.append(h("p", { id: "next-deadline", text: `${t(L, "nextDeadline")}: ${shownDeadline(L, app.next.at)} — ${dueName(L, app.next.kind)}` }));
  }
  if (app.ranked) card.append(renderRanking(app));
  for (const b of app.choices) {
    card.append(h("button", {
      type: "button", className: "take-place", "data-bulletin": String(b.id),
      text: `${t(L, "takePlace")}: ${b.name[L]} (${b.places - b.taken})`,
      onclick: () => attempt(() => { ui.portal.takePlace(app.id, b.id, moment()); lookUp(); }),
    }));
  }
  return card;
}

/**
 * Ranked choices (`RULES.md §5a`): the kindergartens the parent ranked, best first, each
 * movable one place up, the others of the catalogue to add; the automatic direction and
 * where it stands among them; why not each kindergarten ranked higher (kezek's words);
 * giving the direction back.
 */
function renderRanking(app) {
  const L = ui.lang;
  const change = (action) => attempt(() => { action(); lookUp(); });
  const box = h("div", { id: "ranking" },
    h("h4", { text: t(L, "ranked") }),
    h("ol", { id: "ranked" }, app.ranked.map((k, i) => h("li", { "data-kindergarten": k.id },
      h("span", { text: k.name[L] }),
      i > 0
        ? h("button", { type: "button", className: "rank-up", title: t(L, "rankUp"), text: "↑",
          onclick: () => change(() => ui.portal.rankUp(app.id, i, moment())) })
        : null))));
  const others = Object.keys(defaultPlaces()).filter((id) => !app.ranked.some((k) => k.id === id));
  for (const id of others) {
    box.append(h("button", { type: "button", className: "rank-add", "data-kindergarten": id,
      text: `${t(L, "rankAdd")}: ${kindergartenName(id)[L]}`,
      onclick: () => change(() => ui.portal.rankAdd(app.id, id, moment())) }));
  }
  if (app.direction) {
    const place = app.ranked.findIndex((k) => k.id === app.direction.id);
    box.append(h("p", { id: "automatic-direction",
      text: `${t(L, "directionTo")}: ${app.direction.name[L]}${place >= 0 ? ` (${t(L, "choiceNo")} ${place + 1})` : ""}` }));
    box.append(h("button", { type: "button", id: "give-back", text: t(L, "giveBack"), onclick: () => attempt(() => {
      ui.givenOn = ui.portal.revoke(app.id, moment());
      lookUp();
    }) }));
  }
  if (app.cutoffs.length) {
    box.append(h("h4", { text: t(L, "whyNot") }), h("ul", { id: "why-not" }, app.cutoffs.map((c) =>
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
  switch (k.kind) {
    case "holiday": return `${info.date} ${k.name[L]}`;
    case "carried_over": return `${info.date} ${k.name[L]} (${t(L, "carriedOver")})`;
    case "transferred_day_off": return `${info.date} ${t(L, "transferredDayOff")}`;
    default: return `${info.date} ${t(L, "weekend")}`;
  }
}

function renderDecision(d) {
  const L = ui.lang;
  const question = d.question === "may_register" ? "mayRegister" : "mayBeOffered";
  return h("div", { id: "decision", className: "card", "data-allowed": String(d.allowed) },
    h("h4", { text: `${t(L, question)} ${d.allowed ? t(L, "yes") : t(L, "no")}` }),
    h("ul", { id: "checks" }, d.checks.map((c) =>
      h("li", { className: c.passed ? "passed" : "failed", "data-code": c.code },
        h("span", { className: "mark", text: c.passed ? "✓" : "✗" }),
        h("span", { text: c.message[L] }),
        h("small", { text: c.source })))));
}

// ---- operator --------------------------------------------------------------------------

function renderOperator() {
  const L = ui.lang;
  const head = (...cells) => h("tr", {}, cells.map((c) => h("th", { text: c })));
  $("queue").replaceChildren(
    head(t(L, "number"), t(L, "child"), t(L, "class"), t(L, "status")),
    ...ui.portal.queue().map((e) => h("tr", { "data-id": String(e.id) },
      h("td", { text: String(e.number) }),
      h("td", { text: `${e.name} ${e.child}` }),
      h("td", { text: className(L, e.class) }),
      h("td", { className: "state", text: stateName(L, e.state) }))));

  const form = $("publish-form");
  const kept = Object.fromEntries([...form.querySelectorAll("input")].map((i) => [i.name, i.value]));
  form.replaceChildren(...Object.entries(defaultPlaces()).map(([id, n]) =>
    h("label", {}, h("span", { text: `${kindergartenName(id)[L]}, ${t(L, "places")}` }),
      h("input", { type: "number", min: "0", name: id, id: `places-${id}`, value: kept[id] ?? String(n) }))));

  const bulletins = ui.portal.bulletins();
  $("bulletins").replaceChildren(...(bulletins.length
    ? [head(t(L, "kindergarten"), t(L, "places"), t(L, "taken")),
      ...bulletins.map((b) => h("tr", {}, h("td", { text: b.name[L] }),
        h("td", { text: String(b.places) }), h("td", { text: String(b.taken) })))]
    : []));

  const names = (ids) => (ids.length ? ids.map((id) => ui.portal.nameOf(id)).join(", ") : t(L, "none"));
  $("report").replaceChildren(...(ui.reports ?? []).map((r) =>
    h("div", { className: "card report" },
      h("h4", { text: t(L, "report") }),
      h("div", { className: "offered", text: `${t(L, "offered")}: ${names(r.offered)}` }),
      h("div", { className: "skipped", text: `${t(L, "skipped")}: ${r.skipped.length
        ? r.skipped.map((s) => `${ui.portal.nameOf(s.id)} (${s.failed.join(", ")})`).join("; ")
        : t(L, "none")}` }),
      r.directed.length
        ? h("div", { className: "directed", text: `${t(L, "directed")}: ${r.directed.map((d) => directedLine(L, d)).join("; ")}` })
        : null,
      h("div", { className: "open", text: `${t(L, "open")}: ${r.open}` }))),
    ...(ui.givenOn ? [h("div", { id: "given-on", className: "card" },
      h("h4", { text: t(L, "givenOn") }),
      h("div", { text: ui.givenOn.length ? ui.givenOn.map((d) => directedLine(L, d)).join("; ") : t(L, "none") }))] : []));
}

function places() {
  return Object.fromEntries([...$("publish-form").querySelectorAll("input")].map(
    (i) => [i.name, Number(i.value)]));
}

// ---- page ------------------------------------------------------------------------------

function render() {
  const L = ui.lang;
  document.documentElement.lang = L;
  setLanguage(L);
  for (const el of document.querySelectorAll("[data-t]")) el.textContent = t(L, el.dataset.t);
  for (const b of document.querySelectorAll("[data-lang]")) {
    b.setAttribute("aria-pressed", String(b.dataset.lang === L));
  }
  for (const a of document.querySelectorAll("[data-model]")) {
    a.href = `?lang=${L}&model=${a.dataset.model}`;
    a.setAttribute("aria-current", String(a.dataset.model === ui.model));
  }
  const err = $("error");
  err.hidden = !ui.error;
  err.replaceChildren();
  if (ui.error) {
    err.dataset.code = ui.error.code;
    err.append(h("strong", { text: `${t(L, "error")} ${ui.error.code}: ` }),
      h("span", { text: ui.error.messageIn(L) }));
  }
  renderAnswer();
  renderOperator();
}

function start() {
  $("moment").value = START_MOMENT;
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
  $("publish").addEventListener("click", () => attempt(() => {
    ui.givenOn = null;
    ui.reports = ui.portal.publish(places(), moment());
    if (ui.answer) lookUp();
  }));
  $("round").addEventListener("click", () => attempt(() => {
    ui.givenOn = null;
    ui.reports = ui.portal.round(moment());
    if (ui.answer) lookUp();
  }));
  $("loading").hidden = true;
  document.querySelector("main").hidden = false;
  render();
  document.body.dataset.ready = "true";
}

start();
