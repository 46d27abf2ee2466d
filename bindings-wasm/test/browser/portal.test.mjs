// The portal widget (examples/portal/) end to end in headless Chromium: Debian's
// `chromium` driven by playwright-core, the page served over HTTP by the demo's own server.
// A parent checks IINs, sees eligibility with reasons, the queue number, the classes ahead,
// every deadline once as kezek writes it, the history of changes, and confirms interest;
// an operator publishes places, runs offer rounds and sees why a child is notified again
// and why a child left the queue; the language switches. The parent's side carries no
// codes, rule references, raw ids or ISO dates (those stay in "details for staff"), axe-core
// finds no accessibility violation, and screenshots at 1280 and 390 px in kk, ru and en go
// to test/artifacts/.
//
// The expected answers are the rules', worked out by hand from the embedded data set
// (examples/portal/data.js) and the 2025 calendar: Nauryz is 21–23 March 2025, and the 22nd
// and 23rd fall on a weekend, so the 24th and 25th are days off too (RULES.md §6).

import assert from "node:assert/strict";
import { mkdir, stat } from "node:fs/promises";
import { after, before, test } from "node:test";
import AxeBuilder from "@axe-core/playwright";
import { chromium } from "playwright-core";
import { serve } from "../../../examples/portal/serve.mjs";

const ARTIFACTS = new URL("../artifacts/", import.meta.url);
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

let server;
let browser;
let page;
const problems = [];

before(async () => {
  server = await serve();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync",
    ],
  });
  // axe-core's AxeBuilder opens its own page in the context: a context, not browser.newPage().
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  await page.goto(`${server.url}examples/portal/?lang=en`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const text = (selector) => page.locator(selector).innerText();

async function check(iin, language = "kazakh") {
  await page.fill("#child-iin", iin);
  await page.selectOption("#group-language", language);
  await page.click("#check");
}

async function setMoment(value) {
  await page.fill("#moment", value);
}

async function screenshot(name) {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = new URL(name, ARTIFACTS);
  await page.screenshot({ path: path.pathname, fullPage: true });
  assert.ok((await stat(path)).size > 10_000, `${name} is an image of the page`);
}

/**
 * What a reader sees of the page: the text of every rendered node, leaving out the
 * language switcher (each language's name in itself) and the closed "details for staff".
 */
function readerText() {
  return page.evaluate(() => {
    const out = [];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const el = n.parentElement;
      if (el.closest("#languages, details.staff, script, style, [hidden]")) continue;
      out.push(n.textContent);
    }
    // The fields, but the IIN the parent typed (shown back masked).
    const fields = [...document.querySelectorAll("input:not(#child-iin), select")]
      .map((i) => (i.tagName === "SELECT" ? i.selectedOptions[0]?.textContent : i.value) ?? "");
    const attributes = [...document.querySelectorAll("[aria-label], [title], [placeholder]")].flatMap((e) =>
      ["aria-label", "title", "placeholder"].map((a) => e.getAttribute(a) ?? ""));
    return [...out, ...fields, ...attributes].join("\n");
  });
}

/** Fails on developers' material in what a reader sees, in any language. */
async function noDeveloperMaterial(where) {
  const seen = await readerText();
  assert.doesNotMatch(seen, /\b\d{4}-\d{2}-\d{2}\b/, `${where}: an ISO date`);
  assert.doesNotMatch(seen, /\b[A-Z]+_[A-Z_]+\b/, `${where}: a code`);
  assert.doesNotMatch(seen, /\b[a-z]+_[a-z_]+\b|\bkg-[a-z]+/, `${where}: a raw identifier`);
  assert.doesNotMatch(seen, /RULES|§/, `${where}: a rule reference`);
  assert.doesNotMatch(seen, /\d{12}/, `${where}: an unmasked IIN`);
  return seen;
}

