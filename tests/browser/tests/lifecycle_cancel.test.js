// Issue #15: a session opened by mistake is cancelled, not ended. A member leaves first with
// "Sitzung verlassen"; the moderator, who cannot leave, is told what to do instead. The cancel
// dialog asks for a reason ("Anderer Grund" needs words). Everyone sees the cancellation – no
// minutes to approve, also after a reload – and gets to the start page; the team archive has no
// entry for the session, and the team's statistics count it with its reason.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { step } from '../support/steps.js';
import { startServer } from '../support/server.js';
import { launchBrowser, openPerson, screenshot } from '../support/browser.js';
import { logIn, createSession, joinSession, person, expectScreenIsServerState } from '../support/ui.js';

const password = 'Absage-Passwort-2026';
const cancelledText = 'Die Sitzung wurde abgesagt (Zu wenige anwesend). Es gibt kein Protokoll; die Falltexte werden gelöscht.';
let server;
let browser;
let mod;
let fiona;
let paul;

const storedRoom = (page) => page.evaluate(() => localStorage.getItem('casecircle.session'));

before(async () => {
  server = await startServer('cancel', { openRooms: false });
  server.createUser({ username: 'mona', password, team: 'ASD Ost', role: 'moderator', displayName: 'Mona Moderatorin' });
  server.createUser({ username: 'fiona', password, team: 'ASD Ost', role: 'member', displayName: 'Fiona Fallmanagerin' });
  server.createUser({ username: 'paul', password, team: 'ASD Ost', role: 'member', displayName: 'Paul Kollege' });
  server.createUser({ username: 'susanne', password, team: 'ASD Ost', role: 'supervisor', displayName: 'Susanne Aufsicht' });
  browser = await launchBrowser();
  [mod, fiona, paul] = await Promise.all([1, 2, 3].map(() => openPerson(browser, server.baseUrl)));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

step('a session is opened by mistake; two members join', async () => {
  for (const [page, user] of [[mod, 'mona'], [fiona, 'fiona'], [paul, 'paul']]) {
    await logIn(page, user, password);
    await page.locator('.account-name').waitFor();
  }
  const invite = await createSession(mod, { caseCode: 'FALL-2026-404', title: 'Versehentlich angelegt' });
  await joinSession(fiona, invite);
  await joinSession(paul, invite);
  await mod.locator('#people-heading', { hasText: '(3)' }).waitFor();
  await expectScreenIsServerState([mod, fiona, paul]);
});

step('a member leaves the session to the start page; the room forgets her', async () => {
  await fiona.getByRole('button', { name: 'Sitzung verlassen' }).click();
  const dialog = fiona.locator('#confirm-dialog');
  await dialog.getByText('Mit dem Einladungscode können Sie wieder beitreten.').waitFor();
  await dialog.getByRole('button', { name: 'Ja, verlassen' }).click();
  await fiona.getByRole('heading', { name: 'Einer Sitzung beitreten' }).waitFor();
  assert.equal(await storedRoom(fiona), null, 'no stored room credentials after leaving');
  // She left (the engine's leave), not just lost her connection: she is no longer listed.
  await mod.locator('#people-heading', { hasText: '(2)' }).waitFor();
  assert.equal(await person(mod, 'Fiona Fallmanagerin').count(), 0);
  await expectScreenIsServerState([mod, paul]);
});

step('the moderator cannot simply leave: she is told to hand over or end first', async () => {
  await mod.getByRole('button', { name: 'Sitzung verlassen' }).click();
  const dialog = mod.locator('#confirm-dialog');
  await dialog.getByText('Bitte übergeben Sie zuerst die Moderation').waitFor();
  await dialog.getByRole('button', { name: 'Abbrechen' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await mod.locator('.room').waitFor();
  assert.notEqual(await storedRoom(mod), null, 'staying keeps the room');
  await expectScreenIsServerState([mod, paul]);
});

step('cancelling asks for a reason; "Anderer Grund" needs words', async () => {
  await mod.getByRole('button', { name: 'Sitzung absagen' }).click();
  const dialog = mod.locator('#confirm-dialog');
  await dialog.getByRole('heading', { name: 'Sitzung absagen' }).waitFor();
  await dialog.getByRole('button', { name: 'Sitzung absagen' }).click();
  await dialog.getByRole('alert').filter({ hasText: 'Bitte wählen Sie einen Grund.' }).waitFor();
  await dialog.getByLabel('Anderer Grund', { exact: true }).check();
  await dialog.getByRole('button', { name: 'Sitzung absagen' }).click();
  await dialog.getByRole('alert').filter({ hasText: 'Bitte schreiben Sie kurz, warum' }).waitFor();
  assert.equal(await mod.locator('.room').count(), 1, 'nothing was sent yet');
  await screenshot(mod, 'cancel-dialog');
  await dialog.getByLabel('Zu wenige anwesend', { exact: true }).check();
  await dialog.getByRole('button', { name: 'Sitzung absagen' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await expectScreenIsServerState([mod, paul]);
});

step('everyone sees the cancellation with its reason and no minutes, also after a reload', async () => {
  for (const page of [mod, paul]) {
    await page.locator('[data-closed="cancelled"]').getByText(cancelledText).waitFor();
    await page.getByRole('button', { name: 'Zur Startseite' }).waitFor();
  }
  assert.equal(await mod.getByRole('button', { name: 'Protokoll freigeben' }).count(), 0, 'a cancelled session is never approved');
  assert.equal(await mod.locator('.minutes, #discard-reason').count(), 0, 'no minutes, nothing to discard');
  await screenshot(paul, 'cancelled-member');
  await mod.reload();
  await mod.locator('[data-closed="cancelled"]').getByText(cancelledText).waitFor();
  assert.equal(await mod.getByRole('button', { name: 'Protokoll freigeben' }).count(), 0, 'not after a reload either');
  await expectScreenIsServerState([mod, paul]);
});

step('both go to the start page; their stored room is gone', async () => {
  for (const page of [mod, paul]) {
    await page.getByRole('button', { name: 'Zur Startseite' }).click();
    await page.getByRole('heading', { name: 'Einer Sitzung beitreten' }).waitFor();
    assert.equal(await storedRoom(page), null);
  }
  await mod.reload();
  await mod.getByRole('heading', { name: 'Einer Sitzung beitreten' }).waitFor();
  assert.equal(await mod.locator('.room, [data-closed]').count(), 0, 'a reload stays on the start page');
});

step('the team archive has no entry for the cancelled session', async () => {
  const archive = await mod.evaluate(async () => {
    const me = await (await fetch('/api/me')).json();
    const res = await fetch(`/api/teams/${me.teams[0].team_id}/archive`);
    return { status: res.status, body: await res.json() };
  });
  assert.equal(archive.status, 200);
  assert.deepEqual(archive.body.entries.filter((e) => e.case_code === 'FALL-2026-404'), [], 'no archive entry');
  await mod.getByRole('navigation', { name: 'Bereiche des Teams' }).getByRole('link', { name: 'Archiv' }).click();
  await mod.getByRole('heading', { name: 'Archiv', level: 1 }).waitFor();
  await mod.locator('.results-count').waitFor();
  assert.equal(await mod.locator('.archive-entry', { hasText: 'FALL-2026-404' }).count(), 0);
});

step('the team\'s statistics count the cancellation with its reason', async () => {
  const sup = await openPerson(browser, server.baseUrl);
  await logIn(sup, 'susanne', password);
  await sup.locator('.account-name').waitFor();
  const stats = await sup.evaluate(async () => {
    const me = await (await fetch('/api/me')).json();
    const res = await fetch(`/api/teams/${me.teams[0].team_id}/statistics`);
    return { status: res.status, body: await res.json() };
  });
  assert.equal(stats.status, 200);
  assert.deepEqual([stats.body.approved, stats.body.discarded, stats.body.cancelled], [0, 0, 1]);
  assert.deepEqual(stats.body.cancellations.filter((c) => c.count > 0), [{ reason: 'too_few_present', count: 1 }]);
  await sup.goto(`${server.baseUrl}/#/statistik`);
  await sup.locator('[data-stat="cancelled"] .stat-value', { hasText: '1' }).waitFor();
  assert.equal(await sup.locator('[data-reason="too_few_present"] .deficit-bar-count').getAttribute('data-count'), '1');
  assert.equal(await sup.locator('[data-reason="no_case"] .deficit-bar-count').getAttribute('data-count'), '0');
  for (const page of [mod, fiona, paul, sup]) assert.deepEqual(page.errors, [], 'no script errors');
});
