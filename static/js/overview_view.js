// "Überblick" (#/ueberblick) for moderators, supervisors and team admins: how often the circle
// met, was cancelled (and why) or missed, how many cases each circle discussed, planned against
// actual minutes per step, follow-ups on time or late, and cases that moved on. The service
// report shows the same figures (circleFigures).

import { h } from './dom.js';
import { t, pick, formatNumber, formatDate } from './i18n.js';
import { formats } from './formats.js';
import { query } from './api.js';
import { page, guard, load, withData, teamPath, hashParams, dateRange, rangeForm } from './team_views.js';
import { dateCancelReasons, dateReasonLabel } from './cycle_words.js';

function figure(key, n, digits = 0) {
  return h('div', { class: 'stat-figure', 'data-stat': key, 'data-value': String(n) },
    h('span', { class: 'stat-value' }, formatNumber(n, digits)), ' ',
    h('span', { class: 'stat-label' }, t(`ov_${key}`)));
}

export function reasonList(cancellations, label, attr) {
  const count = (r) => cancellations.find((c) => c.reason === r)?.count ?? 0;
  return h('ul', { class: 'reason-list' }, cancellations.map((c) => c.reason).map((r) => h('li', { [attr]: r, 'data-count': count(r) },
    h('span', { class: 'reason-count' }, formatNumber(count(r))), ' ', label(r))));
}

function formatName(id) {
  const f = formats.find((x) => x.id === id);
  return f ? pick(f.title) : id;
}

function stepTable(steps) {
  if (!steps.length) return h('p', { class: 'empty' }, t('ov_steps_empty'));
  return h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t('ov_steps') },
    h('table', { class: 'step-minutes' },
      h('thead', {}, h('tr', {}, ['ov_col_step', 'ov_col_sessions', 'ov_col_planned', 'ov_col_actual'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, steps.map((s) => h('tr', { 'data-step': `${s.format}:${s.step}`, class: s.actual_minutes > s.planned_minutes ? 'over' : '' },
        h('td', {}, `${s.step}. ${s.title}`, h('span', { class: 'byline' }, ` (${formatName(s.format)})`)),
        h('td', {}, formatNumber(s.sessions)),
        h('td', {}, t('m_minutes', { n: formatNumber(s.planned_minutes, 1) })),
        h('td', {}, t('m_minutes', { n: formatNumber(s.actual_minutes, 1) }),
          s.actual_minutes > s.planned_minutes ? h('span', { class: 'overdue-label' }, ` (${t('ov_over')})`) : null))))));
}

// The overview's figures: dates, reasons (unless shown elsewhere), cases per circle, follow-ups,
// steps.
export function circleFigures(o, { reasons = true } = {}) {
  const d = o.dates;
  return [
    h('section', { class: 'panel', 'aria-labelledby': 'ov-dates-heading' },
      h('h2', { id: 'ov-dates-heading' }, t('ov_dates_heading')),
      h('div', { class: 'stat-figures' }, figure('held', d.held), figure('cancelled', d.cancelled), figure('missed', d.missed), figure('planned', d.planned)),
      reasons ? [h('h3', {}, t('ov_reasons')),
        reasonList(d.cancellations.filter((c) => dateCancelReasons.includes(c.reason)), dateReasonLabel, 'data-date-reason')] : null),
    h('section', { class: 'panel', 'aria-labelledby': 'ov-cases-heading' },
      h('h2', { id: 'ov-cases-heading' }, t('ov_cases_heading')),
      h('div', { class: 'stat-figures' }, figure('cases', o.cases), figure('cases_per_circle', o.cases_per_circle, 1), figure('rolled_over', o.rolled_over),
        figure('on_time', o.follow_ups.on_time), figure('late', o.follow_ups.late), figure('waiting_overdue', o.follow_ups.waiting_overdue)),
      o.circles.length ? h('ul', { class: 'circles-held' }, o.circles.map((c) => h('li', { 'data-date': c.date_id },
        t('ov_circle_line', { day: formatDate(c.day), cases: c.cases, follow_ups: c.follow_ups, planned: c.planned_minutes })))) : null),
    h('section', { class: 'panel', 'aria-labelledby': 'ov-steps-heading' },
      h('h2', { id: 'ov-steps-heading' }, t('ov_steps')),
      stepTable(o.steps)),
  ];
}

export function overviewView(rerender) {
  const refused = guard('view_cycle_figures');
  if (refused) return page('#/ueberblick', 'ov_title', {}, refused);
  const range = dateRange(hashParams());
  const entry = load(teamPath(`circle-overview${query(range)}`), rerender);
  return page('#/ueberblick', 'ov_title', {},
    h('p', {}, t('ov_intro')),
    rangeForm('overview', '#/ueberblick', range, 'ov_show'),
    withData(entry, (o) => circleFigures(o)));
}