/** kk and ru pages: besides the above, not one Latin letter (no English left in them). */
async function noLatin(where) {
  const seen = await noDeveloperMaterial(where);
  const latin = seen.split("\n").filter((line) => /[A-Za-z]/.test(line));
  assert.deepEqual(latin, [], `${where}: Latin letters in a ${await page.getAttribute("html", "lang")} page`);
}

/** axe-core (WCAG 2.1 A and AA rules) on the page as it stands, details for staff opened too. */
async function accessible(where) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const found = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  assert.deepEqual(found, [], `${where}: axe-core violations`);
}

test("the page loads the package and speaks the language asked for", async () => {
  assert.equal(await text("h1"), "Electronic kindergarten queue");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  // The clock is written as people write it, the same in every language (not the
  // browser's "03/20/2025, 03:00 PM").
  assert.equal(await page.inputValue("#moment"), "20.03.2025, 15:00");
  // The operator's queue, from the embedded data set: out of turn, then first priority,
  // then general by registration time (RULES.md §3).
  const rows = await page.locator("#queue tr[data-id]").evaluateAll(
    (trs) => trs.map((tr) => tr.dataset.id));
  assert.deepEqual(rows, ["5", "3", "1", "2", "4", "6"]);
  await noDeveloperMaterial("the page as it opens");
  await accessible("the page as it opens");
});

test("a benefit's certificate is named by its name, not its id, in every language", async () => {
  for (const lang of ["kk", "ru", "en"]) {
    await page.click(`#lang-${lang}`);
    await check("210514600770"); // Аяру: a large family, its certificate of 15.01.2024
    const documents = await text("#checks [data-code=BENEFIT_DOCUMENTS]");
    assert.doesNotMatch(documents, /large_family|certificate\b/);
    if (lang === "en") await noDeveloperMaterial("a benefit, in English");
    else await noLatin(`a benefit, in ${lang}`);
  }
});

test("a bad IIN is refused in the chosen language, its code only for staff", async () => {
  await check("210911500614");
  assert.equal(await page.getAttribute("#error", "data-code"), "IIN_CHECKSUM");
  assert.match(await text("#error"), /^Error: the check digit of the IIN does not match/);
  assert.doesNotMatch(await text("#error"), /IIN_CHECKSUM/, "the code is not shown to the parent");
  await page.click("#error details.staff summary");
  assert.match(await text("#error details.staff"), /IIN_CHECKSUM/, "staff can see it");
  assert.equal(await page.locator("#answer > *").count(), 0);
  await check("21091150061");
  assert.equal(await page.getAttribute("#error", "data-code"), "IIN_LENGTH");
  await noDeveloperMaterial("a refused IIN");
});

test("a moment the page cannot read is refused in the reader's words", async () => {
  await setMoment("03/20/2025, 03:00 PM");
  await check("210911500613", "russian");
  assert.equal(await page.getAttribute("#error", "data-code"), null);
  assert.equal(await text("#error"), "Error: Write the moment like this: 20.03.2025, 15:00");
  // A day that does not exist is written right but refused by kezek.
  await setMoment("31.02.2025, 15:00");
  await check("210911500613", "russian");
  assert.match(await page.getAttribute("#error", "data-code"), /^INPUT_/);
  await setMoment("20.03.2025, 15:00");
});

