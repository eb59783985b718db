// Issue #20: minutes people can trust. A real name typed on a colleague's card is shown to the
// moderator before approval, redacted with a reason, and is then absent from the approved
// minutes and every export, where the redaction is listed; after approval a moderator adds a
// signed, dated addendum in the browser, shown with the minutes and in the exports.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { step } from '../support/steps.js';
import { startServer } from '../support/server.js';
import { launchBrowser, openPerson, screenshot } from '../support/browser.js';
import { openSocket } from '../support/socket.js';
import { logIn, createSession, confirmDialog } from '../support/ui.js';

const password = 'Moderation-geheim-26';
const team = 'ASD Nord';
const realName = 'Helga Krause';
const addendum = 'Nachtrag: Termin bei der Schuldnerberatung ist vereinbart.';
let server;
let browser;
let mod;
let fiona;
let roomId;

before(async () => {
  server = await startServer('redaction', { openRooms: false });
  server.createUser({ username: 'mona', password, team, role: 'moderator', displayName: 'Mona Moderatorin' });
  server.createUser({ username: 'fiona', password, team, role: 'member', displayName: 'Fiona Fallmanagerin' });
  browser = await launchBrowser();
  [mod, fiona] = await Promise.all([1, 2].map(() => openPerson(browser, server.baseUrl)));
  await Promise.all([logIn(mod, 'mona', password), logIn(fiona, 'fiona', password)]);
  for (const page of [mod, fiona]) await page.locator('.account-name').waitFor();
  await mod.getByRole('navigation', { name: 'Bereiche des Teams' }).getByRole('link', { name: 'Termine' }).waitFor();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// The text of one export of the approved minutes, fetched with the moderator's login.
function exported(kind) {
  return mod.evaluate(async ([room, ext]) => {
    const answer = await fetch(`/api/minutes/${encodeURIComponent(room)}/export.${ext}`);
    return `${answer.status} ${await answer.text()}`;
  }, [roomId, kind]);
}

step('a card naming a real person reaches the draft and is shown to the moderator', async () => {
  const invite = await createSession(mod, { caseCode: 'FALL-2026-88' });
  const stored = await mod.evaluate(() => JSON.parse(localStorage.getItem('casecircle.session')));
  roomId = stored.room_id;
  // The session itself runs over the wire (PROTOCOL.md); the moderator's screen follows it.
  const m = await openSocket(mod);
  await m.enter({ type: 'resume', token: stored.token, last_seq: 0 });
  const f = await openSocket(fiona);
  const joined = await f.enter({ type: 'join', invite, name: 'Fiona Fallmanagerin' });
  await m.command('assign_role', { participant_id: joined.participant_id, role: 'presenter' });
  await m.command('start');
  for (let n = 2; n <= 4; n++) await m.command('next_step');
  await f.command('add_card', { category: 'staerken', text: `Die Nachbarin ${realName} kauft für ihn ein` });
  await f.command('add_card', { category: 'schwaechen', text: 'Schulden seit Jahren' });
  await m.command('end');
  await m.close();
  await f.close();

  const found = mod.locator('.identifying-list li[data-target="card:c1"]');
  await found.waitFor();
  assert.match(await found.textContent(), /Vor- und Nachname „Helga Krause“ in: Karte c1/);
  await mod.locator('.minutes', { hasText: realName }).waitFor();
  await screenshot(mod, 'draft-review');
});

step('the moderator redacts it with a reason; the draft lists the change and no longer the name', async () => {
  await mod.locator('.identifying-list li[data-target="card:c1"]').getByRole('button', { name: 'Schwärzen' }).click();
  const reason = mod.locator('#confirm-field');
  await reason.waitFor();
  await reason.fill('Name einer Nachbarin');
  await confirmDialog(mod, 'Schwärzen');
  await mod.locator('.draft-review .changes-list li[data-target="card:c1"]', { hasText: 'Name einer Nachbarin' }).waitFor();
  await mod.locator('.identifying-list').waitFor({ state: 'detached' });
  assert.equal(await mod.locator('.minutes', { hasText: realName }).count(), 0, 'the draft no longer shows the name');
  await mod.locator('.minutes li', { hasText: '[geschwärzt]' }).first().waitFor();
});

step('approval asks for the last look at the changes first', async () => {
  await mod.getByRole('button', { name: 'Protokoll freigeben' }).click();
  await mod.locator('#changes-seen-missing').waitFor({ state: 'visible' });
  await mod.getByLabel('Ich habe die 1 Änderung(en) durchgesehen.').check();
  await mod.getByRole('button', { name: 'Protokoll freigeben' }).click();
  await confirmDialog(mod, 'Ja, freigeben');
  await mod.locator('.minutes [data-approved="true"]').waitFor();
});

step('the approved minutes and every export are free of the name and list the redaction', async () => {
  await mod.locator('[data-action="to-start"]').click();
  await mod.evaluate((room) => { location.hash = `#/protokoll/${encodeURIComponent(room)}`; }, roomId);
  const minutes = mod.locator('.minutes-page .minutes');
  await minutes.locator('.changes-list li', { hasText: 'Name einer Nachbarin' }).waitFor();
  assert.ok(!(await minutes.textContent()).includes(realName), 'the archive shows no name');
  for (const kind of ['md', 'html', 'json', 'csv']) {
    const text = await exported(kind);
    assert.match(text, /^200 /, `export.${kind}`);
    assert.ok(!text.includes(realName) && !text.includes('Krause'), `export.${kind} carries no name`);
    assert.ok(/\\?\[geschwärzt\\?\]/.test(text), `export.${kind} shows the redacted card`);
  }
  assert.match(await exported('md'), /Geschwärzt: Karte c1 — Mona Moderatorin, .*Grund: Name einer Nachbarin/);
});

step('a moderator adds an addendum in the browser; it shows with the minutes and in the exports', async () => {
  await mod.getByRole('button', { name: 'Nachtrag hinzufügen' }).click();
  await mod.locator('.addendum-form .form-status', { hasText: 'Bitte schreiben Sie den Nachtrag.' }).waitFor();
  await mod.locator('#addendum-text').fill(addendum);
  await mod.getByRole('button', { name: 'Nachtrag hinzufügen' }).click();
  const shown = mod.locator('.minutes-page .addenda-list li', { hasText: addendum });
  await shown.waitFor();
  assert.match(await shown.textContent(), /^Mona Moderatorin, /);
  for (const kind of ['md', 'html', 'json', 'csv']) assert.ok((await exported(kind)).includes(addendum), `export.${kind} has the addendum`);
  await screenshot(mod, 'approved-with-addendum');
});
