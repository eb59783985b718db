// "Termine" (#/termine): the team's notices, the upcoming circle dates with their agendas, and
// for moderators the set-up of a new series of dates. Each date leads to its own page
// (circle_date_view.js), where cases are registered and the moderator plans it.

import { h } from './dom.js';
import { t } from './i18n.js';
import { may } from './account.js';
import { page, guard, load, withData, teamPath, refresh } from './team_views.js';
import { query } from './api.js';
import { seriesForm } from './series_form.js';
import { cycleNotices, noticesPath } from './cycle_notices.js';
import { dateFacts } from './date_facts.js';
import { agendaList } from './agenda_list.js';
import { dateWhen } from './cycle_words.js';
import { formOutcome } from './form_state.js';

function dateList(dates, rerender) {
  const shown = showAll ? dates : dates.slice(0, shownFirst);
  const more = dates.length - shown.length;
  return [
    h('ol', { class: 'circle-dates' }, shown.map((d) => dateCard(d, rerender))),
    more > 0 || showAll ? h('p', {}, h('button', { type: 'button', class: 'secondary', 'data-action': 'more-dates', 'data-focus-key': 'more-dates',
      onclick: () => { showAll = !showAll; rerender(); } }, showAll ? t('dates_fewer') : t('dates_more', { n: more }))) : null,
  ];
}

let seriesOpen = false;
// The next few dates are what people plan with; the months after them on request.
const shownFirst = 6;
let showAll = false;

// After any change of the cycle, everything of it that is on screen is read again.
export function cycleChanged(rerender) {
  return refresh((path) => /\/(circle-dates|registrations|notices|series)/.test(path), rerender);
}

function dateCard(date, rerender) {
  return h('li', { class: `circle-date ${date.state}`, 'data-date': date.date_id, 'data-day': date.day, 'data-state': date.state },
    h('h3', {}, h('a', { href: `#/termin/${date.date_id}` }, dateWhen(date)), h('span', { class: 'byline' }, ` · ${date.series_title}`)),
    dateFacts(date),
    agendaList(date, { rerender, compact: true }),
    date.state === 'planned' || date.state === 'held'
      ? h('p', {}, h('a', { href: `#/termin/${date.date_id}`, class: 'button-link', 'data-action': 'open-date' },
        may('register_cases') && date.state === 'planned' ? t('date_open_register') : t('date_open'),
        h('span', { class: 'visually-hidden' }, `: ${dateWhen(date)}`)))
      : null);
}

function seriesPart(rerender) {
  if (!may('plan_circles')) return null;
  const toggle = h('button', { type: 'button', class: 'secondary', 'aria-expanded': seriesOpen ? 'true' : 'false', 'aria-controls': 'series-form',
    'data-action': 'toggle-series', 'data-focus-key': 'toggle-series', onclick: () => { seriesOpen = !seriesOpen; rerender(); } },
  seriesOpen ? t('series_close') : t('series_open'));
  const created = () => {
    seriesOpen = false;
    return cycleChanged(rerender);
  };
  return h('div', { class: 'series-part' },
    h('p', {}, toggle),
    seriesOpen ? h('div', { id: 'series-form' }, seriesForm(rerender, created)) : formOutcome('series'));
}

function datesPart(entry, rerender) {
  return withData(entry, ({ dates }) => (dates.length
    ? dateList(dates, rerender)
    : h('p', { class: 'empty' }, t(may('plan_circles') ? 'dates_empty_moderator' : 'dates_empty'))));
}

export function circleDatesView(rerender) {
  const refused = guard('see_dates');
  if (refused) return page('#/termine', 'dates_title', {}, refused);
  const entry = load(teamPath(`circle-dates${query({})}`), rerender);
  const notices = load(noticesPath(), rerender);
  // Drawn once both have come, so that the page does not change again under the reader's hands.
  const ready = notices.status !== 'loading';
  return page('#/termine', 'dates_title', {},
    h('p', {}, t('dates_intro')),
    ready ? cycleNotices(notices) : null,
    seriesPart(rerender),
    h('h2', {}, t('dates_upcoming')),
    ready ? datesPart(entry, rerender) : withData(notices, () => null));
}
