// Text fields end where the server's limits end (ENGINE.md: cards 500, summary parts 4000,
// question 500, decision 1000, …; the fields carry them as maxlength). maxlength alone stops the
// typing or cuts a paste without a word, so near the limit a small counter says how much is left,
// and a paste that did not fit says so instead of losing its end silently.

import { h } from './dom.js';
import { t } from './i18n.js';

const fields = 'textarea[maxlength], input[maxlength]';

// Shown from the last tenth on (at least the last 10 characters), so a long text is not
// accompanied by a number all the way.
function threshold(max) {
  return Math.max(10, Math.round(max * 0.1));
}

function counterOf(field) {
  const next = field.nextElementSibling;
  if (next?.classList.contains('limit-counter')) return next;
  const id = field.id ? `${field.id}-left` : null;
  const counter = h('p', { class: 'limit-counter', id, 'aria-live': 'polite', 'data-limit-for': field.id || null, hidden: true });
  field.after(counter);
  if (id) field.setAttribute('aria-describedby', [field.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
  return counter;
}

function update(field) {
  const max = field.maxLength;
  if (!(max > 0)) return;
  const left = max - field.value.length;
  if (left > 0) delete field.dataset.cut;
  const counter = counterOf(field);
  const shown = left <= threshold(max);
  counter.hidden = !shown;
  counter.classList.toggle('full', left <= 0);
  counter.dataset.left = String(Math.max(0, left));
  if (!shown) return;
  if (left > 0) counter.textContent = t('chars_left', { n: left });
  else counter.textContent = field.dataset.cut ? t('chars_cut', { max }) : t('chars_none', { max });
}

// After every render: drafts put text back into fields that are new on the page.
export function showLimits(root) {
  root.querySelectorAll(fields).forEach(update);
}

export function trackLimits(root) {
  root.addEventListener('beforeinput', (e) => {
    const field = e.target;
    if (!field?.matches?.(fields) || !(field.maxLength > 0)) return;
    const text = e.data ?? e.dataTransfer?.getData('text/plain') ?? '';
    const selected = (field.selectionEnd ?? 0) - (field.selectionStart ?? 0);
    if (text.length > field.maxLength - field.value.length + selected) field.dataset.cut = '1';
  });
  root.addEventListener('input', (e) => {
    if (e.target?.matches?.(fields)) update(e.target);
  });
}
