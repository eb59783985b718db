// The team's pages outside a session: audit trail, archive search, minutes with downloads, the
// history of one case, open review dates, prognosis against outcome and the deficit analysis. Each page loads its data once
// per address (location.hash) and draws from it; user text always goes in as text nodes. The
// frame of a team page (page, guard, load, withData, rangeForm) is shared with the team admin's
// and the statistics pages.

import { h } from './dom.js';
import { t, pick, formatDate, formatDateTime, formatNumber } from './i18n.js';
import { api, query } from './api.js';
import { account, may } from './account.js';
import { errorText, teamNav } from './account_view.js';
import { minutesDocument } from './minutes_view.js';
import { formats } from './formats.js';
import { outcomeValues } from './model.js';
import { localDay } from './cycle_words.js';
import { outcomeLabel, outcomeText, prognosisThen, miniBars } from './previous_session.js';
import { cycleAuditActions } from './i18n_cycle.js';

const loaded = new Map();

// On every change of address or account: data is fetched afresh, forms show the address's values.
export function forgetLoaded() {
  loaded.clear();
  typed = { hash: null, values: {} };
}

// After a change: the next draw fetches the path afresh.
export function reload(path) {
  loaded.delete(path);
}

// After a change that touches several loaded paths (those `test` accepts): each is fetched
// afresh while the page goes on showing what it had; resolves once all have come.
export function refresh(test, rerender) {
  const due = [...loaded.values()].filter((entry) => test(entry.path));
  return Promise.all(due.map((entry) => api('GET', entry.path)
    .then((data) => Object.assign(entry, { status: 'ok', data }), (error) => Object.assign(entry, { status: 'error', error }))))
    .then(rerender);
}

// { status: 'loading' | 'ok' | 'error', data, error } for a GET path, fetched once.
export function load(path, rerender) {
  let entry = loaded.get(path);
  if (!entry) {
    entry = { status: 'loading', path };
    loaded.set(path, entry);
    api('GET', path).then((data) => Object.assign(entry, { status: 'ok', data }), (error) => Object.assign(entry, { status: 'error', error })).then(rerender);
  }
  return entry;
}

// A team page's endpoint answering not_found means the server predates it (own team only, so it
// is not another team's page); for one room's minutes it means no such minutes for this team.
function failure(error, path) {
  const missingFeature = error.status === 404 && error.code === 'not_found' && path.startsWith('/api/teams/');
  const text = missingFeature ? t('not_yet_available') : t('load_failed', { reason: errorText(error) });
  return h('p', { class: 'alert', role: 'alert', 'data-error': error.code }, text);
}

export function page(route, titleKey, titleVars, ...content) {
  return h('section', { class: 'team-page', 'aria-labelledby': 'page-title' },
    teamNav(route),
    h('h1', { id: 'page-title' }, t(titleKey, titleVars)),
    content);
}

// Shows the loaded data with draw(data), or where it stands.
export function withData(entry, draw) {
  if (entry.status === 'loading') return h('p', { role: 'status', class: 'loading' }, t('loading'));
  if (entry.status === 'error') return failure(entry.error, entry.path);
  return draw(entry.data);
}

export function guard(action) {
  if (!account.me) return h('p', { class: 'alert', role: 'alert' }, t('please_login'));
  if (!may(action)) return h('p', { class: 'alert', role: 'alert' }, t('no_permission'));
  return null;
}

export function teamPath(rest) {
  return `/api/teams/${account.teamId}/${rest}`;
}

// What is typed into a filter form survives the page being redrawn when data arrives, for as long
// as the address stays the same; a new search (a new address) starts from the address's values.
let typed = { hash: null, values: {} };

function typedValue(name, fallback) {
  return typed.hash === location.hash && name in typed.values ? typed.values[name] : fallback;
}

function keepTyped(form) {
  const note = (e) => {
    if (!e.target.name) return;
    if (typed.hash !== location.hash) typed = { hash: location.hash, values: {} };
    typed.values[e.target.name] = e.target.value;
  };
  form.addEventListener('input', note);
  form.addEventListener('change', note);
  return form;
}

// --- audit ------------------------------------------------------------------------------------