test("a queued child: number, classes ahead, why no place now, and the interest deadline", async () => {
  await check("210911500613", "russian");
  assert.equal(await page.isHidden("#error"), true);
  const card = await text("#iin-card");
  assert.match(card, /Тимур/);
  assert.match(card, /IIN: \*{8}0613/);
  assert.match(card, /Born: 11\.09\.2021 \(boy\)/);
  assert.doesNotMatch(await text("body"), /210911500613/, "the IIN is shown masked");
  assert.equal(await text("#status"), "Queued");
  assert.equal(await text("#position"), "4");
  assert.equal(await text("#ahead [data-class=out_of_turn]"), "Out of turn: 1");
  assert.equal(await text("#ahead [data-class=first_priority]"), "First priority: 1");
  assert.equal(await text("#ahead [data-class=general]"), "General: 1");
  assert.equal(await page.getAttribute("#decision", "data-allowed"), "false");
  assert.match(await text("#checks [data-code=VACANCIES]"), /vacant places: 0/);
  assert.equal(await page.getAttribute("#checks [data-code=VACANCIES]", "class"), "failed");
  assert.equal(await page.getAttribute("#checks [data-code=MIN_AGE]", "class"), "passed");
  // Registered on 1 April 2024: interest is confirmed by the anniversary, 1 April 2025
  // inclusive (RULES.md §2), the soonest deadline, shown once as its last day.
  assert.equal(await page.locator("#deadlines li").count(), 1);
  assert.equal(await text("[data-deadline=interest_anniversary] .deadline"),
    "Confirm interest by: until 01.04.2025 inclusive");
  assert.equal(await page.getAttribute("[data-deadline=interest_anniversary]", "class"), "next");
  assert.equal(await page.locator("#confirm-interest").count(), 1, "the confirmation is open a month ahead");
  assert.deepEqual(await page.locator("#events li").allInnerTexts(), ["01.04.2024, 09:30 — Registered in the queue"]);
  await noDeveloperMaterial("a queued child");
});

test("a child past preschool age may not join the queue, and the page says why", async () => {
  await check("180423601637", "russian");
  assert.equal(await page.getAttribute("#decision", "data-allowed"), "false");
  assert.match(await text("#decision h3"), /May the child join the queue\? No/);
  const reason = "#checks [data-code=CHILD_UNDER_MAX_AGE]";
  assert.equal(await page.getAttribute(reason, "class"), "failed");
  assert.match(await text(reason), /6 years 10 months old, past the preschool limit of 6 years 0 months/);
  assert.equal(await page.locator("#register").count(), 0);
  // The rules' sources are there for staff, not under every check.
  assert.doesNotMatch(await text("#checks"), /RULES/);
  await page.click("#decision details.staff summary");
  assert.match(await text("#decision details.staff"), /✗ CHILD_UNDER_MAX_AGE \[child_birth_date\] — RULES\.md §4/);
});

test("a birth date comes from the register; an IIN that encodes none needs it", async () => {
  // Сая's IIN encodes no date (7th digit 7, decree №853): the demo register has hers.
  await check("220501701845");
  assert.equal(await text("#born"), "Born: 01.05.2022 (girl)");
  assert.equal(await page.getAttribute("#decision", "data-allowed"), "true");
  assert.equal(await page.getAttribute("#checks [data-code=CHILD_BIRTH_DATE]", "class"), "passed");
  // A child the register does not know: the IIN is valid, but gives no date to check ages by.
  await check("210308700405");
  assert.equal(await page.isHidden("#error"), true, "a valid IIN, not an error");
  assert.equal(await text("#born"), "Born: not encoded in the IIN: the register's date is needed");
  assert.equal(await page.getAttribute("#decision", "data-allowed"), "false");
  assert.equal(await page.getAttribute("#checks [data-code=CHILD_BIRTH_DATE]", "class"), "failed");
  // A child the register does not know whose IIN encodes a date: used, and marked so.
  await check("220115500112");
  assert.equal(await text("#born"), "Born: 15.01.2022 (boy) — as the IIN encodes it, not from the register");
});

test("a child of age joins the queue and gets a number", async () => {
  await check("220217501482");
  assert.equal(await page.getAttribute("#decision", "data-allowed"), "true");
  await page.click("#register");
  assert.equal(await text("#status"), "Queued");
  assert.equal(await text("#app-id"), "№ 7");
  // Alone in the queue of children born in 2022.
  assert.equal(await text("#position"), "1");
  assert.equal(await text("#ahead [data-class=general]"), "General: 0");
  // Registered today: the first anniversary is 20 March 2026, and a confirmation counts
  // from 30 calendar days before it (the policy's interestConfirmationEarly).
  assert.equal(await text("#interest-opens"), "It may be confirmed from: 18.02.2026");
});

