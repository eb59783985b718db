// A written consultation (state.mode "written") runs over days: instead of a countdown each step
// shows its deadline ("Frist: Do., 10.12., 12:00"), and the moderator sets the deadline of a step
// (set_step_deadline, ENGINE.md). A deadline ends nothing by itself; the moderator moves on.

import { h } from './dom.js';
import { t, pick, zonedParts, zonedInstant } from './i18n.js';
import { draft, forget } from './drafts.js';
import { instantWhen, localDay } from './cycle_words.js';

export function isWritten(state) {
  return state?.mode === 'written';
}

export function stepDeadline(state, number) {
  return state.steps[number - 1]?.deadline ?? null;
}

// In place of the timer, in the room and on the projector.
export function deadlineView(state, serverNow, extraClass = '') {
  const deadline = state.started ? stepDeadline(state, state.current_step) : null;
  const passed = deadline !== null && deadline < serverNow;
  return h('div', { class: `timer deadline ${extraClass} ${passed ? 'over' : ''}`, role: 'status', 'data-deadline': deadline ?? '' },
    h('span', { class: 'timer-label' }, t('written_mode')),
    h('span', { class: 'deadline-value' }, deadline ? t('deadline_text', { when: instantWhen(deadline) }) : t('deadline_none')),
    passed ? h('span', { class: 'timer-label' }, t('deadline_passed')) : null);
}

// The moderator's form: a step (the current one unless chosen otherwise), a day and a time.
export function deadlineForm(ctx) {
  const { state } = ctx;
  const current = Math.max(1, state.current_step || 1);
  const chosen = Number(draft('deadline.step', String(current))) || current;
  const existing = stepDeadline(state, chosen);
  // The form shows the chosen step's deadline, if it has one, to be changed.
  const at = existing ? zonedParts(existing) : null;
  const day = at ? at.day : localDay(2);
  const time = at ? at.time : '12:00';
  const form = h('form', { class: 'deadline-form', 'data-form': 'deadline' },
    h('h3', {}, t('deadline_heading')),
    h('div', { class: 'field' }, h('label', { for: 'deadline-step' }, t('deadline_step_label')),
      h('select', { id: 'deadline-step', name: 'step', 'data-draft': 'deadline.step' }, state.steps.map((s) =>
        h('option', { value: String(s.number), selected: s.number === chosen ? 'selected' : null },
          `${s.number}. ${pick(s.title)}${s.deadline ? ` – ${instantWhen(s.deadline)}` : ''}`)))),
    h('div', { class: 'filter-grid' },
      h('div', { class: 'field' }, h('label', { for: 'deadline-day' }, t('deadline_day_label')),
        h('input', { id: 'deadline-day', name: 'day', type: 'date', required: true, 'data-draft': 'deadline.day', value: draft('deadline.day', day) })),
      h('div', { class: 'field' }, h('label', { for: 'deadline-time' }, t('deadline_time_label')),
        h('input', { id: 'deadline-time', name: 'time', type: 'time', required: true, 'data-draft': 'deadline.time', value: draft('deadline.time', time) }))),
    h('div', { class: 'control-row' },
      h('button', { type: 'submit', class: 'secondary', 'data-action': 'set-deadline' }, t('deadline_save')),
      existing ? h('button', { type: 'button', class: 'small secondary', 'data-action': 'clear-deadline',
        onclick: () => ctx.conn.command('set_step_deadline', { step: chosen, deadline: null }) }, t('deadline_clear')) : null));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const step = Number(form.elements.step.value);
    // The team's time zone, in which every deadline is shown: the moderator names the day and
    // time as everyone reads them.
    const deadline = zonedInstant(form.elements.day.value, form.elements.time.value);
    if (!Number.isFinite(deadline)) return form.elements.day.focus();
    ctx.conn.command('set_step_deadline', { step, deadline });
    forget('deadline.day', 'deadline.time');
  });
  return form;
}
