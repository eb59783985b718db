// One circle date (#/termin/ID): its agenda with every registered case, the form to register a
// case (members and moderators, while the date is planned), and the moderator's planning: order
// the agenda, open a case's session (live or written), move, cancel or close the date.

import { h } from './dom.js';
import { t } from './i18n.js';
import { may } from './account.js';
import { page, guard, load, withData, teamPath } from './team_views.js';
import { dateFacts } from './date_facts.js';
import { agendaList } from './agenda_list.js';
import { dateActions } from './date_actions.js';
import { registerForm } from './registration_form.js';
import { cycleChanged } from './circle_dates_view.js';
import { dateWhen } from './cycle_words.js';

// Members register until the cut-off; the moderator may still add a case after it.
function mayRegister(date) {
  if (date.state !== 'planned' || !may('register_cases')) return false;
  return may('plan_circles') || date.registration_until > Date.now();
}

// session: { openSession(frame), error, busy } from app.js – the same entry as the start page's.
export function circleDateView(dateId, rerender, session) {
  const refused = guard('see_dates');
  if (refused) return page('#/termine', 'dates_title', {}, refused);
  const entry = load(teamPath(`circle-dates/${encodeURIComponent(dateId)}`), rerender);
  const changed = () => cycleChanged(rerender);
  const body = withData(entry, (date) => [
    h('p', { class: 'date-series' }, date.series_title),
    dateFacts(date),
    session.error ? h('p', { class: 'alert', role: 'alert', 'data-error': 'entry' }, session.error) : null,
    h('section', { class: 'panel agenda-panel', 'aria-labelledby': 'agenda-heading' },
      h('h2', { id: 'agenda-heading' }, t('agenda_heading')),
      may('plan_circles') && date.agenda.length > 1 ? h('p', { class: 'note' }, t('agenda_order_hint')) : null,
      agendaList(date, { rerender, changed, canPlan: may('plan_circles'), openSession: may('plan_circles') ? session.openSession : null, busy: session.busy })),
    mayRegister(date) ? registerForm(date, rerender, changed) : null,
    may('plan_circles') ? dateActions(date, { rerender, changed }) : null,
  ]);
  const title = entry.status === 'ok' ? dateWhen(entry.data) : t('date_title_loading');
  return page('#/termine', 'date_title', { when: title },
    h('p', {}, h('a', { href: '#/termine' }, t('back_to_dates'))),
    body);
}
