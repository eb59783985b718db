// Wires the connection to the views. The snapshot is the source of truth: after any events the
// client asks for a fresh one and draws the page from it, so there is no second copy of the
// engine's rules in the browser.

import { formatsView, formatEditorView, teamFormatChoices } from './format_editor.js';
import { h, clear } from './dom.js';
import { t, pick, setLanguage, language, onLanguageChange, dictionaries } from './i18n.js';
import { Connection } from './connection.js';
import { saveSnapshot, loadSnapshot, clearAllSessions } from './session_store.js';
import { trackDrafts, captureFocus, restoreFocus, forgetAll } from './drafts.js';
import { trackLimits, showLimits } from './length_limits.js';
import { startTicking } from './timer.js';
import { viewer } from './model.js';
import { addNotice, renderNotices, noticesFollow, clearNotices } from './notices.js';
import { topBar } from './top_bar.js';
import { startView, resumingView } from './start_view.js';
import { roomView } from './room_view.js';
import { projectorView } from './projector_view.js';
import { endView } from './session_end.js';
import { farewellView } from './farewell_view.js';
import { leaveSession } from './leave.js';
import { account, checkLogin, onAccountChange, currentTeam, may } from './account.js';
import { roomsClosed, learnFromCreate } from './open_rooms.js';
import { loginForm, accountControls, teamNav } from './account_view.js';
import { guestInvitation, guestView } from './guest_view.js';
import { auditView, archiveView, minutesPage, casePage, reviewsView, deficitsView, outcomesView, forgetLoaded } from './team_views.js';
import { teamAdminView, forgetAdminOutcome } from './team_admin_view.js';
import { forgetRetentionNote } from './retention_panel.js';
import { statisticsView } from './statistics_view.js';
import { passwordView } from './password_view.js';
import { circleDatesView } from './circle_dates_view.js';
import { circleDateView } from './circle_date_view.js';
import { registrationView } from './registration_view.js';
import { overviewView } from './overview_view.js';
import { serviceReportView } from './service_report_view.js';
import { calendarLinkView } from './calendar_link.js';
import { forgetForms } from './form_state.js';
import { quietNotices } from './cycle_notices.js';

const conn = new Connection();
const root = document.getElementById('app');
const bar = document.getElementById('topbar');
// identifying: the create the server refused because its case code or title looked like it
// names a person; the moderator may confirm that no real person is meant and send it again.
const model = { state: null, myId: null, inviteCode: null, online: new Set(), minutes: null, minutesSeq: null, startError: null, busy: false, lastEntry: null, guestWaiting: false, farewell: null, resumeAfterLogin: false, identifying: null };

function view() {
  return location.hash === '#projector' ? 'projector' : 'room';
}

function context() {
  return {
    state: model.state,
    who: viewer(model.state, model.myId),
    conn,
    online: model.online,
    connected: conn.status === 'online',
    inviteCode: model.inviteCode,
    queue: conn.queue,
    minutes: model.minutes,
    serverNow: () => conn.serverNow(),
    onNewSession: newSession,
    rerender: render,
  };
}

// A registered case's session is opened from its circle date through the same entry as the start
// page's form (create, with the team and the account's name); a refusal is shown on that page.
function sessionFromDate() {
  return {
    openSession: (frame) => create({ ...frame, name: accountName() ?? '' }),
    error: model.startError,
    busy: model.busy,
  };
}

// Pages of the team outside a session, by address: #/archiv, #/protokoll/ROOM, #/fall/CODE, …
function teamPage() {
  const route = location.hash.split('?')[0];
  const rest = (prefix) => decodeURIComponent(route.slice(prefix.length));
  if (route === '#/audit') return auditView(render);
  if (route === '#/archiv') return archiveView(render);
  if (route.startsWith('#/protokoll/')) return minutesPage(rest('#/protokoll/'), render);
  if (route.startsWith('#/fall/')) return casePage(rest('#/fall/'), render);
  if (route === '#/wiedervorlagen') return reviewsView(render);
  if (route === '#/defizite') return deficitsView(render);
  if (route === '#/prognosen') return outcomesView(render);
  if (route === '#/statistik') return statisticsView(render);
  if (route === '#/team') return teamAdminView(render);
  if (route === '#/passwort') return passwordView(render);
  if (route === '#/termine') return circleDatesView(render);
  if (route.startsWith('#/termin/')) return circleDateView(rest('#/termin/'), render, sessionFromDate());
  if (route.startsWith('#/anmeldung/')) return registrationView(rest('#/anmeldung/'), render);
  if (route === '#/ueberblick') return overviewView(render);
  if (route === '#/angebotsbericht') return serviceReportView(render);
  if (route === '#/kalender') return calendarLinkView(render);
  if (route === '#/formate') return formatsView(render);
  if (route.startsWith('#/format/')) return formatEditorView(rest('#/format/'), render);
  return null;
}

