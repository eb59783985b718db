// What a person does on the screen, in the words the screen uses (German unless told otherwise).

import assert from 'node:assert/strict';

// Logged in, the account's name is used and there is no field for it.
async function fillName(page, selector, name) {
  if (await page.locator(selector).count()) await page.locator(selector).fill(name);
}

export async function createSession(page, { caseCode = 'FALL-2026-17', name = 'Moderatorin M.', title = '' } = {}) {
  await page.locator('#case-code').fill(caseCode);
  if (title) await page.locator('#topic').fill(title);
  await fillName(page, '#creator-name', name);
  await page.getByRole('button', { name: 'Sitzung anlegen' }).click();
  const code = page.locator('.invite-code');
  await code.waitFor();
  return (await code.textContent()).trim();
}

export async function joinSession(page, invite, name) {
  await page.locator('#invite-code').fill(invite);
  await fillName(page, '#joiner-name', name);
  await page.getByRole('button', { name: 'Beitreten' }).click();
  await page.locator('.room').waitFor();
}

export function person(page, name) {
  return page.locator('.person', { hasText: name });
}

export async function waitConnected(page) {
  await page.locator('[data-connection="online"]').waitFor();
}

export async function confirmDialog(page, yesLabel) {
  const dialog = page.locator('#confirm-dialog');
  await dialog.waitFor();
  await dialog.getByRole('button', { name: yesLabel }).click();
  await dialog.waitFor({ state: 'hidden' });
}

// Every person is on step n, with its title shown and marked current in the step bar.
export async function expectStep(pages, n, title) {
  for (const page of pages) {
    await page.locator('.step-bar li[aria-current="step"]').filter({ hasText: title }).waitFor();
    await page.locator('#step-title', { hasText: title }).waitFor();
    assert.equal(await page.locator('.step-bar li[aria-current="step"]').getAttribute('data-step'), String(n));
  }
}

export async function nextStep(moderator, everyone, n, title) {
  await moderator.getByRole('button', { name: /Nächster Schritt/ }).click();
  await confirmDialog(moderator, 'Ja, weiter');
  await expectStep(everyone, n, title);
}

export async function addCard(page, category, text) {
  const column = page.locator(`[data-column="${category}"]`);
  await column.locator('textarea').fill(text);
  await column.getByRole('button', { name: 'Karte hinzufügen' }).click();
}

export function cards(page, category, text) {
  return page.locator(`[data-column="${category}"] .card:not(.pending)`, { hasText: text });
}

export async function expectCardEverywhere(pages, category, text) {
  for (const page of pages) {
    await cards(page, category, text).first().waitFor();
    assert.equal(await cards(page, category, text).count(), 1, `exactly one card "${text}"`);
  }
}

export function isoDateInDays(days) {
  return new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
}

export async function logIn(page, username, password) {
  await page.getByLabel('Benutzername').fill(username);
  await page.getByLabel('Passwort').fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
}

// The font size of the first element matching `selector` that is in the page. The view redraws
// on every presence or timer update, and an element just replaced has no computed style.
export async function fontSize(page, selector) {
  const size = await page.waitForFunction((css) => {
    const el = document.querySelector(css);
    return el?.isConnected ? parseFloat(getComputedStyle(el).fontSize) || false : false;
  }, selector);
  return size.jsonValue();
}

// Whether every field the server sends is drawn as the server has it: the tab's state (what the
// views render, saved by the client after each update) holds `server` – the format's texts the
// client adds to the steps are extra fields.
function holds(drawn, server) {
  if (server === null || typeof server !== 'object') return Object.is(drawn, server);
  if (drawn === null || typeof drawn !== 'object' || Array.isArray(drawn) !== Array.isArray(server)) return false;
  if (Array.isArray(server) && drawn.length !== server.length) return false;
  return Object.keys(server).every((k) => holds(drawn[k], server[k]));
}

// A fresh snapshot of the room the page is in, through a connection of its own (a second device
// of the same participant), and the state the page has drawn.
async function drawnAndServerState(page) {
  return page.evaluate(async () => {
    const session = JSON.parse(localStorage.getItem('casecircle.session') || 'null');
    const drawn = JSON.parse(sessionStorage.getItem('casecircle.state') || 'null')?.state ?? null;
    if (!session?.token) return { drawn, server: null };
    const server = await new Promise((resolve, reject) => {
      const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`);
      ws.onopen = () => ws.send(JSON.stringify({ type: 'resume', token: session.token, last_seq: session.last_seq ?? 0 }));
      ws.onmessage = (e) => {
        const frame = JSON.parse(e.data);
        if (frame.type === 'format' || frame.type === 'events' || frame.type === 'presence') return;
        ws.close();
        if (frame.type === 'welcome') resolve(frame.state);
        else reject(new Error(`no welcome: ${e.data}`));
      };
      ws.onerror = () => reject(new Error('snapshot connection failed'));
    });
    return { drawn, server };
  });
}

// The end of every browser test in a room: the screen shows the server's state, and the page
// never asked for a snapshot to get there (the events frames carried patches).
export async function expectScreenIsServerState(pages, deadlineMs = 10000) {
  for (const page of pages) {
    const until = Date.now() + deadlineMs;
    let seen;
    for (;;) {
      seen = await drawnAndServerState(page);
      if (seen.server && holds(seen.drawn, seen.server)) break;
      if (Date.now() > until) assert.fail(`the drawn state differs from the server's:\n${JSON.stringify(seen).slice(0, 2000)}`);
      await page.waitForTimeout(100);
    }
    const asked = page.sentFrames.filter((f) => f.includes('"type":"snapshot"'));
    assert.deepEqual(asked, [], 'the page asked for no snapshot');
  }
}
