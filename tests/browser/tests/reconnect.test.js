// A participant's connection breaks in the middle of a step. What they type meanwhile is kept,
// sent after the resume and arrives exactly once for everyone – also when the server got the
// command but its answer was lost on the way back.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { step } from '../support/steps.js';
import { startServer } from '../support/server.js';
import { startProxy } from '../support/proxy.js';
import { launchBrowser, openPerson, screenshot } from '../support/browser.js';
import { createSession, joinSession, person, expectStep, nextStep, addCard, cards, expectCardEverywhere, expectScreenIsServerState } from '../support/ui.js';

let server;
let proxy;
let browser;
let mod;
let pres;
let part;
let everyone;
let partSockets;
let formatKey;
const category = 'was_taete_gut';

before(async () => {
  server = await startServer('reconnect');
  proxy = await startProxy(server.port);
  browser = await launchBrowser();
  mod = await openPerson(browser, server.baseUrl);
  pres = await openPerson(browser, server.baseUrl);
  part = await openPerson(browser, proxy.url);
  partSockets = recordSockets(part);
  everyone = [mod, pres, part];
});

after(async () => {
  await browser?.close();
  await proxy?.close();
  await server?.stop();
});

async function tabTo(page, predicate, what) {
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(predicate)) return;
  }
  assert.fail(`${what} cannot be reached with the Tab key`);
}

// Joining with the keyboard alone: Tab to the fields, type, Enter.
async function joinByKeyboard(page, invite, name) {
  await tabTo(page, () => document.activeElement?.id === 'invite-code', 'the invitation code field');
  await page.keyboard.type(invite);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'joiner-name');
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await page.locator('.room').waitFor();
}

// The confirmation dialog takes the focus, so Enter confirms and Escape would cancel.
async function nextStepByKeyboard(page) {
  await tabTo(page, () => /Nächster Schritt/.test(document.activeElement?.textContent ?? ''), 'the next-step button');
  await page.keyboard.press('Enter');
  await page.locator('#confirm-dialog[open]').waitFor();
  assert.match(await page.evaluate(() => document.activeElement?.textContent), /Ja, weiter/);
  await page.keyboard.press('Enter');
}

// Every WebSocket a page opens, with the frames each way: what does a resume cost?
function recordSockets(page) {
  const sockets = [];
  const waiting = [];
  page.on('websocket', (ws) => {
    const socket = { sent: [], received: [] };
    sockets.push(socket);
    ws.on('framesent', (f) => socket.sent.push(JSON.parse(String(f.payload))));
    ws.on('framereceived', (f) => {
      const frame = JSON.parse(String(f.payload));
      socket.received.push(frame);
      if (frame.type === 'welcome') for (const resolve of waiting.splice(0)) resolve(socket);
    });
  });
  return { sockets, nextWelcome: () => new Promise((resolve) => waiting.push(resolve)) };
}

const types = (frames) => frames.map((f) => f.type);

const pending = (page) => page.locator(`[data-column="${category}"] .card.pending`);

step('set up: three people reach step 5 (joining and the first step change by keyboard alone)', async () => {
  const invite = await createSession(mod, { caseCode: 'JC 2026/4' });
  await joinByKeyboard(pres, invite, 'Fallmanagerin F.');
  await joinSession(part, invite, 'Kollege K.');
  await person(mod, 'Fallmanagerin F.').getByRole('button', { name: /Als Fallverantwortliche/ }).click();
  await mod.getByRole('button', { name: 'Sitzung beginnen' }).click();
  await expectStep(everyone, 1, 'Fallvorstellung');
  await nextStepByKeyboard(mod);
  await expectStep(everyone, 2, 'Beratungsfrage');
  for (const [n, title] of [[3, 'Diskussion'], [4, 'Unzensierte'], [5, 'Was braucht der Klient']]) {
    await nextStep(mod, everyone, n, title);
  }
  await expectScreenIsServerState(everyone);
});