test("the operator's form refuses places that are not a whole number, and publishes nothing", async () => {
  for (const bad of ["-1", "1.5", "1e400"]) {
    await page.fill("#places-kg-aqbota", bad);
    await page.click("#publish");
    assert.equal(await text("#error"), "Error: Write the number of places as a whole number, 0 or more", bad);
    assert.equal(await page.locator("#bulletins tr").count(), 0, `${bad}: nothing published`);
  }
  // A whole number past what kezek takes is kezek's typed refusal, and nothing changes.
  await page.fill("#places-kg-aqbota", "99999999999");
  await page.click("#publish");
  assert.match(await page.getAttribute("#error", "data-code"), /^INPUT_/);
  assert.equal(await page.locator("#bulletins tr").count(), 0);
  assert.equal(await page.locator("#report .report").count(), 0);
  await page.fill("#places-kg-aqbota", "1");
});

test("the operator publishes places and the round notifies the head of the queue", async () => {
  assert.equal(await page.inputValue("#places-kg-balapan"), "2");
  assert.equal(await page.inputValue("#places-kg-aqbota"), "1");
  await page.click("#publish");
  assert.equal(await page.isHidden("#error"), true);
  assert.equal(await text("#report .offered"), "Notified: Әлихан, Аяру, Аружан");
  assert.equal(await page.locator("#report .again").count(), 0, "nobody was notified before");
  assert.equal(await text("#report .open"), "Places left open: 0");
  for (const id of ["5", "3", "1"]) {
    assert.equal(await text(`#queue tr[data-id="${id}"] .state`), "Notice sent");
  }
  assert.equal(await text('#queue tr[data-id="2"] .state'), "Queued");
});

test("a notified parent sees each deadline once, over Nauryz, and takes a place", async () => {
  await check("210308600403");
  assert.equal(await text("#status"), "Notice sent");
  // Three working days after 20 March 2025: the 26th, 27th and 28th.
  assert.equal(await text("[data-deadline=notice_expires] .deadline"),
    "Choose a kindergarten by: until 28.03.2025 inclusive");
  assert.equal(await page.getAttribute("[data-deadline=notice_expires]", "class"), "next");
  const off = await text("[data-deadline=notice_expires] .days-off");
  assert.match(off, /21\.03\.2025 Nauryz; 22\.03\.2025 Nauryz; 23\.03\.2025 Nauryz; /);
  assert.match(off, /24\.03\.2025 Nauryz \(day off carried over\); 25\.03\.2025 Nauryz \(day off carried over\)/);
  // Each deadline once: the notice's, and the interest's (a separate one).
  assert.deepEqual(await page.locator("#deadlines li").evaluateAll((lis) => lis.map((li) => li.dataset.deadline)),
    ["notice_expires", "interest_anniversary"]);
  assert.equal((await text("#deadlines")).match(/28\.03\.2025/g).length, 1);
  await screenshot("portal-en-notice.png");

  await setMoment("20.03.2025, 16:00");
  await page.click('.take-place[data-bulletin="1"]');
  assert.equal(await page.isHidden("#error"), true);
  assert.equal(await text("#status"), "Direction issued");
  // Five working days: 26, 27, 28, 31 March and 1 April.
  assert.equal(await text("[data-deadline=direction_lapses] .deadline"),
    "Bring the child to the kindergarten by: until 01.04.2025 inclusive");
  assert.match(await text("[data-deadline=direction_lapses] .days-off"), /29\.03\.2025 weekend; 30\.03\.2025 weekend/);
  // 24 hours from 16:00: a moment, not a day (a parent acting that evening is too late).
  assert.equal(await text("[data-deadline=revocable] .deadline"),
    "The direction may be given back: until 21.03.2025, 16:00");
  assert.deepEqual((await page.locator("#events li").allInnerTexts()).slice(-2),
    ["20.03.2025, 15:00 — Notice sent", "20.03.2025, 16:00 — Direction issued"]);
});

