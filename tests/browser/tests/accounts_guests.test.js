// Accounts and guests in the browser (issue #6): a moderator logs in (first with a wrong password),
// switches between her teams, opens a team session and creates a guest link; an external expert
// joins with it in another browser once the presenting moderator has confirmed the client's consent.
// The server runs without open rooms, so a session needs a login.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { step } from '../support/steps.js';
import { startServer } from '../support/server.js';
import { launchBrowser, openPerson, screenshot } from '../support/browser.js';
import { logIn, person, expectScreenIsServerState } from '../support/ui.js';

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
  // The server has no open rooms: the form that can only fail is no longer offered.
  await mod.locator('[data-create="not-offered"]', { hasText: 'nach der Anmeldung' }).waitFor();
  assert.equal(await mod.locator('#case-code').count(), 0, 'no create form without a login');
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
  assert.equal(await mod.locator('#case-code').count(), 0, 'no create fields for a team one does not moderate');
  await mod.getByRole('navigation', { name: 'Bereiche des Teams' }).getByRole('link', { name: 'Zugriffsprotokoll' }).waitFor();
  await select.selectOption({ label: 'ASD Nord (Moderation)' });
  await mod.getByText('Die Sitzung gehört dem Team „ASD Nord“.').waitFor();
  assert.equal(await mod.getByRole('link', { name: 'Zugriffsprotokoll' }).count(), 0, 'a moderator sees no audit trail');
});

step('the moderator opens a team session and creates a one-time guest link', async () => {
  await mod.locator('#format-fallkonferenz').check();
  await mod.locator('#case-code').fill('FALL-2026-31');
  // Logged in, nobody types their name: the account's is used.
  assert.equal(await mod.locator('#creator-name, #joiner-name').count(), 0, 'no name fields when logged in');
  await mod.locator('[data-account-name="Mona Moderatorin"]').first().waitFor();
  await mod.getByRole('button', { name: 'Sitzung anlegen' }).click();
  await mod.locator('.invite-code').waitFor();
  // Guests are let in only after the consent, so it can be confirmed before the first arrives.
  await mod.locator('.consent', { hasText: 'Sie werden erst eingelassen' }).locator('#consent-check').waitFor();
  await mod.getByRole('button', { name: 'Gast-Link erstellen' }).click();
  const field = mod.getByLabel('Gast-Link', { exact: true });
  await field.waitFor();
  guestLink = await field.inputValue();
  assert.match(guestLink, /^http:\/\/127\.0\.0\.1:\d+\/#\/gast\/[A-Za-z0-9_-]{16,}$/);
  await mod.getByText('Der Link funktioniert nur einmal und läuft nach 48 Stunden ab.').waitFor();
  await mod.getByRole('button', { name: 'Kopieren' }).last().waitFor();
  await expectScreenIsServerState([mod]);
});

// Who invited the guest comes from GET /api/guest-invitations/{invitation}. Where this server does
// not answer it yet (404 before the colleague's change), the answer it will give is put in.
async function inviterAnswer(route) {
  const response = await route.fetch();
  if (response.status() === 200) return route.fulfill({ response });
  return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({
    team_name: 'ASD Nord', format: 'fallkonferenz', invited_by: 'Mona Moderatorin', expires_at: new Date(Date.now() + 47 * 3600000).toISOString() }) });
}

// The server refuses a guest with consent_missing until the presenter has confirmed the consent.
// This session lets the guest in before that, so the first guest_join is refused here, as that
// server would; later ones reach the server.
function refuseFirstGuestJoin(page, refusals) {
  return page.routeWebSocket(/\/ws(\?|$)/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const frame = JSON.parse(String(message));
      if (frame.type === 'guest_join' && refusals.count === 0) {
        refusals.count += 1;
        ws.send(JSON.stringify({ type: 'rejected', code: 'consent_missing', message: 'Externe Gäste nehmen teil: …', message_en: 'Guests take part: …' }));
        return;
      }
      server.send(message);
    });
  });
}