const auditActions = ['login', 'login_failed', 'login_throttled', 'login_throttled_summary', 'user_created', 'role_changed', 'minutes_read', 'minutes_exported', 'addendum_added', 'guest_invited', 'retention_changed', 'session_deleted', 'deficits_exported',
  'login_disabled', 'members_listed', 'member_removed', 'member_disabled', 'member_enabled', 'password_reset', 'password_changed', 'password_change_failed', 'statistics_read', 'guest_link_viewed',
  'archive_searched', 'case_history_read', 'reviews_read', 'outcomes_read', 'deficits_read', 'previous_decision_read', 'access_probed',
  ...cycleAuditActions];

function actionName(action) {
  return auditActions.includes(action) ? t(`audit_${action}`) : action;
}

const roleValues = ['member', 'moderator', 'supervisor', 'team_admin'];

// {role: 'member', previous_role: …, format: 'html', days: 365} in words.
function detailText(detail) {
  if (!detail || typeof detail !== 'object') return detail ? String(detail) : '';
  const value = (v) => (roleValues.includes(v) ? t(`team_role_${v}`) : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return Object.entries(detail).filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => (['role', 'previous_role', 'format', 'days'].includes(k) ? t(`audit_detail_${k}`, { v: value(v) }) : `${k}: ${value(v)}`)).join(', ');
}

// `limit` (entries per page) only from the address: the form leaves it as it is.
const auditFilters = ['action', 'actor', 'target', 'from', 'to', 'limit'];

// The pages of the trail shown for this address: the newest, then one more per "Ältere Einträge"
// (the `before` id the previous page named). A new address starts again from the newest.
let auditPages = { hash: null, befores: [null] };

function auditForm(shown) {
  const form = h('form', { class: 'card-panel audit-filter', role: 'search', 'aria-label': t('audit_filter_label') },
    h('div', { class: 'filter-grid' },
      h('div', { class: 'field' }, h('label', { for: 'audit-action' }, t('audit_filter_action')),
        h('select', { id: 'audit-action', name: 'action' },
          h('option', { value: '' }, t('audit_filter_any_action')),
          auditActions.map((a) => h('option', { value: a, selected: a === shown.action ? 'selected' : null }, actionName(a))))),
      ['actor', 'target'].map((k) => h('div', { class: 'field' }, h('label', { for: `audit-${k}` }, t(`audit_filter_${k}`)),
        h('input', { id: `audit-${k}`, name: k, value: shown[k], autocomplete: 'off', spellcheck: 'false', 'data-focus-key': `audit-${k}` }))),
      ['from', 'to'].map((k) => h('div', { class: 'field' }, h('label', { for: `audit-${k}` }, t(`filter_${k}`)),
        h('input', { id: `audit-${k}`, name: k, type: 'date', value: shown[k], 'data-focus-key': `audit-${k}` })))),
    h('button', { type: 'submit', class: 'primary' }, t('audit_filter_button')));
  keepTyped(form);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const limit = hashParams().get('limit');
    location.hash = `#/audit${query({ ...Object.fromEntries(new FormData(form).entries()), limit })}`;
  });
  return form;
}

function auditRow(e) {
  return h('tr', { 'data-action': e.action, 'data-id': e.id },
    h('td', {}, formatDateTime(e.at)), h('td', {}, e.actor ?? ''), h('td', {}, actionName(e.action)),
    h('td', {}, e.target ?? ''), h('td', {}, e.address ?? ''), h('td', {}, detailText(e.detail)));
}

// `shownFor`: the filters' query, on the table, so that a reader (and a test) knows which address
// the rows belong to.
function auditTable(pages, shownFor, rerender) {
  const done = pages.filter((p) => p.status === 'ok');
  const entries = done.flatMap((p) => p.data.entries);
  const last = pages[pages.length - 1];
  const older = last.status === 'ok' && last.data.next_before != null
    ? h('button', { type: 'button', class: 'audit-older', onclick: () => { auditPages.befores.push(last.data.next_before); rerender(); } }, t('audit_older'))
    : null;
  const tail = last.status === 'ok' ? older : withData(last, () => null);
  if (entries.length === 0) return [h('p', { class: 'empty' }, last.status === 'ok' ? t('audit_empty') : null), tail];
  return [
    h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'page-title' },
      h('table', { class: 'audit-table', 'data-query': shownFor },
        h('thead', {}, h('tr', {}, ['audit_at', 'audit_actor', 'audit_action', 'audit_target', 'audit_address', 'audit_detail'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, entries.map(auditRow)))),
    h('p', { role: 'status', class: 'results-count' }, t('audit_shown', { n: entries.length })),
    tail,
  ];
}

