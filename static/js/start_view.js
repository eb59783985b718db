// The start page: open a new session as its moderator, or join one with an invitation code.

import { h } from './dom.js';
import { t, pick } from './i18n.js';
import { draft } from './drafts.js';
import { formats } from './formats.js';

function field({ id, label, hint, draftKey, fallback = '', ...attrs }) {
  const hintId = `${id}-hint`;
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('input', { id, name: id, 'data-draft': draftKey, value: draft(draftKey, fallback), 'aria-describedby': hint ? hintId : null, ...attrs }),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null);
}

function formatChoice(format, checked) {
  const id = `format-${format.id}`;
  return h('div', { class: 'format-choice' },
    h('input', { type: 'radio', id, name: 'format', value: format.id, checked, 'data-draft': 'start.format', 'aria-describedby': `${id}-desc` }),
    h('label', { for: id },
      h('span', { class: 'format-title' }, pick(format.title)),
      h('span', { class: 'format-meta' }, ` · ${t('duration_minutes', { n: format.minutes })}`),
      h('span', { class: 'format-desc', id: `${id}-desc` }, pick(format.description))));
}

function chosenFormat(offered) {
  const chosen = draft('start.format', 'qualitaetszirkel');
  return offered.some((f) => f.id === chosen) ? chosen : 'qualitaetszirkel';
}

// Logged in, the account's name is used and shown instead of a field to type it into.
function nameField(id, draftKey, accountName) {
  if (accountName) return h('p', { class: 'note account-entry', 'data-account-name': accountName }, t('enter_as', { name: accountName }));
  return field({ id, label: t('your_name_label'), hint: t('your_name_hint'), draftKey, required: true, maxlength: 60, autocomplete: 'name' });
}

function nameOf(data, id, accountName) {
  return accountName ?? String(data.get(id) ?? '').trim();
}

// A moderator whose chosen team is not theirs to moderate sees why, not fields that would fail.
function createBlocked(note) {
  return h('section', { class: 'card-panel', 'aria-labelledby': 'create-heading' },
    h('h2', { id: 'create-heading' }, t('create_heading')),
    h('p', { class: 'note team-note' }, note));
}

// teamFormats: the team's own formats (format_editor.js), offered after the shipped ones.
function createForm(onCreate, busy, note, accountName, teamFormats = []) {
  const offered = [...formats, ...teamFormats];
  const selected = chosenFormat(offered);
  const form = h('form', { class: 'card-panel', 'aria-labelledby': 'create-heading' },
    h('h2', { id: 'create-heading' }, t('create_heading')),
    h('p', {}, t('create_intro')),
    note ? h('p', { class: 'note team-note' }, note) : null,
    h('fieldset', { class: 'formats' },
      h('legend', {}, t('format_legend')),
      offered.map((f) => formatChoice(f, f.id === selected))),
    field({ id: 'case-code', label: t('case_code_label'), hint: t('case_code_hint'), draftKey: 'start.case_code', required: true, maxlength: 40, autocomplete: 'off', spellcheck: 'false' }),
    field({ id: 'topic', label: t('title_label'), hint: t('title_hint'), draftKey: 'start.title', maxlength: 200, autocomplete: 'off' }),
    nameField('creator-name', 'start.name', accountName),
    h('button', { type: 'submit', class: 'primary', disabled: busy }, busy ? t('entering') : t('create_button')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    onCreate({ type: 'create', format: data.get('format'), case_code: data.get('case-code').trim(), title: data.get('topic').trim(), name: nameOf(data, 'creator-name', accountName) });
  });
  return form;
}

function joinForm(onJoin, busy, accountName) {
  const form = h('form', { class: 'card-panel', 'aria-labelledby': 'join-heading' },
    h('h2', { id: 'join-heading' }, t('join_heading')),
    h('p', {}, t('join_intro')),
    field({ id: 'invite-code', label: t('invite_label'), hint: t('invite_hint'), draftKey: 'start.invite', required: true, autocomplete: 'off', spellcheck: 'false', class: 'code-input' }),
    nameField('joiner-name', 'start.join_name', accountName),
    h('button', { type: 'submit', class: 'primary', disabled: busy }, busy ? t('entering') : t('join_button')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    onJoin({ type: 'join', invite: data.get('invite-code').trim(), name: nameOf(data, 'joiner-name', accountName) });
  });
  return form;
}

// Logged out, the login form comes first; the create form stays for servers with open rooms.
// create: { shown, blocked, note } – who is offered a new session is decided in app.js.
// notices: the team's notices of the circle's cycle (cycle_notices.js), when there are any.
// onConfirmIdentifying: the refused create may be sent again, confirmed (no real person).
export function startView({ onCreate, onJoin, error, busy, login = null, nav = null, create = { shown: true }, accountName = null, notices = null, onConfirmIdentifying = null, teamFormats = [] }) {
  const createPanel = !create.shown ? null
    : create.blocked ? createBlocked(create.note) : createForm(onCreate, busy, create.note, accountName, teamFormats);
  return h('section', { class: 'start', 'aria-labelledby': 'start-title' },
    nav,
    h('h1', { id: 'start-title' }, createPanel ? t('start_title') : t('start_title_join')),
    error ? h('p', { class: 'alert', role: 'alert', 'data-error': 'entry' }, error) : null,
    onConfirmIdentifying ? h('p', {}, h('button', { type: 'button', class: 'secondary', 'data-action': 'confirm-identifying', onclick: onConfirmIdentifying }, t('confirm_identifying_button'))) : null,
    notices,
    h('div', { class: createPanel ? 'start-grid' : 'start-grid single' },
      h('div', { class: 'start-column' }, login, joinForm(onJoin, busy, accountName),
        createPanel ? null : h('p', { class: 'note', 'data-create': 'not-offered' }, login ? t('create_after_login') : t('create_moderators_only'))),
      createPanel));
}

// A stored session is being resumed. If the server stays away, the person is not stuck here.
export function resumingView({ status, onNewSession }) {
  return h('section', { class: 'start resuming', 'aria-labelledby': 'resuming-title' },
    h('h1', { id: 'resuming-title' }, t('resuming_title')),
    h('p', { role: 'status' }, t(`conn_${status}`)),
    status === 'reconnecting' || status === 'offline'
      ? h('p', {}, t('resuming_hint'), ' ', h('button', { type: 'button', class: 'small secondary', 'data-action': 'new-session', onclick: onNewSession }, t('resuming_leave')))
      : null);
}
