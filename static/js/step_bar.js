// All steps at a glance with their budgets. The current one is marked in words and by
// aria-current, not only by colour.

import { h } from './dom.js';
import { t, pick } from './i18n.js';
import { instantWhen } from './cycle_words.js';

function stepStatus(step, current) {
  if (step.number === current) return 'current';
  return step.timer.visits.length > 0 ? 'done' : 'open';
}

// Minutes in a meeting; in a written consultation the step's deadline, if set.
function stepTime(step, written) {
  if (!written) return t('min_short', { n: step.budget_minutes + step.timer.extended_minutes });
  return step.deadline ? t('step_deadline_short', { when: instantWhen(step.deadline) }) : '';
}

function stepItem(step, current, written) {
  const status = stepStatus(step, current);
  const marker = { current: `▶ ${t('step_current')}`, done: `✓ ${t('step_done')}`, open: '' }[status];
  return h('li', { class: `step ${status}`, 'aria-current': status === 'current' ? 'step' : null, 'data-step': step.number },
    h('span', { class: 'step-number' }, String(step.number)),
    h('span', { class: 'step-budget' }, stepTime(step, written)),
    h('span', { class: 'step-title' }, pick(step.title)),
    marker ? h('span', { class: 'step-marker' }, marker) : null);
}

export function stepBar(state) {
  return h('nav', { class: 'step-bar', 'aria-label': t('steps_heading') },
    h('ol', {}, state.steps.map((s) => stepItem(s, state.current_step, state.mode === 'written'))));
}