export function auditView(rerender) {
  const refused = guard('view_audit');
  if (refused) return page('#/audit', 'audit_title', {}, refused);
  const p = hashParams();
  const filters = Object.fromEntries(auditFilters.map((k) => [k, p.get(k) ?? '']));
  const shown = Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, typedValue(k, v)]));
  if (auditPages.hash !== location.hash) auditPages = { hash: location.hash, befores: [null] };
  const pages = auditPages.befores.map((before) => load(teamPath(`audit${query({ ...filters, before })}`), rerender));
  return page('#/audit', 'audit_title', {},
    h('p', {}, t('audit_intro')),
    auditForm(shown),
    pages[0].status === 'ok' ? auditTable(pages, query(filters), rerender) : withData(pages[0], () => null));
}

// --- archive ------------------------------------------------------------------------------------

export function hashParams() {
  const at = location.hash.indexOf('?');
  return new URLSearchParams(at >= 0 ? location.hash.slice(at + 1) : '');
}

function formatTitle(id) {
  const f = formats.find((x) => x.id === id);
  return f ? pick(f.title) : id;
}

function snippet(parts) {
  if (!parts?.length) return null;
  return h('p', { class: 'snippet' }, '… ', parts.map((p) => (p.hit ? h('mark', {}, p.text) : p.text)), ' …');
}

function entryItem(e) {
  return h('li', { class: 'archive-entry', 'data-room': e.room_id },
    h('h2', {},
      h('a', { href: `#/protokoll/${encodeURIComponent(e.room_id)}` }, `${e.case_code} · ${formatTitle(e.format)}${e.title ? ` · ${e.title}` : ''}`)),
    h('p', { class: 'meta' }, formatDate(e.session_date), e.moderator ? ` · ${t('result_moderator', { name: e.moderator })}` : '',
      e.review_date ? ` · ${t('result_review', { date: formatDate(e.review_date) })}` : ''),
    e.question ? h('p', {}, h('strong', {}, `${t('m_question')}: `), e.question) : null,
    e.decision ? h('p', {}, h('strong', {}, `${t('m_decision')}: `), e.decision) : null,
    e.outcome ? h('p', { class: 'outcome-line', 'data-outcome': e.outcome }, h('strong', {}, `${t('case_outcome')}: `), outcomeText(e.outcome, e.outcome_note)) : null,
    snippet(e.snippet),
    h('p', { class: 'entry-links' },
      h('a', { href: `#/protokoll/${encodeURIComponent(e.room_id)}` }, t('open_minutes')), ' · ',
      h('a', { href: `#/fall/${encodeURIComponent(e.case_code)}` }, t('case_history_link'))));
}

function filterField(id, label, value, attrs = {}) {
  return h('div', { class: 'field' }, h('label', { for: `archive-${id}` }, label),
    h('input', { id: `archive-${id}`, name: id, value: value ?? '', 'data-focus-key': `archive-${id}`, ...attrs }));
}

