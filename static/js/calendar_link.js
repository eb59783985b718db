// The personal calendar link (#/kalender), in the account area: a secret address from which a
// calendar program reads the circle dates of one's teams and the review dates of one's cases
// (case code and date only). Shown once when made; a new one replaces it, and it can be revoked.

import { h } from './dom.js';
import { t, formatDateTime } from './i18n.js';
import { api } from './api.js';
import { account } from './account.js';
import { teamNav } from './account_view.js';
import { load, withData, refresh } from './team_views.js';
import { submit, formOutcome, formState } from './form_state.js';

const path = '/api/me/calendar-feed';
const key = 'calendar';

function shownLink() {
  const made = formState(key).made;
  if (!made) return null;
  const url = `${location.origin}${made}`;
  const copy = h('button', { type: 'button', class: 'small secondary', 'data-action': 'copy-calendar-link' }, t('copy'));
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(url);
      copy.textContent = t('copied');
    } catch { /* the address stays there to be selected and copied by hand */ }
  });
  return h('div', { class: 'panel calendar-link-shown', role: 'status' },
    h('p', {}, h('strong', {}, t('calendar_shown_once'))),
    h('label', { for: 'calendar-url', class: 'field-label' }, t('calendar_url_label')),
    h('input', { id: 'calendar-url', readonly: 'readonly', value: url, 'data-calendar-url': url, 'data-focus-key': 'calendar-url' }),
    h('p', { class: 'control-row' }, copy),
    h('p', { class: 'hint' }, t('calendar_copy_hint')));
}

function change(method, rerender) {
  return submit(key, () => api(method, path, method === 'POST' ? {} : undefined), rerender,
    () => (method === 'POST' ? t('calendar_created') : t('calendar_revoked')))
    .then((answer) => {
      // The address is shown this once: kept with the form's outcome, never stored.
      if (answer?.path) formState(key).made = answer.path;
      return refresh((p) => p === path, rerender);
    });
}

export function calendarLinkView(rerender) {
  const entry = account.me ? load(path, rerender) : null;
  return h('section', { class: 'team-page calendar-page', 'aria-labelledby': 'page-title' },
    teamNav('#/kalender'),
    h('h1', { id: 'page-title' }, t('calendar_title')),
    h('p', {}, t('calendar_intro')),
    entry ? withData(entry, (feed) => [
      h('p', { class: 'calendar-state', 'data-active': feed.active ? 'true' : 'false' },
        feed.active ? t('calendar_active', { when: formatDateTime(feed.created_at) }) : t('calendar_none')),
      shownLink(),
      h('div', { class: 'control-row' },
        h('button', { type: 'button', class: 'primary', 'data-action': 'create-calendar-link', onclick: () => change('POST', rerender) },
          feed.active ? t('calendar_renew') : t('calendar_create')),
        feed.active ? h('button', { type: 'button', class: 'danger', 'data-action': 'revoke-calendar-link', onclick: () => change('DELETE', rerender) }, t('calendar_revoke')) : null),
      feed.active ? h('p', { class: 'hint' }, t('calendar_renew_hint')) : null,
      formOutcome(key),
    ]) : h('p', { class: 'alert', role: 'alert' }, t('please_login')));
}