// Who is offered the form for a new session: logged in, a moderator of some team (server/access.cpp:
// only moderators create); logged out, anyone unless the server has said it has no open rooms.
// A moderator whose chosen team is not one they moderate sees why instead of the fields.
function createOffer() {
  if (!account.me) return roomsClosed() ? { shown: false } : { shown: true };
  if (!(account.me.teams ?? []).some((team) => may('moderate', team))) return { shown: false };
  const team = currentTeam();
  if (!may('moderate')) return { shown: true, blocked: true, note: t('create_no_moderator') };
  return { shown: true, note: team ? t('create_team_note', { team: team.name }) : null };
}

// Logged-in people enter under their account's name; nobody types it twice. The server takes
// names of one line and up to 60 characters.
function accountName() {
  const name = account.me?.display_name?.replace(/\s+/g, ' ').trim();
  return name ? name.slice(0, 60) : null;
}

function mainView() {
  if (model.farewell) return farewellView({ code: model.farewell, onStart: newSession });
  if (!model.state) {
    // Waiting for the login that resumes the room: the login form with its hint, never "resuming".
    if (conn.hasSession() && !model.startError && !model.resumeAfterLogin) return resumingView({ status: conn.status, onNewSession: newSession });
    const invitation = guestInvitation();
    if (invitation) return guestView({ invitation, onJoin: enter, error: model.startError, busy: model.busy, waiting: model.guestWaiting, rerender: render });
    if (!account.checked) return h('p', { role: 'status' }, t('loading'));
    // After a login with a temporary password nothing else is offered until a new one is chosen.
    if (account.me?.must_change_password) return passwordView(render);
    // Logged out on a team page (also when a team admin has just removed this person): the login.
    const page = account.me ? teamPage() : null;
    if (page) return page;
    const confirmIdentifying = model.identifying
      ? () => { const again = { ...model.identifying, confirm_identifying: true }; model.identifying = null; enter(again); }
      : null;
    return startView({ onCreate: create, onJoin: enter, error: model.startError, busy: model.busy, onConfirmIdentifying: confirmIdentifying,
      login: account.me ? null : loginForm(render), nav: teamNav(''), create: createOffer(), accountName: accountName(),
      notices: account.me && may('see_dates') ? quietNotices(render) : null, teamFormats: account.me ? teamFormatChoices(render) : [] });
  }
  const ctx = context();
  if (model.state.ended) return endView(ctx);
  return view() === 'projector' ? projectorView(ctx) : roomView(ctx);
}

function renderBar() {
  clear(bar).append(...topBar({
    state: model.state,
    status: conn.status,
    queued: conn.queue.length,
    view: view(),
    account: accountControls({ inRoom: Boolean(model.state) || conn.hasSession() }),
    onLanguage: () => setLanguage(language() === 'de' ? 'en' : 'de'),
    onProjector: () => { location.hash = view() === 'projector' ? '' : 'projector'; },
    onLeave: () => leaveSession(context()),
  }));
}

function renderNow() {
  const focus = captureFocus();
  renderBar();
  const content = mainView();
  clear(root);
  if (content) root.append(content);
  showLimits(root);
  document.documentElement.classList.toggle('projector-mode', Boolean(model.state) && view() === 'projector' && !model.state.ended);
  document.title = model.state ? `${model.state.case_code} – casecircle` : 'casecircle';
  restoreFocus(document.body, focus);
  // Where the step bar scrolls sideways (phones), the current step is kept in sight.
  // Only sideways: scrollIntoView would also pull a reader further down the page back up.
  const current = root.querySelector('.step-bar li[aria-current="step"]');
  const row = current?.parentElement;
  if (row && row.scrollWidth > row.clientWidth) row.scrollLeft = current.offsetLeft - (row.clientWidth - current.clientWidth) / 2;
}

