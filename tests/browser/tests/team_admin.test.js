// Team administration in the browser (issue #15): the team admin adds a person, changes the role,
// resets the password (the person logs in with the temporary password and must choose a new one
// first), removes one person and disables another – both are refused at once and see the login –
// and sets the retention period; the statistics show how sessions ended.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { step } from '../support/steps.js';
import { startServer } from '../support/server.js';
import { launchBrowser, openPerson, screenshot } from '../support/browser.js';
import { logIn, confirmDialog, createSession, joinSession, person } from '../support/ui.js';

const password = 'Fallberatung-2026!';
let server;
let browser;
let admin;

function row(page, username) {
  return page.locator(`tr[data-user="${username}"]`);
}

async function loggedInAs(page, username, name) {
  await logIn(page, username, password);
  await page.locator('.account-name', { hasText: `Angemeldet: ${name}` }).waitFor();
}

before(async () => {
  server = await startServer('team_admin', { openRooms: false });
  server.createUser({ username: 'anna', password, team: 'ASD Nord', role: 'team_admin', displayName: 'Anna Admin' });
  server.createUser({ username: 'bert', password, team: 'ASD Nord', role: 'member', displayName: 'Bert Beispiel' });
  server.createUser({ username: 'carla', password, team: 'ASD Nord', role: 'member', displayName: 'Carla Clausen' });
  server.createUser({ username: 'mona', password, team: 'ASD Nord', role: 'moderator', displayName: 'Mona Moderatorin' });
  browser = await launchBrowser();
  admin = await openPerson(browser, server.baseUrl);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// The confirmation in the status line; when it does not come, the failure says what the page
// shows instead (status lines and alerts: the form keeps its error there).
async function statusShows(page, text) {
  try {
    await page.getByRole('status').filter({ hasText: text }).waitFor();
  } catch (e) {
    const statuses = await page.getByRole('status').allInnerTexts();
    const alerts = await page.getByRole('alert').allInnerTexts();
    throw new Error(`"${text}" did not appear; status: ${JSON.stringify(statuses)}; ` +
      `alerts: ${JSON.stringify(alerts)}; ${e.message}`);
  }
}

step('the team admin opens "Team verwalten" and adds a person', async () => {
  await loggedInAs(admin, 'anna', 'Anna Admin');
  await admin.getByRole('navigation', { name: 'Bereiche des Teams' }).getByRole('link', { name: 'Team verwalten' }).click();
  await admin.getByRole('heading', { name: 'Team verwalten: ASD Nord' }).waitFor();
  await row(admin, 'bert').waitFor();
  assert.equal(await row(admin, 'anna').locator('[data-action="remove"]').count(), 0, 'nobody removes themselves');
  await admin.locator('#add-username').fill('dora');
  await admin.locator('#add-display-name').fill('Dora Neu');
  await admin.locator('#add-password').fill('erstes-passwort-1');
  await admin.locator('#add-role').selectOption({ label: 'Mitglied' });
  await admin.getByRole('button', { name: 'Person hinzufügen' }).click();
  await statusShows(admin, 'Dora Neu wurde hinzugefügt.');
  await row(admin, 'dora').locator('.member-status', { hasText: 'aktiv' }).waitFor();
});

step('the team admin changes the role', async () => {
  await row(admin, 'dora').locator('select').selectOption({ label: 'Moderation' });
  await row(admin, 'dora').getByRole('button', { name: 'Rolle speichern' }).click();
  await admin.getByText('Die Rolle von Dora Neu ist jetzt: Moderation.').waitFor();
  assert.equal(await row(admin, 'dora').locator('select').inputValue(), 'moderator');
});

step('a password reset shows the temporary password once; with it the person must choose a new one', async () => {
  await row(admin, 'dora').getByRole('button', { name: 'Passwort zurücksetzen' }).click();
  await confirmDialog(admin, 'Ja, zurücksetzen');
  const shown = admin.locator('[data-temporary-password]');
  await shown.waitFor();
  const temporary = await shown.getAttribute('data-temporary-password');
  assert.match(temporary, /^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
  await admin.getByText('nicht per E-Mail').waitFor();
  await row(admin, 'dora').locator('.member-status', { hasText: 'muss neues Passwort wählen' }).waitFor();
  await screenshot(admin, 'team-admin-temporary-password');

  const dora = await openPerson(browser, server.baseUrl);
  await logIn(dora, 'dora', temporary);
  await dora.getByRole('heading', { name: 'Bitte wählen Sie ein neues Passwort' }).waitFor();
  assert.equal(await dora.getByRole('navigation', { name: 'Bereiche des Teams' }).count(), 0, 'nothing else is offered');
  await screenshot(dora, 'password-required');
  await dora.getByLabel('Vorläufiges Passwort').fill(temporary);
  await dora.getByLabel('Neues Passwort', { exact: true }).fill('doras-eigenes-passwort');
  await dora.getByLabel('Neues Passwort wiederholen').fill('doras-eigenes-passwort');
  await dora.getByRole('button', { name: 'Neues Passwort speichern' }).click();
  await dora.getByText('Die Sitzung gehört dem Team „ASD Nord“.').waitFor();
  assert.deepEqual(dora.errors, []);
  await dora.context().close();
});

step('a removed person is sent out of the session they are in at once and sees the login', async () => {
  const mona = await openPerson(browser, server.baseUrl);
  await loggedInAs(mona, 'mona', 'Mona Moderatorin');
  const invite = await createSession(mona, { caseCode: 'NORD-2026-31' });
  const bert = await openPerson(browser, server.baseUrl);
  await loggedInAs(bert, 'bert', 'Bert Beispiel');
  await joinSession(bert, invite);
  await person(mona, 'Bert Beispiel').waitFor();
  await row(admin, 'bert').getByRole('button', { name: 'Aus dem Team entfernen' }).click();
  await confirmDialog(admin, 'Ja, entfernen');
  await admin.getByText('Bert Beispiel gehört nicht mehr zum Team.').waitFor();
  assert.equal(await row(admin, 'bert').count(), 0);
  // In the room: told at once, and neither a reload nor the code gets him back in.
  await bert.getByText('Ihr Zugang wurde beendet.').waitFor();
  assert.equal(await bert.locator('.room').count(), 0, 'out of the room');
  await bert.reload();
  await bert.getByRole('heading', { name: 'Anmelden' }).waitFor();
  assert.equal(await bert.locator('.room').count(), 0, 'no way back by reloading');
  assert.equal(await bert.locator('.account-name').count(), 0, 'logged out');
  await bert.context().close();
  await mona.context().close();
});

step('a disabled person is refused at once, cannot log in, and can be enabled again', async () => {
  const carla = await openPerson(browser, `${server.baseUrl}/#/archiv`);
  await loggedInAs(carla, 'carla', 'Carla Clausen');
  await row(admin, 'carla').getByRole('button', { name: 'Sperren' }).click();
  await confirmDialog(admin, 'Ja, sperren');
  await row(admin, 'carla').locator('.member-status', { hasText: 'gesperrt' }).waitFor();
  await carla.getByRole('link', { name: 'Defizitanalyse' }).click();
  await carla.getByRole('heading', { name: 'Anmelden' }).waitFor();
  await logIn(carla, 'carla', password);
  await carla.getByRole('alert').filter({ hasText: 'Dieses Konto ist gesperrt.' }).waitFor();
  await row(admin, 'carla').getByRole('button', { name: 'Entsperren' }).click();
  await row(admin, 'carla').locator('.member-status', { hasText: 'aktiv' }).waitFor();
  await loggedInAs(carla, 'carla', 'Carla Clausen');
  await carla.context().close();
});

step('the retention period is set and its dry run shown; the statistics show how sessions ended', async () => {
  await admin.getByLabel('Aufbewahren für (Tage)').fill('30');
  await admin.getByRole('button', { name: 'Frist speichern' }).click();
  await admin.getByText('Die Frist ist jetzt 30 Tage.').waitFor();
  await admin.getByText('Derzeit würde keine Sitzung gelöscht.').waitFor();
  await screenshot(admin, 'team-admin');
  await admin.getByRole('link', { name: 'Statistik' }).click();
  await admin.getByRole('heading', { name: 'Statistik der Sitzungen' }).waitFor();
  for (const label of ['Protokoll freigegeben', 'Protokoll verworfen', 'Abgesagt', 'kein Fall', 'zu wenige anwesend', 'Fall zurückgezogen', 'anderer Grund'])
    await admin.getByText(label, { exact: true }).waitFor();
  assert.equal(await admin.locator('[data-stat="cancelled"] .stat-value').textContent(), '0');
  await screenshot(admin, 'statistics');
  assert.deepEqual(admin.errors, []);
});
