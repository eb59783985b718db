// Issue #20: a case code that looks like it names a person is not taken silently. The moderator
// reads in words what looked like a person and either changes the code or confirms that no real
// person is meant.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { step } from '../support/steps.js';
import { startServer } from '../support/server.js';
import { launchBrowser, openPerson } from '../support/browser.js';
import { logIn } from '../support/ui.js';

const password = 'Moderation-geheim-26';
let server;
let browser;
let moderator;

before(async () => {
  server = await startServer('identifying', { openRooms: false });
  server.createUser({ username: 'mira', password, team: 'ASD Nord', role: 'moderator', displayName: 'Mira Moderatorin' });
  browser = await launchBrowser();
  moderator = await openPerson(browser, server.baseUrl);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

step('a case code with a first and last name is refused in words, with what was found', async () => {
  await logIn(moderator, 'mira', password);
  // The page is drawn again once the account is in: type after that.
  await moderator.locator('.account-name', { hasText: 'Mira Moderatorin' }).waitFor();
  await moderator.getByRole('navigation', { name: 'Bereiche des Teams' }).getByRole('link', { name: 'Termine' }).waitFor();
  await moderator.locator('#case-code').fill('Max Mustermann 1985');
  await moderator.getByRole('button', { name: 'Sitzung anlegen' }).click();
  const alert = moderator.getByRole('alert').filter({ hasText: 'Vor- und Nachname („Max Mustermann“)' });
  await alert.waitFor();
  assert.match(await alert.textContent(), /Pseudonym/);
  assert.equal(await moderator.locator('.invite-code').count(), 0, 'no session was opened');
});

step('confirming that no real person is meant opens the session', async () => {
  await moderator.getByRole('button', { name: 'Keine echte Person – trotzdem eröffnen' }).click();
  await moderator.locator('.invite-code').waitFor();
  await moderator.locator('.case-code, .room', { hasText: 'Max Mustermann 1985' }).first().waitFor();
});
