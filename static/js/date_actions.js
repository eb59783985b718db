// What a moderator does with a date: move it to another day or time, cancel it with a reason
// (the reasons in words; "Anderer Grund" needs a note), and close a circle that has been held, so
// that the cases not discussed move on to the next date at once.

import { h } from './dom.js';
import { t } from './i18n.js';
import { api } from './api.js';
import { ask } from './confirm.js';
import { askCancellation } from './cancel_dialog.js';
import { teamPath } from './team_views.js';
import { dateCancelReasons, dateReasonLabel, dateWhen } from './cycle_words.js';
import { field, submit, formOutcome, busy, forgetDrafts, focusProblem } from './form_state.js';

function moveForm(date, opts) {
  const key = `move-${date.date_id}`;
  const prefix = `move.${date.date_id}`;
  const form = h('form', { class: 'move-form', novalidate: true, 'data-form': 'move' },
    h('h3', {}, t('move_heading')),
    h('div', { class: 'filter-grid' },
      field(key, { name: 'day', label: t('move_day_label'), type: 'date', draftKey: `${prefix}.day`, fallback: date.day }),
      field(key, { name: 'time', label: t('move_time_label'), type: 'time', draftKey: `${prefix}.time`, fallback: date.time })),
    h('button', { type: 'submit', class: 'secondary', disabled: busy(key) }, t('move_submit')),
    formOutcome(key, ['day', 'time']));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { day: form.elements.day.value, time: form.elements.time.value };
    const moved = await submit(key, () => api('POST', teamPath(`circle-dates/${date.date_id}/move`), body), opts.rerender,
      (d) => t('move_done', { when: dateWhen(d) }));
    if (moved) {
      forgetDrafts(`${prefix}.day`, `${prefix}.time`);
      opts.changed();
    } else focusProblem(key);
  });
  return form;
}

async function cancelDate(date, opts) {
  const answer = await askCancellation({
    reasons: dateCancelReasons, label: dateReasonLabel, title: t('date_cancel_title'), intro: t('date_cancel_intro', { when: dateWhen(date) }),
    yes: t('date_cancel_yes'), action: 'confirm-cancel-date', noteMissing: 'date_cancel_note_missing',
  });
  if (!answer) return;
  const done = await submit(`date-${date.date_id}`, () => api('POST', teamPath(`circle-dates/${date.date_id}/cancel`), answer), opts.rerender,
    () => t('date_cancel_done'));
  if (done) opts.changed();
}

async function closeDate(date, opts) {
  const yes = await ask({ title: t('date_close_title'), text: t('date_close_text'), yes: t('date_close_yes') });
  if (!yes) return;
  const done = await submit(`date-${date.date_id}`, () => api('POST', teamPath(`circle-dates/${date.date_id}/close`), {}), opts.rerender,
    () => t('date_close_done'));
  if (done) opts.changed();
}

// opts: { rerender, changed }. Only for moderators; what the date's state still allows.
export function dateActions(date, opts) {
  const planned = date.state === 'planned';
  const held = date.state === 'held' && !date.closed;
  if (!planned && !held) return formOutcome(`date-${date.date_id}`);
  return h('section', { class: 'panel date-actions', 'aria-labelledby': 'date-actions-heading' },
    h('h2', { id: 'date-actions-heading' }, t('date_actions_heading')),
    h('div', { class: 'control-row' },
      held ? h('button', { type: 'button', class: 'primary', 'data-action': 'close-date', onclick: () => closeDate(date, opts) }, t('date_close_button')) : null,
      planned ? h('button', { type: 'button', class: 'danger', 'data-action': 'cancel-date', onclick: () => cancelDate(date, opts) }, t('date_cancel_button')) : null),
    held ? h('p', { class: 'note' }, t('date_close_hint')) : null,
    formOutcome(`date-${date.date_id}`),
    planned ? moveForm(date, opts) : null);
}
