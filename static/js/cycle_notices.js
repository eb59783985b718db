// The team's notices from the cycle (GET …/notices): a date coming up without a case (for
// moderators), and each written consultation with its current step and that step's deadline.

import { h } from './dom.js';
import { t } from './i18n.js';
import { load, teamPath } from './team_views.js';
import { dayWhen, instantWhen } from './cycle_words.js';

function noticeItem(n) {
  if (n.kind === 'date_without_case') {
    return h('li', { class: 'cycle-notice', 'data-kind': n.kind, 'data-date': n.date_id },
      h('a', { href: `#/termin/${n.date_id}` }, t('notice_date_without_case', { when: dayWhen(n.day), series: n.series_title })));
  }
  if (n.kind === 'written_step') {
    const step = n.step ? t('notice_written_step', { n: n.step }) : t('notice_written_not_started');
    const deadline = n.deadline ? t('deadline_text', { when: instantWhen(n.deadline) }) : t('deadline_none');
    return h('li', { class: 'cycle-notice', 'data-kind': n.kind, 'data-room': n.room_id },
      t('notice_written', { code: n.case_code }), ': ', step, ' · ', deadline);
  }
  return null;
}

export function noticesPath() {
  return teamPath('notices');
}

// For a page that shows more than the notices (the start page): it is drawn again only when there
// is something to say, so that a page without notices does not change under the reader's hands.
export function quietNotices(rerender) {
  const entry = load(noticesPath(), () => {
    if (entry.status === 'ok' && entry.data.notices.length) rerender();
  });
  return cycleNotices(entry);
}

// Nothing when there is nothing to say (or the notices cannot be read).
export function cycleNotices(entry) {
  const notices = entry.status === 'ok' ? entry.data.notices.map(noticeItem).filter(Boolean) : [];
  if (!notices.length) return null;
  return h('section', { class: 'panel cycle-notices', 'aria-labelledby': 'cycle-notices-heading' },
    h('h2', { id: 'cycle-notices-heading' }, t('notices_heading')),
    h('ul', {}, notices));
}
