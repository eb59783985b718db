// The circle's cycle in words: days and times as people say them ("Mi., 16.12.2026, 14:00"),
// the states of a date and a registered case, and why a case moved on. Days and times of a date
// come from the server in the team's time zone (`day`, `time`) and are shown as they are.

import { t, language, formatDate, formatTime, currentTimeZone, zonedParts } from './i18n.js';

export const rhythms = ['weekly', 'biweekly', 'monthly', 'bimonthly', 'single'];
export const dateCancelReasons = ['no_case', 'too_few_present', 'moderator_absent', 'holiday', 'other'];

function locale() {
  return language() === 'de' ? 'de-DE' : 'en-GB';
}

// Our own short names: the browsers' date libraries differ ("Mi" or "Mi.").
function weekdayName(index) {
  return t('weekdays_short').split(',')[index] ?? '';
}

// "Mi." for a local day YYYY-MM-DD.
export function weekday(day) {
  return weekdayName(new Date(`${day}T12:00:00Z`).getUTCDay());
}

// "Mi., 16.12.2026, 14:00" for a date of the cycle.
export function dateWhen(date) {
  return `${weekday(date.day)}, ${formatDate(date.day)}, ${date.time}`;
}

// "Mi., 16.12.2026" for a local day YYYY-MM-DD.
export function dayWhen(day) {
  return day ? `${weekday(day)}, ${formatDate(day)}` : '';
}

// "3.12." for an instant (ms), in the team's time zone.
export function shortDay(ms) {
  return new Date(ms).toLocaleDateString(locale(), { timeZone: currentTimeZone(), day: 'numeric', month: 'numeric' });
}

// The weekday of an instant in the team's time zone (0 = Sunday).
function weekdayOf(ms) {
  const day = new Date(ms).toLocaleDateString('en-CA', { timeZone: currentTimeZone() });
  return new Date(`${day}T12:00:00Z`).getUTCDay();
}

// "Do., 10.12., 12:00" for an instant (ms): deadlines and cut-offs.
export function instantWhen(ms) {
  if (ms === null || ms === undefined) return '';
  return `${weekdayName(weekdayOf(ms))}, ${shortDay(ms)}, ${formatTime(ms)}`;
}

export function dateStateLabel(state) {
  return t(`date_state_${state}`);
}

export function dateReasonLabel(reason) {
  return dateCancelReasons.includes(reason) ? t(`date_reason_${reason}`) : (reason ?? '');
}

// "abgesagt: Anderer Grund – Fortbildung" for a cancelled date, else the state alone.
export function dateStateText(date) {
  if (date.state !== 'cancelled') return dateStateLabel(date.state);
  const reason = dateReasonLabel(date.cancel_reason);
  return `${dateStateLabel('cancelled')}: ${date.cancel_note ? `${reason} – ${date.cancel_note}` : reason}`;
}

// Why a registered case stands on this date and not on the one it was meant for.
export function rollNote(r) {
  if (!r.rolled_over || !r.rolled_from) return null;
  const key = r.roll_reason === 'date_cancelled' ? 'reg_rolled_date_cancelled' : 'reg_rolled_not_discussed';
  return t(key, { day: shortDay(r.rolled_from) }) + (r.rolled_over > 1 ? ` ${t('reg_rolled_times', { n: r.rolled_over })}` : '');
}

export function sessionLabel(session) {
  return t(`reg_session_${session ?? 'none'}`);
}

export function kindLabel(kind) {
  return t(kind === 'follow_up' ? 'reg_kind_follow_up' : 'reg_kind_new');
}

// The local day YYYY-MM-DD in this browser, `days` from today.
// Today (plus `days`) on the team's calendar.
export function localDay(days = 0) {
  return zonedParts(Date.now() + days * 86400000).day;
}
