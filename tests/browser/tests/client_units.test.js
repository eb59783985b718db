// Parts of the client that need no browser: the format list against the templates, the timer
// arithmetic from ENGINE.md, and the two dictionaries against each other.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { sourceDir } from '../support/server.js';

const client = (file) => import(path.join(sourceDir, 'static', 'js', file));

test('the start page offers exactly the shipped formats, with their titles and descriptions', async () => {
  const { formats } = await client('formats.js');
  const dir = path.join(sourceDir, 'protocol', 'templates');
  const templates = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
  assert.deepEqual(formats.map((f) => f.id).sort(), templates.map((t) => t.id).sort());
  for (const template of templates) {
    const format = formats.find((f) => f.id === template.id);
    assert.deepEqual(format.title, template.title, template.id);
    assert.deepEqual(format.description, template.description, template.id);
    assert.equal(format.steps, template.steps.length, template.id);
    assert.equal(format.minutes, template.steps.reduce((sum, s) => sum + s.budget_minutes, 0), template.id);
    // Cards written beforehand go into the steps where cards are written, never into a record
    // category (PROTOCOL.md, registrations/{id}/cards).
    const collecting = template.steps.map((s, i) => ({
      step: i + 1, title: s.title,
      categories: (s.cards?.writers ?? 'nobody') === 'nobody' ? [] : (s.cards?.categories ?? []).filter((c) => !c.record).map((c) => ({ key: c.key, title: c.title })),
    })).filter((s) => s.categories.length);
    assert.deepEqual(format.collecting, collecting, `${template.id}: collecting steps`);
  }
});

test('the cycle speaks of days and times as people say them', async () => {
  const { dateWhen, instantWhen, shortDay, dateStateText, rollNote } = await client('cycle_words.js');
  assert.equal(dateWhen({ day: '2026-12-16', time: '14:00' }), 'Mi., 16.12.2026, 14:00');
  const at = Date.UTC(2026, 11, 10, 12, 0) + new Date(Date.UTC(2026, 11, 10, 12, 0)).getTimezoneOffset() * 60000;
  assert.equal(instantWhen(at), 'Do., 10.12., 12:00');
  assert.equal(shortDay(at), '10.12.');
  assert.equal(dateStateText({ state: 'cancelled', cancel_reason: 'no_case', cancel_note: '' }), 'abgesagt: Kein Fall angemeldet');
  assert.equal(dateStateText({ state: 'missed' }), 'ausgefallen ohne Absage');
  assert.equal(rollNote({ rolled_over: 1, rolled_from: at, roll_reason: 'not_discussed' }), 'Nicht besprochen am 10.12. – verschoben');
  assert.equal(rollNote({ rolled_over: 2, rolled_from: at, roll_reason: 'date_cancelled' }), 'Termin am 10.12. abgesagt – verschoben (2-mal verschoben)');
  assert.equal(rollNote({ rolled_over: 0, rolled_from: null }), null);
});

test('a day and time on the team\'s clock is one instant, across the change of the clocks', async () => {
  const { setTimeZone, zonedInstant, zonedParts } = await client('i18n.js');
  setTimeZone('Europe/Berlin');
  assert.equal(zonedInstant('2026-12-14', '12:00'), Date.UTC(2026, 11, 14, 11, 0)); // winter: UTC+1
  assert.equal(zonedInstant('2026-07-01', '00:30'), Date.UTC(2026, 5, 30, 22, 30)); // summer: UTC+2
  assert.equal(zonedInstant('2026-03-29', '03:30'), Date.UTC(2026, 2, 29, 1, 30)); // just after the change
  assert.deepEqual(zonedParts(Date.UTC(2026, 11, 6, 23, 36)), { day: '2026-12-07', time: '00:36' });
  assert.ok(Number.isNaN(zonedInstant('', '12:00')));
  setTimeZone('America/New_York');
  assert.equal(zonedInstant('2026-12-14', '12:00'), Date.UTC(2026, 11, 14, 17, 0));
  setTimeZone(undefined);
});

test('the countdown follows budget_ms - active_ms - (now - running_since) and turns into overrun', async () => {
  const { remainingMs, describe, clock } = await client('timer.js');
  const timer = { step: 2, budget_ms: 60000, active_ms: 20000, running_since: 1000, paused_since: null };
  assert.equal(remainingMs(timer, 11000), 30000);
  assert.deepEqual([describe(timer, false, 11000).text, describe(timer, false, 11000).over], ['0:30', false]);
  const over = describe(timer, false, 1000 + 40000 + 95000);
  assert.equal(over.text, '+1:35');
  assert.equal(over.over, true);
  assert.match(over.label, /über der Zeit/);
  const paused = { ...timer, running_since: null, paused_since: 5000 };
  assert.equal(remainingMs(paused, 999999), 40000, 'a paused clock stands still');
  assert.equal(remainingMs(null, 0), null);
  assert.equal(clock(-61000), '1:01');
});

test('German and English dictionaries have the same keys and placeholders', async () => {
  const { dictionaries } = await client('i18n.js');
  assert.deepEqual(Object.keys(dictionaries.en).sort(), Object.keys(dictionaries.de).sort());
  const placeholders = (s) => (s.match(/\{\w+\}/g) ?? []).sort();
  for (const key of Object.keys(dictionaries.de)) {
    assert.deepEqual(placeholders(dictionaries.en[key]), placeholders(dictionaries.de[key]), key);
  }
});

