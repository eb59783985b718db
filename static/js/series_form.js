// "Neue Terminreihe anlegen" (moderators): title, format, rhythm, first date and time, planned
// length, place or video link, registration cut-off and the warning for a date without a case.
// The server checks every field; its words stand next to the field it names.

import { h } from './dom.js';
import { t, pick } from './i18n.js';
import { api } from './api.js';
import { formats } from './formats.js';
import { teamPath } from './team_views.js';
import { rhythms, localDay } from './cycle_words.js';
import { field, submit, formOutcome, busy, forgetDrafts, focusProblem, integerValue } from './form_state.js';

const key = 'series';
const names = ['title', 'format', 'rhythm', 'first_date', 'start_time', 'planned_minutes', 'place', 'cutoff_days', 'warn_days'];
const draftKey = (name) => `series.${name}`;

function fields() {
  const f = (name, options) => field(key, { name, draftKey: draftKey(name), ...options });
  return [
    f('title', { label: t('series_title_label'), hint: t('series_title_hint'), maxlength: 120, autocomplete: 'off' }),
    h('div', { class: 'filter-grid' },
      f('format', { label: t('series_format_label'), kind: 'select', fallback: 'qualitaetszirkel', options: formats.map((x) => [x.id, pick(x.title)]) }),
      f('rhythm', { label: t('series_rhythm_label'), kind: 'select', fallback: 'weekly', options: rhythms.map((r) => [r, t(`rhythm_${r}`)]) }),
      f('first_date', { label: t('series_first_date_label'), type: 'date', fallback: localDay(7) }),
      f('start_time', { label: t('series_time_label'), type: 'time', fallback: '14:00' }),
      f('planned_minutes', { label: t('series_minutes_label'), type: 'number', fallback: '90', min: 15, max: 480, inputmode: 'numeric' })),
    f('place', { label: t('series_place_label'), hint: t('series_place_hint'), maxlength: 300 }),
    h('div', { class: 'filter-grid' },
      f('cutoff_days', { label: t('series_cutoff_label'), hint: t('series_cutoff_hint'), type: 'number', fallback: '2', min: 0, max: 60, inputmode: 'numeric' }),
      f('warn_days', { label: t('series_warn_label'), hint: t('series_warn_hint'), type: 'number', fallback: '7', min: 0, max: 60, inputmode: 'numeric' })),
  ];
}

// onCreated(title): the page shows the new dates.
export function seriesForm(rerender, onCreated) {
  const form = h('form', { class: 'card-panel series-form', 'aria-labelledby': 'series-heading', novalidate: true },
    h('h2', { id: 'series-heading' }, t('series_heading')),
    h('p', {}, t('series_intro')),
    fields(),
    h('button', { type: 'submit', class: 'primary', disabled: busy(key) }, t('series_submit')),
    formOutcome(key, names));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = Object.fromEntries(new FormData(form).entries());
    const body = {
      title: v.title.trim(), format: v.format, rhythm: v.rhythm, first_date: v.first_date, start_time: v.start_time,
      planned_minutes: integerValue(v.planned_minutes) ?? null, place: v.place.trim(),
      cutoff_days: integerValue(v.cutoff_days), warn_days: integerValue(v.warn_days),
    };
    const made = await submit(key, () => api('POST', teamPath('series'), body), rerender, () => t('series_created', { title: body.title }));
    if (made) {
      forgetDrafts(...names.map(draftKey));
      onCreated();
    } else focusProblem(key);
  });
  return form;
}