let scheduled = false;
function render() {
  if (scheduled) return;
  scheduled = true;
  // Hidden tabs get no animation frames and slowed timers; the room must stay current there too
  // (a moderator's room tab behind the projector tab), so they render right after this task.
  const later = document.hidden ? queueMicrotask : requestAnimationFrame;
  later(() => {
    scheduled = false;
    renderNow();
  });
}

function enter(frame) {
  clearTimeout(guestRetry);
  model.startError = null;
  // Another room instead of the one waiting for a login: a later login must not resume that one.
  model.resumeAfterLogin = false;
  model.busy = true;
  model.lastEntry = frame;
  conn.enter(frame);
  render();
}

// A logged-in moderator's session belongs to the chosen team; logged out it is an open room
// (only where the server allows those; otherwise it answers login_required).
function create(frame) {
  enter(account.me && account.teamId ? { ...frame, team_id: account.teamId } : frame);
}

function newSession() {
  conn.forget();
  forgetAll();
  clearNotices();
  noticesFollow(null);
  Object.assign(model, { state: null, myId: null, inviteCode: null, minutes: null, minutesSeq: null, startError: null, busy: false, lastEntry: null, guestWaiting: false, farewell: null, resumeAfterLogin: false, identifying: null });
  location.hash = '';
  render();
}

// The room is redrawn silently; what changes for everyone (a new step, one's own turn) is also
// said to screen readers through one polite live region.
function announceChanges(before, after) {
  if (!after?.started) return;
  const step = after.steps[after.current_step - 1];
  const turnIsMine = after.round?.turn === model.myId;
  let text = '';
  if (step && before?.current_step !== after.current_step) text = `${t('step_of', { n: step.number, total: after.steps.length })}: ${pick(step.title)}`;
  else if (turnIsMine && before?.round?.turn !== model.myId) text = t('round_your_turn');
  if (text) document.getElementById('announcer').textContent = text;
}

// The moderator reads the draft after the end; everyone reads the approved minutes. A cancelled
// session has none, and discarded minutes are gone.
function fetchMinutesIfDue() {
  const s = model.state;
  if (!s?.ended || s.cancellation || s.discard) return;
  const who = viewer(s, model.myId);
  if (!who.isModerator && !s.minutes_approved) return;
  if (model.minutesSeq === s.seq) return;
  model.minutesSeq = s.seq;
  conn.requestMinutes();
}

const entryErrors = { room_unavailable: 'err_room_unavailable', removed_from_session: 'farewell_removed_from_session', unknown_invite: 'err_unknown_invite', unknown_token: 'err_unknown_token', unknown_format: 'err_unknown_format', storage_unavailable: 'err_storage_unavailable', connection_failed: 'err_connection_failed', login_required: 'err_login_required', not_in_team: 'err_not_in_team', invalid_guest_link: 'err_invalid_guest_link', unknown_registration: 'err_unknown_registration', session_opened: 'err_session_opened' };

// A guest link stays valid while the session refuses the guest for want of the client's consent;
// the guest is let in by asking again until the presenter has confirmed it (or another answer).
const guestRetryMs = 5000;
let guestRetry = null;

function waitForConsent(frame) {
  model.guestWaiting = true;
  model.busy = false;
  model.startError = null;
  guestRetry = setTimeout(() => {
    if (guestInvitation() === frame.invitation && !model.state && model.guestWaiting) enter(frame);
  }, guestRetryMs);
  render();
}

function entryFailed(frame) {
  // Back into one's room needs the same person's login (logged out meanwhile, e.g. in another
  // tab): the login is asked for, and the room is resumed right after it (onAccountChange).
  if (frame.code === 'login_required' && !model.lastEntry && conn.hasSession()) {
    Object.assign(model, { state: null, busy: false, resumeAfterLogin: true, startError: t('resume_login_needed') });
    // Logged out in another tab: the account change then forgets the room, as a logout does.
    if (account.me) checkLogin();
    return render();
  }
  learnFromCreate(model.lastEntry, Boolean(account.me), frame.code);
  if (frame.code === 'consent_missing' && model.lastEntry?.type === 'guest_join') return waitForConsent(model.lastEntry);
  model.guestWaiting = false;
  model.busy = false;
  model.state = null;
  model.identifying = frame.code === 'looks_identifying' && model.lastEntry?.type === 'create' ? model.lastEntry : null;
  const key = entryErrors[frame.code];
  model.startError = key ? t(key) : ((language() === 'en' ? frame.message_en : frame.message) || t('err_generic'));
  render();
}

