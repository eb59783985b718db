// What each person sees once the session is over, drawn from the snapshot alone so that a reload
// shows the same: a cancelled session (no minutes), an ended one whose minutes the moderator
// approves or discards while everyone else is told so, discarded minutes, approved minutes.
// Every page has a way on – the start page – so nobody is left in front of a closed room.

import { h } from './dom.js';
import { t } from './i18n.js';
import { draft, forget } from './drafts.js';
import { ask } from './confirm.js';
import { steering } from './controls.js';
import { minutesDocument } from './minutes_view.js';
import { reviewPanel, draftEditing } from './draft_review.js';

function toStartButton(ctx, primary = true) {
  return h('button', { type: 'button', class: primary ? 'primary' : 'secondary', 'data-action': 'to-start', onclick: ctx.onNewSession }, t('to_start_page'));
}

function closedPage(ctx, kind, heading, ...texts) {
  return h('section', { class: 'session-closed', 'data-closed': kind, 'aria-labelledby': 'ended-heading' },
    h('h1', { id: 'ended-heading' }, heading),
    texts.filter(Boolean).map((text, i) => h('p', { role: i === 0 ? 'status' : null, class: 'closed-text' }, text)),
    h('div', { class: 'control-row' }, toStartButton(ctx)));
}

export function cancellationReason(cancellation) {
  if (!cancellation) return '';
  const label = t(`cancel_reason_${cancellation.reason}`);
  return cancellation.note ? `${label}: ${cancellation.note}` : label;
}

function idleNote(state) {
  return state.ended_reason === 'idle' ? t('ended_idle_text') : null;
}

// After changes to the draft the approval names how many the moderator looked through (the
// engine refuses it otherwise: changes_not_seen); the box says which.
function changesSeenField(count) {
  if (!count) return null;
  return [h('div', { class: 'field checkbox-field' },
    h('input', { type: 'checkbox', id: 'changes-seen', name: 'changes_seen', value: String(count) }),
    h('label', { for: 'changes-seen' }, t('changes_seen_label', { n: count }))),
  h('p', { class: 'alert', id: 'changes-seen-missing', role: 'alert', hidden: true }, t('changes_seen_missing'))];
}

function approveForm(ctx) {
  const count = ctx.state.changes?.length ?? 0;
  const form = h('form', { class: 'record-form approve-form no-print' },
    h('h2', {}, t('minutes_draft_heading')),
    h('p', {}, t('minutes_draft_intro')),
    h('div', { class: 'field' },
      h('label', { for: 'closing-remark' }, t('closing_remark_label')),
      h('textarea', { id: 'closing-remark', name: 'closing_remark', rows: 3, maxlength: 4000, 'data-draft': 'minutes.closing_remark' }, draft('minutes.closing_remark'))),
    changesSeenField(count),
    h('button', { type: 'submit', class: 'primary', 'data-action': 'approve', ...steering(ctx) }, t('approve')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const seen = form.elements.changes_seen;
    if (seen && !seen.checked) {
      form.querySelector('#changes-seen-missing').hidden = false;
      return seen.focus();
    }
    const yes = await ask({ title: t('confirm_approve_title'), text: t('confirm_approve_text'), yes: t('confirm_yes_approve') });
    const fields = { closing_remark: form.elements.closing_remark.value.trim() };
    if (count) fields.changes_seen = count;
    if (yes) ctx.conn.command('approve_minutes', fields);
  });
  return form;
}

// A discard needs its reason (the engine refuses an empty one); said beside the field at once
// instead of a refusal after the confirmation.
function discardForm(ctx) {
  const missing = h('p', { class: 'alert', id: 'discard-missing', role: 'alert', hidden: true }, t('discard_reason_missing'));
  const form = h('form', { class: 'record-form discard-form no-print', novalidate: true },
    h('h2', {}, t('discard_heading')),
    h('p', { class: 'note' }, t('discard_intro')),
    h('div', { class: 'field' },
      h('label', { for: 'discard-reason' }, t('discard_reason_label')),
      h('textarea', { id: 'discard-reason', name: 'reason', rows: 2, maxlength: 500, required: true, 'data-draft': 'minutes.discard_reason', 'aria-describedby': 'discard-missing' }, draft('minutes.discard_reason'))),
    missing,
    h('button', { type: 'submit', class: 'danger', 'data-action': 'discard', ...steering(ctx) }, t('discard')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const reason = form.elements.reason.value.trim();
    missing.hidden = Boolean(reason);
    if (!reason) return form.elements.reason.focus();
    const yes = await ask({ title: t('confirm_discard_title'), text: t('confirm_discard_text'), yes: t('confirm_yes_discard') });
    if (!yes) return;
    ctx.conn.command('discard_minutes', { reason });
    forget('minutes.discard_reason');
  });
  return form;
}

function minutesOrLoading(ctx, approved, edit = null) {
  const current = ctx.minutes && ctx.minutes.minutes.approved === approved ? ctx.minutes.minutes : null;
  return current ? minutesDocument(current, edit) : h('p', { role: 'status' }, t('minutes_loading'));
}

// The moderator decides: approve, or discard with a reason. Both stay until one is done.
function reviewPage(ctx) {
  const idle = idleNote(ctx.state);
  return h('div', { class: 'end-view', 'data-closed': 'review' },
    h('h1', { class: 'no-print', id: 'ended-heading' }, t('ended_heading')),
    idle ? h('p', { class: 'note attention idle-note', role: 'status' }, idle) : null,
    reviewPanel(ctx),
    h('div', { class: 'end-decisions' }, approveForm(ctx), discardForm(ctx)),
    minutesOrLoading(ctx, false, draftEditing(ctx)));
}

function approvedPage(ctx) {
  return h('div', { class: 'end-view', 'data-closed': 'approved' },
    h('div', { class: 'control-row no-print' },
      h('button', { type: 'button', class: 'primary', 'data-action': 'print', onclick: () => window.print() }, t('print')),
      toStartButton(ctx, false)),
    minutesOrLoading(ctx, true));
}

export function endView(ctx) {
  const { state } = ctx;
  if (state.cancellation || state.ended_reason === 'cancelled') {
    return closedPage(ctx, 'cancelled', t('cancelled_heading'), t('cancelled_text', { reason: cancellationReason(state.cancellation) }));
  }
  if (state.discard) return closedPage(ctx, 'discarded', t('discarded_heading'), t('discarded_text', { reason: state.discard.reason }));
  if (state.minutes_approved) return approvedPage(ctx);
  if (ctx.who.isModerator) return reviewPage(ctx);
  return closedPage(ctx, 'ended', t('ended_heading'), idleNote(state), t('ended_review_text'));
}