step('a card typed while the connection is down is kept, shown as waiting, and arrives once', async () => {
  proxy.cut();
  await part.locator('[data-connection="reconnecting"]').waitFor();
  await person(mod, 'Kollege K.').filter({ hasText: 'nicht verbunden' }).waitFor();
  await addCard(part, category, 'Offline geschrieben: eine feste Tagesstruktur');
  await pending(part).filter({ hasText: 'feste Tagesstruktur' }).waitFor();
  await part.locator('[data-queued="1"]').waitFor();
  assert.equal(await cards(mod, category, 'feste Tagesstruktur').count(), 0, 'nothing can have arrived yet');
  await screenshot(part, 'reconnect-offline-participant');

  const resumed = partSockets.nextWelcome();
  proxy.restore();
  await part.locator('[data-connection="online"]').waitFor();
  await expectCardEverywhere(everyone, category, 'feste Tagesstruktur');
  await pending(part).waitFor({ state: 'detached' });
  await person(mod, 'Kollege K.').filter({ hasText: 'online' }).waitFor();

  // The step texts came once, before the first welcome; the resume names them and gets none.
  const joined = partSockets.sockets.find((socket) => types(socket.received).includes('welcome'));
  const key = joined.received.find((f) => f.type === 'welcome').state.template_key;
  formatKey = key;
  assert.deepEqual(types(joined.received).slice(0, 2), ['format', 'welcome']);
  assert.equal(joined.received[0].format.key, key);
  const socket = await resumed;
  assert.equal(socket.sent[0].type, 'resume');
  assert.deepEqual(socket.sent[0].known_templates, [key]);
  assert.equal(types(socket.received).filter((t) => t === 'format').length, 0, 'no second copy of the steps');
  await expectStep([part], 5, 'Was braucht der Klient');
  await expectScreenIsServerState(everyone);
});

step('a command whose acknowledgement was lost is resent and not applied twice', async () => {
  proxy.deafen();
  await addCard(part, category, 'Antwort verloren: Nachbarschaftshilfe');
  // The server has applied it (the others see it), but the participant never heard back.
  await cards(mod, category, 'Nachbarschaftshilfe').waitFor();
  await pending(part).filter({ hasText: 'Nachbarschaftshilfe' }).waitFor();
  proxy.cut();
  await part.locator('[data-connection="reconnecting"]').waitFor();
  proxy.restore();
  await part.locator('[data-connection="online"]').waitFor();
  await pending(part).waitFor({ state: 'detached' });
  // Events arrive in order: once this later card is everywhere, a duplicate would be there too.
  await addCard(mod, category, 'Kontrollkarte der Moderation');
  await expectCardEverywhere(everyone, category, 'Kontrollkarte');
  await expectCardEverywhere(everyone, category, 'Nachbarschaftshilfe');
  await expectCardEverywhere(everyone, category, 'feste Tagesstruktur');
  await expectScreenIsServerState(everyone);
});

step('a card queued during an outage survives a reload and is sent once the server is back', async () => {
  proxy.httpOnly();
  await part.locator('[data-connection="reconnecting"]').waitFor();
  await addCard(part, category, 'Vor dem Neuladen geschrieben');
  await pending(part).filter({ hasText: 'Vor dem Neuladen' }).waitFor();
  await part.reload();
  await part.locator('[data-connection="reconnecting"]').waitFor();
  // The room comes back from the tab's last snapshot, the waiting card in it.
  await pending(part).filter({ hasText: 'Vor dem Neuladen' }).waitFor();
  await screenshot(part, 'reconnect-reloaded-offline-participant');
  proxy.restore();
  await part.locator('[data-connection="online"]').waitFor();
  await expectCardEverywhere(everyone, category, 'Vor dem Neuladen geschrieben');
  await pending(part).waitFor({ state: 'detached' });
  await expectScreenIsServerState(everyone);
});

