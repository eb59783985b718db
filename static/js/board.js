// The card board of the current step: one column per category, like a pin board in the room.
// Cards waiting for the connection already stand in their column, marked as being sent.

import { h } from './dom.js';
import { t, pick } from './i18n.js';
import { draft, forget } from './drafts.js';
import { cardsOf, mayWriteCards, waitingForTurn, inRound, presenterHasWritten, nameOf } from './model.js';
import { beforehandBadge } from './prepared_note.js';

// A card written beforehand is the system's, in the name of the colleague who wrote it.
function authorOf(ctx, card) {
  return card.written_beforehand ? (card.author_name ?? '') : nameOf(ctx.state, card.author);
}

// The moderator re-sorts cards, as on a pin board: one small button per other column.
function moveButtons(card, ctx, step) {
  if (!ctx.who.isModerator || ctx.projector || ctx.state.ended || step.categories.length < 2) return null;
  return h('span', { class: 'move-buttons' }, step.categories.filter((c) => c.key !== card.category).map((c) =>
    h('button', { type: 'button', class: 'link', 'data-move-to': c.key, 'data-focus-key': `move-${card.id}-${c.key}`,
      onclick: () => ctx.conn.command('move_card', { card_id: card.id, category: c.key }) },
    h('span', { class: 'visually-hidden' }, `${t('card_move')} `), h('span', { 'aria-hidden': 'true' }, '→ '), pick(c.title))));
}

// A card is one thought, so Enter pins it, as in a chat; Shift+Enter still breaks the line for
// the rare card that needs two. While an input method is composing, Enter belongs to it.
function enterSubmits(textarea, form, blocked = false) {
  textarea.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing) return;
    e.preventDefault();
    if (!blocked) form.requestSubmit();
  });
}

// Cards being edited stay in edit mode across re-renders until saved or cancelled.
const editing = new Set();

function editForm(card, ctx) {
  const key = `edit.${card.id}`;
  const id = `edit-${card.id}`;
  const textarea = h('textarea', { id, rows: 2, maxlength: 500, 'data-draft': key }, draft(key, card.text));
  const close = () => {
    editing.delete(card.id);
    forget(key);
    ctx.rerender();
  };
  const form = h('form', { class: 'card-edit' },
    h('label', { for: id, class: 'visually-hidden' }, t('card_edit')), textarea,
    h('div', { class: 'card-actions' },
      h('button', { type: 'submit', class: 'small primary' }, t('card_save')),
      h('button', { type: 'button', class: 'small secondary', onclick: close }, t('confirm_cancel'))));
  enterSubmits(textarea, form);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = textarea.value.trim();
    if (text && text !== card.text) ctx.conn.command('edit_card', { card_id: card.id, text }, text);
    close();
  });
  return form;
}

function ownCardActions(card, ctx) {
  return [
    h('button', { type: 'button', class: 'link', 'data-focus-key': `edit-${card.id}`, onclick: () => { editing.add(card.id); ctx.rerender(); } }, t('card_edit')),
    h('button', { type: 'button', class: 'link', 'data-focus-key': `withdraw-${card.id}`, onclick: () => ctx.conn.command('withdraw_card', { card_id: card.id }) }, t('card_withdraw')),
  ];
}

function cardItem(card, ctx, step) {
  const stepIsCurrent = step.number === ctx.state.current_step;
  const mine = card.author === ctx.who.id;
  if (mine && stepIsCurrent && !ctx.projector && editing.has(card.id)) {
    return h('li', { class: 'card editing', 'data-card': card.id }, editForm(card, ctx));
  }
  return h('li', { class: `card ${card.advocatus ? 'advocatus' : ''} ${card.written_beforehand ? 'beforehand' : ''}`, 'data-card': card.id,
    'data-beforehand': card.written_beforehand ? 'true' : null },
    h('p', { class: 'card-text' }, card.text),
    h('p', { class: 'card-meta' },
      card.advocatus ? h('span', { class: 'badge ad', title: t('advocatus') }, t('advocatus_short')) : null,
      card.written_beforehand ? [beforehandBadge(), ' '] : null,
      h('span', { class: 'card-author' }, t('card_by', { name: authorOf(ctx, card) }))),
    h('div', { class: 'card-actions' },
      mine && stepIsCurrent && !ctx.projector ? ownCardActions(card, ctx) : null,
      moveButtons(card, ctx, step)));
}

