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

// The same dialog with one text field: resolves to the trimmed text, or null when cancelled.
// An empty field keeps the dialog open with the field marked (the engine would refuse it).
export function askText({ title, text, label, value = '', yes, multiline = false, maxlength = 500 }) {
  const dialog = document.getElementById('confirm-dialog');
  clear(dialog);
  const field = h(multiline ? 'textarea' : 'input', { id: 'confirm-field', name: 'text', maxlength, rows: multiline ? 4 : null, required: true }, multiline ? value : null);
  if (!multiline) field.value = value;
  return new Promise((resolve) => {
    const close = (answer) => {
      dialog.close();
      resolve(answer);
    };
    const submit = () => {
      const answer = field.value.trim();
      if (!answer) {
        field.setAttribute('aria-invalid', 'true');
        return field.focus();
      }
      close(answer);
    };
    dialog.append(
      h('h2', { id: 'confirm-title' }, title),
      text ? h('p', { id: 'confirm-text' }, text) : null,
      h('div', { class: 'field' }, h('label', { for: 'confirm-field' }, label), field),
      h('div', { class: 'dialog-buttons' },
        h('button', { type: 'button', class: 'secondary', onclick: () => close(null) }, t('confirm_cancel')),
        h('button', { type: 'button', class: 'primary', 'data-action': 'confirm-yes', onclick: submit }, yes)));
    dialog.oncancel = () => resolve(null);
    dialog.showModal();
    field.focus();
  });
}