export function archiveView(rerender) {
  const refused = guard('read_archive');
  if (refused) return page('#/archiv', 'archive_title', {}, refused);
  const p = hashParams();
  const filters = Object.fromEntries(['q', 'format', 'case_code', 'moderator', 'from', 'to'].map((k) => [k, p.get(k) ?? '']));
  const shown = Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, typedValue(k, v)]));
  const form = h('form', { class: 'card-panel archive-search', role: 'search', 'aria-label': t('archive_title') },
    h('div', { class: 'field' }, h('label', { for: 'archive-q' }, t('search_label')),
      h('input', { id: 'archive-q', name: 'q', type: 'search', value: shown.q, 'data-focus-key': 'archive-q' })),
    h('div', { class: 'filter-grid' },
      h('div', { class: 'field' }, h('label', { for: 'archive-format' }, t('filter_format')),
        h('select', { id: 'archive-format', name: 'format' },
          h('option', { value: '' }, t('filter_any_format')),
          formats.map((f) => h('option', { value: f.id, selected: f.id === shown.format ? 'selected' : null }, pick(f.title))))),
      filterField('case_code', t('filter_case_code'), shown.case_code, { autocomplete: 'off', spellcheck: 'false' }),
      filterField('moderator', t('filter_moderator'), shown.moderator),
      filterField('from', t('filter_from'), shown.from, { type: 'date' }),
      filterField('to', t('filter_to'), shown.to, { type: 'date' })),
    h('button', { type: 'submit', class: 'primary' }, t('search_button')));
  keepTyped(form);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const values = Object.fromEntries(new FormData(form).entries());
    location.hash = `#/archiv${query(values)}`;
  });
  const entry = load(teamPath(`archive${query(filters)}`), rerender);
  return page('#/archiv', 'archive_title', {},
    h('p', {}, t('archive_intro')),
    form,
    withData(entry, ({ entries }) => h('div', { class: 'archive-results', 'data-query': filters.q },
      h('p', { role: 'status', class: 'results-count' }, entries.length ? t('results_count', { n: entries.length }) : t('no_results')),
      h('ol', { class: 'archive-list' }, entries.map(entryItem)))));
}

// A moderator adds a signed, dated addendum to approved minutes; the minutes themselves stay.
function addendumForm(base, rerender) {
  const status = h('p', { class: 'form-status', role: 'status' });
  const form = h('form', { class: 'record-form addendum-form no-print', novalidate: true },
    h('div', { class: 'field' },
      h('label', { for: 'addendum-text' }, t('addendum_label')),
      h('textarea', { id: 'addendum-text', name: 'text', rows: 3, maxlength: 4000, required: true })),
    h('button', { type: 'submit', class: 'primary', 'data-action': 'add-addendum' }, t('addendum_add')),
    status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = form.elements.text.value.trim();
    if (!text) {
      status.textContent = t('addendum_missing');
      return form.elements.text.focus();
    }
    try {
      await api('POST', `${base}/addenda`, { text });
      reload(base);
      rerender();
    } catch (error) {
      status.textContent = t('load_failed', { reason: errorText(error) });
    }
  });
  return form;
}

export function minutesPage(roomId, rerender) {
  const refused = guard('read_archive');
  if (refused) return page('#/archiv', 'archive_title', {}, refused);
  const base = `/api/minutes/${encodeURIComponent(roomId)}`;
  const entry = load(base, rerender);
  const link = (ext, label, attrs = {}) => h('a', { href: `${base}/export.${ext}`, class: 'button-link', ...attrs }, label);
  return h('section', { class: 'team-page minutes-page', 'aria-label': t('m_title') },
    h('div', { class: 'no-print' }, teamNav('#/archiv')),
    h('p', { class: 'no-print' }, h('a', { href: '#/archiv' }, t('back_to_archive'))),
    withData(entry, ({ minutes }) => [
      h('nav', { class: 'panel downloads no-print', 'aria-labelledby': 'downloads-heading' },
        h('h2', { id: 'downloads-heading' }, t('downloads_heading')),
        h('p', { class: 'control-row' },
          link('html', t('print_view'), { 'data-action': 'print-view', target: '_blank', rel: 'noopener' }),
          link('md', t('download_md'), { download: '' }), link('json', t('download_json'), { download: '' }), link('csv', t('download_csv'), { download: '' }),
          h('a', { href: `#/fall/${encodeURIComponent(minutes.case_code)}` }, t('case_history_link')))),
      minutesDocument(minutes),
      may('moderate') ? h('section', { class: 'panel addenda-panel no-print', 'aria-labelledby': 'addendum-heading' },
        h('h2', { id: 'addendum-heading' }, t('m_addenda')), addendumForm(base, rerender)) : null,
    ]));
}

export function casePage(caseCode, rerender) {
  const refused = guard('read_archive');
  if (refused) return page('#/archiv', 'case_title', { code: caseCode }, refused);
  const entry = load(teamPath(`cases/${encodeURIComponent(caseCode)}`), rerender);
  return page('#/archiv', 'case_title', { code: caseCode },
    h('p', {}, t('case_intro')),
    withData(entry, ({ entries }) => (entries.length ? h('ol', { class: 'archive-list case-history' }, entries.map(entryItem)) : h('p', { class: 'empty' }, t('no_results')))));
}