function pendingItems(ctx, category) {
  return ctx.queue
    .filter((e) => e.command === 'add_card' && e.fields.category === category.key)
    .map((e) => h('li', { class: 'card pending', 'data-pending': e.id },
      h('p', { class: 'card-text' }, e.fields.text),
      h('p', { class: 'card-meta' }, `… ${t('pending_marker')}`)));
}

function blockedReason(ctx, step, category) {
  // Only members of the round have a turn to wait for; the presenter, for whom the group
  // collects, is told why the field waits instead of being promised a turn that never comes.
  if (waitingForTurn(ctx.state, step, ctx.who)) return inRound(ctx.state, step, ctx.who.id) ? t('round_wait') : t('round_outside');
  if (category.presenter_first && !ctx.who.isPresenter && !ctx.who.isModerator && !presenterHasWritten(ctx.state, step, category.key)) {
    return t('presenter_first_note');
  }
  return null;
}

function cardForm(ctx, step, category) {
  const key = `card.${step.number}.${category.key}`;
  const id = `card-input-${category.key}`;
  const blocked = blockedReason(ctx, step, category);
  const textarea = h('textarea', { id, name: 'text', rows: 2, maxlength: 500, 'data-draft': key, 'aria-describedby': blocked ? `${id}-note` : null }, draft(key));
  const form = h('form', { class: 'card-form', 'data-category': category.key },
    h('label', { for: id }, t('card_label', { category: pick(category.title) })),
    textarea,
    blocked ? h('p', { class: 'note', id: `${id}-note` }, blocked) : null,
    h('button', { type: 'submit', class: 'secondary', disabled: Boolean(blocked) }, t('card_add')));
  enterSubmits(textarea, form, Boolean(blocked));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = textarea.value.trim();
    if (!text) return textarea.focus();
    ctx.conn.command('add_card', { category: category.key, text }, text);
    forget(key);
    textarea.value = '';
  });
  return form;
}

function column(ctx, step, category, canWrite) {
  const cards = cardsOf(ctx.state, step.number, category.key);
  const pending = ctx.projector ? [] : pendingItems(ctx, category);
  const headingId = `col-${category.key}`;
  return h('section', { class: 'column', 'data-column': category.key, 'aria-labelledby': headingId },
    h('h3', { id: headingId }, pick(category.title), h('span', { class: 'count' }, ` (${cards.length})`)),
    category.record === 'prognosis' ? h('p', { class: 'hint' }, t('m_obstacles')) : null,
    cards.length || pending.length
      ? h('ul', { class: 'cards' }, cards.map((c) => cardItem(c, ctx, step)), pending)
      : h('p', { class: 'empty' }, t('no_cards')),
    canWrite ? cardForm(ctx, step, category) : null);
}

export function board(ctx, step) {
  if (!step || step.categories.length === 0) return null;
  const canWrite = !ctx.projector && !ctx.state.ended && mayWriteCards(step, ctx.who);
  return h('section', { class: 'board', 'aria-label': t('board_heading') },
    step.collect_dont_discuss ? h('p', { class: 'note' }, t('collect_dont_discuss')) : null,
    canWrite && ctx.who.isModerator && step.round_robin ? h('p', { class: 'note' }, t('scribe_note')) : null,
    canWrite ? h('p', { class: 'note enter-hint' }, t('card_enter_hint')) : null,
    h('div', { class: `columns n${step.categories.length}` }, step.categories.map((c) => column(ctx, step, c, canWrite))));
}
