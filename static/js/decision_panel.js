// Step 8: the group collects options, the presenter decides and sets a review date, and the
// team says whether it backs the decision. The team only recommends; the screen says so.

import { h } from './dom.js';
import { t, formatDate } from './i18n.js';
import { draft } from './drafts.js';
import { recordForm } from './forms.js';
import { nameOf, stepHas, todayUtc } from './model.js';

function optionItem(ctx, option) {
  const chosen = ctx.state.decision?.option_id === option.id;
  return h('li', { class: 'option', 'data-option': option.id },
    h('p', { class: 'option-text' }, option.text),
    h('p', { class: 'card-meta' },
      option.advocatus ? h('span', { class: 'badge ad', title: t('advocatus') }, t('advocatus_short')) : null,
      t('card_by', { name: nameOf(ctx.state, option.author) }),
      chosen ? h('strong', { class: 'valid-mark' }, ` ✓ ${t('m_decision')}`) : null));
}

function optionsSection(ctx) {
  const { options } = ctx.state;
  const mayAdd = !ctx.who.isObserver && !ctx.projector;
  return h('section', { class: 'panel options', 'aria-labelledby': 'options-heading' },
    h('h2', { id: 'options-heading' }, t('options_heading')),
    options.length ? h('ul', { class: 'option-list' }, options.map((o) => optionItem(ctx, o))) : h('p', { class: 'empty' }, t('options_none')),
    mayAdd ? recordForm({
      name: 'option',
      fields: [{ id: 'option-text', label: t('option_label'), draftKey: 'option.text', multiline: true, rows: 2, maxlength: 500 }],
      submitLabel: t('option_add'),
      onSubmit: (v) => {
        if (!v['option-text']) return false;
        ctx.conn.command('add_option', { text: v['option-text'] }, v['option-text']);
      },
    }) : null);
}

function optionSelect(ctx) {
  const current = draft('decision.option', ctx.state.decision?.option_id ?? '');
  return h('div', { class: 'field' },
    h('label', { for: 'decision-option' }, t('decision_option_label')),
    h('select', { id: 'decision-option', name: 'decision-option', 'data-draft': 'decision.option' },
      h('option', { value: '' }, t('decision_option_none')),
      ctx.state.options.map((o) => h('option', { value: o.id, selected: o.id === current ? 'selected' : null }, o.text.slice(0, 80)))));
}

function decisionForm(ctx) {
  const d = ctx.state.decision;
  return recordForm({
    name: 'decision',
    keepDrafts: true,
    fields: [
      { id: 'decision-text', label: t('decision_label'), draftKey: 'decision.text', fallback: d?.text ?? '', multiline: true, rows: 2, maxlength: 1000 },
      { id: 'review-date', label: t('review_date_label'), hint: t('review_date_hint'), draftKey: 'decision.review_date', fallback: d?.review_date ?? '', type: 'date', min: todayUtc(), required: true },
    ],
    extra: optionSelect(ctx),
    submitLabel: t('decision_save'),
    onSubmit: (v) => {
      if (!v['decision-text'] || !v['review-date']) return false;
      ctx.conn.command('record_decision', { text: v['decision-text'], review_date: v['review-date'], option_id: v['decision-option'] || null });
    },
  });
}

function decisionSection(ctx) {
  const d = ctx.state.decision;
  return h('section', { class: 'panel decision', 'aria-labelledby': 'decision-heading' },
    h('h2', { id: 'decision-heading' }, t('decision_heading')),
    d ? h('div', { class: 'decision-text' },
      h('blockquote', {}, d.text),
      h('p', { class: 'review-date' }, t('decision_review', { date: formatDate(d.review_date) })))
      : h('p', { class: 'empty' }, t('decision_missing')),
    h('p', { class: 'note' }, t('decision_team_note')),
    ctx.who.isPresenter && !ctx.projector ? decisionForm(ctx) : null);
}

function tally(backing) {
  const count = (vote) => backing.filter((b) => b.vote === vote).length;
  return t('backing_tally', { yes: count('yes'), no: count('no'), abstain: count('abstain') });
}

function voteForm(ctx) {
  const mine = ctx.state.backing.find((b) => b.participant_id === ctx.who.id);
  const voteButton = (vote, label) => h('button', { type: 'submit', name: 'vote', value: vote, class: mine?.vote === vote ? 'primary' : 'secondary', 'data-vote': vote, 'aria-pressed': mine?.vote === vote ? 'true' : 'false' }, label);
  const form = h('form', { class: 'record-form backing-form' },
    h('div', { class: 'field' },
      h('label', { for: 'backing-note' }, t('backing_note_label')),
      h('input', { id: 'backing-note', name: 'note', maxlength: 500, 'data-draft': 'backing.note', value: draft('backing.note', mine?.note ?? '') })),
    h('div', { class: 'control-row' }, voteButton('yes', t('backing_yes')), voteButton('no', t('backing_no')), voteButton('abstain', t('backing_abstain'))),
    mine ? h('p', { class: 'saved-note' }, `✓ ${t('backing_your_vote', { vote: t(`vote_${mine.vote}`) })}`) : null);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.conn.command('state_backing', { vote: e.submitter.value, note: form.elements.note.value.trim() });
  });
  return form;
}

function backingSection(ctx) {
  const { backing, decision } = ctx.state;
  const mayVote = (ctx.who.role === 'participant' || ctx.who.role === 'expert') && !ctx.who.isPresenter && !ctx.projector;
  return h('section', { class: 'panel backing', 'aria-labelledby': 'backing-heading' },
    h('h2', { id: 'backing-heading' }, t('backing_heading')),
    decision ? h('p', { class: 'tally', 'data-tally': '' }, tally(backing)) : h('p', { class: 'empty' }, t('backing_after_decision')),
    decision && backing.length ? h('ul', { class: 'votes' }, backing.map((b) =>
      h('li', {}, `${nameOf(ctx.state, b.participant_id)}: ${t(`vote_${b.vote}`)}`, b.note ? ` – ${b.note}` : ''))) : null,
    decision && mayVote ? voteForm(ctx) : null);
}

export function decisionPanel(ctx, step) {
  return [
    stepHas(step, 'options') ? optionsSection(ctx) : null,
    stepHas(step, 'decision') ? decisionSection(ctx) : null,
    stepHas(step, 'backing') ? backingSection(ctx) : null,
  ];
}
