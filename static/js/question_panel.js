// The consultation question: the presenter's original (step 2), alternatives proposed by the
// group and the valid question chosen by the moderator (step 3). Later steps show the valid
// question as a banner, because everything after it works on that question.

import { h } from './dom.js';
import { t } from './i18n.js';
import { recordForm } from './forms.js';
import { nameOf, validQuestion, stepHas } from './model.js';
import { preparedNote } from './prepared_note.js';

// The system wrote a prepared question in the name of the case manager who drafted it.
function authorName(state, entry) {
  return entry.prepared_by ?? nameOf(state, entry.author);
}

function adBadge(entry) {
  return entry.advocatus ? h('span', { class: 'badge ad', title: t('advocatus') }, t('advocatus_short')) : null;
}

function validMark(state, questionId) {
  return state.question.chosen?.question_id === questionId
    ? h('strong', { class: 'valid-mark' }, `✓ ${t('question_valid')}`) : null;
}

function chooseButton(ctx, questionId) {
  if (!ctx.who.isModerator || ctx.projector || ctx.state.question.chosen?.question_id === questionId) return null;
  return h('button', { type: 'button', class: 'small secondary', 'data-action': 'choose-question', 'data-question': questionId,
    'data-focus-key': `choose-${questionId}`, onclick: () => ctx.conn.command('choose_question', { question_id: questionId }) }, t('question_choose'));
}

function entryItem(ctx, entry, id) {
  return h('li', { class: 'question-entry', 'data-question-id': id },
    h('p', { class: 'question-text' }, entry.text),
    h('p', { class: 'card-meta' }, adBadge(entry), t('card_by', { name: authorName(ctx.state, entry) }), ' ', validMark(ctx.state, id)),
    chooseButton(ctx, id));
}

function questionForm(ctx) {
  return recordForm({
    name: 'question',
    keepDrafts: true,
    fields: [{ id: 'question-text', label: t('question_label'), draftKey: 'question.text', fallback: ctx.state.question.original?.text ?? '', multiline: true, rows: 2, maxlength: 500 }],
    submitLabel: t('question_save'),
    onSubmit: (v) => {
      if (!v['question-text']) return false;
      ctx.conn.command('set_question', { text: v['question-text'] });
    },
  });
}

function proposeForm(ctx) {
  if (ctx.who.isPresenter || ctx.who.isObserver || ctx.projector) return null;
  return recordForm({
    name: 'alternative',
    fields: [{ id: 'alternative-text', label: t('question_propose_label'), draftKey: 'question.alternative', multiline: true, rows: 2, maxlength: 500 }],
    submitLabel: t('question_propose'),
    onSubmit: (v) => {
      if (!v['alternative-text']) return false;
      ctx.conn.command('propose_alternative_question', { text: v['alternative-text'] }, v['alternative-text']);
    },
  });
}

function questionStep(ctx) {
  const original = ctx.state.question.original;
  return h('section', { class: 'panel question', 'aria-labelledby': 'question-heading' },
    h('h2', { id: 'question-heading' }, t('question_heading')),
    original ? h('blockquote', { class: 'question-quote' }, original.text) : h('p', { class: 'empty' }, t('question_missing')),
    preparedNote(original?.prepared_by, ctx.who.isPresenter && !ctx.projector ? t('prepared_question_hint') : null),
    ctx.who.isPresenter && !ctx.projector ? questionForm(ctx) : null);
}

function discussionStep(ctx) {
  const { question } = ctx.state;
  return h('section', { class: 'panel question', 'aria-labelledby': 'question-heading' },
    h('h2', { id: 'question-heading' }, t('question_heading')),
    h('h3', {}, t('question_original')),
    question.original ? h('ul', { class: 'question-list' }, entryItem(ctx, question.original, 'original')) : h('p', { class: 'empty' }, t('question_missing')),
    h('h3', {}, t('question_alternatives')),
    question.alternatives.length
      ? h('ul', { class: 'question-list' }, question.alternatives.map((a) => entryItem(ctx, a, a.id)))
      : h('p', { class: 'empty' }, t('question_no_alternatives')),
    question.chosen ? null : h('p', { class: 'note' }, t('question_not_chosen')),
    proposeForm(ctx));
}

export function questionBanner(state) {
  const valid = validQuestion(state);
  if (!valid) return null;
  return h('aside', { class: 'question-banner', 'aria-label': t('question_valid_banner') },
    h('span', { class: 'banner-label' }, t('question_valid_banner'), ': '),
    h('q', {}, valid.text));
}

export function questionPanel(ctx, step) {
  if (stepHas(step, 'question')) return questionStep(ctx);
  if (stepHas(step, 'alternative_questions') || stepHas(step, 'chosen_question')) return discussionStep(ctx);
  return null;
}
