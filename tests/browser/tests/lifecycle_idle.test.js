// Issue #15: a session nobody works in is ended by the server (here after 8 s instead of the
// default 8 hours). Everyone is told why; the participant is told the moderator reviews the
// minutes, and the moderator can approve or discard them – also after a reload.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { step } from '../support/steps.js';
import { startServer } from '../support/server.js';
import { launchBrowser, openPerson, screenshot } from '../support/browser.js';
import { logIn, createSession, joinSession, expectScreenIsServerState } from '../support/ui.js';

const password = 'Leerlauf-Passwort-2026';
const idleText = 'Die Sitzung wurde nach längerer Inaktivität automatisch beendet.';
let server;
let browser;
let mod;
let paul;

before(async () => {
  server = await startServer('idle', { openRooms: false, args: ['--session-idle-close', '8'] });
  server.createUser({ username: 'mona', password, team: 'ASD Mitte', role: 'moderator', displayName: 'Mona Moderatorin' });
  server.createUser({ username: 'paul', password, team: 'ASD Mitte', role: 'member', displayName: 'Paul Kollege' });
  browser = await launchBrowser();
  [mod, paul] = await Promise.all([1, 2].map(() => openPerson(browser, server.baseUrl)));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

step('a session is opened and joined, then nobody does anything', async () => {
  for (const [page, user] of [[mod, 'mona'], [paul, 'paul']]) {
    await logIn(page, user, password);
    await page.locator('.account-name').waitFor();
  }
  const invite = await createSession(mod, { caseCode: 'FALL-2026-808' });
  await joinSession(paul, invite);
  await expectScreenIsServerState([mod, paul]);
});

step('the server ends it; the participant is told why and who decides, the moderator decides', async () => {
  const ended = paul.locator('[data-closed="ended"]');
  await ended.getByText(idleText).waitFor();
  await ended.getByText('Die Sitzung ist beendet. Die Moderation prüft das Protokoll.').waitFor();
  await paul.getByRole('button', { name: 'Zur Startseite' }).waitFor();
  await mod.locator('.idle-note', { hasText: idleText }).waitFor();
  await mod.getByRole('button', { name: 'Protokoll freigeben' }).waitFor();
  await mod.getByRole('button', { name: 'Protokoll verwerfen' }).waitFor();
  await screenshot(paul, 'idle-ended-participant');
  for (const page of [mod, paul]) await page.reload();
  await paul.locator('[data-closed="ended"]').getByText(idleText).waitFor();
  await mod.locator('.idle-note', { hasText: idleText }).waitFor();
  await mod.getByRole('button', { name: 'Protokoll verwerfen' }).waitFor();
  assert.equal(await paul.getByRole('button', { name: /Protokoll/ }).count(), 0, 'only the moderator decides');
  await expectScreenIsServerState([mod, paul]);
  for (const page of [mod, paul]) assert.deepEqual(page.errors, [], 'no script errors');
});