export function reviewsView(rerender) {
  const refused = guard('read_archive');
  if (refused) return page('#/wiedervorlagen', 'reviews_title', {}, refused);
  const until = hashParams().get('until') || localDay(30);
  const form = h('form', { class: 'inline-form filter-form' },
    h('label', { for: 'reviews-until' }, t('reviews_until')),
    h('input', { id: 'reviews-until', name: 'until', type: 'date', value: typedValue('until', until), 'data-focus-key': 'reviews-until' }),
    h('button', { type: 'submit', class: 'secondary' }, t('reviews_show')));
  keepTyped(form);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = `#/wiedervorlagen${query({ until: form.elements.until.value })}`;
  });
  const entry = load(teamPath(`reviews${query({ until })}`), rerender);
  const today = localDay(); // the team's day, like the archive's dates
  return page('#/wiedervorlagen', 'reviews_title', {},
    h('p', {}, t('reviews_intro')), form,
    withData(entry, ({ reviews }) => (reviews.length === 0 ? h('p', { class: 'empty' }, t('reviews_empty')) :
      h('table', { class: 'reviews-table' },
        h('thead', {}, h('tr', {}, [t('m_review_date'), t('m_case_code'), t('m_decision'), t('m_moderator')].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, reviews.map((r) => h('tr', { class: r.review_date < today ? 'overdue' : '' },
          h('td', {}, formatDate(r.review_date), r.review_date < today ? h('strong', { class: 'overdue-label' }, ` (${t('review_overdue')})`) : null),
          h('td', {}, h('a', { href: `#/fall/${encodeURIComponent(r.case_code)}` }, r.case_code)),
          h('td', {}, h('a', { href: `#/protokoll/${encodeURIComponent(r.room_id)}` }, r.decision || t('m_none'))),
          h('td', {}, r.moderator ?? ''))))))));
}

export function dateRange(p) {
  // Without a choice: the last twelve months up to today – the team's day, on which the archive
  // dates its sessions (after 23:00 UTC it is already tomorrow in Berlin).
  return { from: p.get('from') || localDay(-365), to: p.get('to') || localDay() };
}

export function deficitChart(kinds) {
  const max = Math.max(1, ...kinds.map((k) => k.cards.length));
  return h('figure', { class: 'panel deficit-chart' },
    h('figcaption', { id: 'deficit-chart-caption' }, h('strong', {}, t('deficits_chart'))),
    h('ul', { class: 'deficit-bars', 'aria-labelledby': 'deficit-chart-caption' }, kinds.map((k) => h('li', { class: 'deficit-bar-row', 'data-category': k.category },
      h('span', { class: 'deficit-bar-label' }, pick(k.title)),
      h('span', { class: 'deficit-bar-track', 'aria-hidden': 'true' }, h('span', { class: 'deficit-bar', style: `width: ${(100 * k.cards.length) / max}%` })),
      h('span', { class: 'deficit-bar-count', 'data-count': k.cards.length }, formatNumber(k.cards.length))))));
}

// From/to dates for a team page; submitting moves to the page's address with the new range.
export function rangeForm(prefix, route, range, buttonKey) {
  const dateField = (name) => [h('label', { for: `${prefix}-${name}` }, t(`filter_${name}`)),
    h('input', { id: `${prefix}-${name}`, name, type: 'date', value: typedValue(name, range[name]), 'data-focus-key': `${prefix}-${name}` })];
  const form = h('form', { class: 'inline-form filter-form' }, dateField('from'), dateField('to'),
    h('button', { type: 'submit', class: 'secondary' }, t(buttonKey)));
  keepTyped(form);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = `${route}${query({ from: form.elements.from.value, to: form.elements.to.value })}`;
  });
  return form;
}

