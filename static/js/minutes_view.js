// The minutes as one document: the moderator's draft after the end, the approved minutes in the
// room and in the archive; the page also prints cleanly (see the print rules in style.css).
// What each person sees around it after the end is session_end.js.

import { h } from './dom.js';
import { t, pick, formatDate, formatDateTime, formatNumber, roleName } from './i18n.js';
import { previousSessionMinutes } from './previous_session.js';

const summaryParts = [['history', 'summary_history'], ['initial_situation', 'summary_initial'], ['work_so_far', 'summary_work'], ['service_steering', 'summary_steering']];

function section(title, ...content) {
  return h('section', { class: 'minutes-section' }, h('h2', {}, title), content);
}

function byline(entry) {
  return h('span', { class: 'byline' }, ' – ', entry.author?.name ?? entry.participant?.name ?? '',
    entry.written_beforehand ? ` (${t('written_beforehand')})` : null,
    entry.advocatus ? [' ', h('span', { class: 'badge ad', title: t('advocatus') }, t('advocatus_short'))] : null);
}

// "Vorab vorbereitet von NAME" while a summary or question is still the registration's draft.
function preparedLine(entry) {
  return entry?.prepared_by ? h('p', { class: 'byline prepared-note' }, t('prepared_by', { name: entry.prepared_by })) : null;
}

function entryList(entries) {
  if (!entries?.length) return h('p', { class: 'empty' }, t('m_none'));
  return h('ul', {}, entries.map((e) => h('li', {}, e.text, byline(e))));
}

function facts(m) {
  const row = (label, value) => value ? [h('dt', {}, label), h('dd', {}, value)] : null;
  return h('dl', { class: 'facts' },
    row(t('m_case_code'), m.case_code), row(t('m_topic'), m.title), row(t('m_format'), pick(m.format.title)),
    row(t('m_date'), formatDate(m.date)), row(t('m_moderator'), m.moderator?.name),
    row(t('m_participants'), m.participants.map((p) => `${p.name} (${roleName(p.role)}${p.advocatus ? `, ${t('advocatus')}` : ''}${p.guest ? `, ${t('guest_badge')}` : ''})`).join(', ')),
    m.guests ? row(t('consent_heading'), m.consent ? t('consent_given', { name: m.consent.by?.name ?? m.consent.by ?? '', at: formatDateTime(m.consent.at) }) : t('consent_waiting')) : null);
}

function summary(m) {
  const s = m.case_summary;
  if (!s) return section(t('m_summary'), h('p', { class: 'empty' }, t('summary_missing')));
  return section(t('m_summary'), preparedLine(s), h('dl', { class: 'summary' }, summaryParts.map(([k, label]) => [h('dt', {}, t(label)), h('dd', {}, s[k] || t('m_none'))])));
}

function question(m) {
  const q = m.question;
  return section(t('m_question'),
    h('dl', { class: 'facts' },
      h('dt', {}, t('m_question_valid')), h('dd', { class: 'valid-question' }, q.valid?.text ?? t('m_none')),
      h('dt', {}, t('m_question_original')), h('dd', {}, q.original?.text ?? t('m_none'), preparedLine(q.original))),
    q.alternatives.length ? [h('h3', {}, t('m_question_alternatives')), entryList(q.alternatives)] : null);
}

function minutesOf(seconds) {
  return t('m_minutes', { n: formatNumber(Math.round(seconds / 6) / 10) });
}

function stepRow(s) {
  return h('tr', {},
    h('td', {}, `${s.number}. ${pick(s.title)}`),
    h('td', {}, t('m_minutes', { n: s.planned_minutes }), s.extended_minutes ? ` (+${s.extended_minutes})` : ''),
    h('td', {}, s.reached ? minutesOf(s.actual_seconds) : t('m_not_reached')),
    h('td', {}, s.overrun_seconds > 0 ? `+${minutesOf(s.overrun_seconds)}` : ''));
}

