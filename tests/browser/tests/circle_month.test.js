// Issue #19's browser test: a team's month of circles. A moderator sets up a weekly series; two
// case managers register cases for the first date and prepare report and question there, one of
// them writes a card for the other's case beforehand; a case decided earlier comes back on that
// date as a follow-up. The moderator holds the circle: the session opened from a prepared case
// starts from the prepared report and question, the card is marked "vorab geschrieben". The
// follow-up records what came of its decision; the circle is closed, its case not discussed
// moves on; a later date is cancelled for lack of cases; the service report shows all of it. A
// case manager keeps a calendar link, and a written consultation shows deadlines.
// The server runs without open rooms: everybody is logged in as a member of the team.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { step } from '../support/steps.js';
import { startServer } from '../support/server.js';
import { launchBrowser, openPerson, screenshot } from '../support/browser.js';
import { logIn, joinSession, person, nextStep, expectStep, confirmDialog, isoDateInDays, expectScreenIsServerState } from '../support/ui.js';
import { openSocket } from '../support/socket.js';

const password = 'Zirkel-Passwort-19';
const team = 'ASD Mitte';
const series = 'Qualitätszirkel ASD Mitte';
const [d1, d2, d3, d4] = [7, 14, 21, 28].map(isoDateInDays);
const weekdays = ['So.', 'Mo.', 'Di.', 'Mi.', 'Do.', 'Fr.', 'Sa.'];
const weekday = (day) => weekdays[new Date(`${day}T12:00:00Z`).getUTCDay()];
const dotted = (day) => day.split('-').reverse().join('.');
const when = (day) => `${weekday(day)}, ${dotted(day)}, 14:00`;

const earlier = { code: 'FALL-2026-31', decision: 'Antrag auf Mietschuldenübernahme stellen.' };
const fionaCase = {
  code: 'FALL-2026-41',
  question: 'Wie gewinne ich K. für verbindliche Termine beim Jobcenter?',
  history: 'Hauptschulabschluss, Ausbildung zum Maler abgebrochen.',
  initial: 'Seit zwei Jahren ohne Arbeit, lebt bei der Mutter.',
  work: 'Profiling abgeschlossen; Arbeitsbündnis noch brüchig.',
};
const carlaCase = { code: 'FALL-2026-52', question: 'Welche Hilfe passt nach dem Klinikaufenthalt?', history: 'Zwei Klinikaufenthalte 2025.' };
const beforehandCard = 'Hält Termine zuverlässig ein, wenn er sie selbst gewählt hat';

let server;
let browser;
let mod;
let fiona;
let carla;
let followUpId;

const dateCard = (page, day) => page.locator(`.circle-date[data-day="${day}"]`);
const agendaItem = (page, code) => page.locator(`.agenda-item[data-case="${code}"]`);
const teamNav = (page) => page.getByRole('navigation', { name: 'Bereiche des Teams' });

async function toDates(page) {
  await teamNav(page).getByRole('link', { name: 'Termine' }).click();
  await page.getByRole('heading', { name: 'Termine der Fallberatung', level: 1 }).waitFor();
}

async function toDate(page, day) {
  await toDates(page);
  await dateCard(page, day).getByRole('link', { name: when(day), exact: true }).click();
  await page.getByRole('heading', { name: `Termin: ${when(day)}`, level: 1 }).waitFor();
}

