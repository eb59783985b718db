// Consequential moderator actions ask first. The dialog lives outside the re-rendered room so a
// snapshot arriving while it is open cannot close it.

import { h, clear } from './dom.js';
import { t } from './i18n.js';

export function ask({ title, text, yes }) {
  const dialog = document.getElementById('confirm-dialog');
  clear(dialog);
  return new Promise((resolve) => {
    const close = (answer) => {
      dialog.close();
      resolve(answer);
    };
    dialog.append(
      h('h2', { id: 'confirm-title' }, title),
      h('p', { id: 'confirm-text' }, text),
      h('div', { class: 'dialog-buttons' },
        h('button', { type: 'button', class: 'secondary', onclick: () => close(false) }, t('confirm_cancel')),
        h('button', { type: 'button', class: 'primary', 'data-action': 'confirm-yes', onclick: () => close(true) }, yes)));
    dialog.oncancel = () => resolve(false);
    dialog.showModal();
    dialog.querySelector('[data-action="confirm-yes"]').focus();
  });
}