test("switching the language re-renders the answer, kezek's labels and errors", async () => {
  await page.click("#lang-ru");
  assert.equal(await page.getAttribute("html", "lang"), "ru");
  assert.equal(await text("h1"), "Электронная очередь в детский сад");
  assert.equal(await text("#status"), "Направление выдано");
  assert.equal(await text("[data-deadline=direction_lapses] .deadline"),
    "Срок явки ребёнка в детский сад: до 01.04.2025 включительно");
  assert.equal(await text("[data-deadline=revocable] .deadline"), "Отказаться от направления можно: до 21.03.2025, 16:00");
  assert.match(await text("[data-deadline=direction_lapses] .days-off"), /22\.03\.2025 Праздник Наурыз/);
  await noLatin("a direction, in Russian");
  await screenshot("portal-ru-direction.png");

  await check("210911500613", "russian");
  assert.match(await text("#checks [data-code=VACANCIES]"), /свободных мест: 0/);
  await noLatin("a queued child's checks, in Russian");
  await check("180423601637", "russian"); // Камила, past preschool age
  assert.equal(await page.getAttribute("#decision", "data-allowed"), "false");
  await noLatin("a refused registration, in Russian");

  // A moment before the engine's clock is refused by kezek; the error follows the language.
  await setMoment("01.03.2025, 09:00");
  await check("210911500613", "russian");
  assert.equal(await page.getAttribute("#error", "data-code"), "TIME_BEFORE_CLOCK");
  assert.match(await text("#error"), /^Ошибка: /);
  await noLatin("an error, in Russian");
  await page.click("#lang-kk");
  assert.match(await text("#error"), /^Қате: /);
  await noLatin("an error, in Kazakh");
  await setMoment("20.03.2025, 16:30");
  await check("180423601637", "russian");
  await noLatin("a refused registration, in Kazakh");
  await check("210514600770"); // Аяру: a benefit and its certificate, first priority
  assert.equal(await text("#class"), "Бірінші кезекте");
  await noLatin("a notified child with a benefit, in Kazakh");
  assert.equal(await text("h1"), "Балабақшаға электрондық кезек");
  await setMoment("20.03.2025, 17:00");
});

test("a parent confirms interest, and the child stays in the queue past its anniversary", async () => {
  await check("210911500613", "russian"); // Тимур, registered on 1 April 2024
  await page.click("#confirm-interest");
  assert.equal(await page.isHidden("#error"), true);
  assert.equal(await text("#interest"), "✓ Биылғы мүдделілік расталды");
  assert.equal(await page.locator("[data-deadline=interest_anniversary]").count(), 0);
  assert.equal(await text("#events li:last-child"), "20.03.2025, 17:00 — Мүдделілік расталды");
});

test("a second round after notices lapse says whom it reaches again and why; places are listed once per kindergarten", async () => {
  // The notices of Әлихан and Аяру ended with 28 March; Аружан holds one place of three.
  await setMoment("31.03.2025, 09:00");
  await page.click("#round");
  assert.equal(await page.isHidden("#error"), true);
  const latest = "#report .report:first-child";
  assert.equal(await text(`${latest} .offered`), "Хабарлама алғандар: Әлихан, Аяру");
  assert.match(await text(`${latest} .again`),
    /^Қайта хабарлама алғандар: Әлихан \(хабарлама мерзімі өтті: 29\.03\.2025, 00:00\); Аяру \(хабарлама мерзімі өтті: 29\.03\.2025, 00:00\)\n/);
  assert.match(await text(`${latest} .why-again`), /кезектегі орнында қалады/);
  assert.match(await text(`${latest} h3`), /31\.03\.2025, 09:00$/);
  assert.equal(await page.locator("#report .report").count(), 2, "the first round's report stays below");
  assert.equal(await text('#bulletins tr[data-kindergarten="kg-balapan"] .taken'), "1");

  // Publishing again adds to the kindergartens' rows instead of listing them twice.
  await page.fill("#places-kg-aqbota", "0");
  await page.fill("#places-kg-balapan", "1");
  await page.click("#publish");
  assert.equal(await page.isHidden("#error"), true);
  assert.deepEqual(await page.locator("#bulletins tr[data-kindergarten]").evaluateAll(
    (trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent))),
  [
    ["«Балапан» балабақшасы", "3", "1", "20.03.2025, 15:00; 31.03.2025, 09:00"],
    ["«Ақбота» балабақшасы", "1", "0", "20.03.2025, 15:00"],
  ]);
  await noLatin("two rounds, in Kazakh");
  await screenshot("portal-kk-round.png");
});

