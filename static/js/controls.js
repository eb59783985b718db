// The moderator's controls. Only the moderator's screen has them at all; moving between steps,
// ending and cancelling ask first because they close what the group has been writing.

import { h } from './dom.js';
import { t, pick } from './i18n.js';
import { ask } from './confirm.js';
import { askCancellation } from './cancel_dialog.js';
import { currentStep, presenterOf } from './model.js';
import { isWritten, deadlineForm } from './deadline_view.js';

function button(label, action, onclick, attrs = {}) {
  return h('button', { type: 'button', 'data-action': action, 'data-focus-key': `control-${action}`, onclick, ...attrs }, label);
}

async function confirmNext(ctx) {
  const { state } = ctx;
  const step = currentStep(state);
  const next = state.steps[state.current_step];
  const yes = await ask({
    title: t('confirm_next_title'),
    text: t('confirm_next_text', { n: step.number, title: pick(step.title), next: pick(next.title) }),
    yes: t('confirm_yes_next'),
  });
  if (yes) ctx.conn.command('next_step');
}

async function confirmPrevious(ctx) {
  const previous = ctx.state.steps[ctx.state.current_step - 2];
  const yes = await ask({ title: t('confirm_previous_title'), text: t('confirm_previous_text', { title: pick(previous.title) }), yes: t('confirm_yes_previous') });
  if (yes) ctx.conn.command('previous_step');
}

async function confirmEnd(ctx) {
  const yes = await ask({ title: t('confirm_end_title'), text: t('confirm_end_text'), yes: t('confirm_yes_end') });
  if (yes) ctx.conn.command('end');
}

// A session that does not take place is cancelled with its reason, not ended: an ended session
// would leave empty minutes to approve, a cancelled one has none (ENGINE.md, cancel_session).
async function confirmCancel(ctx) {
  const answer = await askCancellation();
  if (answer) ctx.conn.command('cancel_session', answer);
}

// Steering commands are not queued (connection.js): while the connection is down their buttons
// rest, and a note says why, instead of a click that seems to do nothing.
function offlineNote(ctx) {
  return ctx.connected ? null : h('p', { class: 'note attention', id: 'controls-offline', 'data-offline': 'true' }, t('controls_offline'));
}

export function steering(ctx, attrs = {}) {
  return ctx.connected ? attrs : { ...attrs, disabled: true, title: t('offline_only_later'), 'aria-describedby': ctx.who.isModerator ? 'controls-offline' : null };
}

function lobbyControls(ctx) {
  const ready = ctx.state.moderator_presents || presenterOf(ctx.state);
  // With guests the server refuses the start until the consent is confirmed; said here beforehand.
  const consentMissing = ctx.state.guests && !ctx.state.consent;
  const note = !ready ? t('lobby_need_presenter') : consentMissing ? t('lobby_need_consent') : t('lobby_ready');
  return [
    presenceNote(ctx.state),
    h('p', { class: ready && !consentMissing ? 'note' : 'note attention', id: 'start-note' }, note),
    button(t('start'), 'start', () => ctx.conn.command('start'), steering(ctx, { class: 'primary', disabled: !ready, 'aria-describedby': 'start-note' })),
  ];
}

// The next step requires people who are not there (template requires_present): said before the
// click; the moderator may still go on, and the minutes note what was missing.
export function presenceNote(state) {
  const check = state.presence_check;
  const missing = Object.entries(check?.missing ?? {});
  if (!missing.length) return null;
  const words = missing.map(([who, n]) => t(`presence_${who}`, { n })).join(', ');
  return h('p', { class: 'note attention presence-note', 'data-presence-missing': missing.map(([who, n]) => `${who}:${n}`).join(' ') },
    t('presence_missing', { step: check.step, missing: words }));
}

function stepControls(ctx) {
  const { state, conn } = ctx;
  const last = state.current_step === state.steps.length;
  return [
    presenceNote(state),
    h('div', { class: 'control-row' },
      state.current_step > 1 ? button(t('previous_step'), 'previous-step', () => confirmPrevious(ctx), steering(ctx, { class: 'secondary', disabled: state.paused })) : null,
      last ? h('p', { class: 'note' }, t('last_step_note'))
        : button(`${t('next_step')} →`, 'next-step', () => confirmNext(ctx), steering(ctx, { class: 'primary', disabled: state.paused }))),
    h('div', { class: 'control-row' },
      state.paused ? button(t('resume'), 'resume', () => conn.command('resume'), steering(ctx, { class: 'primary' }))
        : button(t('pause'), 'pause', () => conn.command('pause'), steering(ctx, { class: 'secondary' })),
      // A written consultation has deadlines, not minutes to extend.
      isWritten(state) ? null : button(t('extend'), 'extend', () => conn.command('extend', { minutes: 5 }), steering(ctx, { class: 'secondary' }))),
  ];
}

export function moderatorControls(ctx) {
  if (!ctx.who.isModerator || ctx.state.ended) return null;
  return h('section', { class: 'panel controls', 'aria-labelledby': 'controls-heading' },
    h('h2', { id: 'controls-heading' }, t('controls_heading')),
    offlineNote(ctx),
    ctx.state.started ? stepControls(ctx) : lobbyControls(ctx),
    isWritten(ctx.state) ? deadlineForm(ctx) : null,
    h('div', { class: 'control-row end-row' },
      ctx.state.started ? button(t('end_session'), 'end-session', () => confirmEnd(ctx), steering(ctx, { class: 'danger' }))
        : button(t('cancel_session'), 'cancel-session', () => confirmCancel(ctx), steering(ctx, { class: 'danger' }))),
    // Once started a session can still turn out not to be one (the case is withdrawn, too few
    // came): offered, but quieter than the usual end.
    ctx.state.started ? h('div', { class: 'control-row' },
      button(t('cancel_session_started'), 'cancel-session', () => confirmCancel(ctx), steering(ctx, { class: 'small secondary' }))) : null);
}

export function inviteBox(ctx) {
  if (!ctx.who.isModerator || !ctx.inviteCode || ctx.state.ended) return null;
  const copy = h('button', { type: 'button', class: 'small secondary', 'data-action': 'copy-invite',
    onclick: async (e) => {
      try {
        await navigator.clipboard.writeText(ctx.inviteCode);
        e.target.textContent = t('copied');
      } catch { /* the code stays visible to read out */ }
    } }, t('copy'));
  return h('section', { class: 'panel invite', 'aria-labelledby': 'invite-heading' },
    h('h2', { id: 'invite-heading' }, t('invite_heading')),
    h('p', {}, t('invite_share')),
    h('p', { class: 'invite-code', 'data-invite': ctx.inviteCode }, ctx.inviteCode),
    copy);
}
