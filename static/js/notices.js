// Why something was not accepted, in the reader's language, with the text they typed so that a
// rejected entry is not lost either. A refusal answers one moment: once the session has moved on
// (another step, turn or pause, the record it was about, who is there) or the person acts again,
// it explains nothing any more and goes by itself – an old "not your turn" must not stand next to
// one's own turn.

import { h, clear } from './dom.js';
import { t, language } from './i18n.js';

const notices = [];
let nextId = 1;
let lastState = null;

// What a refusal may have been about. Timers and cards are left out: they change all the time
// without making an earlier refusal wrong.
function situation(s) {
  return JSON.stringify([s.started, s.ended, s.current_step, s.paused, s.round?.step ?? null, s.round?.turn ?? null,
    s.round?.round ?? null, s.consent?.at ?? null, s.question?.original?.text ?? null, s.question?.chosen?.question_id ?? null,
    s.decision?.text ?? null, s.advocatus_diaboli ?? null, s.participants?.map((p) => `${p.id}:${p.role}:${p.present}`).join() ?? '']);
}

// seq: the last event the connection had seen when the refusal came. A snapshot older than that
// does not yet show the moment the refusal answered, so it is the first newer one that counts.
export function addNotice({ message, message_en, code, note }, seq = 0) {
  const text = (language() === 'en' ? message_en : message) || message || t('err_generic');
  const notice = { id: nextId++, text, code, note, seq, baseline: null };
  if (lastState && (lastState.seq ?? 0) >= seq) notice.baseline = situation(lastState);
  notices.push(notice);
  if (notices.length > 3) notices.shift();
  renderNotices();
}

export function noticesFollow(state) {
  lastState = state;
  if (!state) return;
  const now = situation(state);
  const before = notices.length;
  for (let i = notices.length - 1; i >= 0; i--) {
    const n = notices[i];
    if ((state.seq ?? 0) < n.seq) continue;
    if (n.baseline === null) n.baseline = now;
    else if (n.baseline !== now) notices.splice(i, 1);
  }
  if (notices.length !== before) renderNotices();
}

// The person tries again: what was said about the last attempt is answered by the new one.
export function clearNotices() {
  if (!notices.length) return;
  notices.length = 0;
  renderNotices();
}

function dismiss(id) {
  const i = notices.findIndex((n) => n.id === id);
  if (i >= 0) notices.splice(i, 1);
  renderNotices();
}

export function renderNotices() {
  const region = document.getElementById('notices');
  clear(region);
  for (const n of notices) {
    region.append(h('div', { class: 'notice', role: 'alert', 'data-code': n.code ?? '' },
      h('p', {}, h('strong', {}, `⚠ ${t('rejected_prefix')} `), n.text),
      n.note ? h('p', { class: 'notice-note' }, `${t('your_text_was')} „${n.note}“`) : null,
      h('button', { type: 'button', class: 'small secondary', onclick: () => dismiss(n.id) }, t('dismiss'))));
  }
}