conn.addEventListener('status', render);
conn.addEventListener('queue', render);
conn.addEventListener('welcome', (e) => {
  model.myId = e.detail.participantId;
  model.inviteCode = e.detail.inviteCode ?? null;
  model.busy = false;
  model.startError = null;
  model.guestWaiting = false;
  model.identifying = null;
  learnFromCreate(model.lastEntry, Boolean(account.me), 'welcome');
  model.lastEntry = null;
  // From a guest link or a team page into the room: the address no longer names a page.
  if (location.hash.startsWith('#/')) history.replaceState(null, '', location.pathname + location.search);
});
conn.addEventListener('state', (e) => {
  announceChanges(model.state, e.detail);
  model.state = e.detail;
  noticesFollow(e.detail);
  saveSnapshot(conn.session?.room_id, model.myId, e.detail);
  fetchMinutesIfDue();
  render();
});
conn.addEventListener('presence', (e) => {
  model.online = new Set(e.detail);
  render();
});
conn.addEventListener('minutes', (e) => {
  model.minutes = e.detail;
  render();
});
const seenSeq = () => conn.session?.last_seq ?? 0;
conn.addEventListener('rejected', (e) => addNotice({ ...e.detail, note: e.detail.entry?.note }, seenSeq()));
conn.addEventListener('notice', (e) => addNotice(e.detail, seenSeq()));
conn.addEventListener('command', clearNotices);
conn.addEventListener('not-sent', () => addNotice({ message: dictionaries.de.offline_not_sent, message_en: dictionaries.en.offline_not_sent, code: 'offline' }, seenSeq()));
conn.addEventListener('entry-failed', (e) => entryFailed(e.detail));
// Sent away for good (removed, access ended, session deleted, token no longer valid): the room is
// forgotten by the connection already; the page says why and offers the start page.
conn.addEventListener('sent-away', (e) => {
  forgetAll();
  clearNotices();
  noticesFollow(null);
  Object.assign(model, { state: null, myId: null, inviteCode: null, minutes: null, minutesSeq: null, busy: false, lastEntry: null, farewell: e.detail.code });
  location.hash = '';
  render();
});

window.addEventListener('hashchange', () => {
  forgetLoaded();
  if (!guestInvitation()) model.guestWaiting = false;
  forgetAdminOutcome();
  forgetRetentionNote();
  forgetForms();
  if (!model.state) model.startError = null;
  render();
});
let loggedIn = false;
onAccountChange(() => {
  forgetLoaded();
  forgetForms();
  // A refusal such as "please log in" is answered by the login itself. Not by the answer to
  // /api/me that says nobody is logged in: after a reload that answer may come after the resume's
  // login_required, and the hint to log in must stay.
  if (!model.state && !(model.resumeAfterLogin && !account.me)) model.startError = null;
  // Logging out leaves nothing of any room behind for the next person at this computer.
  // The server may also end the login (a reset password, an account removed): a room still on
  // screen then goes too, to the start page and its login form.
  if (loggedIn && !account.me) {
    clearAllSessions();
    if (conn.hasSession() || model.state) newSession();
    model.resumeAfterLogin = false;
  }
  loggedIn = Boolean(account.me);
  if (account.me && model.resumeAfterLogin && conn.hasSession()) {
    model.resumeAfterLogin = false;
    conn.resume();
  }
  render();
});
checkLogin();
onLanguageChange(() => {
  render();
  renderNotices();
});
trackDrafts(document.body);
trackLimits(document.body);
startTicking(() => ({ timer: model.state?.timer, paused: model.state?.paused }), () => conn.serverNow());

if (conn.hasSession()) {
  const saved = loadSnapshot(conn.session.room_id);
  if (saved) Object.assign(model, { state: saved.state, myId: saved.participantId, inviteCode: conn.session.invite_code ?? null });
  conn.resume();
}
render();
