// Cards written beforehand for a registered case: colleagues choose a collecting step of the
// case's format and one of its categories and write the card; in the session it stands in that
// step with their name, marked "vorab geschrieben". Everyone deletes their own; moderators any.

import { h } from './dom.js';
import { t, pick } from './i18n.js';
import { api } from './api.js';
import { account, may } from './account.js';
import { formats } from './formats.js';
import { teamPath } from './team_views.js';
import { field, submit, formOutcome, busy, forgetDrafts, focusProblem } from './form_state.js';

function collectingOf(formatId) {
  return formats.find((f) => f.id === formatId)?.collecting ?? [];
}

// "4. Unzensierte Einfälle … – Stärken" for a step and category of the format.
export function placeName(formatId, step, category) {
  const s = collectingOf(formatId).find((x) => x.step === step);
  const c = s?.categories.find((x) => x.key === category);
  return s ? `${step}. ${pick(s.title)} – ${c ? pick(c.title) : category}` : `${step} – ${category}`;
}

function cardItem(registration, card, opts) {
  const mayDelete = card.user_id === account.me?.user_id || may('plan_circles');
  return h('li', { class: 'card prepared-card', 'data-card': card.card_id },
    h('p', { class: 'card-text' }, card.text),
    h('p', { class: 'card-meta' }, placeName(registration.format, card.step, card.category), ' · ', t('card_by', { name: card.author_name })),
    mayDelete && opts.open ? h('button', { type: 'button', class: 'link', 'data-action': 'delete-card', 'data-focus-key': `delete-card-${card.card_id}`,
      onclick: () => submit(`cards-${registration.registration_id}`,
        () => api('DELETE', teamPath(`registrations/${registration.registration_id}/cards/${card.card_id}`)), opts.rerender, () => t('cards_deleted'))
        .then((done) => done && opts.changed()) },
    t('cards_delete'), h('span', { class: 'visually-hidden' }, `: ${card.text}`)) : null);
}

function cardForm(registration, opts) {
  const id = registration.registration_id;
  const key = `cards-${id}`;
  const prefix = `cards.${id}`;
  const places = collectingOf(registration.format).flatMap((s) => s.categories.map((c) => [`${s.step}:${c.key}`, `${s.step}. ${pick(s.title)} – ${pick(c.title)}`]));
  const form = h('form', { class: 'card-form prepared-card-form', novalidate: true, 'data-form': 'prepared-card' },
    field(key, { name: 'place', label: t('cards_place_label'), kind: 'select', options: places, draftKey: `${prefix}.place`, fallback: places[0]?.[0] ?? '' }),
    field(key, { name: 'text', label: t('cards_text_label'), kind: 'textarea', rows: 2, maxlength: 500, draftKey: `${prefix}.text` }),
    h('button', { type: 'submit', class: 'secondary', disabled: busy(key) }, t('cards_add')),
    formOutcome(key, ['text']));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const [step, category] = form.elements.place.value.split(':');
    const body = { step: Number(step), category, text: form.elements.text.value.trim() };
    const made = await submit(key, () => api('POST', teamPath(`registrations/${id}/cards`), body), opts.rerender, () => t('cards_added'));
    if (made) {
      forgetDrafts(`${prefix}.text`);
      opts.changed();
    } else focusProblem(key);
  });
  return form;
}

// opts: { rerender, changed, open } – open: the session is not opened yet, cards can change.
export function preparedCards(registration, opts) {
  const cards = registration.cards ?? [];
  return h('section', { class: 'panel prepared-cards', 'aria-labelledby': 'prepared-cards-heading' },
    h('h2', { id: 'prepared-cards-heading' }, t('cards_heading')),
    h('p', {}, t(opts.open ? 'cards_intro' : 'cards_in_session')),
    cards.length ? h('ul', { class: 'cards' }, cards.map((c) => cardItem(registration, c, opts))) : h('p', { class: 'empty' }, t('cards_empty')),
    opts.open ? cardForm(registration, opts) : null);
}
