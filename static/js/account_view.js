// The login form on the start page, and once logged in: name, team switcher, one's own password,
// the calendar link, logout and the team's areas (circle dates, archive, review dates, deficit
// analysis, prognosis and outcome, service report, overview, statistics, audit trail, team
// administration) as far as the role allows.

import { h } from './dom.js';
import { t, language } from './i18n.js';
import { account, login, logout, chooseTeam, may } from './account.js';
import { draft } from './drafts.js';

export function errorText(error) {
  if (error?.code === 'login_failed') return t('err_login_failed');
  if (error?.code === 'connection_failed') return t('err_connection_failed');
  return (language() === 'en' ? error?.message_en : error?.message_de) || t('err_generic');
}

const loginState = { error: null, busy: false };

export function loginForm(rerender) {
  const form = h('form', { class: 'card-panel login-form', 'aria-labelledby': 'login-heading' },
    h('h2', { id: 'login-heading' }, t('login_heading')),
    h('p', {}, t('login_intro')),
    loginState.error ? h('p', { class: 'alert', role: 'alert', 'data-error': 'login' }, loginState.error) : null,
    h('div', { class: 'field' },
      h('label', { for: 'login-username' }, t('username_label')),
      h('input', { id: 'login-username', name: 'username', autocomplete: 'username', required: true, spellcheck: 'false', autocapitalize: 'none', 'data-draft': 'login.username', value: draft('login.username') })),
    h('div', { class: 'field' },
      h('label', { for: 'login-password' }, t('password_label')),
      h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, 'data-focus-key': 'login-password' })),
    h('button', { type: 'submit', class: 'primary', disabled: loginState.busy }, loginState.busy ? t('entering') : t('login_button')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const username = form.elements.username.value.trim();
    const password = form.elements.password.value;
    loginState.busy = true;
    loginState.error = null;
    rerender();
    try {
      await login(username, password);
    } catch (error) {
      loginState.error = errorText(error);
    }
    loginState.busy = false;
    rerender();
    if (loginState.error) document.getElementById('login-password')?.focus();
  });
  return form;
}

function teamSwitcher() {
  const teams = account.me.teams;
  if (!teams.length) return null;
  const select = h('select', { id: 'team-select', name: 'team', 'data-focus-key': 'team-select' },
    teams.map((team) => h('option', { value: String(team.team_id), selected: team.team_id === account.teamId ? 'selected' : null },
      t('team_option', { team: team.name, role: t(`team_role_${team.role}`) }))));
  select.addEventListener('change', () => chooseTeam(Number(select.value)));
  return h('div', { class: 'team-switcher' }, h('label', { for: 'team-select' }, t('team_label')), select);
}

// In the top bar. In a room the team cannot be changed (the session belongs to one already).
export function accountControls({ inRoom }) {
  if (!account.me) return null;
  return h('div', { class: 'account' },
    h('span', { class: 'account-name', 'data-user': account.me.username }, t('logged_in_as', { name: account.me.display_name })),
    inRoom ? null : teamSwitcher(),
    inRoom || account.me.must_change_password ? null : h('a', { href: '#/passwort', class: 'small', 'data-action': 'change-password' }, t('nav_password')),
    inRoom || account.me.must_change_password ? null : h('a', { href: '#/kalender', class: 'small', 'data-action': 'calendar-link' }, t('nav_calendar')),
    inRoom ? null : h('button', { type: 'button', class: 'small secondary', 'data-action': 'logout', onclick: () => logout().finally(() => { location.hash = ''; }) }, t('logout_button')));
}

export function teamNav(current) {
  if (!account.me) return null;
  const links = [
    ['', 'nav_start', true],
    ['#/termine', 'nav_dates', may('see_dates')],
    ['#/archiv', 'nav_archive', may('read_archive')],
    ['#/wiedervorlagen', 'nav_reviews', may('read_archive')],
    ['#/defizite', 'nav_deficits', may('read_archive')],
    ['#/prognosen', 'nav_outcomes', may('read_archive')],
    ['#/angebotsbericht', 'nav_service_report', may('read_archive')],
    ['#/ueberblick', 'nav_overview', may('view_cycle_figures')],
    ['#/statistik', 'nav_statistics', may('view_statistics')],
    ['#/audit', 'nav_audit', may('view_audit')],
    ['#/formate', 'nav_formats', may('read_archive')],
    ['#/team', 'nav_team_admin', may('manage_team')],
  ].filter(([, , shown]) => shown);
  if (links.length < 2) return null;
  return h('nav', { class: 'team-nav', 'aria-label': t('team_nav_label') },
    h('ul', {}, links.map(([href, key]) => h('li', {},
      h('a', { href: href || '#', 'aria-current': current === href ? 'page' : null }, t(key))))));
}
