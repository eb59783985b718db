// The English switch (UI strings, the method's texts and the server's rejection messages) and
// the projector view in a second tab of the moderator's browser.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { step } from '../support/steps.js';
import { startServer } from '../support/server.js';
import { launchBrowser, openPerson, screenshot } from '../support/browser.js';
import { joinSession, person, expectStep, nextStep, addCard, expectCardEverywhere, confirmDialog, fontSize, expectScreenIsServerState } from '../support/ui.js';

let server;
let browser;
let mod;
let pres;
let projector;

before(async () => {
  server = await startServer('language_projector');
  browser = await launchBrowser();
  mod = await openPerson(browser, server.baseUrl);
  pres = await openPerson(browser, server.baseUrl);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

step('one click switches the start page to English, and the server\'s refusal comes in English', async () => {
  await mod.getByRole('heading', { name: 'Sitzung beginnen oder beitreten' }).waitFor();
  await mod.getByRole('button', { name: 'Switch to English' }).click();
  await mod.getByRole('heading', { name: 'Start or join a session' }).waitFor();
  assert.equal(await mod.locator('html').getAttribute('lang'), 'en');
  await mod.getByText('No client names, please.').waitFor();
  await mod.getByText('Quality circle', { exact: true }).waitFor();
  await mod.locator('#case-code').fill('Max Mustermann');
  await mod.locator('#creator-name').fill('Moderator M.');
  await mod.getByRole('button', { name: 'Create session' }).click();
  await mod.getByRole('alert').filter({ hasText: 'The case code must be a pseudonym' }).waitFor();
  assert.equal(await mod.locator('#creator-name').inputValue(), 'Moderator M.', 'the form keeps what was typed');
});

step('the room in English for one person while the other keeps German', async () => {
  await mod.locator('#case-code').fill('FALL-2026-99');
  await mod.getByRole('button', { name: 'Create session' }).click();
  const invite = (await mod.locator('.invite-code').textContent()).trim();
  await mod.getByRole('heading', { name: 'Before the start' }).waitFor();
  await joinSession(pres, invite, 'Fallmanagerin F.');
  await pres.getByRole('heading', { name: 'Vor dem Beginn' }).waitFor();
  await person(mod, 'Fallmanagerin F.').getByRole('button', { name: /Make presenting case manager/ }).click();
  await mod.getByRole('button', { name: 'Start the session' }).click();
  await mod.locator('#step-title', { hasText: 'Case presentation' }).waitFor();
  await mod.getByRole('heading', { name: /Hint for the moderator/ }).waitFor();
  await mod.getByText('The case manager responsible presents the case').waitFor();
  await screenshot(mod, 'step1-moderator-english');
  await expectStep([pres], 1, 'Fallvorstellung');
  await mod.reload();
  await mod.locator('#step-title', { hasText: 'Case presentation' }).waitFor();
  await mod.getByRole('button', { name: 'Auf Deutsch umschalten' }).click();
  await expectStep([mod], 1, 'Fallvorstellung');
  await mod.getByRole('heading', { name: /Hinweis für die Moderation/ }).waitFor();
  await expectScreenIsServerState([mod, pres]);
});

step('projector view in a second window of the moderator: large timer, current step and board, nothing to click', async () => {
  // A context of its own is a window of its own (a tab would hide the moderator's room), with the
  // moderator's stored session, as on a laptop that drives the projector.
  const wall = await browser.newContext({ storageState: await mod.context().storageState(), viewport: { width: 1280, height: 800 } });
  projector = await wall.newPage();
  projector.errors = [];
  projector.on('pageerror', (e) => projector.errors.push(e.message));
  // As openPerson does: the wall keeps its state from the pushed patches, too.
  projector.sentFrames = [];
  projector.on('websocket', (ws) => ws.on('framesent', (f) => projector.sentFrames.push(String(f.payload))));
  await projector.goto(`${server.baseUrl}/#projector`);
  await projector.locator('.projector h1', { hasText: 'Fallvorstellung' }).waitFor();
  const timer = projector.locator('.timer.large .timer-value');
  assert.match(await timer.textContent(), /^\d+:\d\d$/);
  const size = await fontSize(projector, '.timer.large .timer-value');
  assert.ok(size >= 80, `timer readable from the back row (font-size ${size}px)`);
  assert.equal(await projector.locator('textarea, input, select').count(), 0, 'no forms on the wall');
  assert.equal(await projector.getByRole('button', { name: /Nächster Schritt/ }).count(), 0);
  assert.equal(await projector.locator('.moderator-hint').count(), 0, 'the moderator hint stays off the wall');

  for (const [n, title] of [[2, 'Beratungsfrage'], [3, 'Diskussion'], [4, 'Unzensierte']]) await nextStep(mod, [mod, pres], n, title);
  await projector.locator('.projector h1', { hasText: 'Unzensierte Einfälle' }).waitFor();
  await addCard(pres, 'staerken', 'Humor, auch in Krisen');
  await expectCardEverywhere([mod, pres, projector], 'staerken', 'Humor');
  const cardSize = await fontSize(projector, '.card-text');
  assert.ok(cardSize >= 26, `cards readable from afar (font-size ${cardSize}px)`);
  await screenshot(projector, 'projector-step4');
  await expectScreenIsServerState([mod, pres, projector]);
});

step('leaving the projector view returns to the room', async () => {
  await projector.getByRole('button', { name: 'Projektor-Ansicht verlassen' }).click();
  await projector.locator('.room #step-title', { hasText: 'Unzensierte' }).waitFor();
  await projector.getByRole('button', { name: 'Projektor-Ansicht' }).click();
  await projector.locator('.projector').waitFor();
  await mod.getByRole('button', { name: 'Sitzung beenden' }).click();
  await confirmDialog(mod, 'Ja, beenden');
  await projector.getByRole('heading', { name: 'Die Sitzung ist beendet' }).waitFor();
  await expectScreenIsServerState([mod, pres, projector]);
  for (const page of [mod, pres, projector]) assert.deepEqual(page.errors, [], 'no script errors');
});