test("a direction not taken up puts the child on the stop-list, and the parent sees why and until when", async () => {
  // Аружан's direction had to be taken up by 1 April inclusive: on the 2nd it lapsed
  // (RULES.md §6) and she stands on the stop-list, still in the operator's list.
  await setMoment("02.04.2025, 09:00");
  await check("210308600403");
  assert.equal(await text("#status"), "Стоп-тізімде");
  assert.equal(await text("#events li:last-child"),
    "02.04.2025, 00:00 — Бала мерзімінде әкелінбеді: стоп-тізімге енгізілді");
  assert.equal(await page.locator("[data-deadline=stop_list_ends]").count(), 1);
  assert.equal(await page.locator("#departures tr").count(), 0, "nobody left the list");
  await noLatin("a stop-listed child, in Kazakh");
});

/**
 * A fresh page (no confirmation made): places published on 20 March, nobody answers,
 * a second round on 31 March, and the page's clock on 2 April: the first anniversary of
 * Аружан's and Тимур's registration has passed unconfirmed.
 */
async function anniversaryPassed(lang) {
  await page.goto(`${server.url}examples/portal/?lang=${lang}`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
  await page.click("#publish");
  await setMoment("31.03.2025, 09:00");
  await page.click("#round");
  await setMoment("02.04.2025, 09:00");
  await check("210514600770"); // Аяру, notified again on 31 March
}

test("every child who leaves the queue is explained, to the operator and to the parent", async () => {
  await anniversaryPassed("ru");
  // The two children registered on 1 April 2024 leave the queue at 2 April 00:00, Аружан
  // although she held a live notice (RULES.md §2: interest is confirmed every 12 months).
  const departures = await page.locator("#departures tr[data-id]").evaluateAll(
    (trs) => trs.map((tr) => [tr.dataset.state, ...[...tr.cells].map((td) => td.textContent)]));
  assert.deepEqual(departures, [
    ["removed", "Аружан", "Заинтересованность не подтверждена: снят с очереди", "02.04.2025, 00:00"],
    ["removed", "Тимур", "Заинтересованность не подтверждена: снят с очереди", "02.04.2025, 00:00"],
  ]);
  assert.deepEqual(await page.locator("#queue tr[data-id]").evaluateAll((trs) => trs.map((tr) => tr.dataset.id)),
    ["5", "3", "4", "6"]);
  await check("210308600403");
  assert.equal(await text("#status"), "Снят с очереди");
  assert.equal(await text("#why-left"), "Заинтересованность не подтверждена: снят с очереди — 02.04.2025, 00:00");
  assert.deepEqual(await page.locator("#events li").allInnerTexts(), [
    "01.04.2024, 09:00 — Поставлен в очередь",
    "20.03.2025, 15:00 — Уведомление отправлено",
    "29.03.2025, 00:00 — Срок уведомления истёк: ребёнок остался в очереди",
    "31.03.2025, 09:00 — Уведомление отправлено",
    "02.04.2025, 00:00 — Заинтересованность не подтверждена: снят с очереди",
  ]);
  await noLatin("departures, in Russian");
});

test("in every language and at phone and desktop widths: no developer material, no axe-core violation, screenshots", async () => {
  for (const lang of ["kk", "ru", "en"]) {
    await anniversaryPassed(lang);
    assert.equal(await page.locator("#report .again").count(), 1);
    assert.equal(await page.locator("#departures tr[data-id]").count(), 2);
    assert.equal(await page.locator("[data-deadline=notice_expires]").count(), 1);
    if (lang === "en") await noDeveloperMaterial("en");
    else await noLatin(lang);
    await accessible(`${lang}, staff details closed`);
    for (const summary of await page.locator("details.staff summary").all()) await summary.click();
    await accessible(`${lang}, staff details open`);
    for (const summary of await page.locator("details.staff summary").all()) await summary.click();
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${lang} at ${width} px: the page is ${overflow} px wider than the screen`);
      await screenshot(`portal-${lang}-${width}.png`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }
});

test("ranked choices: the round directs each child to its best choice with room, says why not the ones above, and a place given back goes on along the chain", async () => {
  // The same children under the region's policy switched to ranked choices (RULES.md §5a).
  await page.goto(`${server.url}examples/portal/?lang=en&model=ranked`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
  assert.equal(await page.getAttribute("[data-model=ranked]", "aria-current"), "page");
  await check("210308600403", "kazakh"); // Аружан ranked Aqbota, then Balapan
  assert.deepEqual(await page.locator("#ranked li span").allInnerTexts(), ["Aqbota kindergarten", "Balapan kindergarten"]);
  // One place at Aqbota, two at Balapan: Әлихан (out of turn) takes Aqbota, Аяру (first
  // priority) Balapan, her first choice; Аружан gets her second choice, and nobody else
  // is reached.
  await page.click("#publish");
  assert.equal(await page.isHidden("#error"), true);
  assert.equal(await text("#report .directed"),
    "Directions issued: Әлихан → Aqbota kindergarten; Аяру → Balapan kindergarten; Аружан → Balapan kindergarten");
  assert.equal(await text("#automatic-direction"), "Direction issued automatically: Balapan kindergarten (choice no. 2)");
  assert.equal(await page.locator("#why-not li").count(), 1);
  assert.match(await text("#why-not li[data-kindergarten=kg-aqbota]"), /^Aqbota kindergarten: .*\b1\b.*\b3\b/s);
  assert.doesNotMatch(await text("#why-not"), /kg-|CERT_|RULES/);
  await screenshot("portal-en-ranked-round.png");

  // Әлихан's parent gives the direction back an hour later: Аружан moves up to Aqbota and
  // the Balapan place she leaves goes to Тимур, before the page answers.
  await setMoment("20.03.2025, 16:00");
  await check("210702501050", "kazakh");
  await page.click("#give-back");
  assert.equal(await page.isHidden("#error"), true);
  assert.equal(await text("#given-on div"),
    "Аружан → Aqbota kindergarten (before: Balapan kindergarten); Тимур → Balapan kindergarten");
  await check("210308600403", "kazakh");
  assert.equal(await text("#automatic-direction"), "Direction issued automatically: Aqbota kindergarten (choice no. 1)");
  // A parent changes the order; the queue number does not move.
  await check("211225500914", "kazakh"); // Данияр: Aqbota, then Balapan
  const number = await text("#position");
  await page.click("#ranked .rank-up");
  assert.deepEqual(await page.locator("#ranked li span").allInnerTexts(), ["Balapan kindergarten", "Aqbota kindergarten"]);
  assert.equal(await text("#position"), number);
  await page.click("#lang-ru");
  assert.equal(await page.locator("#ranking h3").first().innerText(), "Выбранные детские сады в порядке предпочтения");
  await noLatin("ranked choices, in Russian");
  await accessible("ranked choices");
  await screenshot("portal-ru-ranked.png");
});

test("nothing went wrong in the page", () => {
  assert.deepEqual(problems, []);
});