before(async () => {
  server = await startServer('circle_month', { openRooms: false });
  server.createUser({ username: 'mona', password, team, role: 'moderator', displayName: 'Mona Moderatorin' });
  server.createUser({ username: 'fiona', password, team, role: 'member', displayName: 'Fiona Fallmanagerin' });
  server.createUser({ username: 'carla', password, team, role: 'member', displayName: 'Carla Clausen' });
  browser = await launchBrowser();
  [mod, fiona, carla] = await Promise.all([1, 2, 3].map(() => openPerson(browser, server.baseUrl)));
  await Promise.all([logIn(mod, 'mona', password), logIn(fiona, 'fiona', password), logIn(carla, 'carla', password)]);
  for (const page of [mod, fiona, carla]) await page.locator('.account-name').waitFor();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

step('a case decided earlier has a review date three days before the first date (a short session over the wire)', async () => {
  const m = await openSocket(mod);
  const f = await openSocket(fiona);
  const created = await m.enter({ type: 'create', format: 'qualitaetszirkel', case_code: earlier.code, name: 'Mona Moderatorin' });
  const joined = await f.enter({ type: 'join', invite: created.invite_code, name: 'Fiona Fallmanagerin' });
  await m.command('assign_role', { participant_id: joined.participant_id, role: 'presenter' });
  await m.command('start');
  for (let n = 2; n <= 7; n++) await m.command('next_step');
  await f.command('add_card', { category: 'fehlt', text: 'Schuldnerberatung für Mieter fehlt im Landkreis' });
  await m.command('add_card', { category: 'zu_spaet', text: 'Mietübernahme wird zu spät bewilligt' });
  await m.command('next_step');
  await f.command('record_decision', { text: earlier.decision, review_date: isoDateInDays(4) });
  await m.command('next_step');
  await f.command('give_prognosis', { rating: 4 });
  await m.command('give_prognosis', { rating: 3 });
  await f.command('suggest_improvement', { text: 'Wiedervorlagen früher in den Kalender eintragen' });
  await m.command('end');
  await m.command('approve_minutes', {});
  await m.close();
  await f.close();
});

step('the moderator sets up a weekly series; a wrong field is named next to it', async () => {
  await toDates(mod);
  await mod.locator('.empty', { hasText: 'Legen Sie oben eine Terminreihe an.' }).waitFor();
  await mod.getByRole('button', { name: 'Neue Terminreihe anlegen' }).click();
  const form = mod.locator('form.series-form');
  await form.getByLabel('Name der Reihe').fill(series);
  await form.getByLabel('Rhythmus').selectOption({ label: 'wöchentlich' });
  await form.getByLabel('Erster Termin').fill(d1);
  await form.getByLabel('Uhrzeit').fill('14:00');
  await form.getByLabel('Geplante Dauer (Minuten)').fill('5');
  await form.getByLabel('Ort oder Video-Link').fill('Raum 2.14');
  await form.getByLabel('Hinweis ohne Fall (Tage vorher)').fill('30');
  await form.getByRole('button', { name: 'Terminreihe anlegen' }).click();
  const problem = form.locator('[data-field="planned_minutes"] .field-error');
  await problem.waitFor();
  assert.equal(await problem.textContent(), 'Geplante Dauer in Minuten, 15 bis 480.');
  assert.equal(await form.getByLabel('Geplante Dauer (Minuten)').getAttribute('aria-invalid'), 'true');
  assert.equal(await form.getByLabel('Name der Reihe').inputValue(), series, 'what was typed stays');
  await screenshot(mod, 'series-form-error');
  await form.getByLabel('Geplante Dauer (Minuten)').fill('90');
  await form.getByRole('button', { name: 'Terminreihe anlegen' }).click();
  await mod.locator('[data-done="series"]', { hasText: `Die Terminreihe „${series}“ ist angelegt.` }).waitFor();
  for (const day of [d1, d2, d3, d4]) await dateCard(mod, day).waitFor();
  await dateCard(mod, d1).getByText('Raum 2.14').waitFor();
  assert.equal(await dateCard(mod, d1).locator('.date-state').textContent(), 'geplant');
});

step('the earlier decision comes back on the first date as a follow-up; later dates warn that no case is registered', async () => {
  const followUp = agendaItem(mod, earlier.code);
  await followUp.waitFor();
  assert.equal(await followUp.getAttribute('data-kind'), 'follow_up');
  await followUp.locator('.badge', { hasText: 'Wiedervorlage' }).waitFor();
  await followUp.getByText(earlier.decision).waitFor();
  await followUp.getByText(`Wiedervorlage am ${dotted(isoDateInDays(4))}`).waitFor();
  await followUp.getByText('2 Einschätzung(en), Mittel 3,5 von 5').waitFor();
  assert.equal(await followUp.evaluate((el) => el.closest('.circle-date').dataset.day), d1);
  followUpId = await followUp.getAttribute('data-registration');
  assert.equal(await dateCard(mod, d1).locator('[data-warning]').count(), 0);
  await dateCard(mod, d2).locator('[data-warning="no_case"]', { hasText: 'Noch kein Fall angemeldet' }).waitFor();
  await mod.locator(`.cycle-notice[data-kind="date_without_case"]`, { hasText: `Für den Termin am ${weekday(d3)}, ${dotted(d3)} (${series})` }).waitFor();
  await screenshot(mod, 'circle-dates');
  // The same notices greet the moderator on the start page.
  await teamNav(mod).getByRole('link', { name: 'Start' }).click();
  await mod.locator('.start .cycle-notice[data-kind="date_without_case"]').first().waitFor();
  assert.equal(await fiona.locator('.cycle-notice').count(), 0, 'a member is not reminded of empty dates');
});

step('two case managers register their cases for the first date and prepare report and question', async () => {
  await toDate(fiona, d1);
  let form = fiona.locator('form[data-form="register"]');
  await form.getByLabel('Fallcode (Pseudonym)').fill(fionaCase.code);
  await form.getByLabel('Beratungsfrage (Entwurf)').fill(fionaCase.question);
  await form.getByLabel('1. Vorgeschichte').fill(fionaCase.history);
  await form.getByLabel('2. Situation zu Beginn').fill(fionaCase.initial);
  await form.getByRole('button', { name: 'Fall anmelden' }).click();
  await fiona.locator('.success', { hasText: `Der Fall ${fionaCase.code} ist angemeldet.` }).waitFor();
  const mine = agendaItem(fiona, fionaCase.code);
  await mine.getByText('angemeldet von Fiona Fallmanagerin').waitFor();
  await mine.getByText('Bericht vorbereitet (2 von 4 Teilen) · Frage vorbereitet').waitFor();

  await toDate(carla, d1);
  form = carla.locator('form[data-form="register"]');
  await form.getByLabel('Fallcode (Pseudonym)').fill(carlaCase.code);
  await form.getByLabel('Beratungsfrage (Entwurf)').fill(carlaCase.question);
  await form.getByLabel('1. Vorgeschichte').fill(carlaCase.history);
  await form.getByRole('button', { name: 'Fall anmelden' }).click();
  await agendaItem(carla, carlaCase.code).getByText('angemeldet von Carla Clausen').waitFor();
});

step('a draft is finished days later: saving keeps it', async () => {
  await agendaItem(fiona, fionaCase.code).getByRole('link', { name: /Vorbereiten/ }).click();
  await fiona.getByRole('heading', { name: `Angemeldeter Fall ${fionaCase.code}` }).waitFor();
  const form = fiona.locator('form[data-form="drafts"]');
  assert.equal(await form.getByLabel('1. Vorgeschichte').inputValue(), fionaCase.history);
  await form.getByLabel('3. Bisherige Case-Management-Arbeit').fill(fionaCase.work);
  await form.getByRole('button', { name: 'Entwurf speichern' }).click();
  await fiona.locator('.success', { hasText: 'Der Entwurf ist gespeichert.' }).waitFor();
  await fiona.reload();
  await fiona.locator('form[data-form="drafts"]').waitFor();
  assert.equal(await fiona.getByLabel('3. Bisherige Case-Management-Arbeit').inputValue(), fionaCase.work);
  assert.equal(await fiona.getByLabel('Beratungsfrage (Entwurf)').inputValue(), fionaCase.question);
});

step('a colleague writes a card beforehand for the case', async () => {
  await agendaItem(carla, fionaCase.code).getByRole('link', { name: /Vorbereiten/ }).click();
  await carla.getByRole('heading', { name: `Angemeldeter Fall ${fionaCase.code}` }).waitFor();
  assert.equal(await carla.locator('form[data-form="drafts"]').count(), 0, 'only the case manager edits her drafts');
  await carla.locator('blockquote', { hasText: fionaCase.question }).waitFor();
  const form = carla.locator('form[data-form="prepared-card"]');
  await form.getByLabel('Schritt und Kategorie').selectOption({ label: '4. Unzensierte Einfälle zu Problemen und Ressourcen – Stärken' });
  await form.getByLabel('Karte').fill(beforehandCard);
  await form.getByRole('button', { name: 'Karte speichern' }).click();
  await carla.locator('.prepared-card', { hasText: beforehandCard }).getByText('von Carla Clausen').waitFor();
  await screenshot(carla, 'registration-card-beforehand');
});

step('the moderator orders the agenda against the planned time', async () => {
  await toDate(mod, d1);
  const need = mod.locator('.need');
  await need.getByText('mehr als geplant').waitFor();
  assert.match(await need.textContent(), /^Bedarf \d+ von 90 Minuten – mehr als geplant$/);
  const order = () => mod.locator('.agenda-panel .agenda-item').evaluateAll((items) => items.map((i) => i.dataset.case));
  const before = await order();
  assert.deepEqual([...before].sort(), [earlier.code, fionaCase.code, carlaCase.code].sort());
  const at = before.indexOf(earlier.code);
  assert.ok(at > 0, `the follow-up can move up: ${before}`);
  await agendaItem(mod, earlier.code).getByRole('button', { name: /Nach oben/ }).click();
  await mod.locator('.success', { hasText: 'Die Reihenfolge ist gespeichert.' }).waitFor();
  const expected = [...before];
  [expected[at - 1], expected[at]] = [expected[at], expected[at - 1]];
  await mod.waitForFunction((want) => [...document.querySelectorAll('.agenda-panel .agenda-item')].map((i) => i.dataset.case).join() === want, expected.join());
  await agendaItem(mod, fionaCase.code).getByText('Bericht vorbereitet (3 von 4 Teilen) · Frage vorbereitet · 1 Karte(n) vorab').waitFor();
  await screenshot(mod, 'circle-date-agenda');
});

step('the moderator opens the session from the prepared case: it arrives prepared', async () => {
  await agendaItem(mod, fionaCase.code).getByRole('button', { name: /Sitzung eröffnen/ }).click();
  await confirmDialog(mod, 'Ja, eröffnen');
  const prepared = mod.locator('.panel.prepared');
  await prepared.getByText('Vorab vorbereitet von Fiona Fallmanagerin').waitFor();
  await prepared.locator('.prepared-question', { hasText: fionaCase.question }).waitFor();
  const card = prepared.locator('.card', { hasText: beforehandCard });
  await card.getByText('vorab geschrieben').waitFor();
  await card.getByText('von Carla Clausen').waitFor();
  const invite = (await mod.locator('.invite-code').textContent()).trim();
  await teamNav(fiona).getByRole('link', { name: 'Start' }).click();
  await joinSession(fiona, invite, 'Fiona Fallmanagerin');
  await person(mod, 'Fiona Fallmanagerin').getByRole('button', { name: /Als Fallverantwortliche/ }).click();
  await person(mod, 'Fiona Fallmanagerin').filter({ hasText: 'Fallverantwortliche/r' }).waitFor();
  await mod.getByRole('button', { name: 'Sitzung beginnen' }).click();
  await expectStep([mod, fiona], 1, 'Fallvorstellung');
  const summary = mod.locator('.case-summary');
  await summary.getByText('Vorab vorbereitet von Fiona Fallmanagerin').waitFor();
  await summary.getByText(fionaCase.history).waitFor();
  await summary.getByText(fionaCase.work).waitFor();
  await mod.locator('.panel.prepared .prepared-question', { hasText: fionaCase.question }).waitFor();
  // The presenter's form starts from her draft.
  await fiona.locator('.case-summary').getByText('Das Formular beginnt mit diesem Entwurf').waitFor();
  assert.equal(await fiona.locator('#summary-history').inputValue(), fionaCase.history);
  assert.equal(await fiona.locator('#summary-initial_situation').inputValue(), fionaCase.initial);
  await screenshot(fiona, 'prepared-step1-presenter');
  await expectScreenIsServerState([mod, fiona]);
});

step('in its step the card written beforehand stands with its author, marked as such', async () => {
  for (const [n, title] of [[2, 'Beratungsfrage'], [3, 'Diskussion der Beratungsfrage'], [4, 'Unzensierte Einfälle']]) await nextStep(mod, [mod, fiona], n, title);
  for (const page of [mod, fiona]) {
    const card = page.locator('[data-column="staerken"] .card[data-beforehand="true"]', { hasText: beforehandCard });
    await card.locator('.badge', { hasText: 'vorab geschrieben' }).waitFor();
    assert.equal(await card.locator('.card-author').textContent(), 'von Carla Clausen');
  }
  await mod.getByRole('button', { name: 'Sitzung beenden' }).click();
  await confirmDialog(mod, 'Ja, beenden');
  await mod.locator('.minutes', { hasText: `Carla Clausen (vorab geschrieben)` }).waitFor();
  await mod.getByRole('button', { name: 'Protokoll freigeben' }).click();
  await confirmDialog(mod, 'Ja, freigeben');
  await mod.locator('.minutes [data-approved="true"]').waitFor();
  await fiona.locator('.minutes [data-approved="true"]').waitFor();
  await expectScreenIsServerState([mod, fiona]);
  for (const page of [mod, fiona]) await page.getByRole('button', { name: 'Zur Startseite' }).click();
});

step('the follow-up records what came of its decision (a short session over the wire)', async () => {
  const m = await openSocket(mod);
  const f = await openSocket(fiona);
  const created = await m.enter({ type: 'create', registration_id: Number(followUpId), name: 'Mona Moderatorin' });
  assert.equal(created.state.previous_session?.decision, earlier.decision);
  const joined = await f.enter({ type: 'join', invite: created.invite_code, name: 'Fiona Fallmanagerin' });
  await m.command('assign_role', { participant_id: joined.participant_id, role: 'presenter' });
  await f.command('record_outcome', { outcome: 'partly', note: 'Antrag gestellt, Bescheid steht aus.' });
  await m.command('start');
  await m.command('end');
  await m.command('approve_minutes', {});
  await m.close();
  await f.close();
});

step('the moderator closes the circle: the case not discussed moves on to the next date', async () => {
  await toDate(mod, d1);
  await mod.locator('.date-state', { hasText: 'stattgefunden' }).waitFor();
  for (const code of [fionaCase.code, earlier.code]) await agendaItem(mod, code).getByText('besprochen, Protokoll freigegeben').waitFor();
  await mod.getByRole('button', { name: 'Zirkel abschließen' }).click();
  await confirmDialog(mod, 'Ja, abschließen');
  await mod.locator('.success', { hasText: 'Der Zirkel ist abgeschlossen.' }).waitFor();
  await agendaItem(mod, carlaCase.code).waitFor({ state: 'detached' });
  await toDates(mod);
  const moved = agendaItem(mod, carlaCase.code);
  await moved.locator('.roll-note', { hasText: `Nicht besprochen am ${dotted(d1).slice(0, 6)} – verschoben` }).waitFor();
  assert.equal(await moved.evaluate((el) => el.closest('.circle-date').dataset.day), d2);
});

step('a date without a case is cancelled with its reason', async () => {
  await dateCard(mod, d3).locator('[data-warning="no_case"]').waitFor();
  await toDate(mod, d3);
  await mod.getByRole('button', { name: 'Termin absagen' }).click();
  const dialog = mod.locator('#confirm-dialog');
  await dialog.getByRole('radio', { name: 'Anderer Grund' }).check();
  await dialog.getByRole('button', { name: 'Termin absagen' }).click();
  await dialog.getByText('Bitte schreiben Sie kurz, warum der Termin ausfällt.').waitFor();
  await dialog.getByRole('radio', { name: 'Kein Fall angemeldet' }).check();
  await dialog.getByRole('button', { name: 'Termin absagen' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await mod.locator('.date-state', { hasText: 'abgesagt: Kein Fall angemeldet' }).waitFor();
  await toDates(mod);
  assert.equal(await dateCard(mod, d3).getAttribute('data-state'), 'cancelled');
  await dateCard(mod, d3).locator('.date-state', { hasText: 'abgesagt: Kein Fall angemeldet' }).waitFor();
});

step('the service report shows the gaps, the prognosis next to its outcome and the cancellation', async () => {
  await teamNav(mod).getByRole('link', { name: 'Bericht Angebotsplanung' }).click();
  await mod.getByRole('heading', { name: 'Bericht für die Angebotsplanung', level: 1 }).waitFor();
  await mod.getByLabel('bis (Datum)').fill(d4);
  await mod.getByRole('button', { name: 'Anzeigen' }).click();
  const report = mod.locator(`.service-report[data-to="${d4}"]`);
  await report.waitFor();
  await report.locator('.gap-kind[data-category="fehlt"]', { hasText: 'Schuldnerberatung für Mieter fehlt im Landkreis' }).waitFor();
  await report.locator('.gap-kind[data-category="zu_spaet"]', { hasText: 'Mietübernahme wird zu spät bewilligt' }).waitFor();
  await report.locator('.suggestions', { hasText: 'Wiedervorlagen früher in den Kalender eintragen' }).waitFor();
  const row = report.locator('.outcomes-table tbody tr', { hasText: earlier.code });
  assert.equal(await row.getAttribute('data-outcome'), 'partly');
  await row.getByText('2 Einschätzung(en), Mittel 3,5 von 5').waitFor();
  await row.getByText('teilweise umgesetzt', { exact: true }).waitFor();
  const noCase = report.locator('[data-date-reason="no_case"]');
  assert.equal(await noCase.getAttribute('data-count'), '1');
  assert.match(await noCase.textContent(), /^1 Kein Fall angemeldet$/);
  await report.getByText('Abgesagte Termine: 1').waitFor();
  assert.equal(await report.locator('[data-stat="held"]').getAttribute('data-value'), '1');
  assert.equal(await report.locator('[data-stat="cases"]').getAttribute('data-value'), '2');
  await screenshot(mod, 'service-report');
  const csvHref = await mod.getByRole('link', { name: 'Als CSV herunterladen' }).getAttribute('href');
  assert.match(csvHref, /\/service-report\?.*format=csv/);
  const csv = await (await mod.request.get(new URL(csvHref, server.baseUrl).toString())).text();
  assert.match(csv, /Termin abgesagt;Kein Fall angemeldet;;;;;;1/);
  assert.match(csv, /Prognose und Ergebnis;;FALL-2026-31;/);
  const printRules = await mod.evaluate(() => [...document.styleSheets].flatMap((s) => [...s.cssRules]).some((r) => r.media?.mediaText?.includes('print')));
  assert.ok(printRules, 'the page carries print rules');
});

step('a case manager keeps a calendar link, sees it once in full, and revokes it', async () => {
  await fiona.getByRole('link', { name: 'Kalender-Link' }).click();
  await fiona.getByRole('heading', { name: 'Kalender-Link', level: 1 }).waitFor();
  await fiona.getByText('Es ist kein Link aktiv.').waitFor();
  await fiona.getByRole('button', { name: 'Link anlegen' }).click();
  const address = fiona.locator('#calendar-url');
  await address.waitFor();
  const url = await address.inputValue();
  assert.match(url, new RegExp(`^${server.baseUrl}/api/calendar/[0-9a-f]{64}\\.ics$`));
  const feed = await fiona.request.get(url);
  assert.equal(feed.status(), 200);
  assert.match(await feed.text(), /BEGIN:VCALENDAR/);
  await fiona.getByText(/Ein Link ist aktiv/).waitFor();
  await fiona.getByRole('button', { name: 'Link sperren' }).click();
  await fiona.getByText('Es ist kein Link aktiv.').waitFor();
  assert.equal(await fiona.locator('#calendar-url').count(), 0);
  assert.equal((await fiona.request.get(url)).status(), 404);
});

step('a written consultation shows the step\'s deadline instead of a countdown', async () => {
  await toDate(mod, d2);
  await agendaItem(mod, carlaCase.code).getByRole('button', { name: /Schriftlich beraten/ }).click();
  await confirmDialog(mod, 'Ja, schriftlich beraten');
  const form = mod.locator('form[data-form="deadline"]');
  await form.getByLabel('Tag').fill(d1);
  await form.getByLabel('Uhrzeit').fill('12:00');
  await form.getByRole('button', { name: 'Frist setzen' }).click();
  const deadline = `${weekday(d1)}, ${dotted(d1).slice(0, 6)}, 12:00`;
  await mod.locator('.step-bar li[data-step="1"] .step-budget', { hasText: `bis ${deadline}` }).waitFor();
  const invite = (await mod.locator('.invite-code').textContent()).trim();
  await teamNav(carla).getByRole('link', { name: 'Start' }).click();
  // The team's notices name the written consultation, where it stands and, before the start,
  // the first step's deadline.
  await carla.locator('.cycle-notice[data-kind="written_step"]', { hasText: new RegExp(`Schriftliche Fallberatung ${carlaCase.code}: noch nicht begonnen · Frist: .*12:00`) }).waitFor();
  await joinSession(carla, invite, 'Carla Clausen');
  await person(mod, 'Carla Clausen').getByRole('button', { name: /Als Fallverantwortliche/ }).click();
  await person(mod, 'Carla Clausen').filter({ hasText: 'Fallverantwortliche/r' }).waitFor();
  await mod.getByRole('button', { name: 'Sitzung beginnen' }).click();
  await expectStep([mod, carla], 1, 'Fallvorstellung');
  for (const page of [mod, carla]) {
    await page.locator('.timer.deadline', { hasText: `Frist: ${deadline}` }).waitFor();
    assert.equal(await page.locator('[data-timer]').count(), 0, 'no countdown');
  }
  await carla.locator('.case-summary').getByText('Vorab vorbereitet von Carla Clausen').waitFor();
  await screenshot(mod, 'written-consultation');
  await expectScreenIsServerState([mod, carla]);
  for (const page of [mod, fiona, carla]) assert.deepEqual(page.errors, []);
});
