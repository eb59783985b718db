// One's own new password: a page in the account area (#/passwort), and the only page shown after
// a login with a temporary password until a new one is chosen.

import { h } from './dom.js';
import { t } from './i18n.js';
import { account, changePassword } from './account.js';
import { errorText, teamNav } from './account_view.js';

const state = { error: null, done: false, busy: false };

function field(id, label, hint, autocomplete) {
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
    h('input', { id, name: id, type: 'password', autocomplete, required: true, 'aria-describedby': hint ? `${id}-hint` : null, 'data-focus-key': id }));
}

export function passwordView(rerender) {
  const forced = Boolean(account.me?.must_change_password);
  const form = h('form', { class: 'card-panel password-form', 'aria-labelledby': 'page-title' },
    state.error ? h('p', { class: 'alert', role: 'alert', 'data-error': 'password' }, state.error) : null,
    state.done && !forced ? h('p', { class: 'success', role: 'status' }, t('password_saved')) : null,
    field('password-current', t(forced ? 'password_current_temporary' : 'password_current'), null, 'current-password'),
    field('password-new', t('password_new'), t('password_new_hint'), 'new-password'),
    field('password-repeat', t('password_repeat'), null, 'new-password'),
    h('button', { type: 'submit', class: 'primary', disabled: state.busy }, t('password_save')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const current = form.elements['password-current'].value;
    const next = form.elements['password-new'].value;
    state.done = false;
    state.error = next === form.elements['password-repeat'].value ? null : t('password_mismatch');
    if (!state.error) {
      state.busy = true;
      rerender();
      try {
        await changePassword(current, next);
        state.done = true;
      } catch (error) {
        state.error = error.code === 'login_failed' ? t('password_wrong_current') : errorText(error);
      }
      state.busy = false;
    }
    rerender();
    if (state.error) document.getElementById('password-current')?.focus();
  });
  return h('section', { class: 'team-page password-page', 'aria-labelledby': 'page-title' },
    forced ? null : teamNav('#/passwort'),
    h('h1', { id: 'page-title' }, t(forced ? 'password_required_title' : 'password_title')),
    h('p', {}, t(forced ? 'password_required_intro' : 'password_intro')),
    form);
}
