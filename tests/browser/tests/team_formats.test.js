// Issue #20: a team copies a shipped format and changes it in the browser. A problem is named in
// words at its field; the saved copy is the team's next version, offered on the start page, and a
// session runs on it. The shipped format stays as it was.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { step } from '../support/steps.js';
import { startServer } from '../support/server.js';
import { launchBrowser, openPerson, screenshot } from '../support/browser.js';
import { logIn } from '../support/ui.js';

const password = 'Moderation-geheim-26';
let server;
let browser;
let mod;

before(async () => {
  server = await startServer('team_formats', { openRooms: false });
  server.createUser({ username: 'mona', password, team: 'ASD Nord', role: 'moderator', displayName: 'Mona Moderatorin' });
  browser = await launchBrowser();
  mod = await openPerson(browser, server.baseUrl);
  await logIn(mod, 'mona', password);
  await mod.locator('.account-name').waitFor();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

step('the team\'s formats list the shipped ones; a moderator copies the quality circle', async () => {
  await mod.getByRole('navigation', { name: 'Bereiche des Teams' }).getByRole('link', { name: 'Formate' }).click();
  const qz = mod.locator('li[data-format="qualitaetszirkel"]');
  await qz.getByText('mitgeliefert').waitFor();
  await qz.getByRole('link', { name: 'Kopieren und anpassen' }).click();
  await mod.locator('form[data-form="format-editor"]').waitFor();
  assert.equal(await mod.getByLabel('Kurzname des eigenen Formats (a–z, 0–9, _)').inputValue(), 'qualitaetszirkel_eigen');
});

step('a budget of 0 minutes is refused in words at its field', async () => {
  await mod.locator('[data-pointer="/title"]').fill('Unser Qualitätszirkel');
  await mod.locator('[data-pointer="/steps/1/budget_minutes"]').fill('0');
  await mod.getByRole('button', { name: 'Als neue Version speichern' }).click();
  const problem = mod.locator('#format-problem');
  await problem.waitFor();
  assert.match(await problem.textContent(), /^Schritt 2, Zeitbudget: muss eine ganze Zahl zwischen 1 und 240 sein/);
  assert.equal(await mod.locator('[data-pointer="/steps/1/budget_minutes"]').getAttribute('aria-invalid'), 'true');
  // What was typed stays.
  assert.equal(await mod.locator('[data-pointer="/title"]').inputValue(), 'Unser Qualitätszirkel');
  await screenshot(mod, 'format-editor-problem');
});

step('the corrected copy is saved as version 1 and offered on the start page', async () => {
  await mod.locator('[data-pointer="/steps/1/budget_minutes"]').fill('3');
  await mod.locator('[data-pointer="/steps/0/title"]').fill('Fallvorstellung in Kürze');
  await mod.getByRole('button', { name: 'Als neue Version speichern' }).click();
  await mod.getByRole('status').filter({ hasText: '„Unser Qualitätszirkel“ ist als Version 1 gespeichert.' }).waitFor();
  const own = mod.locator('li.format-row', { hasText: 'Unser Qualitätszirkel' });
  await own.getByText(/eigenes Format, Version 1/).waitFor();
  await mod.locator('li[data-format="qualitaetszirkel"]', { hasText: 'Qualitätszirkel' }).getByText('mitgeliefert').waitFor();

  await mod.getByRole('navigation', { name: 'Bereiche des Teams' }).getByRole('link', { name: 'Start' }).click();
  await mod.getByLabel(/Unser Qualitätszirkel/).check();
  await mod.locator('#case-code').fill('FALL-2026-90');
  await mod.getByRole('button', { name: 'Sitzung anlegen' }).click();
  await mod.locator('.invite-code').waitFor();
  await mod.getByText('Unser Qualitätszirkel').first().waitFor();
  await screenshot(mod, 'team-format-room');
});
