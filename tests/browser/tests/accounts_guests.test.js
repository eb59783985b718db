// Accounts and guests in the browser (issue #6): a moderator logs in (first with a wrong password),
// switches between her teams, opens a team session and creates a guest link; an external expert
// joins with it in another browser; the start waits for the presenter's confirmation of consent.
// The server runs without open rooms, so a session needs a login.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { step } from '../support/steps.js';
import { startServer } from '../support/server.js';
import { launchBrowser, openPerson, screenshot } from '../support/browser.js';
import { logIn, person } from '../support/ui.js';

const password = 'Fallberatung-2026!';
let server;
let browser;
let mod;
let guest;
let guestLink;

before(async () => {
  server = await startServer('accounts', { openRooms: false });
  server.createUser({ username: 'mona', password, team: 'ASD Nord', role: 'moderator', displayName: 'Mona Moderatorin' });
  server.createUser({ username: 'admin-sued', password, team: 'ASD Süd', role: 'team_admin', displayName: 'Admin Süd' });
  // The moderator is also a supervisor of the second team (no API call enrols an existing account).
  server.addToTeam({ username: 'mona', team: 'ASD Süd', role: 'supervisor' });
  browser = await launchBrowser();
  mod = await openPerson(browser, server.baseUrl);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

step('logged out, opening a session asks for a login in German', async () => {
  await mod.getByRole('heading', { name: 'Anmelden' }).waitFor();
  await mod.locator('#case-code').fill('FALL-2026-31');
  await mod.locator('#creator-name').fill('Mona');
  await mod.getByRole('button', { name: 'Sitzung anlegen' }).click();
  await mod.getByRole('alert').filter({ hasText: 'Für Sitzungen Ihres Teams müssen Sie angemeldet sein' }).waitFor();
  assert.equal(await mod.locator('.invite-code').count(), 0, 'no session was opened');
});

step('a wrong password is refused with the German message, the right one logs in', async () => {
  await logIn(mod, 'mona', 'falsches-passwort');
  await mod.getByRole('alert').filter({ hasText: 'Benutzername oder Passwort ist falsch.' }).waitFor();
  assert.equal(await mod.locator('.account-name').count(), 0, 'not logged in');
  await screenshot(mod, 'login-failed');
  await logIn(mod, 'mona', password);
  await mod.locator('.account-name', { hasText: 'Angemeldet: Mona Moderatorin' }).waitFor();
  assert.equal(await mod.getByRole('heading', { name: 'Anmelden' }).count(), 0, 'the login form is gone');
  await screenshot(mod, 'login');
});

step('the team switcher lists both teams with their roles; the chosen team decides what is offered', async () => {
  const select = mod.getByLabel('Team', { exact: true });
  const options = await select.locator('option').allTextContents();
  assert.deepEqual(options.sort(), ['ASD Nord (Moderation)', 'ASD Süd (Fachaufsicht)']);
  await select.selectOption({ label: 'ASD Süd (Fachaufsicht)' });
  await mod.getByText('Sitzungen eröffnet nur, wer im gewählten Team die Rolle Moderation hat.').waitFor();
  await mod.getByRole('navigation', { name: 'Bereiche des Teams' }).getByRole('link', { name: 'Zugriffsprotokoll' }).waitFor();
  await select.selectOption({ label: 'ASD Nord (Moderation)' });
  await mod.getByText('Die Sitzung gehört dem Team „ASD Nord“.').waitFor();
  assert.equal(await mod.getByRole('link', { name: 'Zugriffsprotokoll' }).count(), 0, 'a moderator sees no audit trail');
});

step('the moderator opens a team session and creates a one-time guest link', async () => {
  await mod.locator('#format-fallkonferenz').check();
  await mod.locator('#case-code').fill('FALL-2026-31');
  await mod.locator('#creator-name').fill('Mona Moderatorin');
  await mod.getByRole('button', { name: 'Sitzung anlegen' }).click();
  await mod.locator('.invite-code').waitFor();
  await mod.getByRole('button', { name: 'Gast-Link erstellen' }).click();
  const field = mod.getByLabel('Gast-Link', { exact: true });
  await field.waitFor();
  guestLink = await field.inputValue();
  assert.match(guestLink, /^http:\/\/127\.0\.0\.1:\d+\/#\/gast\/[A-Za-z0-9_-]{16,}$/);
  await mod.getByText('Der Link funktioniert nur einmal und läuft nach 48 Stunden ab.').waitFor();
  await mod.getByRole('button', { name: 'Kopieren' }).last().waitFor();
});

step('a guest opens the link in another browser, reads what it means and joins as expert', async () => {
  guest = await openPerson(browser, guestLink);
  await guest.getByRole('heading', { name: 'Als Gast an einer Fallberatung teilnehmen' }).waitFor();
  await guest.getByText('sehen kein Archiv').waitFor();
  assert.equal(await guest.getByRole('heading', { name: 'Anmelden' }).count(), 0, 'a guest needs no account');
  await screenshot(guest, 'guest-join');
  await guest.getByLabel('Ihr Name').fill('Dr. Gast (Suchtberatung)');
  await guest.getByRole('button', { name: 'Sitzung betreten' }).click();
  await guest.locator('.room').waitFor();
  for (const page of [mod, guest]) {
    const entry = person(page, 'Dr. Gast (Suchtberatung)');
    await entry.locator('.badge.guest', { hasText: 'Gast' }).waitFor();
    await entry.locator('.person-role', { hasText: 'Expert/in, Gast' }).waitFor();
  }
  assert.equal(new URL(guest.url()).hash, '', 'the used link is no longer in the address bar');
  assert.equal(await guest.getByRole('button', { name: 'Gast-Link erstellen' }).count(), 0, 'only the moderator invites');
});

step('the same link does not work a second time', async () => {
  const second = await openPerson(browser, guestLink);
  await second.getByLabel('Ihr Name').fill('Zweiter Gast');
  await second.getByRole('button', { name: 'Sitzung betreten' }).click();
  await second.getByRole('alert').filter({ hasText: 'Dieser Gast-Link ist ungültig, abgelaufen oder wurde schon benutzt.' }).waitFor();
  assert.equal(await second.locator('.room').count(), 0);
  await second.context().close();
});

step('the start is refused until the presenter confirms the client\'s consent', async () => {
  await guest.getByText('Noch nicht bestätigt').waitFor();
  assert.equal(await guest.getByRole('button', { name: 'Einverständnis bestätigen' }).count(), 0, 'only the presenter confirms');
  await mod.locator('#start-note', { hasText: 'Erst wenn die/der Fallverantwortliche das Einverständnis' }).waitFor();
  await mod.getByRole('button', { name: 'Sitzung beginnen' }).click();
  await mod.locator('.notice[data-code="consent_missing"]').waitFor();
  assert.equal(await mod.locator('.step-bar li[aria-current="step"]').count(), 0, 'still in the lobby');
  await screenshot(mod, 'lobby-guest-consent');
  await mod.getByLabel('Ich bestätige: Die Klientin/der Klient ist einverstanden, dass der Fall mit Personen anderer Organisationen besprochen wird.').check();
  await mod.getByRole('button', { name: 'Einverständnis bestätigen' }).click();
  for (const page of [mod, guest]) await page.locator('[data-consent="given"]', { hasText: 'Einverständnis bestätigt von Mona Moderatorin' }).waitFor();
  await mod.locator('#start-note', { hasText: 'Alles bereit' }).waitFor();
  await mod.getByRole('button', { name: 'Sitzung beginnen' }).click();
  for (const page of [mod, guest]) await page.locator('.step-bar li[aria-current="step"][data-step="1"]').waitFor();
  assert.deepEqual([...mod.errors, ...guest.errors], []);
});
