// Step 1: the presenter writes the short version of the case report along the fixed outline;
// everyone else reads it as it is saved.

import { h } from './dom.js';
import { t, formatTime } from './i18n.js';
import { recordForm } from './forms.js';
import { preparedNote } from './prepared_note.js';

const parts = [
  ['history', 'summary_history'],
  ['initial_situation', 'summary_initial'],
  ['work_so_far', 'summary_work'],
  ['service_steering', 'summary_steering'],
];
const hints = { history: 'summary_history_hint', initial_situation: 'summary_initial_hint', work_so_far: 'summary_work_hint', service_steering: 'summary_steering_hint' };

function summaryText(summary) {
  if (!summary) return h('p', { class: 'empty' }, t('summary_missing'));
  return h('dl', { class: 'summary' }, parts.map(([key, label]) => [
    h('dt', {}, t(label)),
    h('dd', {}, summary[key] || t('summary_part_empty')),
  ]));
}

function summaryForm(ctx) {
  const saved = ctx.state.case_summary ?? {};
  return recordForm({
    name: 'case-summary',
    keepDrafts: true,
    fields: parts.map(([key, label]) => ({
      id: `summary-${key}`, label: t(label), hint: t(hints[key]), draftKey: `summary.${key}`,
      fallback: saved[key] ?? '', multiline: true, rows: 3, maxlength: 4000,
    })),
    submitLabel: t('summary_save'),
    onSubmit: (v) => {
      ctx.conn.command('set_case_summary', {
        history: v['summary-history'], initial_situation: v['summary-initial_situation'],
        work_so_far: v['summary-work_so_far'], service_steering: v['summary-service_steering'],
      });
    },
  });
}

export function caseSummaryPanel(ctx, editable) {
  const mayEdit = editable && ctx.who.isPresenter && !ctx.projector;
  // Still the case manager's draft from the registration: said so, and to the presenter that the
  // form starts from it.
  const preparedBy = ctx.state.case_summary?.prepared_by;
  return h('section', { class: 'panel case-summary', 'aria-labelledby': 'summary-heading' },
    h('h2', { id: 'summary-heading' }, t('summary_heading')),
    preparedNote(preparedBy, mayEdit ? t('prepared_form_hint') : null),
    mayEdit ? summaryForm(ctx) : summaryText(ctx.state.case_summary),
    mayEdit && ctx.state.case_summary && !preparedBy ? h('p', { class: 'saved-note', role: 'status' }, `✓ ${t('saved_at', { time: formatTime(ctx.state.case_summary.at) })}`) : null);
}
