// The minutes as one document: the moderator's draft after the end, the approved minutes in the
// room and in the archive; the page also prints cleanly (see the print rules in style.css).
// What each person sees around it after the end is session_end.js.

import { h } from './dom.js';
import { t, pick, formatDate, formatDateTime, formatNumber, roleName } from './i18n.js';
import { previousSessionMinutes } from './previous_session.js';
import { changesList } from './draft_review.js';

// In the moderator's draft every entry offers redaction, and free-text records correction;
// `edit` is draftEditing(ctx) there and absent everywhere else.
function editButtons(edit, target, text, maxlength, redactable = true) {
  if (!edit || !text || text === '[geschwärzt]') return null;
  return h('span', { class: 'entry-edit no-print', 'data-target': target },
    redactable ? [' ', h('button', { type: 'button', class: 'small danger', 'data-action': 'redact', onclick: () => edit.redact(target, text) }, t('redact'))] : null,
    maxlength ? [' ', h('button', { type: 'button', class: 'small secondary', 'data-action': 'correct', onclick: () => edit.correct(target, text, maxlength) }, t('correct'))] : null);
}

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

// `kind`: the target's prefix in the draft ("card", "option", "alternative"); corrections only
// for records, never for people's cards.
function entryList(entries, edit, kind = 'card', maxlength = 0) {
  if (!entries?.length) return h('p', { class: 'empty' }, t('m_none'));
  return h('ul', {}, entries.map((e) => h('li', {}, e.text, byline(e), editButtons(edit, `${kind}:${e.id}`, e.text, maxlength))));
}

function facts(m, edit) {
  const row = (label, value, ...more) => value ? [h('dt', {}, label), h('dd', {}, value, more)] : null;
  return h('dl', { class: 'facts' },
    // Correcting the case code files the session under an existing case of the team.
    row(t('m_case_code'), m.case_code, editButtons(edit, 'case_code', m.case_code, 40, false)), row(t('m_topic'), m.title, editButtons(edit, 'title', m.title, 120)), row(t('m_format'), pick(m.format.title)),
    row(t('m_date'), formatDate(m.date)), row(t('m_moderator'), m.moderator?.name),
    row(t('m_participants'), m.participants.map((p) => `${p.name} (${roleName(p.role)}${p.advocatus ? `, ${t('advocatus')}` : ''}${p.guest ? `, ${t('guest_badge')}` : ''})`).join(', ')),
    m.guests ? row(t('consent_heading'), m.consent ? t('consent_given', { name: m.consent.by?.name ?? m.consent.by ?? '', at: formatDateTime(m.consent.at) }) : t('consent_waiting')) : null);
}

function summary(m, edit) {
  const s = m.case_summary;
  if (!s) return section(t('m_summary'), h('p', { class: 'empty' }, t('summary_missing')));
  return section(t('m_summary'), preparedLine(s), h('dl', { class: 'summary' }, summaryParts.map(([k, label]) => [h('dt', {}, t(label)),
    h('dd', {}, s[k] || t('m_none'), editButtons(edit, `summary:${k}`, s[k], 4000))])));
}

