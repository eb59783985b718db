// Small forms whose fields keep their drafts across re-renders and are emptied once the command
// is queued (the queue keeps it from there, also across a broken connection).

import { h } from './dom.js';
import { draft, forget } from './drafts.js';

export function textField({ id, label, hint, draftKey, fallback = '', multiline = false, rows = 3, ...attrs }) {
  const hintId = hint ? `${id}-hint` : null;
  const common = { id, name: id, 'data-draft': draftKey, 'aria-describedby': hintId, ...attrs };
  const input = multiline
    ? h('textarea', { rows, ...common }, draft(draftKey, fallback))
    : h('input', { value: draft(draftKey, fallback), ...common });
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    input);
}

// fields: textField option objects. onSubmit(values) returns false to keep the drafts.
export function recordForm({ name, fields, submitLabel, onSubmit, extra = null, keepDrafts = false }) {
  const form = h('form', { class: 'record-form', 'data-form': name },
    fields.map(textField), extra,
    h('button', { type: 'submit', class: 'primary' }, submitLabel));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const values = Object.fromEntries(new FormData(form).entries());
    for (const k of Object.keys(values)) if (typeof values[k] === 'string') values[k] = values[k].trim();
    if (onSubmit(values) === false) return;
    if (!keepDrafts) {
      forget(...fields.map((f) => f.draftKey));
      form.reset();
      form.querySelectorAll('textarea, input').forEach((el) => { if (el.type !== 'radio') el.value = ''; });
    }
  });
  return form;
}
