// "Bericht für die Angebotsplanung" (#/angebotsbericht): what the team's case reviews of a period
// say to those who plan services – gaps in the help system by kind, suggestions on the
// procedure, prognoses next to what came of the decisions, cancellations, and the circle's
// figures. A page to print (print rules in style.css) and to download as CSV. No client names:
// case codes only.

import { h } from './dom.js';
import { t, pick, formatDate } from './i18n.js';
import { query } from './api.js';
import { currentTeam } from './account.js';
import { page, guard, load, withData, teamPath, hashParams, dateRange, rangeForm, deficitChart, outcomeRow } from './team_views.js';
import { circleFigures, reasonList } from './overview_view.js';
import { dateCancelReasons, dateReasonLabel } from './cycle_words.js';

function section(id, title, ...content) {
  return h('section', { class: 'panel report-section', 'aria-labelledby': id, 'data-section': id }, h('h2', { id }, title), content);
}

function gaps({ kinds, suggestions }) {
  const found = kinds.filter((k) => k.cards.length);
  return [
    section('report-gaps', t('report_gaps'),
      found.length ? [deficitChart(kinds), found.map((k) => h('div', { class: 'gap-kind', 'data-category': k.category },
        h('h3', {}, pick(k.title), ` – ${t('deficits_cards', { n: k.cards.length })}`),
        h('ul', {}, k.cards.map((c) => h('li', {}, c.text, h('span', { class: 'byline' }, ` – ${c.case_code}, ${formatDate(c.session_date)}`))))))]
        : h('p', { class: 'empty' }, t('deficits_empty'))),
    section('report-suggestions', t('report_suggestions'),
      suggestions?.length ? h('ul', { class: 'suggestions' }, suggestions.map((s) => h('li', {}, typeof s === 'string' ? s : s.text,
        typeof s === 'object' && s.case_code ? h('span', { class: 'byline' }, ` – ${s.case_code}, ${formatDate(s.session_date)}`) : null)))
        : h('p', { class: 'empty' }, t('report_suggestions_empty'))),
  ];
}

function prognoses({ outcomes }) {
  return section('report-prognoses', t('report_prognoses'),
    h('p', { class: 'hint' }, t('report_prognoses_hint')),
    outcomes.length ? h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t('report_prognoses') },
      h('table', { class: 'outcomes-table' },
        h('thead', {}, h('tr', {}, ['outcomes_case', 'outcomes_decision', 'outcomes_prognosis', 'outcomes_result'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, outcomes.map(outcomeRow))))
      : h('p', { class: 'empty' }, t('outcomes_empty')));
}

function cancellations(circles, sessions) {
  return section('report-cancellations', t('report_cancellations'),
    h('h3', {}, t('report_dates_cancelled', { n: circles.dates.cancelled })),
    reasonList(circles.dates.cancellations.filter((c) => dateCancelReasons.includes(c.reason)), dateReasonLabel, 'data-date-reason'),
    h('h3', {}, t('report_sessions_cancelled', { n: sessions.cancelled })),
    reasonList(sessions.cancellations, (r) => t(`reason_${r}`), 'data-session-reason'));
}

export function serviceReportView(rerender) {
  const refused = guard('read_archive');
  if (refused) return page('#/angebotsbericht', 'report_title', {}, refused);
  const range = dateRange(hashParams());
  const entry = load(teamPath(`service-report${query(range)}`), rerender);
  const print = h('button', { type: 'button', class: 'primary', 'data-action': 'print-report' }, t('report_print'));
  print.addEventListener('click', () => window.print());
  return page('#/angebotsbericht', 'report_title', {},
    h('p', { class: 'report-period' }, currentTeam()?.name ? `${currentTeam().name} · ` : '', t('report_period', { from: formatDate(range.from), to: formatDate(range.to) })),
    h('p', { class: 'no-print' }, t('report_intro')),
    h('div', { class: 'no-print' }, rangeForm('report', '#/angebotsbericht', range, 'report_show')),
    h('p', { class: 'control-row no-print' }, print,
      h('a', { href: teamPath(`service-report${query({ ...range, format: 'csv' })}`), download: '', class: 'button-link', 'data-action': 'report-csv' }, t('report_csv'))),
    withData(entry, (r) => h('div', { class: 'service-report', 'data-from': r.from, 'data-to': r.to },
      gaps(r.gaps), prognoses(r.prognoses), cancellations(r.circles, r.sessions),
      h('h2', { class: 'report-figures-heading' }, t('report_circles')), circleFigures(r.circles, { reasons: false }))));
}
