// The team admin sets the team's time zone: every time and date in the UI, the minutes, the
// exports and the archive is shown in it (PROTOCOL.md, POST …/time-zone).

import { h } from './dom.js';
import { t } from './i18n.js';
import { api } from './api.js';
import { currentTeam, checkLogin } from './account.js';
import { errorText } from './account_view.js';
import { teamPath } from './team_views.js';

// The zones a German-speaking service is likely to be in first; any other IANA name can be typed.
const suggested = ['Europe/Berlin', 'Europe/Vienna', 'Europe/Zurich', 'Europe/Luxembourg', 'Europe/Brussels', 'Europe/Rome'];
let note = null; // the outcome of the last save, until the page is left

export function timeZonePanel(rerender) {
  const current = currentTeam()?.time_zone ?? 'Europe/Berlin';
  const form = h('form', { class: 'inline-form time-zone-form' },
    h('label', { for: 'time-zone' }, t('time_zone_label')),
    h('input', { id: 'time-zone', name: 'time_zone', list: 'time-zone-list', value: current, autocomplete: 'off', spellcheck: 'false', 'data-focus-key': 'time-zone' }),
    h('datalist', { id: 'time-zone-list' }, suggested.map((zone) => h('option', { value: zone }))),
    h('button', { type: 'submit', class: 'secondary' }, t('time_zone_save')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const { time_zone: zone } = await api('POST', teamPath('time-zone'), { time_zone: form.elements.time_zone.value.trim() });
      note = t('time_zone_saved', { zone });
      await checkLogin(); // the account carries each team's zone
    } catch (error) {
      note = errorText(error);
    }
    rerender();
  });
  return h('section', { class: 'panel time-zone-panel', 'aria-labelledby': 'time-zone-heading' },
    h('h2', { id: 'time-zone-heading' }, t('time_zone_heading')),
    h('p', {}, t('time_zone_intro', { zone: current })),
    form,
    note ? h('p', { role: 'status', class: 'form-status' }, note) : null);
}

export function forgetTimeZoneNote() {
  note = null;
}
