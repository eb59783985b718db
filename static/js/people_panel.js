// Who is here: name, role, connection and the advocatus diaboli, each said in words. The
// moderator hands out the presenter role and the advocatus diaboli from here, and hands over
// moderation or removes someone (moderation_tools.js).

import { h } from './dom.js';
import { t, roleName } from './i18n.js';
import { steering } from './controls.js';
import { draft, forget } from './drafts.js';
import { handOverButton, removeButton } from './moderation_tools.js';

function presenceText(p, ctx) {
  if (!p.present) return t('left_session');
  // Without our own connection we cannot know who else is connected; say so instead of guessing.
  if (!ctx.connected) return t('present_unknown');
  return ctx.online.has(p.id) ? t('present_online') : t('present_offline');
}

function personItem(p, ctx) {
  const isOnline = ctx.connected && p.present && ctx.online.has(p.id);
  const role = p.presenter && p.role !== 'presenter' ? `${roleName(p.role)} · ${roleName('presenter')}` : roleName(p.role);
  return h('li', { class: `person ${isOnline ? 'online' : 'away'}`, 'data-person': p.id },
    h('span', { class: 'presence-dot', 'aria-hidden': 'true' }, isOnline ? '●' : '○'),
    h('span', { class: 'person-name' }, p.name, p.id === ctx.who.id ? ` (${t('you')})` : ''),
    h('span', { class: 'person-role' }, role),
    p.advocatus ? h('span', { class: 'badge ad', title: t('advocatus') }, t('advocatus')) : null,
    p.guest ? h('span', { class: 'badge guest', 'data-guest': 'true' }, t('guest_badge')) : null,
    h('span', { class: 'person-presence' }, presenceText(p, ctx)),
    presenterButton(p, ctx),
    roleForm(p, ctx),
    ctx.who.isModerator && p.role !== 'moderator'
      ? h('span', { class: 'person-tools' }, handOverButton(p, ctx), removeButton(p, ctx)) : null);
}

// Experts and observers are named by the moderator before the start, e.g. for the
// interdisciplinary formats; during the session the list stays calm.
function roleForm(p, ctx) {
  if (!ctx.who.isModerator || ctx.state.started || !p.present || p.role === 'moderator') return null;
  const roles = ['participant', 'expert', 'observer'];
  if (!ctx.state.moderator_presents) roles.push('presenter');
  const id = `role-${p.id}`;
  // The list is redrawn on every change in the room (someone joining); a choice not yet applied
  // is kept as a draft so that it does not jump back under the moderator's hand.
  const key = `role.${p.id}`;
  const chosen = draft(key, p.role);
  const select = h('select', { id, name: 'role', 'data-draft': key },
    roles.map((r) => h('option', { value: r, selected: r === chosen ? 'selected' : null }, roleName(r))));
  const form = h('form', { class: 'inline-form role-form' },
    h('label', { for: id, class: 'visually-hidden' }, t('role_of', { name: p.name })), select,
    h('button', { type: 'submit', class: 'small secondary', ...steering(ctx) }, t('role_apply')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (select.value !== p.role) ctx.conn.command('assign_role', { participant_id: p.id, role: select.value });
    forget(key);
  });
  return form;
}

function presenterButton(p, ctx) {
  // Before the start only: afterwards a change of presenter would be a change of case.
  if (!ctx.who.isModerator || ctx.state.moderator_presents || ctx.state.started) return null;
  if (!p.present || p.role === 'moderator' || p.role === 'presenter' || p.role === 'observer') return null;
  return h('button', { type: 'button', class: 'small', 'data-action': 'make-presenter', 'data-focus-key': `make-presenter-${p.id}`,
    onclick: () => ctx.conn.command('assign_role', { participant_id: p.id, role: 'presenter' }), ...steering(ctx) },
  t('make_presenter'), h('span', { class: 'visually-hidden' }, `: ${p.name}`));
}

function advocatusForm(ctx) {
  const { state } = ctx;
  if (!ctx.who.isModerator || !state.advocatus_available || state.ended) return null;
  const candidates = state.participants.filter((p) => p.present && p.role === 'participant');
  if (candidates.length === 0 && !state.advocatus_diaboli) return null;
  // Kept as a draft until applied, like the role lists: a join redraws the list.
  const chosen = draft('advocatus.choice', state.advocatus_diaboli ?? '');
  const select = h('select', { id: 'advocatus-select', name: 'advocatus', 'data-draft': 'advocatus.choice' },
    h('option', { value: '' }, t('advocatus_none')),
    candidates.map((p) => h('option', { value: p.id, selected: chosen === p.id ? 'selected' : null }, p.name)));
  const form = h('form', { class: 'inline-form advocatus-form' },
    h('label', { for: 'advocatus-select' }, t('advocatus_select')), select,
    h('button', { type: 'submit', class: 'small', ...steering(ctx) }, t('advocatus_set')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.conn.command('assign_advocatus', { participant_id: select.value || null });
    forget('advocatus.choice');
  });
  return form;
}

export function peoplePanel(ctx) {
  const people = ctx.state.participants.filter((p) => p.present);
  return h('section', { class: 'panel people', 'aria-labelledby': 'people-heading' },
    h('h2', { id: 'people-heading' }, t('people_heading'), ` (${people.length})`),
    h('ul', { class: 'people-list' }, people.map((p) => personItem(p, ctx))),
    advocatusForm(ctx));
}
