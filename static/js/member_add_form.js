// The team admin adds a person who has no account yet: user name, display name, first password,
// role. A taken user name is refused by the server (it may be another team's person).

import { h } from './dom.js';
import { t } from './i18n.js';
import { api } from './api.js';
import { errorText } from './account_view.js';

export const roleValues = ['member', 'moderator', 'supervisor', 'team_admin'];

export function roleSelect(id, selected, label) {
  return h('select', { id, name: 'role', 'aria-label': label ?? null },
    roleValues.map((r) => h('option', { value: r, selected: r === selected ? 'selected' : null }, t(`team_role_${r}`))));
}

function field(id, label, attrs = {}, hint = null) {
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
    h('input', { id, required: true, 'aria-describedby': hint ? `${id}-hint` : null, 'data-focus-key': id, ...attrs }));
}

// onAdded(displayName) after the server created the account; errors stay in the form.
export function memberAddForm(teamPathOf, onAdded) {
  const error = h('p', { class: 'alert', role: 'alert', hidden: true, 'data-error': 'add-member' });
  const form = h('form', { class: 'card-panel member-add-form', 'aria-labelledby': 'add-heading' },
    h('h2', { id: 'add-heading' }, t('add_heading')),
    h('p', {}, t('add_intro')),
    error,
    field('add-username', t('add_username'), { name: 'username', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'none' }),
    field('add-display-name', t('add_display_name'), { name: 'display_name' }),
    field('add-password', t('add_password'), { name: 'password', type: 'text', autocomplete: 'off', minlength: 10 }, t('add_password_hint')),
    h('div', { class: 'field' }, h('label', { for: 'add-role' }, t('add_role')), roleSelect('add-role', 'member')),
    h('button', { type: 'submit', class: 'primary' }, t('add_button')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const values = Object.fromEntries(new FormData(form).entries());
    try {
      await api('POST', teamPathOf('users'), { ...values, username: values.username.trim(), display_name: values.display_name.trim() });
      onAdded(values.display_name.trim());
    } catch (failure) {
      error.textContent = errorText(failure);
      error.hidden = false;
    }
  });
  return form;
}