step('a guest opens the link in another browser, reads who invited them and what it means, waits for the consent and joins as expert', async () => {
  const refusals = { count: 0 };
  guest = await openPerson(browser, guestLink, undefined, async (page) => {
    await page.route('**/api/guest-invitations/*', inviterAnswer);
    await refuseFirstGuestJoin(page, refusals);
  });
  await guest.getByRole('heading', { name: 'Als Gast an einer Fallberatung teilnehmen' }).waitFor();
  await guest.locator('[data-invited]', { hasText: 'Team ASD Nord lädt Sie zu einer Sitzung im Format Fallkonferenz / Runder Tisch ein (eingeladen von Mona Moderatorin).' }).waitFor();
  await guest.getByText('sehen kein Archiv').waitFor();
  assert.equal(await guest.getByRole('heading', { name: 'Anmelden' }).count(), 0, 'a guest needs no account');
  await screenshot(guest, 'guest-join');
  await guest.getByLabel('Ihr Name').fill('Dr. Gast (Suchtberatung)');
  await guest.getByRole('button', { name: 'Sitzung betreten' }).click();
  await guest.locator('[data-waiting="consent"]', { hasText: 'Die Fallverantwortliche muss noch bestätigen, dass die Klientin einverstanden ist. Sie werden eingelassen, sobald das geschehen ist.' }).waitFor();
  assert.equal(await guest.getByRole('alert').count(), 0, 'waiting is not an error');
  assert.equal(await guest.locator('.room').count(), 0, 'not let in yet');
  await screenshot(guest, 'guest-waiting-for-consent');
  // The server lets guests in only after the consent (ENGINE.md, join); in a case conference the
  // moderator presents and confirms it. The guest does not click again: the page asks again by
  // itself (every 5 s) and is let in.
  assert.equal(await guest.locator('.room').count(), 0, 'not let in before the consent');
  await mod.getByLabel('Ich bestätige: Die Klientin/der Klient ist einverstanden, dass der Fall mit Personen anderer Organisationen besprochen wird.').check();
  await mod.getByRole('button', { name: 'Einverständnis bestätigen' }).click();
  await mod.locator('[data-consent="given"]', { hasText: 'Einverständnis bestätigt von Mona Moderatorin' }).waitFor();
  await guest.locator('.room').waitFor();
  assert.equal(refusals.count, 1);
  for (const page of [mod, guest]) {
    const entry = person(page, 'Dr. Gast (Suchtberatung)');
    await entry.locator('.badge.guest', { hasText: 'Gast' }).waitFor();
    await entry.locator('.person-role', { hasText: 'Expert/in, Gast' }).waitFor();
  }
  assert.equal(new URL(guest.url()).hash, '', 'the used link is no longer in the address bar');
  assert.equal(await guest.getByRole('button', { name: 'Gast-Link erstellen' }).count(), 0, 'only the moderator invites');
  await expectScreenIsServerState([mod, guest]);
});

step('the same link does not work a second time', async () => {
  let inviterLookup;
  const second = await openPerson(browser, guestLink, undefined, (page) => {
    inviterLookup = page.waitForResponse((r) => r.url().includes('/api/guest-invitations/'));
  });
  // Without an answer about the invitation (this server: 404) the page is shown as before.
  assert.notEqual((await inviterLookup).status(), 200);
  await second.getByRole('heading', { name: 'Als Gast an einer Fallberatung teilnehmen' }).waitFor();
  assert.equal(await second.locator('[data-invited]').count(), 0, 'nothing invented about the inviter');
  await second.getByLabel('Ihr Name').fill('Zweiter Gast');
  await second.getByRole('button', { name: 'Sitzung betreten' }).click();
  await second.getByRole('alert').filter({ hasText: 'Dieser Gast-Link ist ungültig, abgelaufen oder wurde schon benutzt.' }).waitFor();
  assert.equal(await second.locator('.room').count(), 0);
  await second.context().close();
  await expectScreenIsServerState([mod, guest]);
});

step('with the consent confirmed before the guest came, the session starts', async () => {
  for (const page of [mod, guest]) await page.locator('[data-consent="given"]', { hasText: 'Einverständnis bestätigt von Mona Moderatorin' }).waitFor();
  assert.equal(await guest.getByRole('button', { name: 'Einverständnis bestätigen' }).count(), 0, 'only the presenter confirms');
  await mod.locator('#start-note', { hasText: 'Alles bereit' }).waitFor();
  await screenshot(mod, 'lobby-guest-consent');
  await mod.getByRole('button', { name: 'Sitzung beginnen' }).click();
  for (const page of [mod, guest]) await page.locator('.step-bar li[aria-current="step"][data-step="1"]').waitFor();
  await expectScreenIsServerState([mod, guest]);
  assert.deepEqual([...mod.errors, ...guest.errors], []);
});
