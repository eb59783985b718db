// Step 9 (a): everyone rates how likely success is, 1 to 5. What stands in the way goes on cards
// in the board's prognosis column; feedback and suggestions are columns there as well. The ratings
// stay hidden (the state carries none) until everyone asked has rated or the moderator shows them.

import { h } from './dom.js';
import { t, formatNumber } from './i18n.js';
import { draft } from './drafts.js';
import { stepHas } from './model.js';

function ratingForm(ctx) {
  const mine = ctx.state.prognosis.find((p) => p.participant_id === ctx.who.id);
  const chosen = String(draft('prognosis.rating', mine?.rating ?? ''));
  const form = h('form', { class: 'record-form prognosis-form' },
    h('fieldset', {},
      h('legend', {}, t('prognosis_question')),
      [1, 2, 3, 4, 5].map((n) => h('div', { class: 'rating' },
        h('input', { type: 'radio', id: `rating-${n}`, name: 'rating', value: String(n), 'data-draft': 'prognosis.rating', checked: chosen === String(n) }),
        h('label', { for: `rating-${n}` }, t(`prognosis_${n}`))))),
    h('button', { type: 'submit', class: 'primary' }, t('prognosis_give')),
    savedNote(mine));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const rating = Number(new FormData(form).get('rating'));
    if (rating >= 1 && rating <= 5) ctx.conn.command('give_prognosis', { rating });
  });
  return form;
}

function savedNote(mine) {
  if (!mine) return null;
  const text = mine.rating ? `✓ ${t('prognosis_yours', { rating: mine.rating })}` : t('prognosis_given_hidden');
  return h('p', { class: 'saved-note' }, text);
}

// Who is asked to rate: everyone present but observers and the moderator (unless presenting);
// the engine waits for the same people (ENGINE.md, give_prognosis).
function askedCount(state) {
  return state.participants.filter((p) => p.present && p.role !== 'observer' && (p.role !== 'moderator' || p.presenter)).length;
}

function hiddenDistribution(ctx) {
  const { state } = ctx;
  return h('div', { class: 'distribution hidden-ratings', 'data-revealed': 'false' },
    h('p', { 'data-prognosis-count': state.prognosis.length }, t('prognosis_hidden', { n: state.prognosis.length, total: askedCount(state) })),
    ctx.who.isModerator && !ctx.projector
      ? h('button', { type: 'button', class: 'secondary', 'data-action': 'reveal-prognosis', onclick: () => ctx.conn.command('reveal_prognosis') }, t('prognosis_reveal'))
      : null);
}

function distribution(prognosis) {
  if (!prognosis.length) return h('p', { class: 'empty' }, t('prognosis_none'));
  const avg = prognosis.reduce((sum, p) => sum + p.rating, 0) / prognosis.length;
  const counts = [1, 2, 3, 4, 5].map((n) => prognosis.filter((p) => p.rating === n).length);
  return h('div', { class: 'distribution' },
    h('p', { 'data-prognosis-count': prognosis.length }, t('prognosis_count', { n: prognosis.length, avg: formatNumber(avg, 1) })),
    h('ol', { class: 'bars' }, counts.map((c, i) => h('li', {},
      h('span', { class: 'bar-label' }, String(i + 1)),
      h('span', { class: 'bar', style: `--n:${c}` }, ''),
      h('span', { class: 'bar-count' }, String(c))))));
}

export function prognosisPanel(ctx, step) {
  if (!stepHas(step, 'prognosis')) return null;
  const mayRate = !ctx.who.isObserver && !ctx.projector;
  return h('section', { class: 'panel prognosis', 'aria-labelledby': 'prognosis-heading' },
    h('h2', { id: 'prognosis-heading' }, t('prognosis_heading')),
    ctx.state.prognosis_revealed ? distribution(ctx.state.prognosis) : hiddenDistribution(ctx),
    mayRate ? ratingForm(ctx) : null);
}