// WCAG 2 contrast of the text colour pairs style.css uses; 4.5:1 is the AA level for body text.
function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

test('text colours have at least 4.5:1 contrast against the backgrounds they are used on', () => {
  const css = readFileSync(path.join(sourceDir, 'static', 'style.css'), 'utf8');
  const vars = Object.fromEntries([...css.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1], m[2]]));
  const colour = (name) => (name.startsWith('#') ? name : vars[name]);
  const pairs = [
    ['ink', 'paper'], ['ink', 'surface'], ['ink', 'card'], ['ink', 'accent-soft'], ['ink', '#efece4'],
    ['muted', 'paper'], ['muted', 'surface'], ['muted', 'card'], ['muted', '#efece4'], ['muted', 'accent-soft'], ['muted', '#f3f0e6'],
    ['accent', 'surface'], ['accent-ink', 'accent'], ['accent', 'accent-soft'],
    ['warn', 'surface'], ['warn', 'warn-soft'], ['warn', '#fff7e6'],
    ['ok', 'surface'], ['ok', '#eef3ee'], ['ad', 'ad-soft'], ['ad', 'surface'],
  ];
  for (const [fg, bg] of pairs) {
    assert.ok(colour(fg) && colour(bg), `${fg} and ${bg} are defined`);
    const ratio = contrast(colour(fg), colour(bg));
    assert.ok(ratio >= 4.5, `${fg} on ${bg}: ${ratio.toFixed(2)}:1`);
  }
});

test('the format cache joins step texts to the state by key, keeps 16 formats and survives a reload', async () => {
  const { FormatCache } = await client('format_cache.js');
  const stored = new Map();
  const storage = { getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => stored.set(k, v) };
  const format = (key) => ({ key, steps: [{ number: 1, key: 'a', title: { de: `Schritt von ${key}` } }] });
  const cache = new FormatCache(storage);
  const state = { template_key: 'f@1-x', steps: [{ number: 1, key: 'a', timer: { active_ms: 5 } }] };
  assert.equal(cache.complete(state), state, 'unknown key: the state as it came');
  cache.remember(format('f@1-x'));
  const complete = cache.complete(state);
  assert.equal(complete.steps[0].title.de, 'Schritt von f@1-x');
  assert.equal(complete.steps[0].timer.active_ms, 5);
  for (let i = 0; i < 16; i++) cache.remember(format(`g@1-${i}`));
  assert.equal(cache.keys().length, 16);
  assert.ok(!cache.keys().includes('f@1-x'), 'the oldest goes first');
  assert.deepEqual(new FormatCache(storage).keys(), cache.keys(), 'a reload finds them again');
  stored.set('casecircle.formats', '{kaputt');
  assert.deepEqual(new FormatCache(storage).keys(), [], 'unreadable storage is ignored');
});

// A Storage as the browser has it, enough for session_store.js.
function fakeStorage(entries = {}) {
  const map = new Map(Object.entries(entries));
  return {
    get length() { return map.size; },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem: (k, v) => map.set(k, String(v)),
    removeItem: (k) => map.delete(k),
    keys: () => [...map.keys()].sort(),
  };
}

test('leaving forgets only its own room; logging out forgets every room but not the language or team', async () => {
  const { clearSession, clearAllSessions } = await client('session_store.js');
  const room = JSON.stringify({ token: 'a'.repeat(64), room_id: 'r1' });
  globalThis.localStorage = fakeStorage({ 'casecircle.session': room, 'casecircle.lang': 'en', 'casecircle.team': '3' });
  globalThis.sessionStorage = fakeStorage({ 'casecircle.queue': '[]', 'casecircle.state': '{}', 'casecircle.drafts': '{}' });
  clearSession('r2');
  assert.equal(localStorage.getItem('casecircle.session'), room, 'another room (a newer one of another tab) stays');
  clearSession('r1');
  assert.deepEqual(localStorage.keys(), ['casecircle.lang', 'casecircle.team']);
  assert.deepEqual(sessionStorage.keys(), ['casecircle.drafts']);
  localStorage.setItem('casecircle.session', room);
  sessionStorage.setItem('casecircle.queue', '[{"id":"x"}]');
  sessionStorage.setItem('casecircle.state', '{}');
  clearAllSessions();
  assert.deepEqual(localStorage.keys(), ['casecircle.lang', 'casecircle.team']);
  assert.deepEqual(sessionStorage.keys(), ['casecircle.drafts']);
  delete globalThis.localStorage;
  delete globalThis.sessionStorage;
});

test('the cancel dialog offers exactly the engine\'s reasons, each named in both languages', async () => {
  const { cancelReasons } = await client('cancel_dialog.js');
  const { dictionaries } = await client('i18n.js');
  assert.deepEqual(cancelReasons, ['no_case', 'too_few_present', 'case_withdrawn', 'other']);
  for (const reason of cancelReasons) {
    for (const lang of ['de', 'en']) assert.ok(dictionaries[lang][`cancel_reason_${reason}`], `${lang}: ${reason}`);
  }
  assert.equal(dictionaries.de.cancel_reason_too_few_present, 'Zu wenige anwesend');
});