export function deficitsView(rerender) {
  const refused = guard('read_archive');
  if (refused) return page('#/defizite', 'deficits_title', {}, refused);
  const range = dateRange(hashParams());
  const form = rangeForm('deficits', '#/defizite', range, 'deficits_show');
  const path = teamPath(`deficits${query(range)}`);
  const entry = load(path, rerender);
  return page('#/defizite', 'deficits_title', {},
    h('p', {}, t('deficits_intro')), form,
    h('p', {}, h('a', { href: teamPath(`deficits${query({ ...range, format: 'csv' })}`), download: '', 'data-action': 'deficits-csv' }, t('deficits_csv'))),
    withData(entry, ({ kinds, suggestions }) => {
      const total = kinds.reduce((n, k) => n + k.cards.length, 0);
      return [
        total === 0 ? h('p', { class: 'empty' }, t('deficits_empty')) : null,
        deficitChart(kinds),
        kinds.filter((k) => k.cards.length).map((k) => h('section', { class: 'panel deficit-kind', 'data-category': k.category },
          h('h2', {}, pick(k.title), ` – ${t('deficits_cards', { n: k.cards.length })}`),
          h('ul', {}, k.cards.map((c) => h('li', {}, c.text, h('span', { class: 'byline' }, ' – ',
            h('a', { href: `#/protokoll/${encodeURIComponent(c.room_id)}` }, c.case_code), `, ${formatDate(c.session_date)}`)))))),
        suggestions?.length ? h('section', { class: 'panel' }, h('h2', {}, t('deficits_suggestions')),
          h('ul', {}, suggestions.map((s) => h('li', {}, typeof s === 'string' ? s : (s.text ?? ''),
            typeof s === 'object' && s.case_code ? h('span', { class: 'byline' }, ` – ${s.case_code}`) : null)))) : null,
      ];
    }));
}

// --- prognosis and outcome ----------------------------------------------------------------------

export function outcomeRow(o) {
  const minutesLink = (room, text) => (room ? h('a', { href: `#/protokoll/${encodeURIComponent(room)}` }, text) : text);
  return h('tr', { 'data-room': o.room_id, 'data-outcome': o.outcome },
    h('td', {}, h('a', { href: `#/fall/${encodeURIComponent(o.case_code)}` }, o.case_code)),
    h('td', {}, minutesLink(o.room_id, o.decision || t('m_none')),
      o.session_date ? h('span', { class: 'byline' }, h('br'), t('outcomes_decided_on', { date: formatDate(o.session_date) })) : null),
    h('td', { class: 'prognosis-cell' }, miniBars(o.prognosis), prognosisThen(o.prognosis)),
    h('td', {},
      h('strong', { class: `outcome-label outcome-${o.outcome}` }, outcomeLabel(o.outcome)),
      o.outcome_note ? ` – ${o.outcome_note}` : '',
      o.follow_up_room_id ? h('span', { class: 'byline' }, h('br'), minutesLink(o.follow_up_room_id, t('outcomes_follow_up', { date: formatDate(o.follow_up_date) }))) : null));
}

function outcomesTally(outcomes) {
  const count = (v) => outcomes.filter((o) => o.outcome === v).length;
  const counts = Object.fromEntries(outcomeValues.map((v) => [v, count(v)]));
  return h('p', { class: 'results-count', role: 'status' }, t('outcomes_tally', { n: outcomes.length, ...counts }));
}

export function outcomesView(rerender) {
  const refused = guard('read_archive');
  if (refused) return page('#/prognosen', 'outcomes_title', {}, refused);
  const range = dateRange(hashParams());
  const form = rangeForm('outcomes', '#/prognosen', range, 'outcomes_show');
  const entry = load(teamPath(`outcomes${query(range)}`), rerender);
  return page('#/prognosen', 'outcomes_title', {},
    h('p', {}, t('outcomes_intro')), form,
    withData(entry, ({ outcomes }) => (outcomes.length === 0 ? h('p', { class: 'empty' }, t('outcomes_empty')) : [
      outcomesTally(outcomes),
      h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'page-title' },
        h('table', { class: 'outcomes-table' },
          h('thead', {}, h('tr', {}, ['outcomes_case', 'outcomes_decision', 'outcomes_prognosis', 'outcomes_result'].map((k) => h('th', { scope: 'col' }, t(k))))),
          h('tbody', {}, outcomes.map(outcomeRow)))),
    ])));
}
