// What a circle date says about itself: its state (with the reason when it was cancelled),
// place, moderation, the registration cut-off, a warning when no case is registered yet, and the
// time its agenda needs against the time planned.

import { h } from './dom.js';
import { t } from './i18n.js';
import { dateStateText, instantWhen } from './cycle_words.js';

// "Bedarf 111 von 90 Minuten", marked (in words too) when the agenda needs more than planned.
export function needLine(date) {
  const over = date.minutes_needed > date.planned_minutes;
  return h('p', { class: `need${over ? ' over' : ''}`, 'data-need': date.minutes_needed, 'data-planned': date.planned_minutes },
    t('date_need', { need: date.minutes_needed, planned: date.planned_minutes }),
    over ? h('strong', { class: 'need-over' }, ` – ${t('date_need_over')}`) : null);
}

export function dateFacts(date) {
  const cutoffPassed = date.registration_until < Date.now();
  return [
    h('p', { class: 'date-meta' },
      h('span', { class: `date-state ${date.state}`, 'data-state': date.state }, dateStateText(date)),
      date.place ? [' · ', h('span', { class: 'date-place' }, t('date_place', { place: date.place }))] : null,
      date.moderator_name ? [' · ', t('date_moderator', { name: date.moderator_name })] : null,
      date.moved_from ? [' · ', t('date_moved_from', { when: instantWhen(date.moved_from) })] : null),
    date.state === 'planned' ? h('p', { class: 'byline' },
      cutoffPassed ? t('date_registration_closed') : t('date_registration_until', { when: instantWhen(date.registration_until) })) : null,
    date.warning === 'no_case' ? h('p', { class: 'date-warning', role: 'note', 'data-warning': 'no_case' }, `⚠ ${t('date_warning_no_case')}`) : null,
    date.agenda.length ? needLine(date) : null,
  ];
}
