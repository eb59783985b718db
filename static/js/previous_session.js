// A case discussed before: the new session starts from the last decision (with the group's
// prognosis from then), and the presenter records what came of it. The same words are used in
// the room, the minutes and the team pages.

import { h } from './dom.js';
import { t, formatDate, formatNumber } from './i18n.js';
import { draft } from './drafts.js';
import { nameOf, prognosisFigures, outcomeValues } from './model.js';

export function outcomeLabel(outcome) {
  return outcomeValues.includes(outcome) ? t(`outcome_${outcome}`) : (outcome ?? '');
}

// "teilweise umgesetzt – Antrag gestellt" (the note only when there is one).
export function outcomeText(outcome, note) {
  return note ? `${outcomeLabel(outcome)} – ${note}` : outcomeLabel(outcome);
}

// "4 Einschätzung(en), Mittel 3,5 von 5" with the counts per level beneath, or "keine Prognose".
export function prognosisThen(counts) {
  const f = prognosisFigures(counts);
  if (!f) return h('span', { class: 'empty', 'data-prognosis-then': '0' }, t('prognosis_then_none'));
  return h('span', { class: 'prognosis-then', 'data-prognosis-then': String(f.n) },
    t('prognosis_then', { n: f.n, avg: formatNumber(f.mean, 1) }),
    h('span', { class: 'byline prognosis-counts' }, ` (${t('prognosis_then_counts', { counts: f.counts.join(' · ') })})`));
}

// Five small columns, one per rating level (1 on the left); the text beside them says the same.
export function miniBars(counts) {
  const f = prognosisFigures(counts);
  if (!f) return null;
  const max = Math.max(...f.counts);
  return h('span', { class: 'mini-bars', 'aria-hidden': 'true' },
    f.counts.map((c, i) => h('span', { class: 'mini-bar', title: `${i + 1}: ${c}`, style: `height: ${Math.round((100 * c) / max)}%` })));
}

function outcomeForm(ctx, p) {
  const chosen = String(draft('outcome.result', p.outcome?.outcome ?? ''));
  const form = h('form', { class: 'record-form outcome-form', 'data-form': 'outcome' },
    h('fieldset', {},
      h('legend', {}, t('outcome_question')),
      outcomeValues.map((v) => h('div', { class: 'rating' },
        h('input', { type: 'radio', id: `outcome-${v}`, name: 'outcome', value: v, 'data-draft': 'outcome.result', checked: chosen === v, required: true }),
        h('label', { for: `outcome-${v}` }, t(`outcome_${v}`))))),
    h('div', { class: 'field' },
      h('label', { for: 'outcome-note' }, t('outcome_note_label')),
      h('textarea', { id: 'outcome-note', name: 'note', rows: 2, maxlength: 1000, 'data-draft': 'outcome.note' }, draft('outcome.note', p.outcome?.note ?? ''))),
    h('button', { type: 'submit', class: 'primary' }, t('outcome_save')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const outcome = String(new FormData(form).get('outcome') ?? '');
    if (!outcomeValues.includes(outcome)) return;
    const note = form.elements.note.value.trim();
    // The drafts stay: they hold what was just recorded until the snapshot shows it.
    ctx.conn.command('record_outcome', { outcome, note }, note);
  });
  return form;
}

export function previousSessionPanel(ctx) {
  const p = ctx.state.previous_session;
  if (!p) return null;
  const row = (label, value) => (value ? [h('dt', {}, label), h('dd', {}, value)] : null);
  const o = p.outcome;
  const mayRecord = ctx.who.isPresenter && !ctx.projector;
  return h('section', { class: 'panel previous', 'aria-labelledby': 'previous-heading', 'data-previous': p.previous_session_id ?? '' },
    h('h2', { id: 'previous-heading' }, t('previous_heading'), p.held_on ? ` (${formatDate(p.held_on)})` : ''),
    h('dl', { class: 'facts' },
      row(t('m_question'), p.question), row(t('m_decision'), p.decision), row(t('m_review_date'), formatDate(p.review_date)),
      row(t('previous_prognosis'), prognosisThen(p.prognosis_distribution))),
    h('p', { class: 'outcome-line', 'data-outcome': o?.outcome ?? '' },
      h('strong', {}, `${t('outcome_heading')}: `),
      o ? [outcomeText(o.outcome, o.note), h('span', { class: 'byline' }, ` (${t('outcome_by', { name: nameOf(ctx.state, o.recorded_by) })})`)]
        : h('span', { class: 'empty' }, t('outcome_missing'))),
    mayRecord ? [h('p', { class: 'note' }, t('outcome_hint')), outcomeForm(ctx, p)] : null);
}

// The minutes' record of the same: the decision carried in and what came of it.
export function previousSessionMinutes(m, section) {
  const p = m.previous_session;
  if (!p) return null;
  const row = (label, value) => (value ? [h('dt', {}, label), h('dd', {}, value)] : null);
  const o = p.outcome;
  return section(t('m_previous'),
    h('dl', { class: 'facts previous-facts' },
      row(t('m_date'), formatDate(p.held_on)), row(t('m_question'), p.question), row(t('m_decision'), p.decision),
      row(t('m_review_date'), formatDate(p.review_date)),
      row(t('previous_prognosis'), prognosisThen(p.prognosis_distribution)),
      row(t('outcome_heading'), h('span', { class: 'outcome-line', 'data-outcome': o?.outcome ?? '' },
        o ? [outcomeText(o.outcome, o.note), o.recorded_by?.name ? h('span', { class: 'byline' }, ` (${o.recorded_by.name})`) : null]
          : h('span', { class: 'empty' }, t('outcome_missing'))))));
}
