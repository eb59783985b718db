// Registering a case for a circle date, and later finishing its drafts: case code (when
// registering), format, the consultation question and the four parts of the short report (step
// 1's outline), and the time it needs. A draft is finished over days: what is typed stays in the
// browser until it is saved, and what is saved is the server's from then on.

import { h } from './dom.js';
import { t, pick } from './i18n.js';
import { api } from './api.js';
import { formats } from './formats.js';
import { teamPath } from './team_views.js';
import { field, groupProblem, submit, formOutcome, formState, busy, forgetDrafts, focusProblem, integerValue } from './form_state.js';

export const reportParts = [
  ['history', 'summary_history', 'summary_history_hint'],
  ['initial_situation', 'summary_initial', 'summary_initial_hint'],
  ['work_so_far', 'summary_work', 'summary_work_hint'],
  ['service_steering', 'summary_steering', 'summary_steering_hint'],
];

const names = ['case_code', 'format', 'question', 'report', 'minutes_needed'];

function draftKeys(prefix) {
  return [...names.filter((n) => n !== 'report'), ...reportParts.map(([part]) => part)].map((n) => `${prefix}.${n}`);
}

function fields(key, prefix, saved, withCode) {
  const f = (name, options) => field(key, { name, draftKey: `${prefix}.${name}`, ...options });
  return [
    withCode ? f('case_code', { label: t('case_code_label'), hint: t('case_code_hint'), maxlength: 40, autocomplete: 'off', spellcheck: 'false' }) : null,
    h('div', { class: 'filter-grid' },
      f('format', { label: t('reg_format_label'), kind: 'select', fallback: saved?.format ?? 'qualitaetszirkel', options: formats.map((x) => [x.id, pick(x.title)]) }),
      f('minutes_needed', { label: t('reg_minutes_label'), hint: t('reg_minutes_hint'), type: 'number', min: 5, max: 480, inputmode: 'numeric',
        fallback: saved ? String(saved.minutes_needed) : '' })),
    f('question', { label: t('reg_question_label'), hint: t('reg_question_hint'), kind: 'textarea', rows: 2, maxlength: 500, fallback: saved?.question ?? '' }),
    h('fieldset', { class: 'report-parts' },
      h('legend', {}, t('reg_report_legend')),
      h('p', { class: 'hint' }, t('reg_report_hint')),
      groupProblem(key, 'report'),
      reportParts.map(([part, label, hint]) => field(key, { name: `report-${part}`, draftKey: `${prefix}.${part}`, label: t(label), hint: t(hint),
        kind: 'textarea', rows: 3, maxlength: 4000, fallback: saved?.report?.[part] ?? '' }))),
  ];
}

function bodyOf(form, withCode) {
  const v = Object.fromEntries(new FormData(form).entries());
  const body = {
    format: v.format,
    question: v.question.trim(),
    report: Object.fromEntries(reportParts.map(([part]) => [part, v[`report-${part}`].trim()])),
    minutes_needed: integerValue(v.minutes_needed),
  };
  if (withCode) body.case_code = v.case_code.trim();
  return body;
}

// A new registration for the date; onDone(registration) once the server has it.
export function registerForm(date, rerender, onDone) {
  const key = `register-${date.date_id}`;
  const prefix = `register.${date.date_id}`;
  const form = h('form', { class: 'card-panel registration-form', 'aria-labelledby': 'register-heading', novalidate: true, 'data-form': 'register' },
    h('h2', { id: 'register-heading' }, t('register_heading')),
    h('p', {}, t('register_intro')),
    fields(key, prefix, null, true),
    h('button', { type: 'submit', class: 'primary', disabled: busy(key) }, t('register_submit')),
    formOutcome(key, names),
    // The case code looked like it names a person (looks_identifying): said in words above; the
    // person may confirm that no real person is meant, as when opening a session.
    formState(key).error?.code === 'looks_identifying'
      ? h('p', {}, h('label', { class: 'checkbox-field' }, h('input', { type: 'checkbox', name: 'confirm_identifying', 'data-action': 'confirm-identifying' }), ' ', t('confirm_identifying_register')))
      : null);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = bodyOf(form, true);
    if (form.elements.confirm_identifying?.checked) body.confirm_identifying = true;
    const made = await submit(key, () => api('POST', teamPath(`circle-dates/${date.date_id}/registrations`), body), rerender,
      (r) => t('register_done', { code: r.case_code }));
    if (made) {
      forgetDrafts(...draftKeys(prefix));
      onDone(made);
    } else focusProblem(key);
  });
  return form;
}

// The drafts of a registration, saved as often as its author likes until the session opens.
export function draftForm(registration, rerender, onDone) {
  const id = registration.registration_id;
  const key = `reg-${id}`;
  const prefix = `reg.${id}`;
  const form = h('form', { class: 'card-panel registration-form', 'aria-labelledby': 'draft-heading', novalidate: true, 'data-form': 'drafts' },
    h('h2', { id: 'draft-heading' }, t('reg_edit_heading')),
    h('p', {}, t('reg_edit_intro')),
    fields(key, prefix, registration, false),
    h('button', { type: 'submit', class: 'primary', disabled: busy(key) }, t('reg_save')),
    formOutcome(key, names));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = bodyOf(form, false);
    const saved = await submit(key, () => api('POST', teamPath(`registrations/${id}`), body), rerender, () => t('reg_saved'));
    if (saved) {
      forgetDrafts(...draftKeys(prefix));
      onDone(saved);
    } else focusProblem(key);
  });
  return form;
}
