// "Sitzung absagen": the moderator says why the session does not take place. The reasons are the
// engine's (ENGINE.md, cancel_session); "Anderer Grund" needs a few words, which the dialog asks
// for before anything is sent. Lives in the same <dialog> as the confirmations (confirm.js), so a
// snapshot arriving meanwhile cannot close it.

import { h, clear } from './dom.js';
import { t } from './i18n.js';

export const cancelReasons = ['no_case', 'too_few_present', 'case_withdrawn', 'other'];

// Resolves with { reason, note } or null when the moderator thinks better of it. A circle date
// is cancelled through the same dialog with its own reasons and words (date_actions.js).
export function askCancellation({ reasons = cancelReasons, label = (r) => t(`cancel_reason_${r}`), title = t('cancel_dialog_title'),
  intro = t('cancel_dialog_intro'), yes = t('confirm_yes_cancel_session'), action = 'confirm-cancel-session', noteMissing = 'cancel_note_missing' } = {}) {
  const dialog = document.getElementById('confirm-dialog');
  clear(dialog);
  return new Promise((resolve) => {
    const problem = h('p', { class: 'alert', id: 'cancel-problem', role: 'alert', hidden: true });
    const form = h('form', { method: 'dialog', class: 'cancel-form', novalidate: true },
      h('h2', { id: 'confirm-title' }, title),
      h('p', { id: 'confirm-text' }, intro),
      h('fieldset', { class: 'cancel-reasons' },
        h('legend', {}, t('cancel_reason_legend')),
        reasons.map((reason) => h('div', { class: 'radio-choice' },
          h('input', { type: 'radio', name: 'reason', id: `cancel-reason-${reason}`, value: reason }),
          h('label', { for: `cancel-reason-${reason}` }, label(reason))))),
      h('div', { class: 'field' },
        h('label', { for: 'cancel-note' }, t('cancel_note_label')),
        h('textarea', { id: 'cancel-note', name: 'note', rows: 2, maxlength: 300, 'aria-describedby': 'cancel-problem' })),
      problem,
      h('div', { class: 'dialog-buttons' },
        h('button', { type: 'button', class: 'secondary', onclick: () => close(null) }, t('confirm_cancel')),
        h('button', { type: 'submit', class: 'danger', 'data-action': action }, yes)));
    const close = (answer) => {
      dialog.close();
      resolve(answer);
    };
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const reason = form.elements.reason.value;
      const note = form.elements.note.value.trim();
      const missing = !reason ? 'cancel_reason_missing' : (reason === 'other' && !note ? noteMissing : null);
      problem.hidden = !missing;
      if (missing) {
        problem.textContent = t(missing);
        (reason ? form.elements.note : form.querySelector('input[name="reason"]')).focus();
        return;
      }
      close(note ? { reason, note } : { reason });
    });
    dialog.append(form);
    dialog.oncancel = () => resolve(null);
    dialog.showModal();
    form.querySelector('input[name="reason"]').focus();
  });
}
