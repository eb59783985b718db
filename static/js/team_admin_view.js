// The team admin's page (#/team): the team's people with their role and status, and what can be
// done for each – change the role, reset the password, disable or enable, remove from the team –
// then adding a person and the retention period. Consequential steps ask first.

import { h } from './dom.js';
import { t } from './i18n.js';
import { api } from './api.js';
import { account, currentTeam } from './account.js';
import { errorText } from './account_view.js';
import { ask } from './confirm.js';
import { page, guard, load, reload, withData, teamPath } from './team_views.js';
import { memberAddForm, roleSelect } from './member_add_form.js';
import { retentionPanel } from './retention_panel.js';
import { timeZonePanel } from './time_zone_panel.js';

// What the last action left to say (a note, an error, a temporary password), until the next one.
let outcome = null;

export function forgetAdminOutcome() {
  outcome = null;
}

async function act(rerender, step, note) {
  try {
    const answer = await step();
    outcome = note(answer);
  } catch (error) {
    outcome = { error: errorText(error) };
  }
  reload(teamPath('members'));
  rerender();
  document.getElementById('admin-outcome')?.focus();
}

function outcomePanel() {
  if (!outcome) return null;
  if (outcome.error) return h('p', { id: 'admin-outcome', class: 'alert', role: 'alert', tabindex: '-1' }, outcome.error);
  if (outcome.temporary) {
    return h('section', { id: 'admin-outcome', class: 'panel temporary-password', role: 'status', tabindex: '-1', 'aria-labelledby': 'temporary-heading' },
      h('h2', { id: 'temporary-heading' }, t('temporary_heading', { name: outcome.name })),
      h('p', { class: 'temporary-value', 'data-temporary-password': outcome.temporary }, h('code', {}, outcome.temporary)),
      h('p', {}, t('temporary_hint')),
      h('button', { type: 'button', class: 'secondary', onclick: (e) => { outcome = null; e.target.closest('section').remove(); } }, t('temporary_done')));
  }
  return h('p', { id: 'admin-outcome', class: 'success', role: 'status', tabindex: '-1' }, outcome.note);
}

function statusText(m) {
  if (m.disabled) return t('status_disabled');
  if (m.must_change_password) return t('status_must_change');
  return t('status_active');
}

function memberRow(m, rerender) {
  const name = m.display_name;
  const self = m.user_id === account.me.user_id;
  const path = (rest = '') => teamPath(`members/${m.user_id}${rest}`);
  const confirmThen = (key, step, note) => async () => {
    const yes = await ask({ title: t(`confirm_${key}_title`, { name }), text: t(`confirm_${key}_text`, { name }), yes: t(`confirm_${key}_yes`) });
    if (yes) await act(rerender, step, note);
  };
  const select = roleSelect(`role-${m.user_id}`, m.role, t('role_select_label', { name }));
  const saveRole = () => act(rerender, () => api('POST', teamPath('roles'), { username: m.username, role: select.value }),
    (a) => ({ note: t('role_saved', { name, role: t(`team_role_${a.role}`) }) }));
  const button = (label, action, onclick, cls = 'small secondary') => h('button', { type: 'button', class: cls, 'data-action': action, onclick }, label);
  return h('tr', { 'data-user': m.username, 'data-disabled': String(m.disabled) },
    h('th', { scope: 'row' }, name, h('span', { class: 'byline' }, ` (${m.username})`), self ? h('span', { class: 'byline' }, ` ${t('members_you')}`) : null),
    h('td', {}, h('span', { class: 'control-row' }, select, button(t('role_save'), 'save-role', saveRole))),
    h('td', { class: 'member-status' }, statusText(m)),
    h('td', {}, h('span', { class: 'control-row' },
      button(t('action_reset'), 'reset-password', confirmThen('reset', () => api('POST', path('/password-reset')), (a) => ({ temporary: a.temporary_password, name }))),
      self ? null : m.disabled
        ? button(t('action_enable'), 'enable', () => act(rerender, () => api('POST', path('/enable')), () => ({ note: t('enabled_note', { name }) })))
        : button(t('action_disable'), 'disable', confirmThen('disable', () => api('POST', path('/disable')), () => ({ note: t('disabled_note', { name }) }))),
      self ? null : button(t('action_remove'), 'remove', confirmThen('remove', () => api('DELETE', path()), () => ({ note: t('removed_note', { name }) })), 'small danger'))));
}

function membersTable(members, rerender) {
  return h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'members-heading' },
    h('table', { class: 'members-table' },
      h('thead', {}, h('tr', {}, ['members_name', 'members_role', 'members_status', 'members_actions'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, members.map((m) => memberRow(m, rerender)))));
}

export function teamAdminView(rerender) {
  const title = ['admin_title', { team: currentTeam()?.name ?? '' }];
  const refused = guard('manage_team');
  if (refused) return page('#/team', ...title, refused);
  const added = (name) => act(rerender, async () => {}, () => ({ note: t('added_note', { name }) }));
  return page('#/team', ...title,
    h('p', {}, t('admin_intro')),
    outcomePanel(),
    h('section', { class: 'panel', 'aria-labelledby': 'members-heading' },
      h('h2', { id: 'members-heading' }, t('members_heading')),
      withData(load(teamPath('members'), rerender), ({ members }) => membersTable(members, rerender))),
    memberAddForm(teamPath, added),
    retentionPanel(rerender),
    timeZonePanel(rerender));
}
