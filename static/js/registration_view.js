// One registered case (#/anmeldung/ID): for which date, who registered it and why it is there;
// the drafts of report and question (finished over days, saved as often as needed) for the one
// who registered it and the moderators (a follow-up: any member); the cards colleagues write
// beforehand; and withdrawing the registration. Once its session is opened, the drafts are the
// session's and this page only shows them.

import { h } from './dom.js';
import { t, formatDate } from './i18n.js';
import { api } from './api.js';
import { ask } from './confirm.js';
import { account, may } from './account.js';
import { page, guard, load, withData, teamPath } from './team_views.js';
import { draftForm, reportParts } from './registration_form.js';
import { preparedCards } from './prepared_cards.js';
import { cycleChanged } from './circle_dates_view.js';
import { prognosisThen } from './previous_session.js';
import { dateWhen, rollNote, sessionLabel, kindLabel } from './cycle_words.js';
import { submit, formOutcome } from './form_state.js';

function mayChange(r) {
  if (may('plan_circles')) return true;
  if (!may('register_cases')) return false;
  return r.kind === 'follow_up' || r.registered_by === account.me?.user_id;
}

function facts(r, date) {
  const row = (label, value) => (value ? [h('dt', {}, label), h('dd', {}, value)] : null);
  const f = r.follows;
  return h('dl', { class: 'facts registration-facts' },
    row(t('reg_date'), date ? h('a', { href: `#/termin/${r.date_id}` }, dateWhen(date)) : null),
    row(t('reg_kind'), kindLabel(r.kind)),
    row(t('reg_registered_by'), r.registered_by_name),
    row(t('reg_minutes_label'), t('min_short', { n: r.minutes_needed })),
    row(t('reg_moved'), rollNote(r)),
    f ? row(t('reg_last_decision', { date: formatDate(f.held_on) }), f.decision || t('m_none')) : null,
    f ? row(t('m_review_date'), formatDate(f.review_date)) : null,
    f ? row(t('previous_prognosis'), prognosisThen(f.prognosis)) : null,
    row(t('reg_session'), h('span', { 'data-session-state': r.session ?? 'none' }, sessionLabel(r.session))));
}

// The drafts as text, for those who read them and once they are in the session.
function draftsText(r) {
  return h('section', { class: 'panel', 'aria-labelledby': 'drafts-heading' },
    h('h2', { id: 'drafts-heading' }, t('reg_drafts_heading')),
    r.session ? h('p', { class: 'note' }, t('reg_session_opened_note')) : null,
    h('h3', {}, t('reg_question_label')),
    r.question ? h('blockquote', {}, r.question) : h('p', { class: 'empty' }, t('m_none')),
    h('dl', { class: 'summary' }, reportParts.map(([part, label]) => [h('dt', {}, t(label)), h('dd', {}, r.report?.[part] || t('summary_part_empty'))])));
}

function withdrawButton(r, rerender) {
  const withdraw = async () => {
    const yes = await ask({ title: t('reg_withdraw_title'), text: t('reg_withdraw_text', { code: r.case_code }), yes: t('reg_withdraw_yes') });
    if (!yes) return;
    const done = await submit(`withdraw-${r.registration_id}`, () => api('DELETE', teamPath(`registrations/${r.registration_id}`)), rerender,
      () => t('reg_withdrawn', { code: r.case_code }));
    if (done) {
      location.hash = `#/termin/${r.date_id}`;
      cycleChanged(rerender);
    }
  };
  return h('div', { class: 'control-row' },
    h('button', { type: 'button', class: 'danger', 'data-action': 'withdraw', onclick: withdraw }, t('reg_withdraw')),
    formOutcome(`withdraw-${r.registration_id}`));
}

export function registrationView(id, rerender) {
  const refused = guard('see_dates');
  if (refused) return page('#/termine', 'dates_title', {}, refused);
  const entry = load(teamPath(`registrations/${encodeURIComponent(id)}`), rerender);
  const changed = () => cycleChanged(rerender);
  const code = entry.status === 'ok' ? entry.data.case_code : '…';
  return page('#/termine', 'reg_title', { code },
    h('p', {}, h('a', { href: entry.status === 'ok' ? `#/termin/${entry.data.date_id}` : '#/termine' }, t('back_to_date'))),
    withData(entry, (r) => {
      const dateEntry = load(teamPath(`circle-dates/${r.date_id}`), rerender);
      // Drawn once the date has come too: the form does not change under the writer's hands.
      if (dateEntry.status === 'loading') return withData(dateEntry, () => null);
      const open = !r.session;
      const editable = open && mayChange(r);
      return [
        facts(r, dateEntry.status === 'ok' ? dateEntry.data : null),
        editable ? draftForm(r, rerender, changed) : draftsText(r),
        preparedCards(r, { rerender, changed, open }),
        editable ? withdrawButton(r, rerender) : null,
      ];
    }));
}
