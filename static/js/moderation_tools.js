// The moderator's two tools for people in the room (issue #15): hand moderation over to someone
// present, or remove someone from the session. Both ask first, naming the person, because
// neither can be taken back by the one who did it: after a hand-over one is a participant
// oneself, and a removed person cannot come back.

import { h } from './dom.js';
import { t } from './i18n.js';
import { ask } from './confirm.js';
import { steering } from './controls.js';

// Guests take only the roles expert or observer (ENGINE.md, assign_role).
export function handOverButton(p, ctx) {
  if (!ctx.who.isModerator || ctx.state.ended || !p.present || p.role === 'moderator' || p.guest) return null;
  return h('button', { type: 'button', class: 'small secondary', 'data-action': 'hand-over', 'data-focus-key': `hand-over-${p.id}`,
    onclick: async () => {
      const yes = await ask({ title: t('confirm_hand_over_title'), text: t('confirm_hand_over_text', { name: p.name }), yes: t('confirm_yes_hand_over') });
      if (yes) ctx.conn.command('assign_role', { participant_id: p.id, role: 'moderator' });
    },
    ...steering(ctx) },
  t('hand_over'), h('span', { class: 'visually-hidden' }, `: ${p.name}`));
}

export function removeButton(p, ctx) {
  if (!ctx.who.isModerator || p.role === 'moderator' || p.removed) return null;
  return h('button', { type: 'button', class: 'small secondary danger-text', 'data-action': 'remove-person', 'data-focus-key': `remove-${p.id}`,
    onclick: async () => {
      const yes = await ask({ title: t('confirm_remove_person_title'), text: t('confirm_remove_person_text', { name: p.name }), yes: t('confirm_yes_remove') });
      if (yes) ctx.conn.command('remove_participant', { participant_id: p.id });
    },
    ...steering(ctx) },
  t('remove_person'), h('span', { class: 'visually-hidden' }, `: ${p.name}`));
}
