// "Sitzung verlassen" (issue #15): everyone can go back to the start page. A participant says
// goodbye to the room first (`leave`, so the others see them gone rather than "not connected");
// the moderator cannot leave (the room would have no moderator) and is told what to do instead,
// or may simply go to the start page and come back later with the invitation code.

import { t } from './i18n.js';
import { ask } from './confirm.js';

export async function leaveSession({ who, conn, connected, onNewSession }) {
  if (who.isModerator) {
    const go = await ask({ title: t('leave_moderator_title'), text: t('leave_moderator_text'), yes: t('to_start_page') });
    if (go) onNewSession();
    return;
  }
  const yes = await ask({ title: t('confirm_leave_title'), text: t('confirm_leave_text'), yes: t('confirm_yes_leave') });
  if (!yes) return;
  // Offline the goodbye could not be delivered before the credentials are gone; the others then
  // see this person as not connected, which is also true.
  if (connected) await conn.settled(conn.command('leave'));
  onNewSession();
}
