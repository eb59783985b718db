// Behind nginx in front of several servers (issue #18) a session is served by one of them and can
// move to another. The browser names the room in its WebSocket URL, asks for the room of an
// invitation code first, follows a room_moved at once and enters again after room_elsewhere –
// calmly, as a reconnect, without an error on the screen. The server side of the move is
// covered by the integration tests; here the page's socket is routed through Playwright, which
// plays the other server's part: it answers an entry with room_elsewhere, or sends room_moved.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { step } from '../support/steps.js';
import { startServer } from '../support/server.js';
import { launchBrowser, openPerson } from '../support/browser.js';
import { createSession, joinSession, person, expectStep, nextStep, addCard, expectCardEverywhere, expectScreenIsServerState } from '../support/ui.js';

let server;
let browser;
let mod;
let part;
let everyone;
const category = 'was_taete_gut';

// Every WebSocket the page opens goes through here: the URLs of the app's entries are recorded,
// the next entries can be answered with room_elsewhere instead of reaching the server, and the
// app's current socket can be told room_moved and closed.
function routeSockets(page) {
  const control = { urls: [], elsewhere: 0, refused: 0, current: null };
  page.control = control;
  return page.routeWebSocket(/\/ws(\?|$)/, (ws) => {
    const upstream = ws.connectToServer();
    ws.onMessage((message) => {
      const frame = JSON.parse(String(message));
      // The app's own entries ask for state patches; the test support's look at the server's
      // state (expectScreenIsServerState) uses sockets of its own, which are left alone.
      const app = ['create', 'join', 'resume'].includes(frame.type) && frame.state_updates === 'patch';
      if (app) {
        control.urls.push(ws.url());
        control.current = { page: ws, upstream };
      }
      if (app && frame.type !== 'create' && control.elsewhere > 0) {
        control.elsewhere -= 1;
        control.refused += 1;
        ws.send(JSON.stringify({ type: 'error', code: 'room_elsewhere', retry_after_ms: 200,
          message: 'Die Sitzung wird gerade von einem anderen Server übernommen.', message_en: 'Another server is handing this session over.' }));
        return;
      }
      upstream.send(message);
    });
  });
}

// As the old server does: the farewell frame, then both ends of the connection close.
function moveAway(page) {
  const { page: socket, upstream } = page.control.current;
  socket.send(JSON.stringify({ type: 'error', code: 'room_moved',
    message: 'Die Sitzung ist auf einen anderen Server umgezogen.', message_en: 'The session has moved to another server.' }));
  socket.close();
  upstream.close();
}

const roomIn = (url) => new URL(url).searchParams.get('room');

before(async () => {
  server = await startServer('room_moves');
  browser = await launchBrowser();
  mod = await openPerson(browser, server.baseUrl, undefined, routeSockets);
  part = await openPerson(browser, server.baseUrl, undefined, routeSockets);
  everyone = [mod, part];
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

step('a join asks which room the code opens and names it in the WebSocket URL', async () => {
  const invite = await createSession(mod, { caseCode: 'UMZUG 2026/1' });
  assert.equal(roomIn(mod.control.urls[0]), null, 'a new session is opened wherever the request lands');
  // The room is already being handed over when the participant comes: the first join is
  // refused with room_elsewhere, and the page enters again by itself.
  part.control.elsewhere = 1;
  await joinSession(part, invite, 'Kollegin K.');
  assert.equal(part.control.refused, 1);
  const room = roomIn(part.control.urls.at(-1));
  assert.match(room ?? '', /^[0-9a-f]{32}$/, 'the join names the room');
  assert.equal(part.control.urls.length, 2, 'one refused entry, one that got in');
  assert.ok(part.control.urls.every((url) => roomIn(url) === room));
  assert.equal(await part.getByRole('alert').count(), 0, 'a hand-over is no error');
  await person(mod, 'Kollegin K.').waitFor();
  await person(mod, 'Kollegin K.').getByRole('button', { name: /Als Fallverantwortliche/ }).click();
  await mod.getByRole('button', { name: 'Sitzung beginnen' }).click();
  for (const [n, title] of [[2, 'Beratungsfrage'], [3, 'Diskussion'], [4, 'Unzensierte'], [5, 'Was braucht der Klient']]) {
    await nextStep(mod, everyone, n, title);
  }
  await expectScreenIsServerState(everyone);
});

step('room_moved: the page reconnects at once to the room, resumes and carries on', async () => {
  const before = mod.control.urls.length;
  // The new server is not quite ready yet: the first resume is answered room_elsewhere too.
  mod.control.elsewhere = 1;
  moveAway(mod);
  // At least 100 ms before the new connection and 200 ms more after the refused resume.
  await mod.locator('[data-connection="reconnecting"]').waitFor();
  await mod.locator('[data-connection="online"]').waitFor();
  await expectStep([mod], 5, 'Was braucht der Klient');
  const urls = mod.control.urls.slice(before);
  assert.equal(urls.length, 2, 'a refused resume, then the one that got in');
  const room = roomIn(part.control.urls.at(-1));
  assert.ok(urls.every((url) => roomIn(url) === room), 'the moderator comes back to the same room');
  assert.equal(await mod.getByRole('alert').count(), 0, 'a move is no error');
  await addCard(part, category, 'Nach dem Umzug geschrieben');
  await addCard(mod, category, 'Die Moderation schreibt weiter');
  await expectCardEverywhere(everyone, category, 'Nach dem Umzug geschrieben');
  await expectCardEverywhere(everyone, category, 'Die Moderation schreibt weiter');
  await expectScreenIsServerState(everyone);
  for (const page of everyone) assert.deepEqual(page.errors, [], 'no script errors');
});
