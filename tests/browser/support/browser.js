// Debian's chromium driven by playwright-core: no browser download.

import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const screenshotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
mkdirSync(screenshotDir, { recursive: true });

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// One person = one browser context (own storage, own connection). Page errors and violations of
// the Content-Security-Policy fail the test.
// prepare(page) runs before the page is opened, e.g. to route requests.
export async function openPerson(browser, url, viewport = { width: 1280, height: 900 }, prepare = null) {
  const context = await browser.newContext({ viewport, locale: 'de-DE', timezoneId: 'UTC' });
  // Generous: the test command runs the server under AddressSanitizer on a shared two-core machine.
  context.setDefaultTimeout(30000);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  // What the server's Content-Security-Policy refuses (an inline style, a script) is only a
  // console message, and the page silently looks or works differently: count it as an error.
  page.on('console', (m) => {
    if (m.type() === 'error' && m.text().includes('Content Security Policy')) page.errors.push(m.text());
  });
  // What the page sends over its WebSockets: the client must keep its state from the pushed
  // patches (state_updates), not ask for snapshots.
  page.sentFrames = [];
  page.on('websocket', (ws) => ws.on('framesent', (f) => page.sentFrames.push(String(f.payload))));
  await prepare?.(page);
  await page.goto(url);
  return page;
}

export async function screenshot(page, name) {
  // The top bar is sticky; scrolled, it would be painted into the middle of a full-page picture.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}
