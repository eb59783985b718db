// The moderator's last look at the draft before approval: what looks like it names a person (the
// server's `identifying` findings), redaction and correction of any entry, and the list of changes
// that approve_minutes wants counted (ENGINE.md, redact / correct_record / approve_minutes).

import { h } from './dom.js';
import { t, formatDateTime } from './i18n.js';
import { askText } from './confirm.js';

export async function redactEntry(ctx, target, text) {
  const reason = await askText({ title: t('redact_title'), text: t('redact_text', { text }), label: t('redact_reason_label'), value: t('redact_reason_default'), yes: t('redact_save') });
  if (reason) ctx.conn.command('redact', { target, reason });
}

export async function correctEntry(ctx, target, text, maxlength) {
  const corrected = await askText({ title: t('correct_title'), label: t('correct_text_label'), value: text, yes: t('correct_save'), multiline: true, maxlength });
  if (corrected && corrected !== text) ctx.conn.command('correct_record', { target, text: corrected });
}

// What the minutes document needs to offer both on each entry of a draft.
export function draftEditing(ctx) {
  return {
    redact: (target, text) => redactEntry(ctx, target, text),
    correct: (target, text, maxlength) => correctEntry(ctx, target, text, maxlength),
  };
}

// A case code is corrected to another pseudonym, everything else redacted.
function finding(ctx, f) {
  const button = f.target === 'case_code'
    ? h('button', { type: 'button', class: 'small secondary', 'data-action': 'correct-finding', onclick: () => correctEntry(ctx, f.target, ctx.minutes?.minutes?.case_code ?? '', 40) }, t('correct'))
    : h('button', { type: 'button', class: 'small danger', 'data-action': 'redact-finding', onclick: () => redactEntry(ctx, f.target, f.text) }, t('redact'));
  return h('li', { 'data-target': f.target, 'data-kind': f.kind },
    t('identifying_item', { kind: t(`identifying_kind_${f.kind}`), text: f.text, label: f.label }), ' ', button);
}

function changeLine(c) {
  const what = c.kind === 'redaction' ? t('change_redaction', { label: c.label, reason: c.reason }) : t('change_correction', { label: c.label, before: c.before });
  return h('li', { 'data-change': c.kind, 'data-target': c.target }, what, h('span', { class: 'byline' }, ' – ', t('change_by', { name: c.by?.name ?? '', at: formatDateTime(c.at) })));
}

export function changesList(changes) {
  if (!changes?.length) return h('p', { class: 'empty' }, t('changes_none'));
  return h('ul', { class: 'changes-list' }, changes.map(changeLine));
}

export function reviewPanel(ctx) {
  const found = ctx.minutes?.identifying ?? [];
  const changes = ctx.minutes?.minutes?.changes ?? [];
  return h('section', { class: 'panel draft-review no-print', 'aria-labelledby': 'review-heading' },
    h('h2', { id: 'review-heading' }, t('review_heading')),
    h('p', {}, t('review_intro')),
    h('h3', {}, t('identifying_heading')),
    found.length ? h('ul', { class: 'identifying-list' }, found.map((f) => finding(ctx, f))) : h('p', { class: 'empty' }, t('identifying_none')),
    h('h3', {}, t('changes_heading')),
    changesList(changes));
}
