// The audit trail in the browser (issue #6): a supervisor sees who logged in to the team, in a
// German table; a plain member is neither offered the page nor shown it. Issue #16: the trail
// pages back through its whole history and filters by action, person, case and time.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { step } from '../support/steps.js';
import { startServer } from '../support/server.js';
import { launchBrowser, openPerson, screenshot } from '../support/browser.js';
import { logIn } from '../support/ui.js';

const password = 'Aufsicht-geheim-26';
let server;
let browser;
let member;
let supervisor;

before(async () => {
  server = await startServer('audit', { openRooms: false });
  server.createUser({ username: 'susanne', password, team: 'Jugendhilfe West', role: 'supervisor', displayName: 'Susanne Aufsicht' });
  server.createUser({ username: 'mia', password, team: 'Jugendhilfe West', role: 'member', displayName: 'Mia Mitglied' });
  browser = await launchBrowser();
  [member, supervisor] = await Promise.all([1, 2].map(() => openPerson(browser, server.baseUrl)));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const audit = (page) => page.getByRole('navigation', { name: 'Bereiche des Teams' }).getByRole('link', { name: 'Zugriffsprotokoll' });

step('a member logs in and is not offered the audit trail, not even by its address', async () => {
  await logIn(member, 'mia', password);
  await member.locator('.account-name', { hasText: 'Mia Mitglied' }).waitFor();
  await member.getByRole('navigation', { name: 'Bereiche des Teams' }).getByRole('link', { name: 'Archiv' }).waitFor();
  assert.equal(await audit(member).count(), 0);
  await member.goto(`${server.baseUrl}/#/audit`);
  await member.getByRole('alert').filter({ hasText: 'Ihre Rolle im gewählten Team erlaubt diese Ansicht nicht.' }).waitFor();
  assert.equal(await member.locator('.audit-table').count(), 0);
});

step('the supervisor opens the audit trail and reads both logins in German', async () => {
  await logIn(supervisor, 'susanne', password);
  await audit(supervisor).click();
  await supervisor.getByRole('heading', { name: 'Zugriffsprotokoll', level: 1 }).waitFor();
  const table = supervisor.locator('.audit-table');
  await table.waitFor();
  const headers = await table.locator('thead th').allTextContents();
  assert.deepEqual(headers, ['Zeitpunkt', 'Wer', 'Was', 'Betroffen', 'Von (Adresse)', 'Einzelheiten']);
  const logins = table.locator('tbody tr[data-action="login"]');
  await logins.filter({ hasText: 'susanne' }).first().waitFor();
  const rows = await logins.evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.ok(rows.some((r) => r[1] === 'mia' && r[2] === 'Anmeldung'), `mia's login: ${JSON.stringify(rows)}`);
  assert.ok(rows.some((r) => r[1] === 'susanne' && r[2] === 'Anmeldung' && /127\.0\.0\.1/.test(r[4])), `susanne's login with address: ${JSON.stringify(rows)}`);
  assert.match(rows[0][0], /\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}\. \w+\.? \d{4}/, 'a German date');
  const created = await table.locator('tbody tr[data-action="user_created"]').allTextContents();
  assert.equal(created.length, 2, 'both accounts were created with the admin command');
  assert.ok(created.every((text) => text.includes('Benutzer angelegt')));
  assert.ok(created.some((text) => text.includes('Rolle: Fachaufsicht')), 'the role in words');
  await screenshot(supervisor, 'audit');
  assert.deepEqual([...member.errors, ...supervisor.errors], []);
});

const rowsOf = (page) => page.locator('.audit-table tbody tr').evaluateAll((trs) => trs.map((tr) => ({ id: Number(tr.dataset.id), action: tr.dataset.action, actor: tr.cells[1].textContent, target: tr.cells[3].textContent })));

// The table drawn for these filters (the one of the previous address may be on screen a moment).
const tableFor = (page, filters) => page.locator(`.audit-table[data-query="${filters}"]`).waitFor();

step('the supervisor pages back through the trail with "Ältere Einträge"', async () => {
  await supervisor.goto(`${server.baseUrl}/#/audit?limit=2`);
  await tableFor(supervisor, '?limit=2');
  assert.equal((await rowsOf(supervisor)).length, 2);
  const older = supervisor.getByRole('button', { name: 'Ältere Einträge' });
  await older.click();
  await supervisor.locator('.audit-table tbody tr').nth(3).waitFor();
  while (await older.count()) {
    const before = (await rowsOf(supervisor)).length;
    await older.click();
    await supervisor.locator('.audit-table tbody tr').nth(before).waitFor();
  }
  const rows = await rowsOf(supervisor);
  assert.ok(rows.length >= 4, `logins and creations: ${JSON.stringify(rows)}`);
  assert.equal(new Set(rows.map((r) => r.id)).size, rows.length, 'no entry twice');
  assert.deepEqual(rows.map((r) => r.id), [...rows.map((r) => r.id)].sort((a, b) => b - a), 'newest first');
  assert.ok(rows.some((r) => r.action === 'user_created' && r.target === 'mia'), 'the oldest entries are reached');
  assert.deepEqual(supervisor.errors, []);
});

step('the supervisor filters by action, person, case and time', async () => {
  await supervisor.goto(`${server.baseUrl}/#/audit`);
  await tableFor(supervisor, '');
  const form = supervisor.getByRole('search', { name: 'Zugriffsprotokoll filtern' });
  await form.getByLabel('Was').selectOption({ label: 'Anmeldung' });
  await form.getByRole('button', { name: 'Filtern' }).click();
  await tableFor(supervisor, '?action=login');
  let rows = await rowsOf(supervisor);
  assert.ok(rows.length >= 2 && rows.every((r) => r.action === 'login'), JSON.stringify(rows));

  await form.getByLabel('Person (Benutzername)').fill('mia');
  await form.getByRole('button', { name: 'Filtern' }).click();
  await tableFor(supervisor, '?action=login&actor=mia');
  rows = await rowsOf(supervisor);
  assert.ok(rows.length >= 1 && rows.every((r) => r.action === 'login' && r.actor === 'mia'), JSON.stringify(rows));

  await supervisor.goto(`${server.baseUrl}/#/audit?target=mia`);
  await tableFor(supervisor, '?target=mia');
  rows = await rowsOf(supervisor);
  assert.ok(rows.some((r) => r.action === 'user_created') && rows.every((r) => r.target === 'mia'), JSON.stringify(rows));

  await supervisor.goto(`${server.baseUrl}/#/audit`);
  await tableFor(supervisor, '');
  await form.getByLabel('von (Datum)').fill('2000-01-01');
  await form.getByLabel('bis (Datum)').fill('2000-01-31');
  await form.getByRole('button', { name: 'Filtern' }).click();
  await supervisor.getByText('Noch keine Einträge.').waitFor();
  await screenshot(supervisor, 'audit-filtered');
  assert.deepEqual(supervisor.errors, []);
});
