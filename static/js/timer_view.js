// The countdown element; timer.js repaints it twice a second.

import { h } from './dom.js';
import { t } from './i18n.js';
import { describe } from './timer.js';
import { isWritten, deadlineView } from './deadline_view.js';

// A written consultation has deadlines instead of a countdown.
export function timerView(state, serverNow, extraClass = '') {
  if (isWritten(state)) return deadlineView(state, serverNow, extraClass);
  const d = describe(state.timer, state.paused, serverNow);
  const extended = state.timer ? state.steps[state.timer.step - 1]?.timer.extended_minutes : 0;
  return h('div', { class: `timer ${extraClass} ${d.over ? 'over' : ''}`, 'data-timer': '', role: 'timer', 'aria-label': t('timer_label') },
    h('span', { class: 'timer-value' }, d.text),
    h('span', { class: 'timer-label' }, d.label),
    extended ? h('span', { class: 'timer-extended' }, t('timer_extended', { n: extended })) : null);
}
