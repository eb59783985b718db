// Issue #7's browser test: a team holds and approves a quality circle, then a supervisor walks
// search → minutes → print view → deficit chart (and the review dates) in the archive pages.
// Then the team discusses the same case again: the new session starts from the approved decision
// and the group's prognosis, the presenter records what came of it, and the supervisor finds that
// outcome in the case history and next to the prognosis, with the review date no longer open.
// The server runs without open rooms: everybody is logged in as a member of the team.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { step } from '../support/steps.js';
import { startServer } from '../support/server.js';
import { launchBrowser, openPerson, screenshot } from '../support/browser.js';
import { logIn, createSession, joinSession, person, nextStep, addCard, expectCardEverywhere, expectStep, confirmDialog, isoDateInDays, expectScreenIsServerState } from '../support/ui.js';

const password = 'Archiv-Passwort-7';
let server;
let browser;
let mod;
let pres;
let sup;
let everyone;

before(async () => {
  server = await startServer('archive', { openRooms: false });
  server.createUser({ username: 'mona', password, team: 'ASD Mitte', role: 'moderator', displayName: 'Mona Moderatorin' });
  server.createUser({ username: 'fiona', password, team: 'ASD Mitte', role: 'member', displayName: 'Fiona Fallmanagerin' });
  server.createUser({ username: 'susanne', password, team: 'ASD Mitte', role: 'supervisor', displayName: 'Susanne Aufsicht' });
  browser = await launchBrowser();
  [mod, pres, sup] = await Promise.all([1, 2, 3].map(() => openPerson(browser, server.baseUrl)));
  everyone = [mod, pres];
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

step('a team session is held: question, gaps in the help system, a decision with review date', async () => {
  await logIn(mod, 'mona', password);
  await logIn(pres, 'fiona', password);
  await mod.locator('.account-name').waitFor();
  await pres.locator('.account-name').waitFor();
  // A member (no moderator) is offered no form for a new session, and is not asked for a name.
  await pres.locator('[data-create="not-offered"]').waitFor();
  assert.equal(await pres.locator('#case-code, #joiner-name').count(), 0);
  const invite = await createSession(mod, { caseCode: 'FALL-2026-77', name: 'Mona Moderatorin', title: 'Schulden und Wohnung' });
  await joinSession(pres, invite, 'Fiona Fallmanagerin');
  await person(mod, 'Fiona Fallmanagerin').getByRole('button', { name: /Als Fallverantwortliche/ }).click();
  await person(mod, 'Fiona Fallmanagerin').filter({ hasText: 'Fallverantwortliche/r' }).waitFor();
  await mod.getByRole('button', { name: 'Sitzung beginnen' }).click();
  await expectStep(everyone, 1, 'Fallvorstellung');
  await nextStep(mod, everyone, 2, 'Beratungsfrage');
  await pres.locator('#question-text').fill('Wie sichern wir die Wohnung trotz der Mietschulden?');
  await pres.getByRole('button', { name: 'Frage festhalten' }).click();
  await mod.locator('.question-quote', { hasText: 'Mietschulden' }).waitFor();
  for (const [n, title] of [[3, 'Diskussion der Beratungsfrage'], [4, 'Unzensierte Einfälle'], [5, 'Was braucht der Klient'], [6, 'Was wird konkret gebraucht?'], [7, 'Lücken im Hilfesystem']]) {
    await nextStep(mod, everyone, n, title);
  }
  await addCard(pres, 'fehlt', 'Schuldnerberatung für Mieter fehlt im Landkreis');
  await addCard(pres, 'zu_spaet', 'Termin beim Jobcenter erst nach der Räumungsklage');
  await addCard(mod, 'zu_spaet', 'Mietübernahme wird zu spät bewilligt');
  await expectCardEverywhere(everyone, 'zu_spaet', 'Mietübernahme');
  await expectCardEverywhere(everyone, 'fehlt', 'Schuldnerberatung für Mieter');
  await nextStep(mod, everyone, 8, 'Nächste Schritte');
  await pres.locator('#decision-text').fill('Antrag auf Mietschuldenübernahme diese Woche stellen.');
  await pres.locator('#review-date').fill(isoDateInDays(14));
  await pres.getByRole('button', { name: 'Entscheidung festhalten' }).click();
  await mod.locator('.decision blockquote', { hasText: 'Mietschuldenübernahme' }).waitFor();
  await nextStep(mod, everyone, 9, 'Schlussreflexion');
  for (const [page, rating] of [[mod, 3], [pres, 4]]) {
    await page.locator(`label[for="rating-${rating}"]`).click();
    await page.getByRole('button', { name: 'Einschätzung abgeben' }).click();
  }
  for (const page of everyone) await page.locator('[data-prognosis-count="2"]').waitFor();
  await mod.getByRole('button', { name: 'Sitzung beenden' }).click();
  await confirmDialog(mod, 'Ja, beenden');
  await mod.locator('.minutes .draft-note').waitFor();
  await mod.getByRole('button', { name: 'Protokoll freigeben' }).click();
  await confirmDialog(mod, 'Ja, freigeben');
  await mod.locator('.minutes [data-approved="true"]').waitFor();
  await expectScreenIsServerState(everyone);
});

step('the supervisor searches the archive; an inflected word is found and highlighted', async () => {
  await logIn(sup, 'susanne', password);
  await sup.getByRole('navigation', { name: 'Bereiche des Teams' }).getByRole('link', { name: 'Archiv' }).click();
  await sup.getByRole('heading', { name: 'Archiv', level: 1 }).waitFor();
  await sup.getByLabel('Suchbegriffe').fill('Schuld');
  await sup.getByRole('button', { name: 'Suchen' }).click();
  const result = sup.locator('.archive-results[data-query="Schuld"] .archive-entry', { hasText: 'FALL-2026-77' });
  await result.waitFor();
  await sup.locator('.results-count', { hasText: '1 Treffer' }).waitFor();
  const marks = await result.locator('.snippet mark').allTextContents();
  assert.ok(marks.length > 0 && marks.every((m) => /schuld/i.test(m)), `highlighted: ${JSON.stringify(marks)}`);
  await result.getByText('Antrag auf Mietschuldenübernahme').waitFor();
  await screenshot(sup, 'archive-search');
  await sup.getByLabel('Suchbegriffe').fill('Pferdepflege');
  await sup.getByRole('button', { name: 'Suchen' }).click();
  await sup.locator('.results-count', { hasText: 'Keine Protokolle gefunden.' }).waitFor();
  await sup.goBack();
  await result.waitFor();
  assert.equal(await sup.getByLabel('Suchbegriffe').inputValue(), 'Schuld', 'back restores the search');
  await expectScreenIsServerState(everyone);
});

step('the minutes open from the result, with the printable A4 page in a new tab', async () => {
  await sup.locator('.archive-entry', { hasText: 'FALL-2026-77' }).getByRole('link', { name: 'Protokoll öffnen' }).click();
  await sup.locator('.minutes .decision-text', { hasText: 'Mietschuldenübernahme' }).waitFor();
  await sup.locator('.minutes', { hasText: 'Schuldnerberatung für Mieter fehlt' }).waitFor();
  assert.equal(await sup.locator('#closing-remark').count(), 0, 'a supervisor cannot change minutes');
  await screenshot(sup, 'archive-minutes');
  const [print] = await Promise.all([sup.context().waitForEvent('page'), sup.getByRole('link', { name: 'Druckansicht (A4) öffnen' }).click()]);
  await print.waitForURL(/\/export\.html$/);
  await print.waitForLoadState();
  await print.getByText('FALL-2026-77').first().waitFor();
  await print.getByText('Antrag auf Mietschuldenübernahme diese Woche stellen.').waitFor();
  const printRules = await print.evaluate(() => [...document.styleSheets].flatMap((s) => [...s.cssRules]).some((r) => r.media?.mediaText?.includes('print') || r.cssText.startsWith('@page')));
  assert.ok(printRules, 'the page carries print rules');
  await print.close();
  for (const ext of ['md', 'json', 'csv']) {
    const href = await sup.locator(`.downloads a[href$="export.${ext}"]`).getAttribute('href');
    const res = await sup.request.get(new URL(href, server.baseUrl).toString());
    assert.equal(res.status(), 200, `export.${ext}`);
  }
  await sup.getByRole('link', { name: 'Verlauf des Falls' }).click();
  await sup.getByRole('heading', { name: 'Verlauf des Falls FALL-2026-77' }).waitFor();
  await sup.locator('.case-history .archive-entry', { hasText: 'Mietschuldenübernahme' }).waitFor();
  assert.equal(await sup.locator('.case-history .archive-entry').count(), 1);
  await expectScreenIsServerState(everyone);
});

step('the review date is listed as due', async () => {
  await sup.getByRole('link', { name: 'Wiedervorlagen' }).click();
  const row = sup.locator('.reviews-table tbody tr', { hasText: 'FALL-2026-77' });
  await row.waitFor();
  await row.getByText('Antrag auf Mietschuldenübernahme').waitFor();
  await screenshot(sup, 'archive-reviews');
  await expectScreenIsServerState(everyone);
});

step('the deficit chart counts the cards per kind in numbers, lists them, and offers a CSV', async () => {
  await sup.getByRole('link', { name: 'Defizitanalyse' }).click();
  const chart = sup.locator('.deficit-chart');
  await chart.waitFor();
  const count = async (category) => Number(await chart.locator(`[data-category="${category}"] .deficit-bar-count`).getAttribute('data-count'));
  assert.equal(await count('zu_spaet'), 2);
  assert.equal(await count('fehlt'), 1);
  assert.equal(await chart.locator('[data-category="zu_spaet"] .deficit-bar-count').textContent(), '2', 'the number is written out');
  await sup.locator('.deficit-kind[data-category="zu_spaet"]', { hasText: 'Mietübernahme wird zu spät bewilligt' }).waitFor();
  const csvHref = await sup.getByRole('link', { name: 'Als CSV herunterladen' }).getAttribute('href');
  assert.match(csvHref, /\/deficits\?.*format=csv/);
  const csv = await sup.request.get(new URL(csvHref, server.baseUrl).toString());
  assert.equal(csv.status(), 200);
  assert.match(await csv.text(), /Mietübernahme wird zu spät bewilligt/);
  await screenshot(sup, 'deficit-chart');
  await expectScreenIsServerState(everyone);
});

const decisionText = 'Antrag auf Mietschuldenübernahme diese Woche stellen.';
const outcomeNote = 'Antrag gestellt, der Bescheid des Jobcenters steht noch aus.';

step('the next session of the case starts from the approved decision and the prognosis then', async () => {
  for (const page of everyone) {
    await page.locator('.minutes [data-approved="true"]').waitFor();
    await page.getByRole('button', { name: 'Zur Startseite' }).click();
  }
  const invite = await createSession(mod, { caseCode: 'FALL-2026-77', name: 'Mona Moderatorin', title: 'Wiedervorlage Wohnung' });
  await joinSession(pres, invite, 'Fiona Fallmanagerin');
  await person(mod, 'Fiona Fallmanagerin').getByRole('button', { name: /Als Fallverantwortliche/ }).click();
  await person(mod, 'Fiona Fallmanagerin').filter({ hasText: 'Fallverantwortliche/r' }).waitFor();
  for (const page of everyone) {
    const previous = page.locator('.panel.previous');
    await previous.getByText(decisionText).waitFor();
    await previous.getByText('2 Einschätzung(en), Mittel 3,5 von 5').waitFor();
    await previous.locator('.outcome-line[data-outcome=""]', { hasText: 'Noch nicht festgehalten.' }).waitFor();
  }
  await pres.locator('.panel.previous .outcome-form').waitFor();
  assert.equal(await mod.locator('.outcome-form').count(), 0, 'only the presenter records the outcome');
  await mod.getByRole('button', { name: 'Sitzung beginnen' }).click();
  await expectStep(everyone, 1, 'Fallvorstellung');
  for (const page of everyone) await page.locator('.panel.previous').getByText(decisionText).waitFor();
  await expectScreenIsServerState(everyone);
});

step('the presenter records what came of it; everybody sees it', async () => {
  const form = pres.locator('.outcome-form');
  await form.getByLabel('teilweise umgesetzt', { exact: true }).check();
  await form.getByLabel('Anmerkung (optional)').fill(outcomeNote);
  await form.getByRole('button', { name: 'Ergebnis festhalten' }).click();
  for (const page of everyone) {
    const line = page.locator('.panel.previous .outcome-line[data-outcome="partly"]');
    await line.waitFor();
    assert.equal(await line.textContent(), `Was daraus wurde: teilweise umgesetzt – ${outcomeNote} (festgehalten von Fiona Fallmanagerin)`);
  }
  assert.equal(await pres.locator('#outcome-partly').isChecked(), true, 'the form shows what is recorded');
  await screenshot(pres, 'followup-step1-presenter');
  await expectScreenIsServerState(everyone);
});

step('the follow-up is ended and approved; its minutes say what came of the last decision', async () => {
  await mod.getByRole('button', { name: 'Sitzung beenden' }).click();
  await confirmDialog(mod, 'Ja, beenden');
  const previous = mod.locator('.minutes .previous-facts');
  await previous.getByText(decisionText).waitFor();
  await previous.locator('.outcome-line[data-outcome="partly"]', { hasText: outcomeNote }).waitFor();
  await mod.getByRole('button', { name: 'Protokoll freigeben' }).click();
  await confirmDialog(mod, 'Ja, freigeben');
  await mod.locator('.minutes [data-approved="true"]').waitFor();
  await pres.locator('.minutes [data-approved="true"]').waitFor();
  await screenshot(pres, 'followup-minutes');
  await expectScreenIsServerState(everyone);
});

step('the supervisor sees prognosis and outcome side by side; the review date is no longer open', async () => {
  const nav = sup.getByRole('navigation', { name: 'Bereiche des Teams' });
  await nav.getByRole('link', { name: 'Wiedervorlagen' }).click();
  await sup.locator('.team-page .empty', { hasText: 'Keine offenen Wiedervorlagen.' }).waitFor();
  assert.equal(await sup.locator('.reviews-table').count(), 0, 'the followed-up review date is gone');
  await nav.getByRole('link', { name: 'Prognose & Ergebnis' }).click();
  await sup.getByRole('heading', { name: 'Prognose und Ergebnis', level: 1 }).waitFor();
  const row = sup.locator('.outcomes-table tbody tr', { hasText: 'FALL-2026-77' });
  await row.waitFor();
  assert.equal(await sup.locator('.outcomes-table tbody tr').count(), 1);
  assert.equal(await row.getAttribute('data-outcome'), 'partly');
  await row.getByRole('link', { name: decisionText }).waitFor();
  await row.getByText('2 Einschätzung(en), Mittel 3,5 von 5').waitFor();
  await row.getByText('Stufen 1–5: 0 · 0 · 1 · 1 · 0').waitFor();
  await row.getByText('teilweise umgesetzt', { exact: true }).waitFor();
  await row.getByText(outcomeNote, { exact: false }).waitFor();
  await sup.locator('.results-count', { hasText: '1 Entscheidung(en): 0 umgesetzt, 1 teilweise umgesetzt, 0 nicht umgesetzt.' }).waitFor();
  await screenshot(sup, 'prognosis-outcome');
  await row.getByRole('link', { name: 'FALL-2026-77' }).click();
  await sup.getByRole('heading', { name: 'Verlauf des Falls FALL-2026-77' }).waitFor();
  const entries = sup.locator('.case-history .archive-entry');
  await entries.nth(1).locator('.outcome-line[data-outcome="partly"]').waitFor();
  assert.equal(await entries.count(), 2);
  assert.equal(await entries.nth(0).locator('.outcome-line').count(), 0, 'the first session followed up nothing');
  assert.equal(await entries.nth(1).locator('.outcome-line').textContent(), `Ergebnis der vorigen Entscheidung: teilweise umgesetzt – ${outcomeNote}`);
  await expectScreenIsServerState(everyone);
});

step('the supervisor\'s reads are in the audit trail', async () => {
  await sup.getByRole('link', { name: 'Zugriffsprotokoll' }).click();
  await sup.locator('.audit-table tbody tr[data-action="minutes_read"]', { hasText: 'susanne' }).first().waitFor();
  await sup.locator('.audit-table tbody tr[data-action="minutes_exported"]', { hasText: 'Format: html' }).first().waitFor();
  await expectScreenIsServerState(everyone);
  for (const page of [mod, pres, sup]) assert.deepEqual(page.errors, []);
});
