// Issue #15: a session ends without approved minutes. A participant the moderator removed earlier
// is sent away at once and cannot get back in (not by reload, not with the code). After the end
// each participant is told the moderator is reviewing the minutes, with the start page as a way
// on, also after a reload; one goes there. The moderator discards the minutes with a reason, and
// those still there read why.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { step } from '../support/steps.js';
import { startServer } from '../support/server.js';
import { launchBrowser, openPerson, screenshot } from '../support/browser.js';
import { logIn, createSession, joinSession, person, nextStep, expectStep, confirmDialog, expectScreenIsServerState } from '../support/ui.js';

const password = 'Verwerfen-Passwort-2026';
const endedText = 'Die Sitzung ist beendet. Die Moderation prüft das Protokoll.';
const discardReason = 'Probelauf zur Einarbeitung, bitte nicht archivieren.';
const removedText = 'Sie wurden von der Moderation aus dieser Sitzung entfernt.';
let server;
let browser;
let mod;
let fiona;
let paul;
let rita;
let invite;

const storedRoom = (page) => page.evaluate(() => localStorage.getItem('casecircle.session'));

before(async () => {
  server = await startServer('end_unapproved', { openRooms: false });
  server.createUser({ username: 'mona', password, team: 'ASD Süd', role: 'moderator', displayName: 'Mona Moderatorin' });
  server.createUser({ username: 'fiona', password, team: 'ASD Süd', role: 'member', displayName: 'Fiona Fallmanagerin' });
  server.createUser({ username: 'paul', password, team: 'ASD Süd', role: 'member', displayName: 'Paul Kollege' });
  server.createUser({ username: 'rita', password, team: 'ASD Süd', role: 'member', displayName: 'Rita Irrtum' });
  browser = await launchBrowser();
  [mod, fiona, paul, rita] = await Promise.all([1, 2, 3, 4].map(() => openPerson(browser, server.baseUrl)));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

step('a team session starts with three members', async () => {
  for (const [page, user] of [[mod, 'mona'], [fiona, 'fiona'], [paul, 'paul'], [rita, 'rita']]) {
    await logIn(page, user, password);
    await page.locator('.account-name').waitFor();
  }
  invite = await createSession(mod, { caseCode: 'FALL-2026-505', title: 'Probelauf' });
  for (const page of [fiona, paul, rita]) await joinSession(page, invite);
  await person(mod, 'Fiona Fallmanagerin').getByRole('button', { name: /Als Fallverantwortliche/ }).click();
  await person(mod, 'Fiona Fallmanagerin').filter({ hasText: 'Fallverantwortliche/r' }).waitFor();
  await mod.getByRole('button', { name: 'Sitzung beginnen' }).click();
  await expectStep([mod, fiona, paul, rita], 1, 'Fallvorstellung');
  // Only the moderator has the tools for people, and not for herself.
  assert.equal(await paul.locator('[data-action="remove-person"], [data-action="hand-over"]').count(), 0);
  assert.equal(await person(mod, 'Mona Moderatorin').locator('[data-action="remove-person"]').count(), 0);
  await expectScreenIsServerState([mod, fiona, paul, rita]);
});

step('the moderator removes a participant; she is sent away at once and cannot get back in', async () => {
  await person(mod, 'Rita Irrtum').getByRole('button', { name: 'Aus der Sitzung entfernen' }).click();
  await mod.locator('#confirm-dialog').getByText('Rita Irrtum aus der Sitzung entfernen?').waitFor();
  await confirmDialog(mod, 'Ja, entfernen');
  await rita.locator('[data-farewell="removed_from_session"]').getByText(removedText).waitFor();
  assert.equal(await rita.locator('.room').count(), 0, 'the room is gone from her screen');
  assert.equal(await storedRoom(rita), null, 'her stored credentials are cleared');
  await screenshot(rita, 'removed-participant');
  await person(mod, 'Rita Irrtum').waitFor({ state: 'detached' });
  await rita.reload();
  await rita.getByRole('heading', { name: 'Einer Sitzung beitreten' }).waitFor();
  assert.equal(await rita.locator('.room, [data-farewell]').count(), 0, 'a reload does not bring her back');
  // With the code she is refused the same way, calmly.
  await rita.locator('#invite-code').fill(invite);
  await rita.getByRole('button', { name: 'Beitreten' }).click();
  await rita.getByRole('alert').filter({ hasText: removedText }).waitFor();
  assert.equal(await rita.locator('.room').count(), 0);
  await nextStep(mod, [mod, fiona, paul], 2, 'Beratungsfrage');
  assert.equal(await rita.locator('.room').count(), 0, 'she never reconnects by herself');
  await expectScreenIsServerState([mod, fiona, paul]);
});

step('moderation is handed over and back; the old moderator\'s screen is a participant\'s at once', async () => {
  await person(mod, 'Paul Kollege').getByRole('button', { name: 'Moderation übergeben' }).click();
  await mod.locator('#confirm-dialog').getByText('Moderation an Paul Kollege übergeben? Sie werden dann Teilnehmende/r.').waitFor();
  await confirmDialog(mod, 'Ja, übergeben');
  await paul.getByRole('button', { name: /Nächster Schritt/ }).waitFor();
  await person(mod, 'Mona Moderatorin').filter({ hasText: 'Teilnehmende/r' }).waitFor();
  for (const gone of ['.panel.controls', '.moderator-hint', '[data-action="hand-over"]', '[data-action="remove-person"]']) {
    assert.equal(await mod.locator(gone).count(), 0, `no ${gone} for the former moderator`);
  }
  await screenshot(mod, 'handed-over-former-moderator');
  await person(paul, 'Mona Moderatorin').getByRole('button', { name: 'Moderation übergeben' }).click();
  await confirmDialog(paul, 'Ja, übergeben');
  await mod.getByRole('button', { name: /Nächster Schritt/ }).waitFor();
  await paul.locator('.panel.controls').waitFor({ state: 'detached' });
  await expectScreenIsServerState([mod, fiona, paul]);
});

step('the moderator ends without approving; participants are told, with a way on, also after a reload', async () => {
  await mod.getByRole('button', { name: 'Sitzung beenden' }).click();
  await confirmDialog(mod, 'Ja, beenden');
  for (const page of [fiona, paul]) {
    await page.locator('[data-closed="ended"]').getByText(endedText).waitFor();
    await page.getByRole('button', { name: 'Zur Startseite' }).waitFor();
    assert.equal(await page.locator('.minutes').count(), 0, 'no draft for participants');
  }
  await mod.locator('.minutes .draft-note').waitFor();
  await mod.getByRole('button', { name: 'Protokoll freigeben' }).waitFor();
  await mod.getByRole('button', { name: 'Protokoll verwerfen' }).waitFor();
  await screenshot(mod, 'ended-moderator-review');
  await screenshot(paul, 'ended-participant');
  await paul.reload();
  await paul.locator('[data-closed="ended"]').getByText(endedText).waitFor();
  await mod.reload();
  await mod.getByRole('button', { name: 'Protokoll verwerfen' }).waitFor();
  await mod.locator('.minutes .draft-note').waitFor();
  await expectScreenIsServerState([mod, fiona, paul]);
});

step('a participant goes to the start page; the room is forgotten', async () => {
  await paul.getByRole('button', { name: 'Zur Startseite' }).click();
  await paul.getByRole('heading', { name: 'Einer Sitzung beitreten' }).waitFor();
  assert.equal(await storedRoom(paul), null);
  await paul.reload();
  await paul.getByRole('heading', { name: 'Einer Sitzung beitreten' }).waitFor();
  assert.equal(await paul.locator('[data-closed]').count(), 0);
  await expectScreenIsServerState([mod, fiona]);
});

step('the moderator discards the minutes with a reason; those still there read it', async () => {
  await mod.getByRole('button', { name: 'Protokoll verwerfen' }).click();
  await mod.locator('#discard-missing', { hasText: 'Bitte geben Sie einen Grund an.' }).waitFor();
  assert.equal(await mod.locator('#confirm-dialog[open]').count(), 0, 'no confirmation without a reason');
  await mod.getByLabel('Grund (nötig)').fill(discardReason);
  await mod.getByRole('button', { name: 'Protokoll verwerfen' }).click();
  await mod.locator('#confirm-dialog').getByText('kann danach nicht mehr freigegeben werden').waitFor();
  await confirmDialog(mod, 'Ja, verwerfen');
  for (const page of [mod, fiona]) {
    await page.locator('[data-closed="discarded"]').getByText(`Das Protokoll wurde verworfen: ${discardReason}`).waitFor();
    await page.getByRole('button', { name: 'Zur Startseite' }).waitFor();
  }
  assert.equal(await mod.getByRole('button', { name: 'Protokoll freigeben' }).count(), 0, 'discarded minutes are not approved');
  await fiona.reload();
  await fiona.locator('[data-closed="discarded"]').getByText(discardReason).waitFor();
  await screenshot(fiona, 'discarded-participant');
  await fiona.getByRole('button', { name: 'Zur Startseite' }).click();
  await fiona.getByRole('heading', { name: 'Einer Sitzung beitreten' }).waitFor();
  assert.equal(await storedRoom(fiona), null);
  await expectScreenIsServerState([mod]);
  for (const page of [mod, fiona, paul, rita]) assert.deepEqual(page.errors, [], 'no script errors');
});
