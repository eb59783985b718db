// How the team's sessions ended (#/statistik), for supervisors and team admins: approved,
// discarded and cancelled, and why sessions were cancelled. Counts only, no case.

import { h } from './dom.js';
import { t, formatNumber } from './i18n.js';
import { query } from './api.js';
import { page, guard, load, withData, teamPath, hashParams, dateRange, rangeForm } from './team_views.js';

const reasons = ['no_case', 'too_few_present', 'case_withdrawn', 'other'];

function figure(key, n) {
  return h('div', { class: 'stat-figure', 'data-stat': key },
    h('span', { class: 'stat-value' }, formatNumber(n)), ' ',
    h('span', { class: 'stat-label' }, t(`statistics_${key}`)));
}

function reasonBars(cancellations) {
  const count = (r) => cancellations.find((c) => c.reason === r)?.count ?? 0;
  const max = Math.max(1, ...reasons.map(count));
  return h('figure', { class: 'panel deficit-chart' },
    h('figcaption', { id: 'reasons-caption' }, h('strong', {}, t('statistics_reasons'))),
    h('ul', { class: 'deficit-bars', 'aria-labelledby': 'reasons-caption' }, reasons.map((r) => h('li', { class: 'deficit-bar-row', 'data-reason': r },
      h('span', { class: 'deficit-bar-label' }, t(`reason_${r}`)),
      h('span', { class: 'deficit-bar-track', 'aria-hidden': 'true' }, h('span', { class: 'deficit-bar', style: `width: ${(100 * count(r)) / max}%` })),
      h('span', { class: 'deficit-bar-count', 'data-count': count(r) }, formatNumber(count(r)))))));
}

export function statisticsView(rerender) {
  const refused = guard('view_statistics');
  if (refused) return page('#/statistik', 'statistics_title', {}, refused);
  const range = dateRange(hashParams());
  const entry = load(teamPath(`statistics${query(range)}`), rerender);
  return page('#/statistik', 'statistics_title', {},
    h('p', {}, t('statistics_intro')),
    rangeForm('statistics', '#/statistik', range, 'statistics_show'),
    withData(entry, (s) => [
      h('div', { class: 'panel stat-figures' }, figure('approved', s.approved), figure('discarded', s.discarded), figure('cancelled', s.cancelled)),
      reasonBars(s.cancellations ?? []),
    ]));
}