function question(m, edit) {
  const q = m.question;
  return section(t('m_question'),
    h('dl', { class: 'facts' },
      h('dt', {}, t('m_question_valid')), h('dd', { class: 'valid-question' }, q.valid?.text ?? t('m_none')),
      h('dt', {}, t('m_question_original')), h('dd', {}, q.original?.text ?? t('m_none'), preparedLine(q.original), editButtons(edit, 'question', q.original?.text, 500))),
    q.alternatives.length ? [h('h3', {}, t('m_question_alternatives')), entryList(q.alternatives, edit, 'alternative', 500)] : null);
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

function cards(m, edit) {
  const blocks = m.steps.flatMap((s) => {
    const categories = s.categories.filter((c) => !c.record && c.cards.length);
    if (!categories.length) return [];
    return [h('h3', {}, `${s.number}. ${pick(s.title)}`),
      categories.map((c) => h('div', { class: 'minutes-category' }, h('h4', {}, pick(c.title)), entryList(c.cards, edit)))];
  });
  return blocks.length ? section(t('m_cards'), blocks) : null;
}

function decision(m, edit) {
  const d = m.decision;
  const b = m.backing;
  return section(t('m_decision'),
    d ? h('dl', { class: 'facts' },
      h('dt', {}, t('m_decision')), h('dd', { class: 'decision-text' }, d.text, d.decided_by ? h('span', { class: 'byline' }, ` – ${d.decided_by.name}`) : null, editButtons(edit, 'decision', d.text, 1000)),
      d.option_text ? [h('dt', {}, t('m_related_option')), h('dd', {}, d.option_text)] : null,
      h('dt', {}, t('m_review_date')), h('dd', { class: 'review-date' }, formatDate(d.review_date)),
      h('dt', {}, t('m_backing')), h('dd', {}, t('backing_tally', b.tally),
        b.votes.length ? h('ul', {}, b.votes.map((v) => h('li', {}, `${v.participant.name}: ${t(`vote_${v.vote}`)}`, v.note ? ` – ${v.note}` : '', editButtons(edit, `backing:${v.participant.id}`, v.note, 500)))) : null,
        b.not_stated.length ? h('p', {}, `${t('m_not_stated')}: ${b.not_stated.map((p) => p.name).join(', ')}`) : null))
      : h('p', { class: 'empty' }, t('decision_missing')),
    h('h3', {}, t('m_options')), entryList(m.options, edit, 'option', 500));
}

function prognosis(m, edit) {
  const p = m.prognosis;
  const dist = [1, 2, 3, 4, 5].map((n) => `${n}: ${p.distribution[String(n)] ?? 0}`).join(' · ');
  const avg = p.count ? p.ratings.reduce((sum, r) => sum + r.rating, 0) / p.count : 0;
  return section(t('m_prognosis'),
    p.count ? [
      h('p', {}, h('strong', {}, t('prognosis_count', { n: p.count, avg: formatNumber(avg, 1) }))),
      h('p', {}, `${t('m_distribution')}: ${dist}`),
      h('p', { class: 'byline' }, p.ratings.map((r) => `${r.participant.name}: ${r.rating}`).join(' · ')),
    ] : h('p', { class: 'empty' }, t('prognosis_none')),
    h('h3', {}, t('m_obstacles')), entryList(p.obstacles, edit),
    h('h3', {}, t('m_feedback')), entryList(m.feedback, edit),
    h('h3', {}, t('m_suggestions')), entryList(m.suggestions, edit));
}

// Who was there when a step that requires people started (template requires_present).
function presence(m) {
  if (!m.presence?.length) return null;
  return section(t('m_presence'), h('ul', {}, m.presence.map((r) => {
    const missing = Object.entries(r.missing ?? {}).map(([who, n]) => t(`presence_${who}`, { n })).join(', ');
    return h('li', { 'data-presence-step': r.step }, t('m_presence_line', { step: `${r.step} (${pick(r.step_title)})`, names: r.present.map((p) => p.name).join(', ') }),
      missing ? h('strong', {}, ` – ${t('presence_missing', { step: r.step, missing })}`) : null);
  })));
}

function changes(m) {
  return m.changes?.length ? section(t('m_changes'), changesList(m.changes)) : null;
}

// Signed and dated corrections after approval; the approved text above stays as it was.
function addenda(m) {
  if (!m.addenda?.length) return null;
  return section(t('m_addenda'), h('ul', { class: 'addenda-list' }, m.addenda.map((a) =>
    h('li', { 'data-addendum': a.id ?? '' }, h('strong', {}, a.author), `, ${formatDateTime(a.created_at)}: `, a.text))));
}

function openPoints(m) {
  if (!m.open_points?.length) return null;
  return section(t('m_open_points'), h('ul', {}, m.open_points.map((p) => h('li', {}, pick(p)))));
}

function closing(m) {
  return m.closing_remark ? section(t('m_closing_remark'), h('p', { class: 'closing-remark' }, m.closing_remark)) : null;
}

export function minutesDocument(m, edit = null) {
  return h('article', { class: 'minutes', 'aria-labelledby': 'minutes-title' },
    h('header', { class: 'minutes-header' },
      h('h1', { id: 'minutes-title' }, `${t('m_title')}: ${pick(m.format.title)} · ${m.case_code}`),
      h('p', { class: m.approved ? 'approved-note' : 'draft-note', 'data-approved': String(Boolean(m.approved)) },
        m.approved ? `✓ ${t('m_approved', { date: formatDateTime(m.approved_at), name: m.approved_by?.name ?? '' })}` : `✎ ${t('m_draft')}`)),
    facts(m, edit), previousSessionMinutes(m, section), question(m, edit), summary(m, edit), decision(m, edit), prognosis(m, edit), cards(m, edit), timing(m),
    presence(m), openPoints(m), changes(m), closing(m), addenda(m));
}
