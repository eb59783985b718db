// The forms of the circle's cycle: what became of each form's last submission (busy, done, or
// the server's refusal), kept across redraws and forgotten on a change of address; and fields
// that show the server's words next to themselves when a 400 invalid_field names them.

import { h } from './dom.js';
import { t, language } from './i18n.js';
import { draft, forget } from './drafts.js';
import { errorText } from './account_view.js';

const states = new Map();

export function formState(key) {
  return states.get(key) ?? {};
}

export function forgetForms() {
  states.clear();
}

export function clearForm(key) {
  states.delete(key);
}

// Runs call() for the form `key`; done(result) gives the confirmation to show (or null).
export async function submit(key, call, rerender, done = () => null) {
  states.set(key, { busy: true });
  rerender();
  try {
    const result = await call();
    states.set(key, { done: done(result) });
    rerender();
    return result;
  } catch (error) {
    states.set(key, { error });
    rerender();
    return null;
  }
}

function errorWords(error) {
  return (language() === 'en' ? error.message_en : error.message_de) || errorText(error);
}

// The refusal that named `field` of form `key`, or null.
function fieldError(key, field) {
  const { error } = formState(key);
  return error?.code === 'invalid_field' && error.field === field ? error : null;
}

// The server's words for a group of fields it names as one (e.g. `report`), or null.
export function groupProblem(key, name) {
  const problem = fieldError(key, name);
  return problem ? h('p', { class: 'field-error', id: `${key}-${name}-error`, 'data-error-for': name, role: 'alert' }, errorWords(problem)) : null;
}

// What the form says under its button: a refusal no field took, or the confirmation.
export function formOutcome(key, fields = []) {
  const { error, done, busy } = formState(key);
  if (busy) return h('p', { class: 'note', role: 'status' }, t('entering'));
  if (error && !(error.code === 'invalid_field' && fields.includes(error.field))) {
    return h('p', { class: 'alert', role: 'alert', 'data-error': error.code }, errorWords(error));
  }
  if (done) return h('p', { class: 'success', role: 'status', 'data-done': key }, done);
  return null;
}

export function busy(key) {
  return Boolean(formState(key).busy);
}

// One labelled field whose value survives redraws (drafts.js). kind: 'input' | 'textarea' |
// 'select' (options: [[value, label]]). The server's words stand right under it when it named it.
export function field(key, { name, label, hint, draftKey, fallback = '', kind = 'input', options = [], ...attrs }) {
  const id = `${key}-${name}`;
  const problem = fieldError(key, name);
  const hintId = hint ? `${id}-hint` : null;
  const errorId = problem ? `${id}-error` : null;
  const value = String(draft(draftKey, fallback) ?? '');
  const common = { id, name, 'data-draft': draftKey, 'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || null,
    'aria-invalid': problem ? 'true' : null, ...attrs };
  let control;
  if (kind === 'textarea') control = h('textarea', common, value);
  else if (kind === 'select') {
    control = h('select', common, options.map(([v, text]) => h('option', { value: v, selected: v === value ? 'selected' : null }, text)));
  } else control = h('input', { ...common, value });
  return h('div', { class: `field${problem ? ' invalid' : ''}`, 'data-field': name },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    control,
    problem ? h('p', { class: 'field-error', id: errorId, 'data-error-for': name }, errorWords(problem)) : null);
}

// The form's drafts go once the server has taken it.
export function forgetDrafts(...keys) {
  forget(...keys);
}

// After a refusal naming a field, the field gets the focus (the words are read out with it).
export function focusProblem(key) {
  const error = formState(key).error;
  if (error?.field) document.getElementById(`${key}-${error.field}`)?.focus();
}

// A number field's value for the server: an integer as a number, empty as absent, anything else
// as typed (the server then says what it must be).
export function integerValue(text) {
  const s = String(text ?? '').trim();
  if (s === '') return undefined;
  return /^-?\d+$/.test(s) ? Number(s) : s;
}