// A written consultation: per step its deadline and when it was left, instead of minutes.
function deadlines(m) {
  const when = (ms) => (ms ? formatDateTime(ms) : t('m_none'));
  return section(t('m_deadlines'), h('table', { class: 'timing' },
    h('thead', {}, h('tr', {}, [t('m_step'), t('deadline_label'), t('m_step_ended')].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, m.steps.map((s) => h('tr', {}, h('td', {}, `${s.number}. ${pick(s.title)}`), h('td', {}, when(s.deadline)),
      h('td', {}, s.reached ? when(s.ended_at) : t('m_not_reached')))))));
}

function timing(m) {
  if (m.mode === 'written') return deadlines(m);
  return section(t('m_steps'), h('table', { class: 'timing' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('m_step')), h('th', { scope: 'col' }, t('m_planned')), h('th', { scope: 'col' }, t('m_actual')), h('th', { scope: 'col' }, t('timer_over')))),
    h('tbody', {}, m.steps.map(stepRow))));
}

function cards(m) {
  const blocks = m.steps.flatMap((s) => {
    const categories = s.categories.filter((c) => !c.record && c.cards.length);
    if (!categories.length) return [];
    return [h('h3', {}, `${s.number}. ${pick(s.title)}`),
      categories.map((c) => h('div', { class: 'minutes-category' }, h('h4', {}, pick(c.title)), entryList(c.cards)))];
  });
  return blocks.length ? section(t('m_cards'), blocks) : null;
}

function decision(m) {
  const d = m.decision;
  const b = m.backing;
  return section(t('m_decision'),
    d ? h('dl', { class: 'facts' },
      h('dt', {}, t('m_decision')), h('dd', { class: 'decision-text' }, d.text, d.decided_by ? h('span', { class: 'byline' }, ` – ${d.decided_by.name}`) : null),
      d.option_text ? [h('dt', {}, t('m_related_option')), h('dd', {}, d.option_text)] : null,
      h('dt', {}, t('m_review_date')), h('dd', { class: 'review-date' }, formatDate(d.review_date)),
      h('dt', {}, t('m_backing')), h('dd', {}, t('backing_tally', b.tally),
        b.votes.length ? h('ul', {}, b.votes.map((v) => h('li', {}, `${v.participant.name}: ${t(`vote_${v.vote}`)}`, v.note ? ` – ${v.note}` : ''))) : null,
        b.not_stated.length ? h('p', {}, `${t('m_not_stated')}: ${b.not_stated.map((p) => p.name).join(', ')}`) : null))
      : h('p', { class: 'empty' }, t('decision_missing')),
    h('h3', {}, t('m_options')), entryList(m.options));
}

function prognosis(m) {
  const p = m.prognosis;
  const dist = [1, 2, 3, 4, 5].map((n) => `${n}: ${p.distribution[String(n)] ?? 0}`).join(' · ');
  const avg = p.count ? p.ratings.reduce((sum, r) => sum + r.rating, 0) / p.count : 0;
  return section(t('m_prognosis'),
    p.count ? [
      h('p', {}, h('strong', {}, t('prognosis_count', { n: p.count, avg: formatNumber(avg, 1) }))),
      h('p', {}, `${t('m_distribution')}: ${dist}`),
      h('p', { class: 'byline' }, p.ratings.map((r) => `${r.participant.name}: ${r.rating}`).join(' · ')),
    ] : h('p', { class: 'empty' }, t('prognosis_none')),
    h('h3', {}, t('m_obstacles')), entryList(p.obstacles),
    h('h3', {}, t('m_feedback')), entryList(m.feedback),
    h('h3', {}, t('m_suggestions')), entryList(m.suggestions));
}

function openPoints(m) {
  if (!m.open_points?.length) return null;
  return section(t('m_open_points'), h('ul', {}, m.open_points.map((p) => h('li', {}, pick(p)))));
}

function closing(m) {
  return m.closing_remark ? section(t('m_closing_remark'), h('p', { class: 'closing-remark' }, m.closing_remark)) : null;
}

export function minutesDocument(m) {
  return h('article', { class: 'minutes', 'aria-labelledby': 'minutes-title' },
    h('header', { class: 'minutes-header' },
      h('h1', { id: 'minutes-title' }, `${t('m_title')}: ${pick(m.format.title)} · ${m.case_code}`),
      h('p', { class: m.approved ? 'approved-note' : 'draft-note', 'data-approved': String(Boolean(m.approved)) },
        m.approved ? `✓ ${t('m_approved', { date: formatDateTime(m.approved_at), name: m.approved_by?.name ?? '' })}` : `✎ ${t('m_draft')}`)),
    facts(m), previousSessionMinutes(m, section), question(m), summary(m), decision(m), prognosis(m), cards(m), timing(m), openPoints(m), closing(m));
}
