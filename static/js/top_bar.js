// Always on screen: where you are, whether the connection holds, the language and the projector.

import { h } from './dom.js';
import { t, pick, language } from './i18n.js';

const statusIcons = { online: '●', connecting: '◌', reconnecting: '↻', offline: '✕', idle: '○' };

function connectionBadge(status, queued) {
  return h('div', { class: `connection ${status}`, role: 'status', 'aria-live': 'polite', 'data-connection': status },
    h('span', { class: 'conn-icon', 'aria-hidden': 'true' }, statusIcons[status] ?? '○'),
    h('span', { class: 'visually-hidden' }, `${t('conn_label')}: `),
    h('span', { class: 'conn-text' }, t(`conn_${status}`)),
    queued > 0 ? h('span', { class: 'conn-queue', 'data-queued': queued }, ` · ${t('pending_count', { n: queued })}`) : null);
}

export function topBar({ state, status, queued, view, account, onLanguage, onProjector, onLeave }) {
  const inRoom = Boolean(state);
  return [
    h('div', { class: 'brand' },
      h('span', { class: 'logo', 'aria-hidden': 'true' }, '◎'), ' casecircle',
      inRoom ? h('span', { class: 'session-info' }, ` · ${pick(state.format_title)} · `, h('span', { class: 'case-code' }, state.case_code)) : h('span', { class: 'session-info' }, ` · ${t('app_tagline')}`)),
    h('div', { class: 'top-actions' },
      account,
      inRoom || status !== 'idle' ? connectionBadge(status, queued) : null,
      // Also in the lobby: the wall then shows the invitation code.
      inRoom && !state.ended
        ? h('button', { type: 'button', class: 'small secondary', 'data-action': 'projector', 'aria-pressed': view === 'projector' ? 'true' : 'false', onclick: onProjector },
          view === 'projector' ? t('projector_close') : t('projector_open'))
        : null,
      // Everyone has a way out of a running room; after the end the page itself offers it.
      inRoom && !state.ended
        ? h('button', { type: 'button', class: 'small secondary', 'data-action': 'leave-session', onclick: onLeave }, t('leave_session'))
        : null,
      h('button', { type: 'button', class: 'small secondary', 'data-action': 'language', lang: language() === 'de' ? 'en' : 'de', 'aria-label': t('lang_switch_label'), onclick: onLanguage }, t('lang_switch'))),
  ];
}
