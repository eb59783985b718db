// Issue #7's browser test: a team holds and approves a quality circle, then a supervisor walks
// search → minutes → print view → deficit chart (and the review dates) in the archive pages.
// The server runs without open rooms: everybody is logged in as a member of the team.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { step } from '../support/steps.js';
import { startServer } from '../support/server.js';
import { launchBrowser, openPerson, screenshot } from '../support/browser.js';
import { logIn, createSession, joinSession, person, nextStep, addCard, expectCardEverywhere, expectStep, confirmDialog, isoDateInDays } from '../support/ui.js';

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
  await mod.getByRole('button', { name: 'Sitzung beenden' }).click();
  await confirmDialog(mod, 'Ja, beenden');
  await mod.locator('.minutes .draft-note').waitFor();
  await mod.getByRole('button', { name: 'Protokoll freigeben' }).click();
  await confirmDialog(mod, 'Ja, freigeben');
  await mod.locator('.minutes [data-approved="true"]').waitFor();
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
});

step('the minutes open from the result, with the printable A4 page in a new tab', async () => {
  await sup.locator('.archive-entry', { hasText: 'FALL-2026-77' }).getByRole('link', { name: 'Protokoll öffnen' }).click();
  await sup.locator('.minutes .decision-text', { hasText: 'Mietschuldenübernahme' }).waitFor();
  await sup.locator('.minutes', { hasText: 'Schuldnerberatung für Mieter fehlt' }).waitFor();
  assert.equal(await sup.locator('#closing-remark').count(), 0, 'a supervisor cannot change minutes');
  await screenshot(sup, 'archive-minutes');
  const [print] = await Promise.all([sup.context().waitForEvent('page'), sup.getByRole('link', { name: 'Druckansicht (A4) öffnen' }).click()]);
  await print.waitForURL(/^blob:/);
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
});

step('the review date is listed as due', async () => {
  await sup.getByRole('link', { name: 'Wiedervorlagen' }).click();
  const row = sup.locator('.reviews-table tbody tr', { hasText: 'FALL-2026-77' });
  await row.waitFor();
  await row.getByText('Antrag auf Mietschuldenübernahme').waitFor();
  await screenshot(sup, 'archive-reviews');
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
});

step('the supervisor\'s reads are in the audit trail', async () => {
  await sup.getByRole('link', { name: 'Zugriffsprotokoll' }).click();
  await sup.locator('.audit-table tbody tr[data-action="minutes_read"]', { hasText: 'susanne' }).first().waitFor();
  await sup.locator('.audit-table tbody tr[data-action="minutes_exported"]', { hasText: 'Format: html' }).first().waitFor();
  for (const page of [mod, pres, sup]) assert.deepEqual(page.errors, []);
});
