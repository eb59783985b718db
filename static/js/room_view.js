// The session room: the step bar on top, the current step's work in the middle, people and
// moderation at the side. Everything is drawn from the latest snapshot.

import { h } from './dom.js';
import { t, pick } from './i18n.js';
import { stepBar } from './step_bar.js';
import { timerView } from './timer_view.js';
import { board } from './board.js';
import { roundIndicator } from './round_indicator.js';
import { caseSummaryPanel } from './case_summary_panel.js';
import { questionPanel, questionBanner } from './question_panel.js';
import { decisionPanel } from './decision_panel.js';
import { prognosisPanel } from './prognosis_panel.js';
import { peoplePanel } from './people_panel.js';
import { moderatorControls, inviteBox } from './controls.js';
import { guestLinkBox, consentPanel } from './guest_view.js';
import { previousSessionPanel } from './previous_session.js';
import { preparedPanel } from './prepared_note.js';
import { currentStep, stepHas, presenterOf } from './model.js';

function stepHeader(ctx, step) {
  return h('header', { class: 'step-header' },
    h('div', {},
      h('p', { class: 'step-of' }, t('step_of', { n: step.number, total: ctx.state.steps.length })),
      h('h1', { id: 'step-title', 'data-step-key': step.key }, pick(step.title))),
    timerView(ctx.state, ctx.serverNow()));
}

function advocatusNotice(ctx, step) {
  if (!ctx.who.isAdvocatus) return null;
  const active = step?.advocatus_diaboli;
  return h('p', { class: `advocatus-notice ${active ? 'active' : ''}`, role: 'status' },
    h('span', { class: 'badge ad' }, t('advocatus')), ' ', active ? t('advocatus_active_you') : t('advocatus_you_later'));
}

function guidance(ctx, step) {
  return [
    h('section', { class: 'panel instructions', 'aria-labelledby': 'instructions-heading' },
      h('h2', { id: 'instructions-heading' }, t('instructions_heading')),
      h('p', {}, pick(step.instructions))),
    ctx.who.isModerator ? h('section', { class: 'panel moderator-hint', 'aria-labelledby': 'hint-heading' },
      h('h2', { id: 'hint-heading' }, t('moderator_hint_heading'), h('span', { class: 'private' }, ` (${t('moderator_hint_private')})`)),
      h('p', {}, pick(step.moderator_hint))) : null,
  ];
}

function stepWork(ctx, step) {
  return [
    step.number === 1 ? previousSessionPanel(ctx) : null,
    stepHas(step, 'case_summary') ? caseSummaryPanel(ctx, true) : null,
    step.number === 1 ? preparedPanel(ctx) : null,
    questionPanel(ctx, step),
    roundIndicator(ctx, step),
    decisionPanel(ctx, step),
    prognosisPanel(ctx, step),
    board(ctx, step),
  ];
}

function runningMain(ctx) {
  const step = currentStep(ctx.state);
  return [
    stepHeader(ctx, step),
    ctx.state.paused ? h('p', { class: 'paused-banner', role: 'status' }, `‖ ${t('session_paused_banner')}`) : null,
    step.number > 2 ? questionBanner(ctx.state) : null,
    advocatusNotice(ctx, step),
    guidance(ctx, step),
    stepWork(ctx, step),
  ];
}

// What the moderator does before the start, each item ticked off in words as it is done.
function lobbyChecklist(ctx) {
  const { state } = ctx;
  const others = state.participants.filter((p) => p.present && p.role !== 'moderator').length;
  const items = [
    [others > 0, t('check_invite')],
    [state.moderator_presents || Boolean(presenterOf(state)), t('check_presenter')],
    state.advocatus_available ? [Boolean(state.advocatus_diaboli), t('check_advocatus'), true] : null,
    state.guests ? [Boolean(state.consent), t('check_consent')] : null,
    [false, t('check_start')],
  ].filter(Boolean);
  return h('section', { class: 'panel checklist', 'aria-labelledby': 'checklist-heading' },
    h('h2', { id: 'checklist-heading' }, t('check_heading')),
    h('ol', {}, items.map(([done, text, optional]) => h('li', { class: done ? 'done' : '' },
      h('span', { class: 'check-mark', 'aria-hidden': 'true' }, done ? '✓' : '○'), ' ', text,
      optional ? h('span', { class: 'note' }, ` (${t('check_optional')})`) : null,
      done ? h('span', { class: 'visually-hidden' }, ` – ${t('step_done')}`) : null))));
}

function lobbyMain(ctx) {
  const { state } = ctx;
  const presenter = presenterOf(state);
  return [
    h('header', { class: 'step-header' }, h('h1', { id: 'step-title' }, t('lobby_heading'))),
    h('section', { class: 'panel instructions' },
      h('h2', {}, pick(state.format_title)),
      h('p', {}, pick(state.format_description)),
      h('p', { class: 'note' }, pick(state.budget_note) || t('budget_note_default'))),
    previousSessionPanel(ctx),
    preparedPanel(ctx),
    h('p', { class: 'lobby-status', role: 'status' }, presenter ? t('lobby_presenter_is', { name: presenter.name }) : ''),
    ctx.who.isModerator ? lobbyChecklist(ctx) : h('p', { class: 'note' }, t('lobby_waiting')),
    advocatusNotice(ctx, null),
  ];
}

export function roomView(ctx) {
  return h('div', { class: 'room', role: 'region', 'aria-label': t('room_label') },
    stepBar(ctx.state),
    h('div', { class: 'room-grid' },
      h('div', { class: 'room-main' }, ctx.state.started ? runningMain(ctx) : lobbyMain(ctx)),
      h('aside', { class: 'room-side' }, consentPanel(ctx), moderatorControls(ctx), inviteBox(ctx), ctx.state.started ? null : guestLinkBox(ctx), peoplePanel(ctx))));
}
