// Who is logged in, in which teams and with which role, and the team chosen for new sessions and
// the archive. The login itself is an HttpOnly cookie the page never sees; the CSRF token is kept
// in memory only and fetched again with /api/me after a reload.

import { api, setCsrfToken, onSessionLost } from './api.js';
import { setTimeZone } from './i18n.js';

const teamKey = 'casecircle.team';
const listeners = new Set();

export const account = { checked: false, me: null, teamId: null };

function changed() {
  setTimeZone(currentTeam()?.time_zone);
  listeners.forEach((fn) => fn());
}

export function onAccountChange(fn) {
  listeners.add(fn);
}

function adopt(me) {
  account.me = me;
  account.checked = true;
  setCsrfToken(me?.csrf_token);
  const teams = me?.teams ?? [];
  const saved = Number(localStorage.getItem(teamKey));
  account.teamId = teams.some((t) => t.team_id === saved) ? saved : (teams[0]?.team_id ?? null);
  changed();
}

export async function checkLogin() {
  try {
    adopt(await api('GET', '/api/me'));
  } catch {
    adopt(null);
  }
}

export async function login(username, password) {
  adopt(await api('POST', '/api/login', { username, password }));
}

// One's own new password; the answer is the account again, no longer bound to change it.
export async function changePassword(currentPassword, newPassword) {
  adopt(await api('POST', '/api/me/password', { current_password: currentPassword, new_password: newPassword }));
}

// A team admin removed or disabled this person, or reset the password: ask the server who we are.
onSessionLost(() => checkLogin());

export async function logout() {
  try {
    await api('POST', '/api/logout', {});
  } finally {
    adopt(null);
  }
}

export function chooseTeam(teamId) {
  account.teamId = teamId;
  localStorage.setItem(teamKey, String(teamId));
  changed();
}

export function currentTeam() {
  return account.me?.teams?.find((t) => t.team_id === account.teamId) ?? null;
}

// The same table as server/access.cpp, only to decide what to offer; the server still decides.
const permissions = {
  moderate: ['moderator'],
  read_archive: ['member', 'moderator', 'supervisor'],
  view_audit: ['supervisor', 'team_admin'],
  view_statistics: ['supervisor', 'team_admin'],
  manage_team: ['team_admin'],
  // The circle's cycle (PROTOCOL.md, "The circle's cycle").
  see_dates: ['member', 'moderator', 'supervisor', 'team_admin'],
  plan_circles: ['moderator'],
  register_cases: ['member', 'moderator'],
  view_cycle_figures: ['moderator', 'supervisor', 'team_admin'],
};

export function may(action, team = currentTeam()) {
  return Boolean(team && permissions[action]?.includes(team.role));
}
