// For the wall: big timer, the current step and its board, read-only, readable from the back row.

import { h } from './dom.js';
import { t, pick } from './i18n.js';
import { timerView } from './timer_view.js';
import { board } from './board.js';
import { roundIndicator } from './round_indicator.js';
import { questionBanner } from './question_panel.js';
import { currentStep, stepHas } from './model.js';
import { caseSummaryPanel } from './case_summary_panel.js';

function optionsAndDecision(state) {
  const items = [];
  if (state.options.length) items.push(h('ul', { class: 'option-list' }, state.options.map((o) => h('li', {}, o.text))));
  if (state.decision) items.push(h('blockquote', { class: 'decision-quote' }, state.decision.text));
  return items.length ? h('section', { class: 'panel' }, items) : null;
}

function projectorStep(ctx) {
  const step = currentStep(ctx.state);
  return [
    h('header', { class: 'projector-header' },
      h('div', {},
        h('p', { class: 'step-of' }, t('step_of', { n: step.number, total: ctx.state.steps.length })),
        h('h1', { 'data-step-key': step.key }, pick(step.title))),
      timerView(ctx.state, ctx.serverNow(), 'large')),
    ctx.state.paused ? h('p', { class: 'paused-banner' }, `‖ ${t('session_paused_banner')}`) : null,
    step.number > 1 ? questionBanner(ctx.state) : null,
    // Step 1: the room reads the short report along while the presenter tells the case.
    stepHas(step, 'case_summary') ? caseSummaryPanel(ctx, false) : null,
    roundIndicator(ctx, step),
    stepHas(step, 'options') ? optionsAndDecision(ctx.state) : null,
    board(ctx, step) ?? h('p', { class: 'projector-instructions' }, pick(step.instructions)),
  ];
}

// Before the start the wall shows how to get in: the invitation code, large enough to be typed
// from the back row (only the moderator's screens know it).
function projectorLobby(ctx) {
  return [
    h('h1', {}, pick(ctx.state.format_title), ' · ', ctx.state.case_code),
    ctx.inviteCode && !ctx.state.started ? h('p', { class: 'projector-invite' }, `${t('projector_invite')}:`, h('strong', { 'data-invite': ctx.inviteCode }, ctx.inviteCode)) : null,
    h('p', { class: 'projector-instructions' }, t('lobby_waiting')),
  ];
}

export function projectorView(ctx) {
  const pctx = { ...ctx, projector: true };
  return h('div', { class: 'projector', role: 'region', 'aria-label': t('projector_label') },
    ctx.state.started && !ctx.state.ended ? projectorStep(pctx) : projectorLobby(pctx));
}
