// Why something was not accepted, in the reader's language, with the text they typed so that a
// rejected entry is not lost either.

import { h, clear } from './dom.js';
import { t, language } from './i18n.js';

const notices = [];
let nextId = 1;

export function addNotice({ message, message_en, code, note }) {
  const text = (language() === 'en' ? message_en : message) || message || t('err_generic');
  notices.push({ id: nextId++, text, code, note });
  if (notices.length > 3) notices.shift();
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
