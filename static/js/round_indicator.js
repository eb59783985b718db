// Reihum: whose turn it is, the order, and the pass / skip buttons for those who may use them.

import { h } from './dom.js';
import { t } from './i18n.js';
import { roundFor, nameOf } from './model.js';
import { steering } from './controls.js';

function orderList(ctx, round) {
  return h('ol', { class: 'round-order', 'aria-label': t('round_order') },
    round.order.map((id) => {
      const turn = id === round.turn;
      return h('li', { class: turn ? 'turn' : '', 'aria-current': turn ? 'true' : null },
        turn ? '▶ ' : '', nameOf(ctx.state, id), id === ctx.who.id ? ` (${t('you')})` : '',
        turn ? h('span', { class: 'visually-hidden' }, ` – ${t('round_marker_turn')}`) : null);
    }));
}

function statusLine(ctx, round) {
  if (round.round === 0 || round.order.length === 0) return t('round_empty');
  if (round.turn === null) return t('round_closed');
  if (round.turn === ctx.who.id) return t('round_your_turn');
  return t('round_turn_of', { name: nameOf(ctx.state, round.turn) });
}

function actions(ctx, round) {
  if (ctx.projector || round.turn === null) return null;
  const pass = round.turn === ctx.who.id
    ? h('button', { type: 'button', class: 'secondary', 'data-action': 'pass-turn', 'data-focus-key': 'pass-turn', onclick: () => ctx.conn.command('pass_turn'), ...steering(ctx) }, t('round_pass'))
    : null;
  const skip = ctx.who.isModerator
    ? h('button', { type: 'button', class: 'secondary', 'data-action': 'skip-turn', 'data-focus-key': 'skip-turn', onclick: () => ctx.conn.command('skip_turn'), ...steering(ctx) }, `${t('round_skip')}: ${nameOf(ctx.state, round.turn)}`)
    : null;
  return pass || skip ? h('div', { class: 'control-row' }, pass, skip) : null;
}

export function roundIndicator(ctx, step) {
  const round = roundFor(ctx.state, step);
  if (!round) return null;
  const mine = round.turn === ctx.who.id;
  return h('section', { class: `panel round ${mine ? 'your-turn' : ''}`, 'aria-labelledby': 'round-heading', 'aria-live': 'polite' },
    h('h2', { id: 'round-heading' }, t('round_heading'), round.round > 0 && round.turn !== null ? ` · ${t('round_number', { n: round.round })}` : ''),
    h('p', { class: 'round-status', 'data-turn': round.turn ?? '' }, mine ? '▶ ' : '', statusLine(ctx, round)),
    round.order.length ? orderList(ctx, round) : null,
    actions(ctx, round));
}
