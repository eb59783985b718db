// A date's agenda: each registered case with its code, who registered it, what kind it is (a
// follow-up shows the decision that brought it back, its review date and the prognosis then),
// why it moved here from an earlier date, how far it is prepared and whether its session is open
// or its minutes approved. The moderator orders the agenda and opens a case's session from here.

import { h } from './dom.js';
import { t, formatDate } from './i18n.js';
import { api } from './api.js';
import { ask } from './confirm.js';
import { teamPath } from './team_views.js';
import { prognosisThen } from './previous_session.js';
import { rollNote, sessionLabel, kindLabel } from './cycle_words.js';
import { submit, formOutcome } from './form_state.js';
import { reportParts } from './registration_form.js';

function preparedText(r) {
  const parts = reportParts.filter(([part]) => r.report?.[part]).length;
  const bits = [];
  if (parts) bits.push(t('reg_report_parts', { n: parts }));
  if (r.question) bits.push(t('reg_question_prepared'));
  if (r.prepared_cards) bits.push(t('reg_cards_prepared', { n: r.prepared_cards }));
  return bits.length ? bits.join(' · ') : t('reg_nothing_prepared');
}

function follows(r) {
  const f = r.follows;
  if (!f) return null;
  return h('div', { class: 'follows' },
    h('p', {}, h('strong', {}, `${t('reg_last_decision', { date: formatDate(f.held_on) })}: `), f.decision || t('m_none')),
    h('p', { class: 'byline' }, t('reg_review_date', { date: formatDate(f.review_date) }), ' · ', t('previous_prognosis'), ': ', prognosisThen(f.prognosis)));
}

// The moderator's order: one step up or down, saved at once through the agenda call.
function moveButtons(date, r, index, opts) {
  const ids = date.agenda.map((x) => x.registration_id);
  const move = (by) => {
    const order = [...ids];
    [order[index], order[index + by]] = [order[index + by], order[index]];
    submit(`agenda-${date.date_id}`, () => api('POST', teamPath(`circle-dates/${date.date_id}/agenda`), { order }), opts.rerender, () => t('agenda_saved'))
      .then((saved) => saved && opts.changed());
  };
  const button = (by, label, arrow) => h('button', { type: 'button', class: 'small secondary', 'data-action': by < 0 ? 'agenda-up' : 'agenda-down',
    'data-focus-key': `agenda-${r.registration_id}-${by}`, disabled: index + by < 0 || index + by >= ids.length, onclick: () => move(by) },
  h('span', { 'aria-hidden': 'true' }, `${arrow} `), label, h('span', { class: 'visually-hidden' }, `: ${r.case_code}`));
  return [button(-1, t('agenda_up'), '↑'), button(1, t('agenda_down'), '↓')];
}

// "Sitzung eröffnen" / "Schriftlich beraten": the live session of the registered case, which
// starts from its drafts and the cards written beforehand.
function openButtons(r, opts) {
  if (r.session || !opts.openSession) return null;
  const open = async (written) => {
    const yes = await ask({
      title: t(written ? 'open_written_title' : 'open_session_title', { code: r.case_code }),
      text: t(written ? 'open_written_text' : 'open_session_text'),
      yes: t(written ? 'open_written_yes' : 'open_session_yes'),
    });
    if (yes) opts.openSession(written ? { type: 'create', registration_id: r.registration_id, mode: 'written' } : { type: 'create', registration_id: r.registration_id });
  };
  return [
    h('button', { type: 'button', class: 'small primary', 'data-action': 'open-session', disabled: opts.busy, onclick: () => open(false) },
      t('agenda_open_session'), h('span', { class: 'visually-hidden' }, `: ${r.case_code}`)),
    h('button', { type: 'button', class: 'small secondary', 'data-action': 'open-written', disabled: opts.busy, onclick: () => open(true) },
      t('agenda_open_written'), h('span', { class: 'visually-hidden' }, `: ${r.case_code}`)),
  ];
}

function item(date, r, index, opts) {
  const note = rollNote(r);
  const planning = opts.canPlan && !opts.compact && date.state !== 'cancelled';
  return h('li', { class: `agenda-item ${r.kind}`, 'data-registration': r.registration_id, 'data-case': r.case_code, 'data-kind': r.kind, 'data-session': r.session ?? '' },
    h('p', { class: 'agenda-head' },
      h('strong', { class: 'case-code' }, r.case_code), ' ',
      h('span', { class: `badge kind ${r.kind}` }, kindLabel(r.kind)), ' ',
      h('span', { class: 'byline' }, t('min_short', { n: r.minutes_needed }))),
    r.registered_by_name ? h('p', { class: 'byline' }, t('reg_by', { name: r.registered_by_name })) : null,
    follows(r),
    note ? h('p', { class: 'roll-note', 'data-roll': r.roll_reason }, `↪ ${note}`) : null,
    h('p', { class: 'byline prepared-state' }, preparedText(r), ' · ',
      h('span', { class: `session-state ${r.session ?? 'none'}`, 'data-session-state': r.session ?? 'none' }, sessionLabel(r.session))),
    opts.compact ? null : h('div', { class: 'control-row' },
      h('a', { href: `#/anmeldung/${r.registration_id}`, class: 'button-link', 'data-action': 'prepare' },
        r.session ? t('reg_view') : t('reg_prepare'), h('span', { class: 'visually-hidden' }, `: ${r.case_code}`)),
      planning ? moveButtons(date, r, index, opts) : null,
      planning ? openButtons(r, opts) : null));
}

// opts: { rerender, changed, compact, canPlan, openSession, busy }
export function agendaList(date, opts) {
  if (!date.agenda.length) return h('p', { class: 'empty agenda-empty' }, t('agenda_empty'));
  return [
    h('ol', { class: 'agenda' }, date.agenda.map((r, i) => item(date, r, i, opts))),
    opts.compact ? null : formOutcome(`agenda-${date.date_id}`),
  ];
}
