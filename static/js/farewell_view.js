// The page for someone the server has sent away from a room (removed by the moderator, access
// ended, session deleted, or a stored token that no longer opens anything). Said calmly, once,
// with the start page as the way on; the room's credentials are already forgotten
// (connection.js), so nothing tries to get back in.

import { h } from './dom.js';
import { t } from './i18n.js';

const texts = {
  removed_from_session: 'farewell_removed_from_session',
  access_revoked: 'farewell_access_revoked',
  session_deleted: 'farewell_session_deleted',
  unknown_token: 'farewell_unknown_token',
};

export function farewellView({ code, onStart }) {
  return h('section', { class: 'session-closed farewell', 'data-farewell': code, 'aria-labelledby': 'farewell-heading' },
    h('h1', { id: 'farewell-heading' }, t('farewell_heading')),
    h('p', { role: 'status', class: 'closed-text' }, t(texts[code] ?? 'farewell_unknown_token')),
    h('div', { class: 'control-row' },
      h('button', { type: 'button', class: 'primary', 'data-action': 'to-start', onclick: onStart }, t('to_start_page'))));
}
