// The team admin sets how long approved minutes are kept and sees what the next deletion run
// would remove (the dry run the server computes).

import { h } from './dom.js';
import { t, formatDate } from './i18n.js';
import { api } from './api.js';
import { errorText } from './account_view.js';
import { load, reload, withData, teamPath } from './team_views.js';

let saved = null; // the note after saving, until the page is left

export function retentionPanel(rerender) {
  const path = teamPath('retention');
  const message = h('p', { role: 'status', class: 'success', hidden: !saved }, saved ?? '');
  const form = h('form', { class: 'inline-form retention-form' },
    h('label', { for: 'retention-days' }, t('retention_days')),
    h('input', { id: 'retention-days', name: 'days', type: 'number', min: 1, max: 36500, required: true, inputmode: 'numeric', 'data-focus-key': 'retention-days' }),
    h('button', { type: 'submit', class: 'secondary' }, t('retention_save')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const { days } = await api('POST', path, { days: Number(form.elements.days.value) });
      saved = t('retention_saved', { days });
    } catch (error) {
      saved = errorText(error);
    }
    reload(path);
    rerender();
  });
  return h('section', { class: 'panel retention-panel', 'aria-labelledby': 'retention-heading' },
    h('h2', { id: 'retention-heading' }, t('retention_heading')),
    h('p', {}, t('retention_intro')),
    form, message,
    h('h3', {}, t('retention_dry_heading')),
    withData(load(path, rerender), ({ would_delete: sessions }) => (sessions.length === 0 ? h('p', { class: 'empty', 'data-dry-run': '0' }, t('retention_dry_none')) : [
      h('p', { 'data-dry-run': String(sessions.length) }, t('retention_dry_count', { n: sessions.length })),
      h('ul', {}, sessions.map((s) => h('li', {}, `${s.case_code} · ${formatDate(s.session_date)}`))),
    ])));
}

export function forgetRetentionNote() {
  saved = null;
}
