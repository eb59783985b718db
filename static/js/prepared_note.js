// A case registered beforehand arrives prepared (ENGINE.md, prepare_case): the case manager's
// draft of the report and question, and cards colleagues wrote beforehand. The room says so –
// "Vorab vorbereitet von NAME" – so that the presenter knows step 1 starts from the draft, and
// shows before the start and in step 1 what was prepared, the cards marked "vorab geschrieben".

import { h } from './dom.js';
import { t, pick } from './i18n.js';

export function preparedNote(name, extra = null) {
  if (!name) return null;
  return h('p', { class: 'prepared-note', 'data-prepared-by': name }, h('span', { class: 'prepared-mark', 'aria-hidden': 'true' }, '✎ '),
    t('prepared_by', { name }), extra ? h('span', { class: 'hint' }, ` ${extra}`) : null);
}

export function beforehandBadge() {
  return h('span', { class: 'badge beforehand' }, t('written_beforehand'));
}

function stepTitle(state, number) {
  const step = state.steps[number - 1];
  return step ? `${number}. ${pick(step.title)}` : String(number);
}

function categoryTitle(state, card) {
  const category = state.steps[card.step - 1]?.categories?.find((c) => c.key === card.category);
  return category ? pick(category.title) : card.category;
}

function cardsBeforehand(state) {
  const cards = state.cards.filter((c) => c.written_beforehand);
  if (!cards.length) return null;
  return [
    h('h3', {}, t('prepared_cards_heading', { n: cards.length })),
    h('ul', { class: 'cards prepared-cards-list' }, cards.map((c) => h('li', { class: 'card beforehand', 'data-card': c.id },
      h('p', { class: 'card-text' }, c.text),
      h('p', { class: 'card-meta' }, beforehandBadge(), ' ', t('card_by', { name: c.author_name ?? '' }),
        h('span', { class: 'byline' }, ` · ${stepTitle(state, c.step)} – ${categoryTitle(state, c)}`))))),
  ];
}

// Before the start and in step 1: who prepared the case, the drafted question while it stands,
// and the cards written beforehand (they appear in their own steps on the board).
export function preparedPanel(ctx) {
  const { state } = ctx;
  if (!state.prepared) return null;
  const question = state.question?.original?.prepared_by ? state.question.original : null;
  return h('section', { class: 'panel prepared', 'aria-labelledby': 'prepared-heading', 'data-registration': state.prepared.registration_id },
    h('h2', { id: 'prepared-heading' }, t('prepared_heading')),
    // In step 1 the report panel beside it says who prepared the case.
    state.started ? null : preparedNote(state.prepared.prepared_by),
    question ? [h('h3', {}, t('prepared_question_heading')), h('blockquote', { class: 'prepared-question' }, question.text)] : null,
    cardsBeforehand(state));
}