step('a reload resumes as the same person, with text not yet sent still in the field', async () => {
  await part.locator(`[data-column="${category}"] textarea`).fill('Noch nicht abgeschickt');
  const resumed = partSockets.nextWelcome();
  await part.reload();
  await part.locator('[data-connection="online"]').waitFor();
  // The step texts survive the reload too: the resume names them and none are sent again.
  const socket = await resumed;
  assert.deepEqual(socket.sent[0].known_templates, [formatKey]);
  assert.equal(types(socket.received).filter((t) => t === 'format').length, 0);
  await expectStep([part], 5, 'Was braucht der Klient');
  await person(part, 'Kollege K. (Sie)').waitFor();
  assert.equal(await part.locator(`[data-column="${category}"] textarea`).inputValue(), 'Noch nicht abgeschickt');
  await expectCardEverywhere([part], category, 'Nachbarschaftshilfe');
  assert.equal(await mod.locator('.person').count(), 3, 'the reload did not join a fourth person');
  await expectScreenIsServerState(everyone);
});

step('a queued card the server refuses after the resume (the step moved on) is shown with its text', async () => {
  proxy.cut();
  await part.locator('[data-connection="reconnecting"]').waitFor();
  await addCard(part, category, 'Zu spät für diesen Schritt');
  await nextStep(mod, [mod, pres], 6, 'Was wird konkret gebraucht?');
  proxy.restore();
  await expectStep([part], 6, 'Was wird konkret gebraucht?');
  const notice = part.getByRole('alert').filter({ hasText: 'Nicht übernommen' });
  await notice.filter({ hasText: 'Zu spät für diesen Schritt' }).waitFor();
  // Nothing left waiting. The notice is drawn at once, the top bar with the next frame: waited
  // for, not read in between (it read 1 now and then under load).
  await part.locator('[data-queued]').waitFor({ state: 'detached' });
  await screenshot(part, 'reconnect-refused-participant');
  // The refusal answered step 6; once the session moves on it explains nothing and goes by itself.
  await nextStep(mod, everyone, 7, 'Lücken im Hilfesystem');
  await notice.waitFor({ state: 'detached' });
  await expectScreenIsServerState(everyone);
});

step('offline, the moderator\'s steering buttons rest (nothing is queued to fire later); cards can still be written', async () => {
  await mod.context().setOffline(true);
  await mod.locator('[data-connection="offline"]').waitFor();
  await mod.locator('[data-offline="true"]', { hasText: 'Keine Verbindung' }).waitFor();
  for (const name of [/Nächster Schritt/, 'Vorheriger Schritt', 'Pause', '+5 Minuten', 'Sitzung beenden']) {
    assert.ok(await mod.getByRole('button', { name, exact: typeof name === 'string' }).isDisabled(), `"${name}" is disabled offline`);
  }
  assert.ok(await mod.locator('[data-column="fehlt"]').getByRole('button', { name: 'Karte hinzufügen' }).isEnabled(), 'cards may still be written');
  assert.equal(await mod.locator('[data-queued]').count(), 0, 'nothing waiting to be sent');
  await mod.context().setOffline(false);
  await mod.locator('[data-connection="online"]').waitFor();
  assert.ok(await mod.getByRole('button', { name: /Nächster Schritt/ }).isEnabled(), 'back online, the flow can go on');
  await expectStep([mod], 7, 'Lücken im Hilfesystem');
  await expectScreenIsServerState(everyone);
});

step('the browser going offline is shown at once, and coming back online clears it', async () => {
  await part.context().setOffline(true);
  await part.locator('[data-connection="offline"]', { hasText: 'offline' }).waitFor();
  await person(part, 'Moderatorin M.').filter({ hasText: 'Status unbekannt' }).waitFor();
  await part.context().setOffline(false);
  await part.locator('[data-connection="online"]', { hasText: 'verbunden' }).waitFor();
  await addCard(part, 'fehlt', 'Nach dem Offline-Sein geschrieben');
  await expectCardEverywhere(everyone, 'fehlt', 'Nach dem Offline-Sein geschrieben');
  await expectScreenIsServerState(everyone);
  for (const page of everyone) assert.deepEqual(page.errors, [], 'no script errors');
});
